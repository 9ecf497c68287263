/**
 * Disbursements to a challenge's operating company, and the town bank account the transfer files use.
 * The rules (two distinct treasurers, never the requester, money reserved on the second approval) are in
 * services/disbursements.ts and the domain; handlers parse, call one service, present.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { requirePrincipal, requireRole } from '../auth.js';
import { disbursementView } from '../presenters/treasury.js';
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
import { servicesOf } from '../services.js';
import {
  approveDisbursement,
  getDisbursement,
  getTownBankAccount,
  listTownDisbursements,
  markDisbursementPaid,
  rejectDisbursement,
  requestDisbursement,
  setTownBankAccount,
} from '../../services/disbursements.js';

export const disbursementRoutes = createRouter();

const secured = { security: [{ bearer: [] }] };
const body = <T extends z.ZodType>(schema: T, required = true) => ({ body: { content: { 'application/json': { schema } }, required } });

disbursementRoutes.use('/disbursements', requireRole('company'));
for (const action of ['approve', 'reject', 'paid']) disbursementRoutes.use(`/disbursements/:id/${action}`, requireRole('treasurer'));

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
    const d = await requestDisbursement(servicesOf(c), requirePrincipal(c.var.principal), c.req.valid('json'));
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
    const d = await getDisbursement(servicesOf(c), requirePrincipal(c.var.principal), c.req.valid('param').id);
    return c.json(disbursementView(d), 200);
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
    const { disbursement } = await approveDisbursement(servicesOf(c), requirePrincipal(c.var.principal), c.req.valid('param').id, input);
    return c.json({ ...disbursementView(disbursement), disbursementId: disbursement.id }, 200);
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
    const d = await rejectDisbursement(servicesOf(c), requirePrincipal(c.var.principal), c.req.valid('param').id, c.req.valid('json').reason);
    return c.json({ ...disbursementView(d), disbursementId: d.id }, 200);
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
    const { disbursement, duplicate } = await markDisbursementPaid(servicesOf(c), requirePrincipal(c.var.principal), c.req.valid('param').id, c.req.valid('json').paidOn);
    return c.json({ ...disbursementView(disbursement), disbursementId: disbursement.id, duplicate }, 200);
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
    const list = await listTownDisbursements(servicesOf(c), requirePrincipal(c.var.principal), c.req.valid('param').code);
    return c.json({ disbursements: list.map(disbursementView) }, 200);
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
    return c.json(await getTownBankAccount(servicesOf(c), requirePrincipal(c.var.principal), c.req.valid('param').code), 200);
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
    return c.json(await setTownBankAccount(servicesOf(c), requirePrincipal(c.var.principal), c.req.valid('param').code, c.req.valid('json')), 200);
  },
);
