/**
 * Read models for a town's treasurer: the dashboard's flows, the council's fiscal-year statement and the
 * CSV exports. Everything is computed from ledger postings and the back-office records by the pure
 * functions in functions/domain/reports.ts; this module only gathers the rows and encodes files.
 */
import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';
import type { Challenge, Fund } from '../domain/catalog.js';
import { accounts } from '../domain/ledger/accounts.js';
import {
  allocationExport,
  disbursementExport,
  ledgerExport,
  periodOf,
  statement,
  townFlows,
  sumStatements,
  type ExportTable,
  type FlowFact,
  type LedgerExportKind,
  type Period,
  type Statement,
  type RecordDetails,
  sourceIdOf,
} from '../domain/reports.js';
import type { Donation } from '../domain/donations.js';
import type { Pledge } from '../domain/corporate.js';
import { getDonations } from '../store/donations.js';
import { listPledges } from '../store/pledges.js';
import type { Db } from '../store/db.js';
import { listChallenges, listFunds } from '../store/catalog.js';
import { allPostings } from '../store/ledger.js';
import { movementsOf } from '../domain/ledger/summary.js';
import { listAllocations } from '../store/allocations.js';
import { listTownDisbursements } from '../store/disbursements.js';
import type { Lang } from '../i18n/index.js';

/** Challenges a town takes part in, lead ones first. */
export async function townChallenges(db: Db, town: string): Promise<Challenge[]> {
  return (await listChallenges(db))
    .filter((c) => c.status !== 'draft' && c.towns.includes(town))
    .sort((a, b) => Number(b.leadTown === town) - Number(a.leadTown === town) || a.id.localeCompare(b.id));
}

export async function townFunds(db: Db, town: string): Promise<Fund[]> {
  return (await listFunds(db)).filter((f) => f.members.includes(town));
}

/** The town's flows for the dashboard charts (classified in domain/reports.ts). */
export async function townFlowFacts(db: Db, town: string): Promise<FlowFact[]> {
  const led = (await townChallenges(db, town)).filter((c) => c.leadTown === town);
  const [clearing, bank, ...challengeRows] = await Promise.all([
    allPostings(db, accounts.clearing(town)),
    allPostings(db, accounts.bank(town)),
    ...led.map((c) => allPostings(db, accounts.challengeAvailable(c.id))),
  ]);
  return townFlows(clearing, bank, challengeRows.flat());
}

export interface ChallengeStatement {
  challenge: Challenge;
  lead: boolean;
  /** The challenge's money not yet committed (available account). */
  available: Statement;
  /** Approved disbursements awaiting transfer (payable account): its outflow is what was paid. */
  payable: Statement;
}

export interface FiscalReport {
  town: string;
  period: Period;
  funds: { fund: Fund; share: Statement }[];
  challenges: ChallengeStatement[];
  totals: { shares: Statement; available: Statement; paid: number };
}

export async function fiscalReport(db: Db, town: string, fy: number): Promise<FiscalReport> {
  const period = periodOf(fy, 'fiscal');
  const [funds, challenges] = await Promise.all([townFunds(db, town), townChallenges(db, town)]);
  const fundRows = await Promise.all(funds.map(async (fund) => ({ fund, share: statement(await allPostings(db, accounts.fundShare(fund.id, town)), period) })));
  const challengeRows = await Promise.all(
    challenges.map(async (challenge) => {
      const [available, payable] = await Promise.all([allPostings(db, accounts.challengeAvailable(challenge.id)), allPostings(db, accounts.challengePayable(challenge.id))]);
      return { challenge, lead: challenge.leadTown === town, available: statement(available, period), payable: statement(payable, period) };
    }),
  );
  return {
    town,
    period,
    funds: fundRows,
    challenges: challengeRows,
    totals: {
      shares: sumStatements(fundRows.map((f) => f.share)),
      available: sumStatements(challengeRows.map((c) => c.available)),
      paid: challengeRows.reduce((a, c) => a + (c.payable.outflowByChannel.disbursement ?? 0), 0),
    },
  };
}

export type ExportKind = LedgerExportKind | 'allocations' | 'disbursements';

export async function exportTable(db: Db, town: string, kind: ExportKind, period: Period): Promise<ExportTable> {
  switch (kind) {
    case 'allocations':
      return allocationExport(await listAllocations(db), town, period);
    case 'disbursements':
      return disbursementExport(await listTownDisbursements(db, town), period);
    case 'corporate-pledges': {
      const pledges = await listPledges(db, { town });
      return ledgerExport(kind, movementsOf(await allPostings(db, accounts.bank(town))), period, new Map(pledges.map((p) => [p.id, pledgeDetails(p)])));
    }
    default: {
      const movements = movementsOf(await allPostings(db, accounts.clearing(town)));
      const ids = [...new Set(movements.filter((m) => m.channel === 'individual').map((m) => sourceIdOf(m.reverses ?? m.entryId)))];
      const donations = await getDonations(db, ids);
      return ledgerExport(kind, movements, period, new Map(donations.map((d) => [d.id, donationDetails(d)])));
    }
  }
}

const yesNo = (b: boolean | undefined) => (b ? 'yes' : 'no');

function donationDetails(d: Donation): RecordDetails {
  return {
    donor_name: d.donor.name,
    donor_kana: d.donor.nameKana,
    postal_code: d.donor.postalCode,
    address: d.donor.address,
    email: d.donor.email,
    purpose: d.purpose,
    receipt_number: d.receiptNumber,
    payment_method: d.paymentMethod,
    one_stop: yesNo(d.oneStop),
    receipt_void: yesNo(d.receiptVoid),
    one_stop_received_on: d.oneStopReceivedOn,
  };
}

function pledgeDetails(p: Pledge): RecordDetails {
  return {
    company_name: p.companyName,
    corporate_number: p.corporateNumber,
    receipt_number: p.receiptNumber,
    purpose: p.targetTitle,
    disclose_name: yesNo(p.disclose.name),
    disclose_amount: yesNo(p.disclose.amount),
  };
}

/**
 * CSV as Japanese offices open it: CRLF line ends, a header row in the reader's language, and either
 * UTF-8 with a BOM (so Excel detects UTF-8) or Shift_JIS (CP932, the encoding Excel assumes in Japan;
 * characters it cannot hold become "?").
 */
export function encodeCsv(table: ExportTable, lang: Lang, encoding: 'utf8' | 'sjis'): Buffer {
  const text = stringify(
    table.rows.map((r) => table.columns.map((c) => r[c.key] ?? '')),
    { header: true, columns: table.columns.map((c) => (lang === 'en' ? c.en : c.ja)), record_delimiter: 'windows', quoted_string: false },
  );
  return encoding === 'sjis' ? iconv.encode(text, 'cp932') : Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}
