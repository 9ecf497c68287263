/**
 * Totals of an account's postings for the public ledger and reports: by town, by channel, by month,
 * by calendar year and by fiscal year (April–March). Pure: the store hands in the rows.
 */
import type { Yen } from '../money.js';
import type { Channel } from './entry.js';
import { fiscalYear } from '../jst.js';

export interface PostingFact {
  date: string; // JST YYYY-MM-DD
  town: string;
  channel: Channel;
  /** Change of the account's balance on its normal side: inflow > 0, outflow < 0. */
  delta: Yen;
}

export interface FlowTotals {
  inflow: Yen;
  outflow: Yen;
}

export interface PostingSummary {
  total: FlowTotals;
  byTown: Record<string, FlowTotals>;
  byChannel: Partial<Record<Channel, FlowTotals>>;
  /** 'YYYY-MM' → town → flows */
  byMonth: Record<string, Record<string, FlowTotals>>;
  byCalendarYear: Record<string, FlowTotals>;
  byFiscalYear: Record<string, FlowTotals>;
}

function add(bucket: FlowTotals, delta: Yen) {
  if (delta >= 0) bucket.inflow += delta;
  else bucket.outflow += -delta;
}

const zero = (): FlowTotals => ({ inflow: 0, outflow: 0 });

export function summarizePostings(rows: readonly PostingFact[]): PostingSummary {
  const s: PostingSummary = { total: zero(), byTown: {}, byChannel: {}, byMonth: {}, byCalendarYear: {}, byFiscalYear: {} };
  for (const r of rows) {
    add(s.total, r.delta);
    add((s.byTown[r.town] ??= zero()), r.delta);
    add((s.byChannel[r.channel] ??= zero()), r.delta);
    add(((s.byMonth[r.date.slice(0, 7)] ??= {})[r.town] ??= zero()), r.delta);
    add((s.byCalendarYear[r.date.slice(0, 4)] ??= zero()), r.delta);
    add((s.byFiscalYear[String(fiscalYear(r.date))] ??= zero()), r.delta);
  }
  return s;
}

/** One journal entry's effect on one account: its legs over balance shards summed back together. */
export interface LedgerMovement {
  date: string;
  entryId: string;
  channel: Channel;
  town: string;
  amount: Yen;
  /** The donor's or company's name, only where they allowed it to be public. */
  counterpart?: string;
  memo: string;
  reverses?: string;
}

/** Merges posting rows into one movement per entry, oldest first. */
export function movementsOf(rows: readonly (Omit<LedgerMovement, 'amount'> & { delta: Yen })[]): LedgerMovement[] {
  const by = new Map<string, LedgerMovement>();
  for (const r of rows) {
    const m = by.get(r.entryId);
    if (m) m.amount += r.delta;
    else by.set(r.entryId, { date: r.date, entryId: r.entryId, channel: r.channel, town: r.town, amount: r.delta, counterpart: r.counterpart || undefined, memo: r.memo, reverses: r.reverses });
  }
  return [...by.values()].sort((a, b) => a.date.localeCompare(b.date) || a.entryId.localeCompare(b.entryId));
}
