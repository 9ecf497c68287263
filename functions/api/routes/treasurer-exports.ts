/**
 * Files a treasurer downloads: the day's 全銀協 総合振込 transfer file for the town's bank, and CSV
 * exports by calendar or fiscal year. Who may download and the audit of each download are the services'
 * (services/disbursements.ts zenginFile, services/exports.ts exportCsv); handlers parse, call, send bytes.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { requirePrincipal } from '../auth.js';
import { createRouter } from '../router.js';
import { errorResponses } from '../schemas/common.js';
import { ExportParams, ExportQuery, TownParam, ZenginQuery, type ExportKind } from '../schemas/disbursements.js';
import { servicesOf } from '../services.js';
import { zenginFile } from '../../services/disbursements.js';
import { exportCsv } from '../../services/exports.js';

export const treasurerExportRoutes = createRouter();

const secured = { security: [{ bearer: [] }] };
const file = (type: string, description: string) => ({ description, content: { [type]: { schema: z.string().openapi({ format: 'binary' }) } } });

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
    const { code } = c.req.valid('param');
    const { bytes, filename } = await zenginFile(servicesOf(c), requirePrincipal(c.var.principal), code, c.req.valid('query').date);
    c.header('Content-Type', 'text/plain; charset=Shift_JIS');
    c.header('Content-Disposition', `attachment; filename="${filename}"`);
    c.header('Cache-Control', 'private, no-store');
    return c.body(bytes, 200);
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
    const { code, file: name } = c.req.valid('param');
    const { year, basis, encoding } = c.req.valid('query');
    const kind = name.replace(/\.csv$/, '') as ExportKind;
    const { bytes, filename } = await exportCsv(servicesOf(c), requirePrincipal(c.var.principal), code, { kind, year, basis, encoding, lang: c.var.lang });
    c.header('Content-Type', `text/csv; charset=${encoding === 'sjis' ? 'Shift_JIS' : 'utf-8'}`);
    c.header('Content-Disposition', `attachment; filename="${filename}"`);
    c.header('Cache-Control', 'private, no-store');
    return c.body(bytes, 200);
  },
);
