/**
 * Pure aggregations for the treasurer's dashboard, the council report and the exports: periods
 * (calendar year or the April–March fiscal year Japanese public bodies keep), monthly flows by channel,
 * and opening/in/out/closing statements of a ledger account. The store hands in posting rows.
 */
import type { Allocation } from './allocations.js';
import type { Disbursement } from './disbursements.js';
import type { Channel } from './ledger/entry.js';
import type { LedgerMovement } from './ledger/summary.js';
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


/** The dashboard's series: money in by where it came from, and money paid out. */
export type FlowSeries = 'individual' | 'corporate' | 'allocation' | 'outflow';
export const INFLOW_SERIES = ['individual', 'corporate', 'allocation'] as const;

export interface FlowFact {
  date: string;
  series: FlowSeries;
  /** Positive for the movement the series counts; a reversal (refund) is negative. */
  amount: Yen;
}

/** A posting as the flow classification needs it: when, which channel, how the balance moved. */
export interface FlowPosting {
  date: string;
  channel: Channel;
  delta: Yen;
  reverses?: string;
}

/** Money in counts receipts and their reversals (refunds); payouts between a town's own accounts are not inflow. */
const inflowOrReversal = (r: FlowPosting) => r.delta > 0 || Boolean(r.reverses);

/**
 * A town's flows for the dashboard charts: donations it received (individual: its clearing account;
 * corporate: its bank), fund allocations into challenges it leads, and disbursements paid from its bank.
 */
export function townFlows(clearing: readonly FlowPosting[], bank: readonly FlowPosting[], ledChallenges: readonly FlowPosting[]): FlowFact[] {
  const facts: FlowFact[] = [];
  for (const r of clearing) if (r.channel === 'individual' && inflowOrReversal(r)) facts.push({ date: r.date, series: 'individual', amount: r.delta });
  for (const r of bank) {
    if (r.channel === 'corporate' && inflowOrReversal(r)) facts.push({ date: r.date, series: 'corporate', amount: r.delta });
    if (r.channel === 'disbursement') facts.push({ date: r.date, series: 'outflow', amount: -r.delta });
  }
  for (const r of ledChallenges) if (r.channel === 'allocation') facts.push({ date: r.date, series: 'allocation', amount: r.delta });
  return facts;
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

// ---------------------------------------------------------------- exports (rows; encoding is the API's job)

export interface ExportColumn {
  key: string;
  /** The header's catalog sentence (`treasury.csv.<label>`): the same field may be headed differently per file. */
  label: string;
}

export type ExportCell = string | number | undefined;

export interface ExportTable {
  columns: ExportColumn[];
  rows: Record<string, ExportCell>[];
}

const col = (key: string, label: string = key): ExportColumn => ({ key, label });

/**
 * One row per town share drawn. A town sees the allocations that draw on its share and those that go
 * to a challenge it leads. Dated by execution (approved) or by proposal (still open or closed unused),
 * so the approved rows of a period add up to the share's allocation outflow in the ledger.
 */
export function allocationExport(list: readonly Allocation[], town: string, period: Pick<Period, 'from' | 'to'>): ExportTable {
  const columns = [
    col('date'),
    col('allocation_id'),
    col('status'),
    col('fund_id'),
    col('fund_name'),
    col('challenge_id'),
    col('challenge_title'),
    col('challenge_lead_town'),
    col('drawn_town'),
    col('amount', 'amount_drawn'),
    col('allocation_total'),
    col('proposed_on'),
    col('proposed_by'),
    col('approved_towns'),
    col('executed_on'),
    col('entry_id'),
    col('comment'),
    col('rejection_comment'),
  ];
  const rows: Record<string, ExportCell>[] = [];
  for (const a of list) {
    const date = a.status === 'approved' && a.executedOn ? a.executedOn : a.proposedOn;
    if (!inPeriod(date, period)) continue;
    const draws = a.challengeLeadTown === town ? a.draws : a.draws.filter((d) => d.town === town);
    for (const d of draws) {
      rows.push({
        date,
        allocation_id: a.id,
        status: a.status,
        fund_id: a.fundId,
        fund_name: a.fundName,
        challenge_id: a.challengeId,
        challenge_title: a.challengeTitle,
        challenge_lead_town: a.challengeLeadTown,
        drawn_town: d.town,
        amount: d.amount,
        allocation_total: a.total,
        proposed_on: a.proposedOn,
        proposed_by: a.proposedByName ?? a.proposedBy,
        approved_towns: a.approvedTowns.join(' '),
        executed_on: a.executedOn,
        entry_id: a.entryId,
        comment: a.comment,
        rejection_comment: a.rejection?.comment,
      });
    }
  }
  rows.sort((x, y) => String(x.date).localeCompare(String(y.date)) || String(x.allocation_id).localeCompare(String(y.allocation_id)));
  return { columns, rows };
}

/**
 * A paying town's disbursements, dated by the transfer (paid) or by the request, so the paid rows of a
 * period add up to the town bank's disbursement outflow in the ledger.
 */
export function disbursementExport(list: readonly Disbursement[], period: Pick<Period, 'from' | 'to'>): ExportTable {
  const columns = [
    col('date'),
    col('disbursement_id'),
    col('status'),
    col('challenge_id'),
    col('company_id'),
    col('milestone'),
    col('invoice_number'),
    col('amount'),
    col('requested_on'),
    col('approvers'),
    col('scheduled_for'),
    col('paid_on'),
    col('bank_code'),
    col('branch_code'),
    col('account_type'),
    col('account_number'),
    col('holder_kana'),
    col('rejection_reason'),
  ];
  const rows = list
    .map((d) => ({ d, date: d.status === 'paid' && d.paidOn ? d.paidOn : d.requestedOn }))
    .filter(({ date }) => inPeriod(date, period))
    .sort((x, y) => x.date.localeCompare(y.date) || x.d.id.localeCompare(y.d.id))
    .map(({ d, date }) => ({
      date,
      disbursement_id: d.id,
      status: d.status,
      challenge_id: d.challengeId,
      company_id: d.companyId,
      milestone: d.milestone,
      invoice_number: d.invoiceNumber,
      amount: d.amount,
      requested_on: d.requestedOn,
      approvers: d.approvers.join(' '),
      scheduled_for: d.scheduledFor,
      paid_on: d.paidOn,
      bank_code: d.payee.bankCode,
      branch_code: d.payee.branchCode,
      account_type: d.payee.accountType === 'ordinary' ? '1' : '2',
      account_number: d.payee.accountNumber,
      holder_kana: d.payee.holderKana,
      rejection_reason: d.rejection?.reason,
    }));
  return { columns, rows };
}

/** `donation:<id>:paid` → `<id>`; any `<kind>:<id>:…` entry id names its business object second. */
export const sourceIdOf = (entryId: string) => entryId.split(':')[1] ?? entryId;

export type LedgerExportKind = 'donations' | 'receipts' | 'one-stop' | 'corporate-pledges';

/** What the donation or pledge record adds to a ledger row: donor, receipt number, one-stop state… */
export type RecordDetails = Record<string, string | number | undefined>;

const DETAIL_COLUMNS: Record<LedgerExportKind, ExportColumn[]> = {
  donations: [
    col('donor_name'),
    col('donor_kana'),
    col('postal_code'),
    col('address'),
    col('email'),
    col('purpose'),
    col('receipt_number'),
    col('payment_method'),
    col('one_stop'),
  ],
  receipts: [
    col('receipt_number'),
    col('donor_name'),
    col('address'),
    col('purpose'),
    col('receipt_void', 'void'),
  ],
  'one-stop': [
    col('donor_name'),
    col('donor_kana'),
    col('postal_code'),
    col('address'),
    col('receipt_number'),
    col('one_stop_received_on', 'form_received_on'),
  ],
  'corporate-pledges': [
    col('company_name'),
    col('corporate_number'),
    col('receipt_number', 'receipt_number_short'),
    col('purpose', 'purpose_target'),
    col('disclose_name'),
    col('disclose_amount'),
  ],
};

/**
 * The exports of the donation and pledge records. Rows come from the ledger's receipts of money (and
 * their reversals), so totals always equal the ledger; each row is completed from its record. The
 * one-stop export keeps only donations whose donor asked for the one-stop form.
 */
export function ledgerExport(
  kind: LedgerExportKind,
  movements: readonly LedgerMovement[],
  period: Pick<Period, 'from' | 'to'>,
  details: ReadonlyMap<string, RecordDetails> = new Map(),
): ExportTable {
  const channel: Channel = kind === 'corporate-pledges' ? 'corporate' : 'individual';
  const idOf = (m: LedgerMovement) => sourceIdOf(m.reverses ?? m.entryId);
  const list = movements
    .filter((m) => m.channel === channel && inPeriod(m.date, period) && (m.amount > 0 || m.reverses))
    .filter((m) => kind !== 'one-stop' || details.get(idOf(m))?.one_stop === 'yes');
  const row = (m: LedgerMovement) => ({
    date: m.date,
    id: idOf(m),
    entry_id: m.entryId,
    kind: m.reverses ? 'reversal' : 'receipt',
    amount: m.amount,
    public_name: m.counterpart,
    memo: m.memo,
    ...details.get(idOf(m)),
  });
  const columns: Record<LedgerExportKind, ExportColumn[]> = {
    donations: [col('date', 'received_on'), col('id', 'donation_id'), col('kind'), col('amount'), col('public_name'), col('entry_id'), col('memo')],
    receipts: [col('date', 'receipt_date'), col('id', 'donation_id'), col('kind'), col('amount'), col('public_name'), col('entry_id')],
    'one-stop': [col('date', 'donated_on'), col('id', 'donation_id'), col('kind'), col('amount', 'amount_donated'), col('public_name'), col('entry_id')],
    'corporate-pledges': [col('date', 'received_on'), col('id', 'pledge_id'), col('kind'), col('amount'), col('public_name', 'company_if_disclosed'), col('entry_id'), col('memo')],
  };
  return { columns: [...columns[kind], ...DETAIL_COLUMNS[kind]], rows: list.map(row) };
}
