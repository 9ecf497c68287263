import { describe, expect, it } from 'vitest';
import { nextAuditRecord, verifyAuditChain, type AuditRecord } from '../../functions/domain/audit.js';

function chain(n: number): AuditRecord[] {
  const out: AuditRecord[] = [];
  for (let i = 0; i < n; i++) {
    out.push(nextAuditRecord('town:113611', out.at(-1), { actor: 'treasurer-yokoze', role: 'treasurer:113611', action: 'allocation.approve', target: `allocation:${i}`, after: { amount: 1000 * (i + 1) } }, `2026-11-28T00:00:0${i}Z`));
  }
  return out;
}

describe('audit hash chain', () => {
  it('verifies an untouched chain', () => {
    const records = chain(5);
    expect(verifyAuditChain(records, records.at(-1))).toEqual([]);
  });

  it('detects a changed amount', () => {
    const records = chain(5);
    records[2] = { ...records[2]!, after: { amount: 999_999 } };
    const problems = verifyAuditChain(records, records.at(-1));
    expect(problems.map((p) => p.problem)).toContain('hash_mismatch');
    expect(problems[0]!.seq).toBe(3);
  });

  it('detects a removed record in the middle and at the end', () => {
    const records = chain(5);
    const withoutMiddle = records.filter((r) => r.seq !== 3);
    expect(verifyAuditChain(withoutMiddle, records.at(-1)).map((p) => p.problem)).toEqual(expect.arrayContaining(['gap', 'broken_link']));
    const withoutLast = records.slice(0, 4);
    expect(verifyAuditChain(withoutLast, records.at(-1)).map((p) => p.problem)).toEqual(['tip_mismatch']);
  });

  it('detects a record rewritten with a recomputed hash (the next link breaks)', () => {
    const records = chain(4);
    const forged = nextAuditRecord('town:113611', records[0], { ...records[1]!, after: { amount: 1 } }, records[1]!.at);
    records[1] = forged;
    expect(verifyAuditChain(records, records.at(-1)).map((p) => p.problem)).toContain('broken_link');
  });
});
