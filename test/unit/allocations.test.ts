import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocationEntry, allocationTargetProblem, drawProblems, effectiveAllocationStatus, newAllocationDecision, splitByShare } from '../../functions/domain/allocations.js';
import { validateEntry } from '../../functions/domain/ledger/entry.js';

const Y = '113611';
const B = '074071';
const A = '325252';
const fund = { members: [Y, B, A], governance: { rule: 'all_drawn' as const } };

describe('splitByShare', () => {
  it('splits in proportion, remainder to the largest share', () => {
    expect(splitByShare(1_000_000, [{ town: Y, available: 3_000_000 }, { town: B, available: 3_000_000 }, { town: A, available: 3_000_000 }])).toEqual([
      { town: Y, amount: 333_334 },
      { town: B, amount: 333_333 },
      { town: A, amount: 333_333 },
    ]);
    expect(splitByShare(10, [{ town: Y, available: 1 }, { town: B, available: 6 }, { town: A, available: 3 }])).toEqual([
      { town: Y, amount: 1 },
      { town: B, amount: 6 },
      { town: A, amount: 3 },
    ]);
    expect(splitByShare(7, [{ town: Y, available: 10 }, { town: B, available: 20 }])).toEqual([
      { town: Y, amount: 2 },
      { town: B, amount: 5 },
    ]);
  });

  it('never draws more than a share holds, even when the largest share cannot take the whole remainder', () => {
    // floor(5·2/6) = 1 each, 2 yen left: the largest (first of equals) can only take 1 more.
    expect(splitByShare(5, [{ town: Y, available: 2 }, { town: B, available: 2 }, { town: A, available: 2 }])).toEqual([
      { town: Y, amount: 2 },
      { town: B, amount: 2 },
      { town: A, amount: 1 },
    ]);
  });

  it('leaves out empty shares and refuses more than all shares hold', () => {
    expect(splitByShare(100, [{ town: Y, available: 0 }, { town: B, available: 100 }])).toEqual([{ town: B, amount: 100 }]);
    expect(() => splitByShare(101, [{ town: B, available: 100 }])).toThrow(/less than/);
    expect(() => splitByShare(0, [{ town: B, available: 100 }])).toThrow();
    expect(() => splitByShare(1.5, [{ town: B, available: 100 }])).toThrow();
  });

  it('property: sums to the amount exactly, whole yen, within every share, close to proportional', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1e12 }), { minLength: 1, maxLength: 5 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (sizes, frac) => {
          const shares = sizes.map((available, i) => ({ town: String(i), available }));
          const total = sizes.reduce((a, b) => a + b, 0);
          fc.pre(total > 0);
          const amount = Math.max(1, Math.floor(total * frac));
          const draws = splitByShare(amount, shares);
          expect(draws.reduce((a, d) => a + d.amount, 0)).toBe(amount);
          for (const d of draws) {
            const s = shares.find((x) => x.town === d.town)!;
            expect(Number.isSafeInteger(d.amount)).toBe(true);
            expect(d.amount).toBeGreaterThan(0);
            expect(d.amount).toBeLessThanOrEqual(s.available);
            // Within the number of shares of the exact proportional part.
            expect(Math.abs(d.amount - (amount * s.available) / total)).toBeLessThanOrEqual(sizes.length + 1e-6 * amount);
          }
        },
      ),
    );
  });
});

describe('draw rules', () => {
  it('refuses non-members, duplicates, non-positive or fractional amounts, empty and too many draws', () => {
    expect(drawProblems([{ town: Y, amount: 1 }], fund)).toEqual([]);
    expect(drawProblems([{ town: '131130', amount: 1 }], fund)[0]?.code).toBe('not_member');
    expect(drawProblems([{ town: Y, amount: 1 }, { town: Y, amount: 2 }], fund)[0]?.code).toBe('duplicate');
    expect(drawProblems([{ town: Y, amount: 0 }], fund)[0]?.code).toBe('amount');
    expect(drawProblems([{ town: Y, amount: -5 }], fund)[0]?.code).toBe('amount');
    expect(drawProblems([{ town: Y, amount: 0.5 }], fund)[0]?.code).toBe('amount');
    expect(drawProblems([], fund)[0]?.code).toBe('empty');
    expect(drawProblems(Array.from({ length: 6 }, () => ({ town: Y, amount: 1 })), { members: [Y] }).some((p) => p.code === 'too_many')).toBe(true);
  });

  it('requires every drawn town under all_drawn, and the quorum of member towns under quorum', () => {
    expect(newAllocationDecision(fund, [{ town: Y, amount: 1 }, { town: B, amount: 2 }])).toEqual({ rule: { rule: 'all_drawn' }, requirement: { eligible: [Y, B], needed: 2 }, total: 3 });
    expect(newAllocationDecision({ ...fund, governance: { rule: 'quorum', quorum: 2 } }, [{ town: A, amount: 5 }]).requirement).toEqual({ eligible: [Y, B, A], needed: 2 });
  });

  it('allocates only to published, unfinished challenges in a member town', () => {
    expect(allocationTargetProblem({ status: 'open', towns: [Y] }, fund)).toBeUndefined();
    expect(allocationTargetProblem({ status: 'in_progress', towns: [Y] }, fund)).toBeUndefined();
    expect(allocationTargetProblem({ status: 'draft', towns: [Y] }, fund)).toMatch(/draft/);
    expect(allocationTargetProblem({ status: 'completed', towns: [Y] }, fund)).toMatch(/completed/);
    expect(allocationTargetProblem({ status: 'open', towns: ['131130'] }, fund)).toMatch(/member/);
  });
});

describe('the executing entry', () => {
  it('debits each drawn share, credits the challenge with the total, balanced, channel allocation', () => {
    const e = allocationEntry({ id: 'al_1', fundId: 'kyoso-kikin', challengeId: 'c1', draws: [{ town: Y, amount: 300 }, { town: B, amount: 200 }], total: 500 }, { date: '2026-12-01', town: Y, fundName: '広域共創基金' });
    expect(validateEntry(e)).toBe(e);
    expect(e.id).toBe('allocation:al_1:executed');
    expect(e.channel).toBe('allocation');
    expect(e.postings).toEqual([
      { account: 'fund:kyoso-kikin:share:113611', amount: 300 },
      { account: 'fund:kyoso-kikin:share:074071', amount: 200 },
      { account: 'challenge:c1:available', amount: -500 },
    ]);
  });

  it('reads as expired once past its deadline, whatever the stored status says', () => {
    const a = { status: 'proposed' as const, deadlineAt: '2026-12-15T00:00:00.000Z' };
    expect(effectiveAllocationStatus(a, new Date('2026-12-14T23:59:59Z'))).toBe('proposed');
    expect(effectiveAllocationStatus(a, new Date('2026-12-15T00:00:00Z'))).toBe('expired');
    expect(effectiveAllocationStatus({ ...a, status: 'approved' }, new Date('2027-01-01T00:00:00Z'))).toBe('approved');
  });
});
