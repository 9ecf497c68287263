/**
 * Pure aggregations for the treasurer's dashboard, the council report and the exports: periods
 * (calendar year or the April–March fiscal year Japanese public bodies keep), monthly flows by channel,
 * and opening/in/out/closing statements of a ledger account. The store hands in posting rows.
 */
import type { Channel } from './ledger/entry.js';
import { fiscalYearOf } from './ledger/summary.js';
import type { Yen } from './money.js';

export type Basis = 'calendar' | 'fiscal';

export interface Period {
  /** First day, inclusive (JST YYYY-MM-DD). */
  from: string;
  /** Last day, inclusive. */
  to: string;
  basis: Basis;
  year: number;
}

export function periodOf(year: number, basis: Basis): Period {
  if (!Number.isSafeInteger(year) || year < 1900 || year > 9998) throw new RangeError('year out of range');
  return basis === 'fiscal'
    ? { from: `${year}-04-01`, to: `${year + 1}-03-31`, basis, year }
    : { from: `${year}-01-01`, to: `${year}-12-31`, basis, year };
}

export const inPeriod = (date: string, p: Pick<Period, 'from' | 'to'>) => date >= p.from && date <= p.to;

/** 'YYYY-MM' for April of `fy` through March of the next year. */
export function fiscalMonths(fy: number): string[] {
  return Array.from({ length: 12 }, (_, i) => {
    const m = ((i + 3) % 12) + 1;
    const y = m >= 4 ? fy : fy + 1;
    return `${y}-${String(m).padStart(2, '0')}`;
  });
}

export { fiscalYearOf };

/** The dashboard's series: money in by where it came from, and money paid out. */
export type FlowSeries = 'individual' | 'corporate' | 'allocation' | 'outflow';
export const INFLOW_SERIES = ['individual', 'corporate', 'allocation'] as const;

export interface FlowFact {
  date: string;
  series: FlowSeries;
  /** Positive for the movement the series counts; a reversal (refund) is negative. */
  amount: Yen;
}

export interface MonthlyFlows {
  fiscalYear: number;
  months: string[];
  series: Record<FlowSeries, Yen[]>;
  totals: Record<FlowSeries, Yen> & { inflow: Yen };
}

export function monthlyFlows(facts: readonly FlowFact[], fy: number): MonthlyFlows {
  const months = fiscalMonths(fy);
  const index = new Map(months.map((m, i) => [m, i]));
  const zeros = () => months.map(() => 0);
  const series: Record<FlowSeries, Yen[]> = { individual: zeros(), corporate: zeros(), allocation: zeros(), outflow: zeros() };
  for (const f of facts) {
    const i = index.get(f.date.slice(0, 7));
    if (i !== undefined) series[f.series][i]! += f.amount;
  }
  const sum = (xs: Yen[]) => xs.reduce((a, b) => a + b, 0);
  const totals = { individual: sum(series.individual), corporate: sum(series.corporate), allocation: sum(series.allocation), outflow: sum(series.outflow) };
  return { fiscalYear: fy, months, series, totals: { ...totals, inflow: totals.individual + totals.corporate + totals.allocation } };
}

/** This fiscal year against the one before, month by month (April first). */
export function fiscalComparison(facts: readonly FlowFact[], fy: number) {
  const current = monthlyFlows(facts, fy);
  const previous = monthlyFlows(facts, fy - 1);
  const inflow = (m: MonthlyFlows) => m.months.map((_, i) => INFLOW_SERIES.reduce((a, s) => a + m.series[s][i]!, 0));
  return { current, previous, inflowCurrent: inflow(current), inflowPrevious: inflow(previous) };
}

export interface StatementRow {
  date: string;
  channel: Channel;
  /** Change of the account's balance on its normal side. */
  delta: Yen;
}

export interface Statement {
  opening: Yen;
  inflow: Yen;
  outflow: Yen;
  closing: Yen;
  inflowByChannel: Partial<Record<Channel, Yen>>;
  outflowByChannel: Partial<Record<Channel, Yen>>;
}

/**
 * Opening balance (everything before the period), what came in and went out during it, and the closing
 * balance. In and out go by the sign of each posting, as on the public ledger: a refund is an outflow.
 */
export function statement(rows: readonly StatementRow[], period: Pick<Period, 'from' | 'to'>): Statement {
  const s: Statement = { opening: 0, inflow: 0, outflow: 0, closing: 0, inflowByChannel: {}, outflowByChannel: {} };
  for (const r of rows) {
    if (r.date < period.from) s.opening += r.delta;
    else if (r.date <= period.to) {
      if (r.delta >= 0) {
        s.inflow += r.delta;
        s.inflowByChannel[r.channel] = (s.inflowByChannel[r.channel] ?? 0) + r.delta;
      } else {
        s.outflow += -r.delta;
        s.outflowByChannel[r.channel] = (s.outflowByChannel[r.channel] ?? 0) + -r.delta;
      }
    }
  }
  s.closing = s.opening + s.inflow - s.outflow;
  return s;
}

/** Adds statements (e.g. all challenges of a town) field by field. */
export function sumStatements(list: readonly Statement[]): Statement {
  const out: Statement = { opening: 0, inflow: 0, outflow: 0, closing: 0, inflowByChannel: {}, outflowByChannel: {} };
  for (const s of list) {
    out.opening += s.opening;
    out.inflow += s.inflow;
    out.outflow += s.outflow;
    out.closing += s.closing;
    for (const [k, v] of Object.entries(s.inflowByChannel)) out.inflowByChannel[k as Channel] = (out.inflowByChannel[k as Channel] ?? 0) + v;
    for (const [k, v] of Object.entries(s.outflowByChannel)) out.outflowByChannel[k as Channel] = (out.outflowByChannel[k as Channel] ?? 0) + v;
  }
  return out;
}
