/**
 * Pure balance arithmetic, used by the store to decide where a posting lands and by verification to
 * recompute every balance from the journal.
 */
import type { Yen } from '../money.js';
import { accountInfo } from './accounts.js';
import { balanceDelta, type JournalEntry } from './entry.js';
import { DomainError } from '../errors.js';

export type Balances = ReadonlyMap<string, Yen>;

/** Applies an entry to balances, refusing it if a constrained account would go negative. */
export function applyEntry(balances: Balances, entry: JournalEntry): Map<string, Yen> {
  const next = new Map(balances);
  for (const p of entry.postings) {
    const info = accountInfo(p.account);
    const value = (next.get(p.account) ?? 0) + balanceDelta(info, p.amount);
    if (info.constrained && value < 0) {
      throw new InsufficientFundsError(p.account, -balanceDelta(info, p.amount), next.get(p.account) ?? 0);
    }
    next.set(p.account, value);
  }
  return next;
}

export class InsufficientFundsError extends DomainError {
  override name = 'InsufficientFundsError';
  constructor(
    readonly account: string,
    readonly needed: Yen,
    readonly available: Yen,
  ) {
    super('conflict', 'insufficient_funds', `insufficient funds in ${account}: needs ¥${needed}, has ¥${available}`, { params: { account, needed, available } });
  }
}

/**
 * Splits a decrease of a sharded account over its shards, largest first, so that no shard goes
 * negative. Returns undefined when the shards together cannot cover it.
 */
export function planShardDraw(shardBalances: readonly Yen[], amount: Yen): Map<number, Yen> | undefined {
  const order = shardBalances.map((b, i) => [i, b] as const).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const plan = new Map<number, Yen>();
  let left = amount;
  for (const [shard, balance] of order) {
    if (left === 0) break;
    const take = Math.min(Math.max(balance, 0), left);
    if (take > 0) {
      plan.set(shard, take);
      left -= take;
    }
  }
  return left === 0 ? plan : undefined;
}

/** Deterministic shard for an inflow, so that a retried entry lands on the same item. */
export function shardFor(entryId: string, shards: number): number {
  if (shards <= 1) return 0;
  let h = 2166136261;
  for (let i = 0; i < entryId.length; i++) {
    h ^= entryId.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0) % shards;
}
