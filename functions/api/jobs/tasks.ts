/** Registers every scheduled task; imported by the schedule handler and the local runtime. */
import { closeDueChallenges } from '../../store/challenges.js';
import { scheduledTasks } from './schedule.js';
import { expireDuePledges } from '../corporate-actions.js';
import { oneStopReminderTask } from './one-stop-reminders.js';
import { expireAllocations } from '../../store/allocations.js';
import { expireGovernanceProposals } from '../../store/governance.js';

// Challenges stop taking donations after their deadline day (JST); closing is conditional on 'open', so reruns are no-ops.
scheduledTasks.push({ name: 'close-challenges', run: (db, now) => closeDueChallenges(db, now) });

// One-stop (ワンストップ特例) forms not yet received: one reminder per donation between 20 Dec and 10 Jan (JST).
scheduledTasks.push(oneStopReminderTask);

// Unpaid corporate-version pledges expire after their regional plan's (or the scheme's) end; conditional on 'pledged', so reruns are no-ops.
scheduledTasks.push({ name: 'expire-corporate-pledges', run: (db, now) => expireDuePledges({ db, baseUrl: process.env.APP_BASE_URL }, now) });

// Allocation proposals and fund rule-change proposals lapse after their deadline; conditional on 'proposed' and the deadline, so reruns are no-ops.
scheduledTasks.push({ name: 'expire-allocations', run: async (db, now) => ({ ...(await expireAllocations(db, now)), governance: await expireGovernanceProposals(db, now) }) });

// Once per table: pointers for the treasurer's per-town donation list for donations paid before it existed; afterwards a single marker read.
