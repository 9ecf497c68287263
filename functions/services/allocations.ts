/**
 * Allocations from a pooled fund to a challenge, decided jointly: who may propose (a treasurer of a
 * member town), who may approve or reject (the towns the fund's rule names, once per town and once per
 * person), who may read (treasurers of member towns, admins), and what each refusal says. The store
 * writes each decision in one conditional transaction; a lost race re-reads and decides again.
 */
import { townsWithRole, isAdmin, type Actor } from '../domain/actor.js';
import {
  ALLOCATION_EXPIRY_DAYS,
  allocationEntryId,
  allocationTargetProblem,
  drawProblems,
  newAllocationDecision,
  splitByShare,
  type Allocation,
  type AllocationStatus,
  type Draw,
} from '../domain/allocations.js';
import { DomainError, type Issue } from '../domain/errors.js';
import { addDays, approvalTownFor, isDecisionComplete, rejectionTownFor, type DecisionNote } from '../domain/governance.js';
import { jstDate } from '../domain/jst.js';
import { accounts } from '../domain/ledger/accounts.js';
import { InsufficientFundsError } from '../domain/ledger/balances.js';
import { expireAllocations, getAllocation as readAllocation, insertAllocation, listAllocations as readAllocations, loadAllocation, writeAllocationApproval, writeAllocationRejection } from '../store/allocations.js';
import { getChallenge, getFund } from '../store/catalog.js';
import { audit, newId, rereadOnConflict } from '../store/governance.js';
import { readShards } from '../store/ledger.js';
import { treasurerEmails } from '../store/treasurer-mail.js';
import type { ServiceContext } from './context.js';
import { allocationAwaitingMails } from './treasury-mail.js';

export interface ProposeInput {
  fundId: string;
  challengeId: string;
  draws?: Draw[];
  /** Split `amount` over the member shares (or `towns`) in proportion to their size. */
  split?: 'by_share';
  amount?: number;
  towns?: string[];
  comment?: string;
}

export interface DecisionInput {
  comment?: string;
  /** For a treasurer of several eligible towns: the town this decision is for. */
  town?: string;
}

/** Days a proposal stays open; ALLOCATION_EXPIRY_DAYS unless the deployment configures otherwise. */
export function allocationExpiryDays(): number {
  const n = Number(process.env.ALLOCATION_EXPIRY_DAYS);
  return Number.isInteger(n) && n > 0 ? n : ALLOCATION_EXPIRY_DAYS;
}

/**
 * A treasurer of a member town proposes; nothing moves until the required towns approve.
 * @example await proposeAllocation(ctx, actor, { fundId: 'kyoso-kikin', challengeId: 'yokoze-bandai-dx', draws: [{ town: '113611', amount: 300000 }] })
 */
export async function proposeAllocation(ctx: ServiceContext, actor: Actor, input: ProposeInput): Promise<Allocation> {
  const db = ctx.db;
  const fund = await getFund(db, input.fundId);
  if (!fund) {
    const params = { fundId: input.fundId };
    throw new DomainError('rule', 'unknown_fund', `there is no fund ${input.fundId}`, { key: 'allocation_unknown_fund', params, issues: [{ path: 'fundId', code: 'unknown_fund', key: 'allocation_unknown_fund', params, message: 'unknown fund' }] });
  }
  const mine = townsWithRole(actor, 'treasurer');
  const proposerTown = fund.members.find((t) => mine.includes(t));
  if (!proposerTown) throw new DomainError('forbidden', 'not_member_treasurer', `only a treasurer of a member town of ${fund.name} can propose an allocation from it`);
  const challenge = await getChallenge(db, input.challengeId);
  if (!challenge) {
    const params = { challengeId: input.challengeId };
    throw new DomainError('rule', 'unknown_challenge', `there is no challenge ${input.challengeId}`, { key: 'allocation_unknown_challenge', params, issues: [{ path: 'challengeId', code: 'unknown_challenge', key: 'allocation_unknown_challenge', params, message: 'unknown challenge' }] });
  }
  const targetProblem = allocationTargetProblem(challenge, fund);
  if (targetProblem) throw new DomainError('rule', 'challenge_not_eligible', targetProblem, { issues: [{ path: 'challengeId', code: 'challenge_not_eligible', message: targetProblem }] });

  const available = new Map<string, number>();
  const shareOf = async (town: string) => {
    if (!available.has(town)) available.set(town, (await readShards(db, accounts.fundShare(fund.id, town))).total);
    return available.get(town)!;
  };
  let draws: Draw[];
  if (input.split === 'by_share') {
    const towns = input.towns?.length ? input.towns : fund.members;
    const outside = towns.filter((t) => !fund.members.includes(t));
    if (outside.length) {
      const params = { town: outside.join(', ') };
      throw new DomainError('rule', 'not_member', `not member towns of this fund: ${outside.join(', ')}`, { params, issues: [{ path: 'towns', code: 'not_member', params, message: 'member towns only' }] });
    }
    const shares = await Promise.all(towns.map(async (town) => ({ town, available: await shareOf(town) })));
    draws = splitByShare(input.amount ?? 0, shares);
  } else {
    draws = input.draws ?? [];
  }
  const problems = drawProblems(draws, fund);
  if (problems.length) {
    const [first] = problems as [Issue];
    throw new DomainError('rule', first.code, first.message ?? first.code, { key: first.key, params: first.params, issues: problems });
  }
  // The early check gives a clear answer now; the ledger checks again, atomically, when the money moves.
  const short: Issue[] = [];
  for (const [i, d] of draws.entries()) {
    const have = await shareOf(d.town);
    if (d.amount > have) short.push({ path: `draws.${i}.amount`, code: 'insufficient_share', params: { available: have, amount: d.amount }, message: `town ${d.town}'s share holds ¥${have}, less than ¥${d.amount}` });
  }
  if (short.length) throw new DomainError('rule', 'insufficient_share', short[0]!.message!, { params: short[0]!.params, issues: short });

  const createdAt = ctx.now().toISOString();
  const decision = newAllocationDecision(fund, draws);
  const allocation: Allocation = {
    id: newId('al'),
    fundId: fund.id,
    fundName: fund.name,
    challengeId: challenge.id,
    challengeTitle: challenge.title,
    challengeLeadTown: challenge.leadTown,
    draws,
    total: decision.total,
    comment: input.comment,
    status: 'proposed',
    rule: decision.rule,
    requirement: decision.requirement,
    approvedTowns: [],
    approvers: [],
    approvals: [],
    proposedBy: actor.sub,
    proposedByName: actor.name,
    proposerTown,
    createdAt,
    proposedOn: jstDate(new Date(createdAt)),
    deadlineAt: addDays(createdAt, allocationExpiryDays()),
  };
  const to = await treasurerEmails(db, allocation.requirement.eligible, actor.sub);
  await insertAllocation(
    db,
    allocation,
    allocationAwaitingMails(allocation, fund, challenge, to),
    audit(`town:${proposerTown}`, {
      actor: actor.sub,
      role: `treasurer:${proposerTown}`,
      action: 'allocation.propose',
      target: `allocation:${allocation.id}`,
      after: { fundId: fund.id, challengeId: challenge.id, draws, total: allocation.total, requirement: allocation.requirement, comment: input.comment },
      requestId: ctx.requestId,
    }),
  );
  return allocation;
}

/** Treasurers of the fund's member towns, and admins; the public sees executed allocations in the ledger. */
async function assertCanRead(ctx: ServiceContext, actor: Actor, a: Allocation): Promise<void> {
  if (isAdmin(actor)) return;
  const fund = await getFund(ctx.db, a.fundId);
  const mine = townsWithRole(actor, 'treasurer');
  if (!fund?.members.some((t) => mine.includes(t))) throw new DomainError('forbidden', 'forbidden', 'only treasurers of the fund’s member towns can read its allocations', { key: 'allocations_read_forbidden' });
}

/**
 * One allocation as its readers see it (past its deadline it reads expired), with its approvals.
 * @example const a = await getAllocation(ctx, actor, 'al_x')
 */
export async function getAllocation(ctx: ServiceContext, actor: Actor, id: string): Promise<Allocation> {
  const a = await readAllocation(ctx.db, id);
  await assertCanRead(ctx, actor, a);
  return a;
}

/**
 * Allocations of the funds the actor's towns are members of (all for admins), newest first.
 * @example await listAllocations(ctx, actor, { status: 'proposed' })
 */
export async function listAllocations(ctx: ServiceContext, actor: Actor, opts: { status?: AllocationStatus | string } = {}): Promise<Allocation[]> {
  const mine = townsWithRole(actor, 'treasurer');
  const all = await readAllocations(ctx.db, { open: opts.status === 'proposed' });
  const members = new Map<string, string[]>();
  const visible: Allocation[] = [];
  for (const a of all) {
    if (opts.status && a.status !== opts.status) continue;
    if (!members.has(a.fundId)) members.set(a.fundId, (await getFund(ctx.db, a.fundId))?.members ?? []);
    if (isAdmin(actor) || members.get(a.fundId)!.some((t) => mine.includes(t))) visible.push(a);
  }
  return visible;
}

export interface ApproveResult {
  allocation: Allocation;
  /** True when this approval was the last one and the money moved. */
  executed: boolean;
}

/**
 * Approves for one of the actor's eligible towns; the last required approval moves the money.
 * @example const { executed } = await approveAllocation(ctx, actor, 'al_x', { comment: '承認' })
 */
export async function approveAllocation(ctx: ServiceContext, actor: Actor, id: string, input: DecisionInput = {}): Promise<ApproveResult> {
  return rereadOnConflict(async () => {
    const at = ctx.now();
    const a = await loadAllocation(ctx.db, id);
    const town = approvalTownFor(a, actor, input.town, at, 'allocation');
    const note: DecisionNote = { town, by: actor.sub, name: actor.name, comment: input.comment, at: at.toISOString() };
    const approvedTowns = [...a.approvedTowns, town];
    const complete = isDecisionComplete(approvedTowns, a.requirement);
    const change = audit(`town:${town}`, {
      actor: actor.sub,
      role: `treasurer:${town}`,
      action: complete ? 'allocation.approve_and_execute' : 'allocation.approve',
      target: `allocation:${id}`,
      before: { status: a.status, approvedTowns: a.approvedTowns },
      after: { status: complete ? 'approved' : 'proposed', approvedTowns, comment: input.comment, ...(complete ? { entryId: allocationEntryId(id), total: a.total } : {}) },
      requestId: ctx.requestId,
    });
    try {
      return { allocation: await writeAllocationApproval(ctx.db, a, note, complete, change), executed: complete };
    } catch (e) {
      if (e instanceof InsufficientFundsError) throw shareShort(e);
      throw e;
    }
  });
}

/** The ledger refused at execution: nothing moved, and the approval was not recorded either. */
function shareShort(e: InsufficientFundsError): DomainError {
  const town = /^fund:[^:]+:share:(\d{6})$/.exec(e.account)?.[1];
  return new DomainError(
    'conflict',
    'insufficient_funds',
    `${town ? `town ${town}'s share` : e.account} holds ¥${e.available}, less than the ¥${e.needed} this allocation draws; nothing moved, your approval was not recorded and the allocation stays proposed`,
    { key: 'allocation_share_short', params: { account: town ?? e.account, available: e.available, needed: e.needed }, issues: [{ path: 'draws', code: 'insufficient_funds', params: { account: e.account, needed: e.needed, available: e.available }, message: e.message }] },
  );
}

/**
 * Rejects for one of the actor's eligible towns that has not approved; this closes the proposal.
 * @example await rejectAllocation(ctx, actor, 'al_x', { comment: '議会の承認が未了' })
 */
export async function rejectAllocation(ctx: ServiceContext, actor: Actor, id: string, input: DecisionInput = {}): Promise<Allocation> {
  return rereadOnConflict(async () => {
    const at = ctx.now();
    const a = await loadAllocation(ctx.db, id);
    const town = rejectionTownFor(a, actor, input.town, at, 'allocation');
    const rejection: DecisionNote = { town, by: actor.sub, name: actor.name, comment: input.comment, at: at.toISOString() };
    await writeAllocationRejection(
      ctx.db,
      id,
      rejection,
      audit(`town:${town}`, { actor: actor.sub, role: `treasurer:${town}`, action: 'allocation.reject', target: `allocation:${id}`, before: { status: 'proposed', approvedTowns: a.approvedTowns }, after: { status: 'rejected', comment: input.comment }, requestId: ctx.requestId }),
    );
    return { ...a, status: 'rejected', rejection, decidedAt: rejection.at };
  });
}

/**
 * Scheduled: marks proposals past their deadline expired (idempotent).
 * @example await expireDueAllocations(ctx) // { expired: 0 }
 */
export async function expireDueAllocations(ctx: Pick<ServiceContext, 'db' | 'now'>): Promise<{ expired: number }> {
  return expireAllocations(ctx.db, ctx.now());
}
