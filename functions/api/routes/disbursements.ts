/**
 * Disbursements to a challenge's operating company, and the town bank account the transfer files use.
 * The rules (two distinct treasurers, never the requester, money reserved on the second approval) are
 * in functions/domain/disbursements.ts and the store; handlers parse, call, respond.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { assertTownRole, hasRole, requireRole, townsWithRole } from '../auth.js';
import { actorOf, backOfficeErrors } from '../back-office.js';
import { forbidden, notFound, unauthorized } from '../errors.js';
import { createRouter } from '../router.js';
import { errorResponses, IdParam, json } from '../schemas/common.js';
import {
  ApproveDisbursementRequest,
  BankAccountSchema,
  DisbursementCreated,
  DisbursementDecided,
  DisbursementSchema,
  PaidRequest,
  RejectDisbursementRequest,
  RequestDisbursementRequest,
  TownParam,
} from '../schemas/disbursements.js';
import {
  approveDisbursement,
  getDisbursement,
  getTownBankAccount,
  listTownDisbursements,
  markDisbursementPaid,
  putTownBankAccount,
  rejectDisbursement,
  requestDisbursement,
} from '../../store/disbursements.js';
import type { Disbursement } from '../../domain/disbursements.js';
import type { Principal } from '../auth.js';

export const disbursementRoutes = createRouter();
disbursementRoutes.onError(backOfficeErrors);

const secured = { security: [{ bearer: [] }] };
const body = <T extends z.ZodType>(schema: T, required = true) => ({ body: { content: { 'application/json': { schema } }, required } });

disbursementRoutes.use('/disbursements', requireRole('company'));
for (const action of ['approve', 'reject', 'paid']) disbursementRoutes.use(`/disbursements/:id/${action}`, requireRole('treasurer'));

/** The operating company, the paying town's treasurers and admins. */
function assertCanRead(p: Principal | undefined, d: Disbursement) {
  if (hasRole(p, 'admin') || townsWithRole(p, 'treasurer').includes(d.town) || (p?.companyId && p.companyId === d.companyId && hasRole(p, 'company'))) return;
  throw forbidden('only the operating company and the paying town’s treasurers can read this disbursement');
}

const view = (d: Disbursement) => d as unknown as z.infer<typeof DisbursementSchema>;

disbursementRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/disbursements',
    tags: ['disbursements'],
    ...secured,
    summary: 'Request a payment for a milestone (the challenge’s operating company)',
    request: body(RequestDisbursementRequest),
    responses: { 201: json(DisbursementCreated, 'requested; two treasurers of the paying town must approve'), ...errorResponses },
  }),
  async (c) => {
    const d = await requestDisbursement(c.var.deps.db, c.req.valid('json'), actorOf(c.var.principal), { requestId: c.var.requestId });
    return c.json({ disbursementId: d.id, status: 'requested' as const, payee: d.payee }, 201);
  },
);

disbursementRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/disbursements/{id}',
    tags: ['disbursements'],
    ...secured,
    request: { params: IdParam('db_x') },
    responses: { 200: json(DisbursementSchema, 'a disbursement with its status and approvals'), 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404] },
  }),
  async (c) => {
    if (!c.var.principal) throw unauthorized();
    const d = await getDisbursement(c.var.deps.db, c.req.valid('param').id);
    assertCanRead(c.var.principal, d);
    return c.json(view(d), 200);
  },
);

disbursementRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/disbursements/{id}/approve',
    tags: ['disbursements'],
    ...secured,
    summary: 'Approve (treasurer of the paying town, not the requester); the second approval reserves the money and schedules the transfer',
    request: { params: IdParam('db_x'), ...body(ApproveDisbursementRequest, false) },
    responses: { 200: json(DisbursementDecided, 'approved'), ...errorResponses },
  }),
  async (c) => {
    const input = c.req.valid('json') ?? {};
    const { disbursement } = await approveDisbursement(c.var.deps.db, c.req.valid('param').id, actorOf(c.var.principal), { ...input, requestId: c.var.requestId });
    return c.json({ ...view(disbursement), disbursementId: disbursement.id }, 200);
  },
);

disbursementRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/disbursements/{id}/reject',
    tags: ['disbursements'],
    ...secured,
    request: { params: IdParam('db_x'), ...body(RejectDisbursementRequest) },
    responses: { 200: json(DisbursementDecided, 'rejected'), ...errorResponses },
  }),
  async (c) => {
    const d = await rejectDisbursement(c.var.deps.db, c.req.valid('param').id, actorOf(c.var.principal), c.req.valid('json').reason, { requestId: c.var.requestId });
    return c.json({ ...view(d), disbursementId: d.id }, 200);
  },
);

disbursementRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/disbursements/{id}/paid',
    tags: ['disbursements'],
    ...secured,
    summary: 'Mark the bank transfer made; posts the payment once, however often it is submitted',
    request: { params: IdParam('db_x'), ...body(PaidRequest) },
    responses: { 200: json(DisbursementDecided, 'paid (duplicate: true when it already was, with this date)'), ...errorResponses },
  }),
  async (c) => {
    const { disbursement, duplicate } = await markDisbursementPaid(c.var.deps.db, c.req.valid('param').id, actorOf(c.var.principal), c.req.valid('json').paidOn, { requestId: c.var.requestId });
    return c.json({ ...view(disbursement), disbursementId: disbursement.id, duplicate }, 200);
  },
);

disbursementRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/towns/{code}/disbursements',
    tags: ['disbursements'],
    ...secured,
    summary: 'The disbursements a town pays, newest first (its treasurers)',
    request: { params: TownParam },
    responses: { 200: json(z.object({ disbursements: z.array(DisbursementSchema) }), 'disbursements'), ...errorResponses },
  }),
  async (c) => {
    const { code } = c.req.valid('param');
    assertTownRole(c.var.principal, 'treasurer', code);
    return c.json({ disbursements: (await listTownDisbursements(c.var.deps.db, code)).map(view) }, 200);
  },
);

disbursementRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/towns/{code}/bank-account',
    tags: ['disbursements'],
    ...secured,
    request: { params: TownParam },
    responses: { 200: json(BankAccountSchema, 'the town’s bank account for transfer files'), ...errorResponses },
  }),
  async (c) => {
    const { code } = c.req.valid('param');
    assertTownRole(c.var.principal, 'treasurer', code);
    const account = await getTownBankAccount(c.var.deps.db, code);
    if (!account) throw notFound('bank account');
    return c.json(account, 200);
  },
);

disbursementRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/towns/{code}/bank-account',
    tags: ['disbursements'],
    ...secured,
    summary: 'Set the town’s own bank account (the paying side of its 全銀 transfer files)',
    request: { params: TownParam, ...body(BankAccountSchema) },
    responses: { 200: json(BankAccountSchema, 'saved (kana stored half-width)'), ...errorResponses },
  }),
  async (c) => {
    const { code } = c.req.valid('param');
    const p = assertTownRole(c.var.principal, 'treasurer', code);
    if (!townsWithRole(p, 'treasurer').includes(code)) throw forbidden(`only a treasurer of ${code} can set its bank account`);
    const account = await putTownBankAccount(c.var.deps.db, code, c.req.valid('json'), { sub: p.sub }, { requestId: c.var.requestId });
    return c.json(account, 200);
  },
);
