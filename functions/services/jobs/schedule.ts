/**
 * Periodic work (EventBridge every 15 minutes in AWS; a timer locally). Each task is a service workflow that
 * is idempotent and safe to run late or twice: every change it makes is conditional on the state it expects.
 */
import type { Db } from '../../store/db.js';
import type { ServiceContext } from '../context.js';
import { expireDueAllocations } from '../allocations.js';
import { closeDueChallenges } from '../challenges.js';
import { expireDueGovernanceProposals } from '../fund-governance.js';
import { remindOneStopForms } from '../one-stop.js';
import { expireDuePledges } from '../pledges.js';

/** What a scheduled task gets: the table, the run's clock and the base URL for links in mail. */
export type JobContext = Pick<ServiceContext, 'db' | 'now'> & { baseUrl?: string };

export interface ScheduledTask {
  name: string;
  run(ctx: JobContext): Promise<Record<string, unknown>>;
}

export const scheduledTasks: readonly ScheduledTask[] = [
  // Challenges stop taking donations after their deadline day (JST); closing is conditional on 'open'.
  { name: 'close-challenges', run: closeDueChallenges },
  // One-stop (ワンストップ特例) forms not yet received: one reminder per donation between 20 Dec and 10 Jan (JST).
  { name: 'one-stop-reminders', run: remindOneStopForms },
  // Unpaid corporate-version pledges expire after their regional plan's (or the scheme's) end; conditional on 'pledged'.
  { name: 'expire-corporate-pledges', run: (ctx) => expireDuePledges(ctx, ctx.now()) },
  // Allocation and fund rule-change proposals lapse after their deadline; conditional on 'proposed' and the deadline.
  { name: 'expire-allocations', run: async (ctx) => ({ ...(await expireDueAllocations(ctx)), governance: await expireDueGovernanceProposals(ctx) }) },
];

/**
 * Runs every task once, in order, and reports what each did.
 * @example await runScheduled(db, new Date('2026-12-20T09:00:00+09:00'))
 */
export async function runScheduled(db: Db, now = new Date(), baseUrl = process.env.APP_BASE_URL): Promise<Record<string, Record<string, unknown>>> {
  const ctx: JobContext = { db, now: () => now, baseUrl };
  const out: Record<string, Record<string, unknown>> = {};
  for (const task of scheduledTasks) out[task.name] = await task.run(ctx);
  return out;
}
