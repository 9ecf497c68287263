/** Is the site able to serve: the database answers one cheap read within a short timeout. */
import { pingTable } from '../store/health.js';
import type { ServiceContext } from './context.js';

export const HEALTH_TIMEOUT_MS = 1500;

export type Health = { status: 'ok'; time: string; database: 'ok' } | { status: 'unavailable'; time: string; database: 'unreachable' };

export async function checkHealth(ctx: ServiceContext, timeoutMs = HEALTH_TIMEOUT_MS): Promise<Health> {
  const time = new Date().toISOString();
  try {
    await pingTable(ctx.db, timeoutMs);
    return { status: 'ok', time, database: 'ok' };
  } catch {
    return { status: 'unavailable', time, database: 'unreachable' };
  }
}
