import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountInfo, accounts } from '../../functions/domain/ledger/accounts.js';
import { applyEntry, InsufficientFundsError, planShardDraw, shardFor } from '../../functions/domain/ledger/balances.js';
import { LedgerRuleError, reversalOf, transfer, validateEntry, type JournalEntry } from '../../functions/domain/ledger/entry.js';

const base = { date: '2026-12-01', memo: 'test', channel: 'individual' as const, town: '113611' };
const pool = [
  accounts.bank('113611'),
  accounts.clearing('113611'),
  accounts.fundShare('kyoso-kikin', '113611'),
  accounts.fundShare('kyoso-kikin', '074071'),
  accounts.challengeAvailable('c1'),
  accounts.challengePayable('c1'),
];

describe('chart of accounts', () => {
  it('derives kind, normal side and constraints from the id', () => {
    expect(accountInfo('town:113611:bank')).toMatchObject({ kind: 'town_bank', normal: 'debit', constrained: false, town: '113611' });
    expect(accountInfo('fund:kyoso-kikin:share:074071')).toMatchObject({ kind: 'fund_share', normal: 'credit', constrained: true, fundId: 'kyoso-kikin', town: '074071' });
    expect(accountInfo('challenge:abc:available').shards).toBeGreaterThan(1);
    expect(() => accountInfo('town:11361:bank')).toThrow(/unknown account/);
    expect(() => accountInfo('nonsense')).toThrow();
  });
});

describe('journal entries', () => {
  it('refuses unbalanced, single-posting, zero, fractional and duplicate-account entries', () => {
    const e = (postings: JournalEntry['postings']) => () => validateEntry({ ...base, id: 'x', postings });
    expect(e([{ account: pool[0]!, amount: 100 }, { account: pool[2]!, amount: -99 }])).toThrow(LedgerRuleError);
    expect(e([{ account: pool[0]!, amount: 100 }])).toThrow(/two postings/);
    expect(e([{ account: pool[0]!, amount: 0 }, { account: pool[2]!, amount: 0 }])).toThrow(/non-zero/);
    expect(e([{ account: pool[0]!, amount: 0.5 }, { account: pool[2]!, amount: -0.5 }])).toThrow(/integer/);
    expect(e([{ account: pool[0]!, amount: 5 }, { account: pool[0]!, amount: -5 }])).toThrow(/twice/);
    expect(() => transfer({ ...base, id: 'y' }, pool[0]!, pool[2]!, -5)).toThrow(/positive/);
  });

  it('refuses an entry that would overdraw a constrained account', () => {
    const open = transfer({ ...base, id: 'open' }, pool[0]!, pool[2]!, 1000);
    const b = applyEntry(new Map(), open);
    expect(b.get(pool[2]!)).toBe(1000);
    const spend = transfer({ ...base, id: 'spend' }, pool[2]!, pool[4]!, 1001);
    expect(() => applyEntry(b, spend)).toThrow(InsufficientFundsError);
  });

  // Random sequences of transfers among the pool: whatever lands keeps debits = credits overall and
  // never drives a constrained account negative; reversing everything restores every balance exactly.
  it('keeps the books balanced and constrained accounts non-negative, and reversals restore balances', () => {
    const transferArb = fc.record({
      from: fc.integer({ min: 0, max: pool.length - 1 }),
      to: fc.integer({ min: 0, max: pool.length - 1 }),
      amount: fc.integer({ min: 1, max: 5_000_000 }),
    });
    fc.assert(
      fc.property(fc.array(transferArb, { minLength: 1, maxLength: 60 }), (moves) => {
        let balances = new Map<string, number>();
        const landed: JournalEntry[] = [];
        moves.forEach((m, i) => {
          if (m.from === m.to) return;
          const entry = transfer({ ...base, id: `e${i}` }, pool[m.from]!, pool[m.to]!, m.amount);
          try {
            balances = applyEntry(balances, entry);
            landed.push(entry);
          } catch (e) {
            expect(e).toBeInstanceOf(InsufficientFundsError);
          }
        });
        let debitsMinusCredits = 0;
        for (const e of landed) for (const p of e.postings) debitsMinusCredits += p.amount;
        expect(debitsMinusCredits).toBe(0);
        for (const [acct, value] of balances) if (accountInfo(acct).constrained) expect(value).toBeGreaterThanOrEqual(0);
        let undone = balances;
        for (const e of [...landed].reverse()) undone = applyEntry(undone, reversalOf(e, '2026-12-02', 'undo'));
        for (const value of undone.values()) expect(value).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('shard planning', () => {
  it('draws largest shards first and never overdraws a shard', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 500_000 }), (shards, amount) => {
        const plan = planShardDraw(shards, amount);
        const total = shards.reduce((a, b) => a + b, 0);
        if (amount > total) {
          expect(plan).toBeUndefined();
          return;
        }
        expect(plan).toBeDefined();
        let sum = 0;
        for (const [i, take] of plan!) {
          expect(take).toBeGreaterThan(0);
          expect(take).toBeLessThanOrEqual(shards[i]!);
          sum += take;
        }
        expect(sum).toBe(amount);
      }),
    );
  });

  it('picks the same shard for the same entry id, spread over all shards', () => {
    expect(shardFor('donation:abc:paid', 8)).toBe(shardFor('donation:abc:paid', 8));
    const used = new Set(Array.from({ length: 200 }, (_, i) => shardFor(`donation:${i}:paid`, 8)));
    expect(used.size).toBe(8);
    expect(shardFor('x', 1)).toBe(0);
  });
});
