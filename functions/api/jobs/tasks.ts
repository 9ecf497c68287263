/** Registers every scheduled task; imported by the schedule handler and the local runtime. */
import { closeDueChallenges } from '../../store/challenges.js';
import { scheduledTasks } from './schedule.js';

// Challenges stop taking donations after their deadline day (JST); closing is conditional on 'open', so reruns are no-ops.
scheduledTasks.push({ name: 'close-challenges', run: (db, now) => closeDueChallenges(db, now) });
