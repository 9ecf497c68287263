/**
 * Allocations from pooled funds to challenges, and changes to a fund's allocation rule. Every decision
 * is the domain's (functions/domain/allocations.ts, governance.ts); handlers parse, call, respond.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { hasRole, requireRole, townsWithRole } from '../auth.js';
import { actorOf, backOfficeErrors } from '../back-office.js';
import { forbidden } from '../errors.js';
import { createRouter } from '../router.js';
import { errorResponses, IdParam, json } from '../schemas/common.js';
import {
  AllocationListQuery,
  AllocationSchema,
  ApproveAllocationResponse,
  CreatedAllocation,
  DecisionRequest,
  FundIdParam,
  FundProposalParams,
  GovernanceProposalRequest,
  GovernanceProposalSchema,
  ProposeAllocationRequest,
} from '../schemas/allocations.js';
import { approveAllocation, getAllocation, listAllocations, proposeAllocation, rejectAllocation } from '../../store/allocations.js';
import {
  approveGovernanceChange,
  fundGovernance,
  getGovernanceProposal,
  listGovernanceProposals,
  proposeGovernanceChange,
  rejectGovernanceChange,
} from '../../store/governance.js';
import { getFund } from '../../store/catalog.js';
import type { Allocation } from '../../domain/allocations.js';
import type { Principal } from '../auth.js';
import type { Db } from '../../store/db.js';

export const allocationRoutes = createRouter();
allocationRoutes.onError(backOfficeErrors);

const secured = { security: [{ bearer: [] }] };
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
const optionalBody = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: false } });

allocationRoutes.use('/allocations', requireRole('treasurer'));
allocationRoutes.use('/allocations/*', requireRole('treasurer'));
allocationRoutes.use('/funds/:id/governance-proposals', requireRole('treasurer'));
allocationRoutes.use('/funds/:id/governance-proposals/*', requireRole('treasurer'));

/** The members of an allocation's fund and admins may read it; the public sees executed ones in the ledger. */
async function assertCanRead(db: Db, p: Principal | undefined, a: Allocation) {
  if (hasRole(p, 'admin')) return;
  const fund = await getFund(db, a.fundId);
  const mine = townsWithRole(p, 'treasurer');
  if (!fund?.members.some((t) => mine.includes(t))) throw forbidden('only treasurers of the fund’s member towns can read its allocations');
}

const view = (a: Allocation) => {
  const { approvers: _a, ...rest } = a;
  return rest as z.infer<typeof AllocationSchema>;
};

allocationRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/allocations',
    tags: ['allocations'],
    ...secured,
    summary: 'Propose an allocation from a pooled fund to a challenge (treasurer of a member town)',
    request: body(ProposeAllocationRequest),
    responses: { 201: json(CreatedAllocation, 'proposed; nothing moves until the required towns approve'), ...errorResponses },
  }),
  async (c) => {
    const a = await proposeAllocation(c.var.deps.db, c.req.valid('json'), actorOf(c.var.principal), { requestId: c.var.requestId });
    return c.json({ allocationId: a.id, status: 'proposed' as const, draws: a.draws, total: a.total, requirement: a.requirement }, 201);
  },
);

allocationRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/allocations',
    tags: ['allocations'],
    ...secured,
    summary: 'Allocations of the funds my towns are members of, newest first',
    request: { query: AllocationListQuery },
    responses: { 200: json(z.object({ allocations: z.array(AllocationSchema) }), 'allocations'), 401: errorResponses[401], 403: errorResponses[403] },
  }),
  async (c) => {
    const db = c.var.deps.db;
    const { status } = c.req.valid('query');
    const mine = townsWithRole(c.var.principal, 'treasurer');
    const admin = hasRole(c.var.principal, 'admin');
    const all = await listAllocations(db, { open: status === 'proposed' });
    const funds = new Map<string, string[]>();
    const visible: Allocation[] = [];
    for (const a of all) {
      if (status && a.status !== status) continue;
      if (!funds.has(a.fundId)) funds.set(a.fundId, (await getFund(db, a.fundId))?.members ?? []);
      if (admin || funds.get(a.fundId)!.some((t) => mine.includes(t))) visible.push(a);
    }
    return c.json({ allocations: visible.map(view) }, 200);
  },
);

allocationRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/allocations/{id}',
    tags: ['allocations'],
    ...secured,
    request: { params: IdParam('al_x') },
    responses: { 200: json(AllocationSchema, 'an allocation with its status and approvals'), 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404] },
  }),
  async (c) => {
    const a = await getAllocation(c.var.deps.db, c.req.valid('param').id);
    await assertCanRead(c.var.deps.db, c.var.principal, a);
    return c.json(view(a), 200);
  },
);

allocationRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/allocations/{id}/approve',
    tags: ['allocations'],
    ...secured,
    summary: 'Approve for my town; the last required approval moves the money in one ledger entry',
    request: { params: IdParam('al_x'), ...optionalBody(DecisionRequest) },
    responses: { 200: json(ApproveAllocationResponse, 'approved (executed: true when the money moved)'), ...errorResponses },
  }),
  async (c) => {
    const input = c.req.valid('json') ?? {};
    const { allocation, executed } = await approveAllocation(c.var.deps.db, c.req.valid('param').id, actorOf(c.var.principal), { ...input, requestId: c.var.requestId });
    return c.json({ ...view(allocation), allocationId: allocation.id, executed }, 200);
  },
);

allocationRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/allocations/{id}/reject',
    tags: ['allocations'],
    ...secured,
    summary: 'Reject for my town; this closes the proposal',
    request: { params: IdParam('al_x'), ...optionalBody(DecisionRequest) },
    responses: { 200: json(AllocationSchema.extend({ allocationId: z.string() }), 'rejected'), ...errorResponses },
  }),
  async (c) => {
    const input = c.req.valid('json') ?? {};
    const a = await rejectAllocation(c.var.deps.db, c.req.valid('param').id, actorOf(c.var.principal), { ...input, requestId: c.var.requestId });
    return c.json({ ...view(a), allocationId: a.id }, 200);
  },
);

// ---------------------------------------------------------------- fund rule changes

allocationRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/funds/{id}/governance-proposals',
    tags: ['allocations'],
    ...secured,
    summary: 'Propose a new allocation rule for a fund; it applies once every member town approves',
    request: { params: FundIdParam, ...body(GovernanceProposalRequest) },
    responses: { 201: json(z.object({ proposalId: z.string(), status: z.literal('proposed'), requirement: z.object({ eligible: z.array(z.string()), needed: z.number().int() }) }), 'proposed'), ...errorResponses },
  }),
  async (c) => {
    const b = c.req.valid('json');
    const rule = b.rule === 'quorum' ? { rule: 'quorum' as const, quorum: b.quorum! } : { rule: 'all_drawn' as const };
    const p = await proposeGovernanceChange(c.var.deps.db, c.req.valid('param').id, rule, actorOf(c.var.principal), { comment: b.comment, requestId: c.var.requestId });
    return c.json({ proposalId: p.id, status: 'proposed' as const, requirement: p.requirement }, 201);
  },
);

allocationRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/funds/{id}/governance-proposals',
    tags: ['allocations'],
    ...secured,
    request: { params: FundIdParam },
    responses: { 200: json(z.object({ rule: z.unknown(), version: z.number().int(), proposals: z.array(GovernanceProposalSchema) }), 'the current rule and the proposals to change it'), ...errorResponses },
  }),
  async (c) => {
    const db = c.var.deps.db;
    const { id } = c.req.valid('param');
    const { rule, version } = await fundGovernance(db, id);
    const proposals = (await listGovernanceProposals(db, id)).map(({ approvers: _a, ...p }) => p);
    return c.json({ rule, version, proposals }, 200);
  },
);

allocationRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/funds/{id}/governance-proposals/{proposalId}',
    tags: ['allocations'],
    ...secured,
    request: { params: FundProposalParams },
    responses: { 200: json(GovernanceProposalSchema, 'a rule-change proposal'), ...errorResponses },
  }),
  async (c) => {
    const { id, proposalId } = c.req.valid('param');
    const { approvers: _a, ...p } = await getGovernanceProposal(c.var.deps.db, id, proposalId);
    return c.json(p, 200);
  },
);

allocationRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/funds/{id}/governance-proposals/{proposalId}/approve',
    tags: ['allocations'],
    ...secured,
    request: { params: FundProposalParams, ...optionalBody(DecisionRequest) },
    responses: { 200: json(GovernanceProposalSchema.extend({ applied: z.boolean() }), 'approved (applied: true when the rule changed)'), ...errorResponses },
  }),
  async (c) => {
    const { id, proposalId } = c.req.valid('param');
    const input = c.req.valid('json') ?? {};
    const { proposal, applied } = await approveGovernanceChange(c.var.deps.db, id, proposalId, actorOf(c.var.principal), { ...input, requestId: c.var.requestId });
    const { approvers: _a, ...p } = proposal;
    return c.json({ ...p, applied }, 200);
  },
);

allocationRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/funds/{id}/governance-proposals/{proposalId}/reject',
    tags: ['allocations'],
    ...secured,
    request: { params: FundProposalParams, ...optionalBody(DecisionRequest) },
    responses: { 200: json(GovernanceProposalSchema, 'rejected'), ...errorResponses },
  }),
  async (c) => {
    const { id, proposalId } = c.req.valid('param');
    const input = c.req.valid('json') ?? {};
    const { approvers: _a, ...p } = await rejectGovernanceChange(c.var.deps.db, id, proposalId, actorOf(c.var.principal), { ...input, requestId: c.var.requestId });
    return c.json(p, 200);
  },
);
