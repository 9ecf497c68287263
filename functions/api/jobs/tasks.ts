/** Registers every scheduled task; imported by the schedule handler and the local runtime. */
import { closeDueChallenges } from '../../store/challenges.js';
import { scheduledTasks } from './schedule.js';
import { oneStopReminderTask } from './one-stop-reminders.js';

// Challenges stop taking donations after their deadline day (JST); closing is conditional on 'open', so reruns are no-ops.
scheduledTasks.push({ name: 'close-challenges', run: (db, now) => closeDueChallenges(db, now) });

// One-stop (ワンストップ特例) forms not yet received: one reminder per donation between 20 Dec and 10 Jan (JST).
scheduledTasks.push(oneStopReminderTask);
