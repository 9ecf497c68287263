/**
 * Changing a pooled fund's allocation rule: a treasurer of a member town proposes, every member town
 * approves (once per town, once per person), and the last approval applies the rule, only if the fund's
 * rule is still the one the proposal was made against. Who may do what is decided here and in
 * domain/governance.ts; the store writes each step in one conditional transaction.
 */
import { townsWithRole, type Actor } from '../domain/actor.js';
import type { Fund } from '../domain/catalog.js';
import { DomainError } from '../domain/errors.js';
import {
  addDays,
  approvalTownFor,
  governanceRequirement,
  GOVERNANCE_PROPOSAL_DAYS,
  isDecisionComplete,
  rejectionTownFor,
  sameRule,
  validateRule,
  type DecisionNote,
  type GovernanceProposal,
  type GovernanceRule,
} from '../domain/governance.js';
import { StateConflictError } from '../store/errors.js';
import {
  audit,
  expireGovernanceProposals,
  fundGovernance,
  getGovernanceProposal as readProposal,
  insertGovernanceProposal,
  listGovernanceProposals,
  loadProposal,
  newId,
  rereadOnConflict,
  writeGovernanceApproval,
  writeGovernanceRejection,
} from '../store/governance.js';
import type { ServiceContext } from './context.js';
import type { DecisionInput } from './allocations.js';

export { GOVERNANCE_PROPOSAL_DAYS };

/**
 * The fund's current rule, its version and every proposal to change it (without approval notes).
 * @example const { rule, proposals } = await fundGovernanceOf(ctx, actor, 'kyoso-kikin')
 */
export async function fundGovernanceOf(ctx: ServiceContext, _actor: Actor, fundId: string) {
  const { fund, rule, version } = await fundGovernance(ctx.db, fundId);
  return { fund, rule, version, proposals: await listGovernanceProposals(ctx.db, fundId) };
}

/**
 * One proposal, as readers see it (past its deadline it is expired), with its approvals.
 * @example await getGovernanceProposal(ctx, actor, 'kyoso-kikin', 'gp_x')
 */
export async function getGovernanceProposal(ctx: ServiceContext, _actor: Actor, fundId: string, id: string): Promise<GovernanceProposal> {
  return readProposal(ctx.db, fundId, id);
}

/** Member towns of the fund the actor is treasurer of. */
const heldTowns = (fund: Fund, actor: Actor) => {
  const mine = townsWithRole(actor, 'treasurer');
  return fund.members.filter((t) => mine.includes(t));
};

export interface ProposeRuleInput {
  rule: GovernanceRule;
  comment?: string;
  /** The member town the proposal is made for, when it is one of the actor's; else their first member town. */
  town?: string;
}

/**
 * Proposes a new rule; it applies once every member town approves.
 * @example await proposeGovernanceChange(ctx, actor, 'kyoso-kikin', { rule: { rule: 'quorum', quorum: 2 } })
 */
export async function proposeGovernanceChange(ctx: ServiceContext, actor: Actor, fundId: string, input: ProposeRuleInput): Promise<GovernanceProposal> {
  const { fund, rule: current, version } = await fundGovernance(ctx.db, fundId);
  const held = heldTowns(fund, actor);
  const town = input.town && held.includes(input.town) ? input.town : held[0];
  if (!town) throw new DomainError('forbidden', 'not_member_treasurer', 'only a treasurer of a member town can propose a rule change');
  const problems = validateRule(input.rule, fund.members);
  if (problems.length) throw new DomainError('invalid', 'bad_rule', problems[0]!.message, { key: 'quorum_range', params: problems[0]!.params, issues: problems });
  if (sameRule(input.rule, current)) throw new DomainError('rule', 'same_rule', 'the fund already has this rule');
  const createdAt = ctx.now().toISOString();
  const proposal: GovernanceProposal = {
    id: newId('gp'),
    fundId,
    rule: input.rule,
    baseVersion: version,
    status: 'proposed',
    requirement: governanceRequirement(fund.members),
    approvedTowns: [],
    approvers: [],
    approvals: [],
    proposedBy: actor.sub,
    proposedByName: actor.name,
    proposerTown: town,
    comment: input.comment,
    createdAt,
    deadlineAt: addDays(createdAt, GOVERNANCE_PROPOSAL_DAYS),
  };
  await insertGovernanceProposal(
    ctx.db,
    proposal,
    audit(`town:${town}`, { actor: actor.sub, role: `treasurer:${town}`, action: 'governance.propose', target: `fund:${fundId}`, before: current, after: { proposalId: proposal.id, rule: input.rule }, requestId: ctx.requestId }),
  );
  return proposal;
}

/**
 * One member town's approval; the last one applies the rule.
 * @example const { applied } = await approveGovernanceChange(ctx, actor, 'kyoso-kikin', 'gp_x', { town: '113611' })
 */
export async function approveGovernanceChange(ctx: ServiceContext, actor: Actor, fundId: string, id: string, input: DecisionInput = {}): Promise<{ proposal: GovernanceProposal; applied: boolean }> {
  return rereadOnConflict(async () => {
    const at = ctx.now();
    const p = await loadProposal(ctx.db, fundId, id);
    const town = approvalTownFor(p, actor, input.town, at, 'rule change');
    const note: DecisionNote = { town, by: actor.sub, name: actor.name, comment: input.comment, at: at.toISOString() };
    const approvedTowns = [...p.approvedTowns, town];
    const complete = isDecisionComplete(approvedTowns, p.requirement);
    const change = audit(`town:${town}`, {
      actor: actor.sub,
      role: `treasurer:${town}`,
      action: complete ? 'governance.approve_and_apply' : 'governance.approve',
      target: `governance:${id}`,
      before: { status: p.status, approvedTowns: p.approvedTowns },
      after: { status: complete ? 'applied' : 'proposed', approvedTowns, comment: input.comment, ...(complete ? { fund: fundId, rule: p.rule } : {}) },
      requestId: ctx.requestId,
    });
    try {
      await writeGovernanceApproval(ctx.db, p, note, complete, change);
    } catch (e) {
      if (complete && e instanceof StateConflictError && (await fundGovernance(ctx.db, fundId)).version !== p.baseVersion) {
        throw new DomainError('conflict', 'rule_changed', 'the fund’s rule has changed since this proposal was made; propose the change again');
      }
      throw e;
    }
    return { proposal: { ...p, status: complete ? 'applied' : 'proposed', approvedTowns, approvers: [...p.approvers, actor.sub], approvals: [...p.approvals, note] }, applied: complete };
  });
}

/**
 * One member town's rejection (a town that approved cannot reject); this closes the proposal.
 * @example await rejectGovernanceChange(ctx, actor, 'kyoso-kikin', 'gp_x', { comment: 'まだ早い' })
 */
export async function rejectGovernanceChange(ctx: ServiceContext, actor: Actor, fundId: string, id: string, input: DecisionInput = {}): Promise<GovernanceProposal> {
  return rereadOnConflict(async () => {
    const at = ctx.now();
    const p = await loadProposal(ctx.db, fundId, id);
    const town = rejectionTownFor(p, actor, input.town, at, 'rule change');
    const rejection: DecisionNote = { town, by: actor.sub, name: actor.name, comment: input.comment, at: at.toISOString() };
    await writeGovernanceRejection(
      ctx.db,
      id,
      rejection,
      audit(`town:${town}`, { actor: actor.sub, role: `treasurer:${town}`, action: 'governance.reject', target: `governance:${id}`, before: { status: 'proposed' }, after: { status: 'rejected', comment: input.comment }, requestId: ctx.requestId }),
    );
    return { ...p, status: 'rejected', rejection, decidedAt: rejection.at };
  });
}

/** Whether a domain check lets this person act now: the page offers only what would succeed. */
function allowed(check: () => unknown): boolean {
  try {
    check();
    return true;
  } catch (e) {
    if (e instanceof DomainError) return false;
    throw e;
  }
}

export interface GovernanceBoard {
  fund: Fund;
  rule: GovernanceRule;
  /** Member towns the actor is treasurer of (never empty), and the one they act for. */
  held: string[];
  town: string;
  open: (GovernanceProposal & { canApprove: boolean; canReject: boolean })[];
  closed: GovernanceProposal[];
}

/**
 * The rule page of a fund for a treasurer of one of its member towns (anyone else is refused): the rule,
 * the open proposals with what this person may do on each for `town`, and the recent closed ones.
 * @example const board = await governanceBoard(ctx, actor, 'kyoso-kikin', '113611')
 */
export async function governanceBoard(ctx: ServiceContext, actor: Actor, fundId: string, asked?: string): Promise<GovernanceBoard> {
  const { fund, rule } = await fundGovernance(ctx.db, fundId);
  const held = heldTowns(fund, actor);
  if (!held.length) throw new DomainError('forbidden', 'not_member_treasurer', 'only treasurers of this fund’s member towns can use this page');
  const town = asked && held.includes(asked) ? asked : held[0]!;
  const list = await listGovernanceProposals(ctx.db, fundId);
  const now = ctx.now();
  // The list carries no approval notes; open proposals are few, so each is read whole.
  const open = await Promise.all(
    list
      .filter((p) => p.status === 'proposed')
      .map(async (p) => {
        const whole = await readProposal(ctx.db, fundId, p.id);
        return { ...whole, canApprove: allowed(() => approvalTownFor(whole, actor, town, now, 'rule change')), canReject: allowed(() => rejectionTownFor(whole, actor, town, now, 'rule change')) };
      }),
  );
  return { fund, rule, held, town, open, closed: list.filter((p) => p.status !== 'proposed').slice(0, 20) };
}

/**
 * Scheduled: marks lapsed rule-change proposals expired (idempotent); the number marked.
 * @example await expireDueGovernanceProposals(ctx) // 0
 */
export async function expireDueGovernanceProposals(ctx: Pick<ServiceContext, 'db' | 'now'>): Promise<number> {
  return expireGovernanceProposals(ctx.db, ctx.now());
}
