/**
 * Files a treasurer downloads: the day's 全銀協 総合振込 transfer file for the town's bank, and CSV
 * exports by calendar or fiscal year. Each download is audited (who took which file of the town's data).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { assertTownRole, townsWithRole } from '../auth.js';
import { backOfficeErrors } from '../back-office.js';
import { ApiError, forbidden } from '../errors.js';
import { createRouter } from '../router.js';
import { errorResponses } from '../schemas/common.js';
import { ExportParams, ExportQuery, TownParam, ZenginQuery, type ExportKind } from '../schemas/disbursements.js';
import { encodeCsv, exportTable } from '../treasurer-reports.js';
import { inTransferOrder, zenginTransfersOf } from '../../domain/disbursements.js';
import { periodOf } from '../../domain/reports.js';
import { buildZenginTransferFile } from '../../domain/zengin.js';
import { writeAudited } from '../../store/audit.js';
import { getTownBankAccount, scheduledTransfers } from '../../store/disbursements.js';

export const treasurerExportRoutes = createRouter();
treasurerExportRoutes.onError(backOfficeErrors);

const secured = { security: [{ bearer: [] }] };
const file = (type: string, description: string) => ({ description, content: { [type]: { schema: z.string().openapi({ format: 'binary' }) } } });

/** Only the town's own treasurers: payment files and donor data are the town's, not the network's. */
function treasurerOf(p: Parameters<typeof assertTownRole>[0], code: string) {
  const principal = assertTownRole(p, 'treasurer', code);
  if (!townsWithRole(principal, 'treasurer').includes(code)) throw forbidden(`only a treasurer of ${code} can download its files`);
  return principal;
}

treasurerExportRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/towns/{code}/zengin',
    tags: ['disbursements'],
    ...secured,
    summary: 'The scheduled disbursements for one transfer date as a 全銀協 総合振込 file (Shift_JIS, 120-byte records)',
    request: { params: TownParam, query: ZenginQuery },
    responses: { 200: file('text/plain', 'the transfer file'), ...errorResponses },
  }),
  async (c) => {
    const db = c.var.deps.db;
    const { code } = c.req.valid('param');
    const { date } = c.req.valid('query');
    const p = treasurerOf(c.var.principal, code);
    const account = await getTownBankAccount(db, code);
    if (!account) throw new ApiError(422, 'no_bank_account', `set the town's bank account first (PUT /api/towns/${code}/bank-account)`);
    const list = inTransferOrder(await scheduledTransfers(db, code, date));
    if (!list.length) throw new ApiError(404, 'no_transfers', `no scheduled disbursements for ${date}`);
    const bytes = buildZenginTransferFile({
      transferDate: date,
      requester: {
        code: account.requesterCode,
        nameKana: account.requesterNameKana,
        bankCode: account.bankCode,
        bankNameKana: account.bankNameKana,
        branchCode: account.branchCode,
        branchNameKana: account.branchNameKana,
        accountType: account.accountType,
        accountNumber: account.accountNumber,
      },
      transfers: zenginTransfersOf(list),
    });
    const total = list.reduce((a, d) => a + d.amount, 0);
    await writeAudited(db, [], {
      chain: `town:${code}`,
      input: { actor: p.sub, role: `treasurer:${code}`, action: 'zengin.export', target: `town:${code}:zengin:${date}`, after: { date, count: list.length, total, disbursements: list.map((d) => d.id) }, requestId: c.var.requestId },
    });
    c.header('Content-Type', 'text/plain; charset=Shift_JIS');
    c.header('Content-Disposition', `attachment; filename="zengin-${code}-${date.replaceAll('-', '')}.txt"`);
    c.header('Cache-Control', 'private, no-store');
    return c.body(new Uint8Array(bytes), 200);
  },
);

treasurerExportRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/towns/{code}/exports/{file}',
    tags: ['exports'],
    ...secured,
    summary: 'CSV export (donations, receipts, one-stop, corporate-pledges, allocations, disbursements) for a calendar or fiscal year',
    request: { params: ExportParams, query: ExportQuery },
    responses: { 200: file('text/csv', 'the CSV file'), ...errorResponses },
  }),
  async (c) => {
    const db = c.var.deps.db;
    const { code, file: name } = c.req.valid('param');
    const { year, basis, encoding } = c.req.valid('query');
    const p = treasurerOf(c.var.principal, code);
    const kind = name.replace(/\.csv$/, '') as ExportKind;
    const period = periodOf(year, basis);
    const table = await exportTable(db, code, kind, period);
    const bytes = encodeCsv(table, c.var.lang, encoding);
    await writeAudited(db, [], {
      chain: `town:${code}`,
      input: { actor: p.sub, role: `treasurer:${code}`, action: 'export.csv', target: `town:${code}:export:${kind}`, after: { kind, year, basis, encoding, rows: table.rows.length }, requestId: c.var.requestId },
    });
    const label = basis === 'fiscal' ? `fy${year}` : String(year);
    c.header('Content-Type', `text/csv; charset=${encoding === 'sjis' ? 'Shift_JIS' : 'utf-8'}`);
    c.header('Content-Disposition', `attachment; filename="${code}-${kind}-${label}${encoding === 'sjis' ? '-sjis' : ''}.csv"`);
    c.header('Cache-Control', 'private, no-store');
    return c.body(new Uint8Array(bytes), 200);
  },
);
