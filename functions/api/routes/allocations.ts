/**
 * Allocations from pooled funds to challenges, and changes to a fund's allocation rule. Every decision is
 * the services' and the domain's (services/allocations.ts, services/fund-governance.ts); handlers parse,
 * call one service, present. Refusals are DomainErrors, answered by the app's one error handler.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { requirePrincipal, requireRole } from '../auth.js';
import { allocationView, proposalView } from '../presenters/treasury.js';
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
  ruleOf,
} from '../schemas/allocations.js';
import { servicesOf } from '../services.js';
import { approveAllocation, getAllocation, listAllocations, proposeAllocation, rejectAllocation } from '../../services/allocations.js';
import { approveGovernanceChange, fundGovernanceOf, getGovernanceProposal, proposeGovernanceChange, rejectGovernanceChange } from '../../services/fund-governance.js';

export const allocationRoutes = createRouter();

const secured = { security: [{ bearer: [] }] };
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
const optionalBody = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: false } });

allocationRoutes.use('/allocations', requireRole('treasurer'));
allocationRoutes.use('/allocations/*', requireRole('treasurer'));
allocationRoutes.use('/funds/:id/governance-proposals', requireRole('treasurer'));
allocationRoutes.use('/funds/:id/governance-proposals/*', requireRole('treasurer'));

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
    const a = await proposeAllocation(servicesOf(c), requirePrincipal(c.var.principal), c.req.valid('json'));
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
    const visible = await listAllocations(servicesOf(c), requirePrincipal(c.var.principal), c.req.valid('query'));
    return c.json({ allocations: visible.map(allocationView) }, 200);
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
    const a = await getAllocation(servicesOf(c), requirePrincipal(c.var.principal), c.req.valid('param').id);
    return c.json(allocationView(a), 200);
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
    const { allocation, executed } = await approveAllocation(servicesOf(c), requirePrincipal(c.var.principal), c.req.valid('param').id, input);
    return c.json({ ...allocationView(allocation), allocationId: allocation.id, executed }, 200);
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
    const a = await rejectAllocation(servicesOf(c), requirePrincipal(c.var.principal), c.req.valid('param').id, input);
    return c.json({ ...allocationView(a), allocationId: a.id }, 200);
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
    const p = await proposeGovernanceChange(servicesOf(c), requirePrincipal(c.var.principal), c.req.valid('param').id, { rule: ruleOf(b), comment: b.comment });
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
    const { rule, version, proposals } = await fundGovernanceOf(servicesOf(c), requirePrincipal(c.var.principal), c.req.valid('param').id);
    return c.json({ rule, version, proposals: proposals.map(proposalView) }, 200);
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
    return c.json(proposalView(await getGovernanceProposal(servicesOf(c), requirePrincipal(c.var.principal), id, proposalId)), 200);
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
    const { proposal, applied } = await approveGovernanceChange(servicesOf(c), requirePrincipal(c.var.principal), id, proposalId, input);
    return c.json({ ...proposalView(proposal), applied }, 200);
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
    return c.json(proposalView(await rejectGovernanceChange(servicesOf(c), requirePrincipal(c.var.principal), id, proposalId, input)), 200);
  },
);
