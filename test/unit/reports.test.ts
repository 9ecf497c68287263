import { describe, expect, it } from 'vitest';
import {
  allocationExport,
  fiscalComparison,
  fiscalMonths,
  ledgerExport,
  monthlyFlows,
  periodOf,
  statement,
  sumStatements,
  townFlows,
} from '../../functions/domain/reports.js';
import { movementsOf } from '../../functions/domain/ledger/summary.js';
import type { Allocation } from '../../functions/domain/allocations.js';

describe('periods', () => {
  it('calendar years and April–March fiscal years named by their start', () => {
    expect(periodOf(2026, 'calendar')).toMatchObject({ from: '2026-01-01', to: '2026-12-31' });
    expect(periodOf(2026, 'fiscal')).toMatchObject({ from: '2026-04-01', to: '2027-03-31' });
    expect(fiscalMonths(2026)[0]).toBe('2026-04');
    expect(fiscalMonths(2026)[11]).toBe('2027-03');
    expect(fiscalMonths(2026)).toHaveLength(12);
  });
});

describe('monthly flows and the fiscal comparison', () => {
  it('buckets facts by fiscal month and series; this year against last', () => {
    const facts = [
      { date: '2026-04-01', series: 'individual' as const, amount: 100 },
      { date: '2026-04-30', series: 'corporate' as const, amount: 1000 },
      { date: '2027-03-31', series: 'allocation' as const, amount: 50 },
      { date: '2026-06-03', series: 'individual' as const, amount: -40 },
      { date: '2026-07-01', series: 'outflow' as const, amount: 70 },
      { date: '2025-04-10', series: 'individual' as const, amount: 9 },
      { date: '2026-03-31', series: 'individual' as const, amount: 8 },
    ];
    const m = monthlyFlows(facts, 2026);
    expect(m.series.individual[0]).toBe(100);
    expect(m.series.individual[2]).toBe(-40);
    expect(m.series.corporate[0]).toBe(1000);
    expect(m.series.allocation[11]).toBe(50);
    expect(m.series.outflow[3]).toBe(70);
    expect(m.totals).toEqual({ individual: 60, corporate: 1000, allocation: 50, outflow: 70, inflow: 1110 });
    const cmp = fiscalComparison(facts, 2026);
    expect(cmp.inflowCurrent[0]).toBe(1100);
    expect(cmp.inflowPrevious[0]).toBe(9);
    expect(cmp.inflowPrevious[11]).toBe(8);
  });
});

describe('statements', () => {
  it('opening before the period, in and out by sign and channel, closing = opening + in − out', () => {
    const rows = [
      { date: '2026-03-31', channel: 'opening' as const, delta: 3_000_000 },
      { date: '2026-05-01', channel: 'individual' as const, delta: 10_000 },
      { date: '2026-06-01', channel: 'allocation' as const, delta: -500_000 },
      { date: '2026-06-02', channel: 'individual' as const, delta: -2_000 },
      { date: '2027-04-01', channel: 'individual' as const, delta: 99 },
    ];
    const s = statement(rows, periodOf(2026, 'fiscal'));
    expect(s).toEqual({
      opening: 3_000_000,
      inflow: 10_000,
      outflow: 502_000,
      closing: 2_508_000,
      inflowByChannel: { individual: 10_000 },
      outflowByChannel: { allocation: 500_000, individual: 2_000 },
    });
    const both = sumStatements([s, s]);
    expect(both.closing).toBe(5_016_000);
    expect(both.outflowByChannel.allocation).toBe(1_000_000);
  });
});

describe('export rows', () => {
  const alloc = (over: Partial<Allocation>): Allocation => ({
    id: 'al_1',
    fundId: 'kyoso-kikin',
    fundName: '広域共創基金',
    challengeId: 'dx',
    challengeTitle: 'DX',
    challengeLeadTown: '113611',
    draws: [
      { town: '113611', amount: 300 },
      { town: '074071', amount: 200 },
    ],
    total: 500,
    status: 'approved',
    rule: { rule: 'all_drawn' },
    requirement: { eligible: ['113611', '074071'], needed: 2 },
    approvedTowns: ['074071', '113611'],
    approvers: [],
    approvals: [],
    proposedBy: 'ty',
    proposerTown: '113611',
    createdAt: '2026-05-01T00:00:00Z',
    proposedOn: '2026-05-01',
    deadlineAt: '2026-05-15T00:00:00Z',
    executedOn: '2026-05-03',
    ...over,
  });

  it('allocations: one row per draw; the lead town sees all draws, a drawn town its own', () => {
    const list = [alloc({}), alloc({ id: 'al_2', status: 'proposed', executedOn: undefined, proposedOn: '2025-12-01' })];
    const p = periodOf(2026, 'fiscal');
    expect(allocationExport(list, '113611', p).rows.map((r) => [r.allocation_id, r.drawn_town, r.amount, r.date])).toEqual([
      ['al_1', '113611', 300, '2026-05-03'],
      ['al_1', '074071', 200, '2026-05-03'],
    ]);
    expect(allocationExport(list, '074071', p).rows.map((r) => r.drawn_town)).toEqual(['074071']);
    expect(allocationExport(list, '325252', p).rows).toEqual([]);
    expect(allocationExport(list, '113611', periodOf(2025, 'fiscal')).rows.map((r) => r.allocation_id)).toEqual(['al_2', 'al_2']);
  });

  it('ledger exports: one row per entry, receipts and reversals, not internal payouts', () => {
    const rows = [
      { date: '2026-05-01', entryId: 'donation:d1:paid', channel: 'individual' as const, town: '113611', delta: 600, memo: 'm', counterpart: 'A' },
      { date: '2026-05-01', entryId: 'donation:d1:paid', channel: 'individual' as const, town: '113611', delta: 400, memo: 'm', counterpart: 'A' },
      { date: '2026-05-03', entryId: 'donation:d1:paid:reversal', channel: 'individual' as const, town: '113611', delta: -1000, memo: 'r', reverses: 'donation:d1:paid' },
      { date: '2026-05-04', entryId: 'payout:1', channel: 'individual' as const, town: '113611', delta: -5000, memo: 'payout' },
      { date: '2026-05-05', entryId: 'pledge:p1:received', channel: 'corporate' as const, town: '113611', delta: 100_000, memo: 'c', counterpart: 'Co' },
    ];
    const movements = movementsOf(rows);
    expect(movements).toHaveLength(4);
    const t = ledgerExport('donations', movements, periodOf(2026, 'calendar'));
    expect(t.rows.map((r) => [r.id, r.kind, r.amount])).toEqual([
      ['d1', 'receipt', 1000],
      ['d1', 'reversal', -1000],
    ]);
    expect(ledgerExport('corporate-pledges', movements, periodOf(2026, 'calendar')).rows.map((r) => [r.id, r.amount, r.public_name])).toEqual([['p1', 100_000, 'Co']]);
  });
});

describe('townFlows', () => {
  it('counts donations in, refunds as negative, payouts between own accounts not at all, paid disbursements out', () => {
    const clearing = [
      { date: '2026-05-01', channel: 'individual' as const, delta: 10_000 },
      { date: '2026-05-03', channel: 'individual' as const, delta: -10_000, reverses: 'donation:a:paid' },
      // A Stripe payout leaves clearing for the town's bank: not a donation, not a refund.
      { date: '2026-05-10', channel: 'individual' as const, delta: -7_000 },
    ];
    const bank = [
      { date: '2026-06-01', channel: 'corporate' as const, delta: 500_000 },
      { date: '2026-05-10', channel: 'individual' as const, delta: 7_000 },
      { date: '2026-07-01', channel: 'disbursement' as const, delta: -40_000 },
    ];
    const led = [
      { date: '2026-08-01', channel: 'allocation' as const, delta: 300_000 },
      { date: '2026-08-02', channel: 'individual' as const, delta: 10_000 },
    ];
    expect(townFlows(clearing, bank, led)).toEqual([
      { date: '2026-05-01', series: 'individual', amount: 10_000 },
      { date: '2026-05-03', series: 'individual', amount: -10_000 },
      { date: '2026-06-01', series: 'corporate', amount: 500_000 },
      { date: '2026-07-01', series: 'outflow', amount: 40_000 },
      { date: '2026-08-01', series: 'allocation', amount: 300_000 },
    ]);
  });
});
