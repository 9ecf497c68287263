/**
 * The CSV exports a town's treasurer downloads, by calendar or fiscal year: the rows come from the pure
 * functions of domain/reports.ts over the ledger and the back-office records; this module gathers them,
 * encodes the file as Japanese offices open it, and audits who took which file of the town's data.
 */
import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';
import type { Actor } from '../domain/actor.js';
import type { Pledge } from '../domain/corporate.js';
import { safeCell, type CsvCell } from '../domain/csv.js';
import type { Donation } from '../domain/donations.js';
import { accounts } from '../domain/ledger/accounts.js';
import { movementsOf } from '../domain/ledger/summary.js';
import {
  allocationExport,
  disbursementExport,
  ledgerExport,
  periodOf,
  sourceIdOf,
  type ExportTable,
  type LedgerExportKind,
  type Period,
  type RecordDetails,
} from '../domain/reports.js';
import { t, type Lang, type MessageKey } from '../i18n/index.js';
import { listAllocations } from '../store/allocations.js';
import { writeAudited } from '../store/audit.js';
import type { Db } from '../store/db.js';
import { listTownDisbursements } from '../store/disbursements.js';
import { getDonations } from '../store/donations.js';
import { audit } from '../store/governance.js';
import { allPostings } from '../store/ledger.js';
import { listPledges } from '../store/pledges.js';
import type { ServiceContext } from './context.js';
import { assertOwnTreasurer } from './disbursements.js';

export type ExportKind = LedgerExportKind | 'allocations' | 'disbursements';

async function exportTable(db: Db, town: string, kind: ExportKind, period: Period): Promise<ExportTable> {
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
 * The one CSV encoder of the platform (treasurer exports, the one-stop list, the company's pledges): CRLF
 * line ends, and every text cell neutralised against formula injection (domain/csv.ts `safeCell`).
 * @example csvText([['name', 'amount'], ['=HYPERLINK(…)', -5000]]) // "name,amount\r\n'=HYPERLINK(…),-5000\r\n"
 */
export function csvText(rows: readonly (readonly CsvCell[])[]): string {
  return stringify(
    rows.map((r) => r.map(safeCell)),
    { record_delimiter: 'windows', quoted_string: false },
  );
}

/**
 * CSV as Japanese offices open it: either UTF-8 with a BOM (so Excel detects UTF-8) or Shift_JIS (CP932,
 * the encoding Excel assumes in Japan; characters it cannot hold become "?").
 */
export function csvBytes(text: string, encoding: 'utf8' | 'sjis'): Buffer {
  return encoding === 'sjis' ? iconv.encode(text, 'cp932') : Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

/** An export table with its header row in the reader's language. */
function encodeCsv(table: ExportTable, lang: Lang, encoding: 'utf8' | 'sjis'): Buffer {
  const header = table.columns.map((c) => t(lang, `treasury.csv.${c.label}` as MessageKey));
  return csvBytes(csvText([header, ...table.rows.map((r) => table.columns.map((c) => r[c.key]))]), encoding);
}

export interface ExportRequest {
  kind: ExportKind;
  year: number;
  basis: 'calendar' | 'fiscal';
  encoding: 'utf8' | 'sjis';
  /** The header row's language. */
  lang: Lang;
}

/**
 * One CSV file of the town's data, for its own treasurers only; the download is audited.
 * @example const { bytes, filename } = await exportCsv(ctx, actor, '113611', { kind: 'allocations', year: 2026, basis: 'fiscal', encoding: 'utf8', lang: 'ja' })
 */
export async function exportCsv(ctx: ServiceContext, actor: Actor, town: string, req: ExportRequest): Promise<{ bytes: Uint8Array<ArrayBuffer>; filename: string }> {
  assertOwnTreasurer(actor, town, 'download its files');
  const { kind, year, basis, encoding } = req;
  const table = await exportTable(ctx.db, town, kind, periodOf(year, basis));
  const bytes = encodeCsv(table, req.lang, encoding);
  await writeAudited(
    ctx.db,
    [],
    audit(`town:${town}`, { actor: actor.sub, role: `treasurer:${town}`, action: 'export.csv', target: `town:${town}:export:${kind}`, after: { kind, year, basis, encoding, rows: table.rows.length }, requestId: ctx.requestId }),
  );
  const label = basis === 'fiscal' ? `fy${year}` : String(year);
  return { bytes: new Uint8Array(bytes), filename: `${town}-${kind}-${label}${encoding === 'sjis' ? '-sjis' : ''}.csv` };
}
