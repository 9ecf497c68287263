/**
 * The audit log is a hash chain: each record carries the hash of the one before it in the same chain,
 * so changing or removing a record breaks every hash after it. Verification needs nothing but the records.
 */
import { createHash } from 'node:crypto';

export interface AuditInput {
  actor: string;
  role: string;
  action: string;
  target: string;
  before?: unknown;
  after?: unknown;
  requestId?: string;
}

export interface AuditRecord extends AuditInput {
  chain: string;
  seq: number;
  at: string;
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** Canonical JSON: keys sorted at every depth, so the hash does not depend on property order. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function hashAuditRecord(record: Omit<AuditRecord, 'hash'>): string {
  const { chain, seq, at, prevHash, actor, role, action, target, before, after, requestId } = record;
  return createHash('sha256')
    .update(canonicalJson({ chain, seq, at, prevHash, actor, role, action, target, before, after, requestId }))
    .digest('hex');
}

export function nextAuditRecord(
  chain: string,
  tip: { seq: number; hash: string } | undefined,
  input: AuditInput,
  at: string,
): AuditRecord {
  const base = { ...input, chain, seq: (tip?.seq ?? 0) + 1, at, prevHash: tip?.hash ?? GENESIS_HASH };
  return { ...base, hash: hashAuditRecord(base) };
}

/** What is wrong at one record of a chain; the words are the catalog's (`audit.problem.<problem>`). */
export interface ChainProblem {
  seq: number;
  problem: 'hash_mismatch' | 'broken_link' | 'gap' | 'tip_mismatch';
  /** The record numbers the sentence names. */
  params: Record<string, number>;
}

/** Walks records in seq order; a tip (the stored head) catches removal of the newest records too. */
export function verifyAuditChain(
  records: readonly AuditRecord[],
  tip?: { seq: number; hash: string },
): ChainProblem[] {
  const problems: ChainProblem[] = [];
  let prev = { seq: 0, hash: GENESIS_HASH };
  for (const r of [...records].sort((a, b) => a.seq - b.seq)) {
    if (r.seq !== prev.seq + 1) problems.push({ seq: r.seq, problem: 'gap', params: { expected: prev.seq + 1, seq: r.seq } });
    if (r.prevHash !== prev.hash) problems.push({ seq: r.seq, problem: 'broken_link', params: { seq: r.seq, prev: prev.seq } });
    const { hash, ...rest } = r;
    if (hashAuditRecord(rest) !== hash) problems.push({ seq: r.seq, problem: 'hash_mismatch', params: { seq: r.seq } });
    prev = { seq: r.seq, hash: r.hash };
  }
  if (tip && (tip.seq !== prev.seq || tip.hash !== prev.hash)) {
    problems.push({ seq: tip.seq, problem: 'tip_mismatch', params: { last: prev.seq, seq: tip.seq } });
  }
  return problems;
}
