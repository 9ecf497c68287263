/**
 * Periodic work (EventBridge every 15 minutes in AWS; a timer locally). Each task is idempotent and
 * safe to run late or twice. Feature modules register their task here.
 */
import type { Db } from '../../store/db.js';

export interface ScheduledTask {
  name: string;
  run(db: Db, now: Date): Promise<Record<string, unknown>>;
}

export const scheduledTasks: ScheduledTask[] = [];

export async function runScheduled(db: Db, now = new Date()): Promise<Record<string, Record<string, unknown>>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const task of scheduledTasks) out[task.name] = await task.run(db, now);
  return out;
}
