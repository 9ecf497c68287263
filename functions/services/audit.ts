/**
 * Reading the audit log: who may read which hash chain, the records they may see, and whether those
 * chains still verify. Treasurers read their towns' chains; admins read every chain.
 */
import { hasRole, isAdmin, townsWithRole, type Actor } from '../domain/actor.js';
import type { AuditRecord } from '../domain/audit.js';
import type { Municipality } from '../domain/catalog.js';
import { refuse } from '../domain/errors.js';
import { auditChains, searchAudit, verifyAuditChains } from '../store/audit.js';
import { listTowns } from '../store/catalog.js';
import type { ServiceContext } from './context.js';

export interface AuditFilter {
  target?: string;
  actor?: string;
  town?: string;
}

/**
 * The chains this actor may read, narrowed to one town's chain when asked.
 * @example await readableChains(ctx, treasurer, '113611') // ['town:113611']
 */
export async function readableChains(ctx: ServiceContext, actor: Actor, town?: string): Promise<string[]> {
  const all = await auditChains(ctx.db);
  const allowed = isAdmin(actor) ? all : all.filter((c) => townsWithRole(actor, 'treasurer').some((t) => c === `town:${t}`));
  return town ? allowed.filter((c) => c === `town:${town}`) : allowed;
}

function assertReader(actor: Actor | undefined): Actor {
  if (!actor) throw refuse.unauthenticated();
  if (!isAdmin(actor) && !hasRole(actor, 'treasurer')) throw refuse.forbidden();
  return actor;
}

/**
 * Records newest first from the chains the actor may read, and whether every one of those chains verifies.
 * @example const { records, chainsOk } = await searchAuditLog(ctx, admin, { target: 'allocation:' })
 */
export async function searchAuditLog(ctx: ServiceContext, actor: Actor | undefined, filter: AuditFilter): Promise<{ records: AuditRecord[]; chainsOk: boolean }> {
  const chains = await readableChains(ctx, assertReader(actor), filter.town);
  const [records, check] = await Promise.all([searchAudit(ctx.db, chains, filter), verifyAuditChains(ctx.db)]);
  return { records, chainsOk: !check.problems.some((p) => chains.includes(p.chain)) };
}

/**
 * The audit log page: the search, and the towns its filter offers (those whose chain the actor reads).
 * @example const { records, towns } = await auditLogOverview(ctx, treasurer, {})
 */
export async function auditLogOverview(ctx: ServiceContext, actor: Actor | undefined, filter: AuditFilter): Promise<{ records: AuditRecord[]; chainsOk: boolean; towns: Municipality[] }> {
  const reader = assertReader(actor);
  const [chains, found, towns] = await Promise.all([readableChains(ctx, reader, filter.town), searchAuditLog(ctx, reader, filter), listTowns(ctx.db)]);
  return { ...found, towns: towns.filter((t) => chains.includes(`town:${t.code}`) || !filter.town) };
}
