import { z } from '@hono/zod-openapi';
import { ALLOCATION_STATUSES, MAX_DRAWS } from '../../domain/allocations.js';
import type { GovernanceRule } from '../../domain/governance.js';
import { DateString, TownCode, Yen } from './common.js';

const Comment = z.string().trim().max(1000).optional().openapi({ example: '町議会の議決済み' });

export const DrawSchema = z.object({ town: TownCode, amount: Yen.positive({ message: 'must be above zero' }) }).openapi('Draw');

export const ProposeAllocationRequest = z
  .object({
    fundId: z.string().min(1).max(100).openapi({ example: 'kyoso-kikin' }),
    challengeId: z.string().min(1).max(100).openapi({ example: 'yokoze-bandai-dx' }),
    draws: z.array(DrawSchema).min(1).max(MAX_DRAWS).optional().openapi({ description: 'how much each town share gives' }),
    split: z.literal('by_share').optional().openapi({ description: 'instead of draws: split `amount` in proportion to share sizes' }),
    amount: Yen.positive({ message: 'must be above zero' }).optional().openapi({ description: 'total, with split=by_share' }),
    towns: z.array(TownCode).min(1).max(MAX_DRAWS).optional().openapi({ description: 'with split=by_share: only these member towns (default all)' }),
    comment: Comment,
  })
  .superRefine((v, ctx) => {
    if (v.split === 'by_share') {
      if (v.draws) ctx.addIssue({ code: 'custom', path: ['draws'], message: 'give either draws or split=by_share with an amount, not both' });
      if (v.amount === undefined) ctx.addIssue({ code: 'custom', path: ['amount'], message: 'required with split=by_share' });
    } else {
      if (!v.draws) ctx.addIssue({ code: 'custom', path: ['draws'], message: 'name the draws per town (or use split=by_share with an amount)' });
      if (v.amount !== undefined || v.towns) ctx.addIssue({ code: 'custom', path: ['amount'], message: 'amount and towns go with split=by_share only' });
    }
  })
  .openapi('ProposeAllocation');

export const DecisionRequest = z
  .object({
    comment: Comment,
    town: TownCode.optional().openapi({ description: 'only for a treasurer of several eligible towns: the town this decision is for' }),
  })
  .openapi('AllocationDecision');

const Note = z.object({ town: TownCode, by: z.string(), name: z.string().optional(), comment: z.string().optional(), at: z.string() });
const Requirement = z.object({ eligible: z.array(TownCode), needed: z.number().int() });
const Rule = z.union([z.object({ rule: z.literal('all_drawn') }), z.object({ rule: z.literal('quorum'), quorum: z.number().int() })]);

export const AllocationSchema = z
  .object({
    id: z.string(),
    fundId: z.string(),
    fundName: z.string(),
    challengeId: z.string(),
    challengeTitle: z.string(),
    challengeLeadTown: TownCode,
    draws: z.array(DrawSchema),
    total: Yen,
    comment: z.string().optional(),
    status: z.enum(ALLOCATION_STATUSES as [string, ...string[]]),
    rule: Rule,
    requirement: Requirement,
    approvedTowns: z.array(TownCode),
    approvals: z.array(Note),
    proposedBy: z.string(),
    proposedByName: z.string().optional(),
    proposerTown: TownCode,
    createdAt: z.string(),
    proposedOn: DateString,
    deadlineAt: z.string(),
    decidedAt: z.string().optional(),
    executedOn: DateString.optional(),
    entryId: z.string().optional(),
    rejection: Note.optional(),
  })
  .openapi('Allocation');

export const CreatedAllocation = z.object({ allocationId: z.string(), status: z.literal('proposed'), draws: z.array(DrawSchema), total: Yen, requirement: Requirement }).openapi('AllocationCreated');

export const ApproveAllocationResponse = AllocationSchema.extend({ allocationId: z.string(), executed: z.boolean() }).openapi('AllocationApproved');

export const AllocationListQuery = z.object({
  status: z.enum(ALLOCATION_STATUSES as [string, ...string[]]).optional().openapi({ param: { name: 'status', in: 'query' } }),
});

export const GovernanceProposalRequest = z
  .object({
    rule: z.enum(['all_drawn', 'quorum']),
    quorum: z.number().int().positive().optional(),
    comment: Comment,
  })
  .superRefine((v, ctx) => {
    if (v.rule === 'quorum' && v.quorum === undefined) ctx.addIssue({ code: 'custom', path: ['quorum'], message: 'required with rule=quorum' });
    if (v.rule === 'all_drawn' && v.quorum !== undefined) ctx.addIssue({ code: 'custom', path: ['quorum'], message: 'only with rule=quorum' });
  })
  .openapi('GovernanceProposalRequest');

/** The rule a valid proposal request names. */
export function ruleOf(b: z.infer<typeof GovernanceProposalRequest>): GovernanceRule {
  return b.rule === 'quorum' ? { rule: 'quorum', quorum: b.quorum! } : { rule: 'all_drawn' };
}

export const GovernanceProposalSchema = z
  .object({
    id: z.string(),
    fundId: z.string(),
    rule: Rule,
    baseVersion: z.number().int(),
    status: z.enum(['proposed', 'applied', 'rejected', 'expired']),
    requirement: Requirement,
    approvedTowns: z.array(TownCode),
    approvals: z.array(Note),
    proposedBy: z.string(),
    proposerTown: TownCode,
    comment: z.string().optional(),
    createdAt: z.string(),
    deadlineAt: z.string(),
    decidedAt: z.string().optional(),
    rejection: Note.optional(),
  })
  .openapi('GovernanceProposal');

export const FundIdParam = z.object({ id: z.string().min(1).max(100).regex(/^[A-Za-z0-9_-]+$/).openapi({ param: { name: 'id', in: 'path' }, example: 'kyoso-kikin' }) });
export const FundProposalParams = FundIdParam.extend({
  proposalId: z.string().min(1).max(100).regex(/^[A-Za-z0-9_-]+$/).openapi({ param: { name: 'proposalId', in: 'path' } }),
});
