/**
 * Corporate-version (企業版ふるさと納税) JSON API: pledges, the treasurer's bank-receipt confirmation, cancel,
 * the printable receipt, disclosure on challenges and funds, and the company's CSV for its accountant.
 * Handlers parse, call an action (corporate-actions.ts, which holds who-may-do-what) and answer.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { estimateRelief, type Pledge } from '../../domain/corporate.js';
import { getTown } from '../../store/catalog.js';
import { PledgeReceiptPage } from '../../../web/pages/pledge-receipt.js';
import { requireRole } from '../auth.js';
import type { AppEnv } from '../context.js';
import {
  BilingualError,
  bankTransferFor,
  cancelPledgeAs,
  companyPledgesCsv,
  confirmPaymentAs,
  corporateDonorsFor,
  createPledgeAs,
  listPledgesAs,
  readPledgeAs,
  type CorpCtx,
} from '../corporate-actions.js';
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

export const corporatePledgeRoutes = createRouter();

const ctxOf = (c: Context<AppEnv>): CorpCtx => ({ db: c.var.deps.db, baseUrl: c.var.deps.baseUrl, requestId: c.get('requestId') });
const secured = { security: [{ bearer: [] }] };
const refusals = { 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404], 409: errorResponses[409], 422: errorResponses[422] };
const receiptUrl = (id: string) => `/api/corporate-pledges/${id}/receipt`;

/** The wire view of a pledge for its parties; bank details only while it awaits payment. */
export async function pledgeJson(ctx: CorpCtx, p: Pledge) {
  return {
    pledgeId: p.id,
    id: p.id,
    status: p.status,
    ...(p.target.kind === 'challenge' ? { challengeId: p.target.id } : { fundId: p.target.id }),
    targetTitle: p.targetTitle,
    receivingTown: p.receivingTown,
    amount: p.amount,
    noEconomicBenefit: p.noEconomicBenefit,
    disclose: p.disclose,
    company: { id: p.companyId, name: p.companyName, corporateNumber: p.corporateNumber },
    pledgedOn: p.pledgedOn,
    expiresOn: p.expiresOn,
    fiscalYear: p.fiscalYear,
    plan: { id: p.planId, name: p.planName, project: p.projectName },
    estimatedRelief: estimateRelief(p.amount),
    bankTransfer: p.status === 'pledged' ? await bankTransferFor(ctx.db, p) : undefined,
    receivedOn: p.receivedOn,
    receiptNumber: p.receiptNumber,
    receiptUrl: p.receiptNumber ? receiptUrl(p.id) : undefined,
    entryId: p.entryId,
    cancelledAt: p.cancelledAt,
    cancelReason: p.cancelReason,
    expiredAt: p.expiredAt,
  };
}

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
    const out = await createPledgeAs(ctxOf(c), c.var.principal, c.req.valid('json'), c.req.valid('header')['idempotency-key']);
    return c.json({ pledgeId: out.pledge.id, status: 'pledged' as const, estimatedRelief: out.estimatedRelief, bankTransfer: out.bankTransfer, ...(out.replayed ? { replayed: true } : {}) }, 201);
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
    const ctx = ctxOf(c);
    const list = await listPledgesAs(ctx, c.var.principal, c.req.valid('query'));
    return c.json({ pledges: await Promise.all(list.map((p) => pledgeJson(ctx, p))) }, 200);
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
    const ctx = ctxOf(c);
    return c.json(await pledgeJson(ctx, await readPledgeAs(ctx, c.var.principal, c.req.valid('param').id)), 200);
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
    const { pledge, alreadyConfirmed } = await confirmPaymentAs(ctxOf(c), c.var.principal, c.req.valid('param').id, c.req.valid('json'));
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
    const ctx = ctxOf(c);
    const body = (await c.req.json().catch(() => ({}))) as { reason?: unknown };
    const parsed = CancelSchema.safeParse(body ?? {});
    const reason = parsed.success ? parsed.data.reason : undefined;
    return c.json(await pledgeJson(ctx, await cancelPledgeAs(ctx, c.var.principal, c.req.valid('param').id, reason)), 200);
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
    const ctx = ctxOf(c);
    const p = await readPledgeAs(ctx, c.var.principal, c.req.valid('param').id);
    if (p.status !== 'paid') throw new BilingualError(409, 'not_received', 'no receipt yet: the town has not recorded the payment', '入金が確認されていないため、受領証はまだ発行されていません');
    const town = await getTown(ctx.db, p.receivingTown);
    c.header('Cache-Control', 'private, no-store');
    return c.html(PledgeReceiptPage({ pledge: p, town, lang: c.var.lang }), 200);
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
    const csv = await companyPledgesCsv(ctxOf(c), c.var.principal, fy);
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
    async (c) => c.json({ years: await corporateDonorsFor(c.var.deps.db, { kind, id: c.req.valid('param').id }) }, 200),
  );
}
