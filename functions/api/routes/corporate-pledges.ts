/**
 * Corporate-version (企業版ふるさと納税) JSON API: pledges, the treasurer's bank-receipt confirmation, cancel,
 * the printable receipt, disclosure on challenges and funds, and the company's CSV for its accountant.
 * Handlers parse, call one service (services/pledges.ts, which holds who-may-do-what) and present.
 */
import { createRoute, z } from '@hono/zod-openapi';
import {
  cancelPledge,
  companyPledgesCsv,
  confirmPayment,
  corporateDonors,
  createPledge,
  listPledgesFor,
  pledgeReceipt,
  readPledge,
} from '../../services/pledges.js';
import { PledgeReceiptPage } from '../../../web/pages/pledge-receipt.js';
import { requireRole } from '../auth.js';
import { bankTransferJson, pledgeJson, receiptUrl, reliefJson } from '../presenters/corporate.js';
import { createRouter } from '../router.js';
import { errorResponses, IdParam, json } from '../schemas/common.js';
import {
  CancelSchema,
  ConfirmedSchema,
  ConfirmPaymentSchema,
  CorporateDonorsSchema,
  CsvQuery,
  PledgeCreatedSchema,
  PledgeInputSchema,
  PledgeListQuery,
  PledgeSchema,
} from '../schemas/corporate.js';
import { servicesOf } from '../services.js';

export const corporatePledgeRoutes = createRouter();

const secured = { security: [{ bearer: [] }] };
const refusals = { 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404], 409: errorResponses[409], 422: errorResponses[422] };

corporatePledgeRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/corporate-pledges',
    tags: ['corporate'],
    ...secured,
    middleware: [requireRole('company')],
    description:
      'A company pledges a corporate-version donation (寄附の申出). Refused with 422 and a stable code (below_minimum, head_office_town, town_excluded, ' +
      'not_in_regional_plan, plan_period_ended, economic_benefit_not_declared, operator_conflict, ...) with every broken rule in details, each in Japanese and English. ' +
      'An Idempotency-Key header makes a retry return the same pledge.',
    request: {
      headers: z.object({ 'idempotency-key': z.string().min(8).max(200).optional() }),
      body: { content: { 'application/json': { schema: PledgeInputSchema } }, required: true },
    },
    responses: { 201: json(PledgeCreatedSchema, 'accepted: the estimated tax relief and how to pay by bank transfer'), ...refusals },
  }),
  async (c) => {
    const out = await createPledge(servicesOf(c), c.var.principal, { ...c.req.valid('json'), idempotencyKey: c.req.valid('header')['idempotency-key'] });
    return c.json({ pledgeId: out.pledge.id, status: 'pledged' as const, estimatedRelief: reliefJson(out.estimatedRelief), bankTransfer: bankTransferJson(out.bankTransfer), ...(out.replayed ? { replayed: true } : {}) }, 201);
  },
);

corporatePledgeRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/corporate-pledges',
    tags: ['corporate'],
    ...secured,
    request: { query: PledgeListQuery },
    responses: { 200: json(z.object({ pledges: z.array(PledgeSchema) }), 'company: its own; treasurer: its towns’; admin: all. Newest first'), ...refusals },
  }),
  async (c) => {
    const list = await listPledgesFor(servicesOf(c), c.var.principal, c.req.valid('query'));
    return c.json({ pledges: list.map(pledgeJson) }, 200);
  },
);

corporatePledgeRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/corporate-pledges/{id}',
    tags: ['corporate'],
    ...secured,
    request: { params: IdParam('pl-0123456789abcdef') },
    responses: { 200: json(PledgeSchema, 'the pledge (the company, the receiving town’s treasurer, admin)'), ...refusals },
  }),
  async (c) => {
    return c.json(pledgeJson(await readPledge(servicesOf(c), c.var.principal, c.req.valid('param').id)), 200);
  },
);

corporatePledgeRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/corporate-pledges/{id}/confirm-payment',
    tags: ['corporate'],
    ...secured,
    description:
      'The receiving town’s treasurer records the bank transfer: posts the one ledger entry pledge:<id>:received (bank → challenge or fund share, channel corporate) ' +
      'and issues the receipt in the same transaction. A repeat with the same date and amount answers 200 with alreadyConfirmed: true and posts nothing; ' +
      'a different date after confirmation is 409 already_confirmed. The amount must equal the pledge (422 amount_mismatch): partial receipts are not recorded.',
    request: { params: IdParam('pl-0123456789abcdef'), body: { content: { 'application/json': { schema: ConfirmPaymentSchema } }, required: true } },
    responses: { 200: json(ConfirmedSchema, 'received; the receipt is issued'), ...refusals },
  }),
  async (c) => {
    const { pledge, alreadyConfirmed } = await confirmPayment(servicesOf(c), c.var.principal, c.req.valid('param').id, c.req.valid('json'));
    return c.json(
      { pledgeId: pledge.id, status: 'paid' as const, receivedOn: pledge.receivedOn!, amount: pledge.amount, receiptNumber: pledge.receiptNumber!, receiptUrl: receiptUrl(pledge.id), entryId: pledge.entryId!, alreadyConfirmed },
      200,
    );
  },
);

corporatePledgeRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/corporate-pledges/{id}/cancel',
    tags: ['corporate'],
    ...secured,
    request: { params: IdParam('pl-0123456789abcdef'), body: { content: { 'application/json': { schema: CancelSchema } }, required: false } },
    responses: { 200: json(PledgeSchema, 'cancelled (only while unpaid; the company or the receiving town’s treasurer)'), ...refusals },
  }),
  async (c) => {
    // The body is optional: a missing or unreadable one simply gives no reason.
    const body = (await c.req.json().catch(() => ({}))) as { reason?: unknown };
    const parsed = CancelSchema.safeParse(body ?? {});
    const reason = parsed.success ? parsed.data.reason : undefined;
    return c.json(pledgeJson(await cancelPledge(servicesOf(c), c.var.principal, c.req.valid('param').id, reason)), 200);
  },
);

corporatePledgeRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/corporate-pledges/{id}/receipt',
    tags: ['corporate'],
    ...secured,
    description: 'The printable receipt (受領証): amount and date received, per 地域再生法施行規則第14条. Numbered per receiving town per fiscal year.',
    request: { params: IdParam('pl-0123456789abcdef') },
    responses: { 200: { description: 'printable HTML', content: { 'text/html': { schema: z.string() } } }, ...refusals },
  }),
  async (c) => {
    const { pledge, town } = await pledgeReceipt(servicesOf(c), c.var.principal, c.req.valid('param').id);
    c.header('Cache-Control', 'private, no-store');
    return c.html(PledgeReceiptPage({ pledge, town, lang: c.var.lang }), 200);
  },
);

corporatePledgeRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/companies/me/pledges.csv',
    tags: ['corporate'],
    ...secured,
    middleware: [requireRole('company')],
    request: { query: CsvQuery },
    responses: { 200: { description: 'CSV (UTF-8 with BOM) of the company’s pledges, for its accountant', content: { 'text/csv': { schema: z.string() } } }, ...refusals },
  }),
  async (c) => {
    const fy = c.req.valid('query').fy;
    const csv = await companyPledgesCsv(servicesOf(c), c.var.principal, fy);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="corporate-pledges${fy ? `-fy${fy}` : ''}.csv"`);
    c.header('Cache-Control', 'private, no-store');
    return c.body(csv, 200);
  },
);

for (const kind of ['challenge', 'fund'] as const) {
  corporatePledgeRoutes.openapi(
    createRoute({
      method: 'get',
      path: kind === 'challenge' ? '/challenges/{id}/corporate-donors' : '/funds/{id}/corporate-donors',
      tags: ['corporate'],
      description: 'Per fiscal year of receipt: companies that consented to their name (amount only where consented); anonymous donations appear in the totals only.',
      request: { params: IdParam(kind === 'challenge' ? 'yokoze-bandai-dx' : 'kyoso-kikin') },
      responses: { 200: json(CorporateDonorsSchema, 'public disclosure of corporate-version donations received'), 400: errorResponses[400], 404: errorResponses[404] },
    }),
    async (c) => c.json({ years: await corporateDonors(servicesOf(c), { kind, id: c.req.valid('param').id }) }, 200),
  );
}
