/**
 * Allocations on DynamoDB. Proposing checks the shares for a clear early answer; the money only moves
 * on the last required approval, where ONE transaction holds: the approval items (put only if absent),
 * the allocation's proposed → approved transition (conditional on the approval count we decided on),
 * the journal entry `allocation:<id>:executed` with its balance conditions on every drawn share, and
 * the audit record. Either all of it happens or none of it: if a share no longer covers its draw, the
 * ledger refuses, the last approval is not recorded either, and the allocation stays proposed.
 */
import { formatYen } from '../domain/money.js';
import { treasurerMails } from './treasurer-mail.js';
import { fromItem } from './items.js';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  ALLOCATION_EXPIRY_DAYS,
  allocationEntry,
  allocationEntryId,
  allocationTargetProblem,
  drawProblems,
  effectiveAllocationStatus,
  newAllocationDecision,
  splitByShare,
  type Allocation,
  type Draw,
} from '../domain/allocations.js';
import { addDays, approvalTownFor, isDecisionComplete, rejectionTownFor, RuleError, type Actor, type DecisionNote } from '../domain/governance.js';
import { InsufficientFundsError } from '../domain/ledger/balances.js';
import { accounts } from '../domain/ledger/accounts.js';
import { jstDate } from '../domain/jst.js';
import { getChallenge, getFund } from './catalog.js';
import { nowIso, type Db, type TransactItem } from './db.js';
import { writeAudited } from './audit.js';
import { NotFoundError, StateConflictError } from './errors.js';
import { approvalItems, audit, closeDecisionUpdate, countApprovalUpdate, newId, readDecision, rereadOnConflict } from './governance.js';
import { keys, lists } from './keys.js';
import { postEntry, readShards } from './ledger.js';

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

/** Days a proposal stays open; ALLOCATION_EXPIRY_DAYS unless the deployment configures otherwise. */
export function allocationExpiryDays(): number {
  const n = Number(process.env.ALLOCATION_EXPIRY_DAYS);
  return Number.isInteger(n) && n > 0 ? n : ALLOCATION_EXPIRY_DAYS;
}

export async function proposeAllocation(db: Db, input: ProposeInput, actor: Actor, opts: { requestId?: string } = {}): Promise<Allocation> {
  const fund = await getFund(db, input.fundId);
  if (!fund) throw new RuleError('rule', 'unknown_fund', `there is no fund ${input.fundId}`, [{ path: 'fundId', message: 'unknown fund' }]);
  const proposerTown = fund.members.find((t) => actor.treasurerTowns.includes(t));
  if (!proposerTown) throw new RuleError('forbidden', 'not_member_treasurer', `only a treasurer of a member town of ${fund.name} can propose an allocation from it`);
  const challenge = await getChallenge(db, input.challengeId);
  if (!challenge) throw new RuleError('rule', 'unknown_challenge', `there is no challenge ${input.challengeId}`, [{ path: 'challengeId', message: 'unknown challenge' }]);
  const targetProblem = allocationTargetProblem(challenge, fund);
  if (targetProblem) throw new RuleError('rule', 'challenge_not_eligible', targetProblem, [{ path: 'challengeId', message: targetProblem }]);

  const available = new Map<string, number>();
  const shareOf = async (town: string) => {
    if (!available.has(town)) available.set(town, (await readShards(db, accounts.fundShare(fund.id, town))).total);
    return available.get(town)!;
  };
  let draws: Draw[];
  if (input.split === 'by_share') {
    const towns = input.towns?.length ? input.towns : fund.members;
    const outside = towns.filter((t) => !fund.members.includes(t));
    if (outside.length) throw new RuleError('rule', 'not_member', `not member towns of this fund: ${outside.join(', ')}`, [{ path: 'towns', message: 'member towns only' }]);
    const shares = await Promise.all(towns.map(async (town) => ({ town, available: await shareOf(town) })));
    draws = splitByShare(input.amount ?? 0, shares);
  } else {
    draws = input.draws ?? [];
  }
  const problems = drawProblems(draws, fund);
  if (problems.length) throw new RuleError('rule', problems[0]!.code ?? 'bad_draws', problems[0]!.message, problems);
  // The early check gives a clear answer now; the ledger checks again, atomically, when the money moves.
  const short: { path: string; code: string; message: string }[] = [];
  for (const [i, d] of draws.entries()) {
    const have = await shareOf(d.town);
    if (d.amount > have) short.push({ path: `draws.${i}.amount`, code: 'insufficient_share', message: `town ${d.town}'s share holds ¥${have}, less than ¥${d.amount}` });
  }
  if (short.length) throw new RuleError('rule', 'insufficient_share', short[0]!.message, short);

  const createdAt = nowIso(db);
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
  const { approvals: _a, ...stored } = allocation;
  const notices = await treasurerMails(db, allocation.requirement.eligible, {
    cause: `allocation:${allocation.id}:proposed`,
    subject: `【共創ファンド】配分の承認依頼: ${challenge.title} ${formatYen(allocation.total)} / Allocation awaiting your approval`,
    text: `${fund.name} から「${challenge.title}」へ ${formatYen(allocation.total)} の配分が提案されました(提案: ${actor.name ?? actor.sub})。会計管理者ページ /treasurer から承認または否決してください。期限: ${allocation.deadlineAt.slice(0, 10)}\n\nAn allocation of ${formatYen(allocation.total)} from ${fund.nameEn} to "${challenge.titleEn}" awaits your town's decision on /treasurer (deadline ${allocation.deadlineAt.slice(0, 10)}).`,
    kind: 'allocation.awaiting_approval',
    at: createdAt,
    except: actor.sub,
  });
  // Busy only: a town's audit chain takes one write at a time, so a burst may outlast one retry budget.
  await rereadOnConflict(() => writeAudited(
    db,
    [{ Put: { Item: { ...keys.allocation(allocation.id), type: 'allocation', GSI1PK: lists.allocationsOpen, GSI1SK: `${createdAt}#${allocation.id}`, ...stored, approvalCount: 0 }, ConditionExpression: 'attribute_not_exists(PK)' } }, ...notices],
    audit(`town:${proposerTown}`, {
      actor: actor.sub,
      role: `treasurer:${proposerTown}`,
      action: 'allocation.propose',
      target: `allocation:${allocation.id}`,
      after: { fundId: fund.id, challengeId: challenge.id, draws, total: allocation.total, requirement: allocation.requirement, comment: input.comment },
      requestId: opts.requestId,
    }),
  ));
  return allocation;
}

/** As stored (a lapsed proposal says 'proposed' until the task marks it), with its approval notes. */
async function loadAllocation(db: Db, id: string): Promise<Allocation> {
  const { item, notes } = await readDecision<Allocation>(db, keys.allocation(id).PK);
  if (!item) throw new NotFoundError(`allocation ${id} not found`);
  return { ...item, approvals: notes };
}

/** As readers see it: past its deadline it reads expired even before the task has run. */
export async function getAllocation(db: Db, id: string): Promise<Allocation> {
  const a = await loadAllocation(db, id);
  return { ...a, status: effectiveAllocationStatus(a, new Date(nowIso(db))) };
}

export interface ApproveResult {
  allocation: Allocation;
  /** True when this approval was the last one and the money moved. */
  executed: boolean;
}

export async function approveAllocation(
  db: Db,
  id: string,
  actor: Actor,
  opts: { comment?: string; town?: string; requestId?: string } = {},
): Promise<ApproveResult> {
  return rereadOnConflict(async () => {
    const at = nowIso(db);
    const a = await loadAllocation(db, id);
    const town = approvalTownFor(a, actor, opts.town, new Date(at), 'allocation');
    const note: DecisionNote = { town, by: actor.sub, name: actor.name, comment: opts.comment, at };
    const approvedTowns = [...a.approvedTowns, town];
    const complete = isDecisionComplete(approvedTowns, a.requirement);
    const date = jstDate(new Date(at));
    const pk = keys.allocation(id);
    const closing = complete ? { status: 'approved', decidedAt: at, executedOn: date, entryId: allocationEntryId(id), GSI1PK: lists.allocationsClosed } : {};
    const items: TransactItem[] = [...approvalItems(pk.PK, note), countApprovalUpdate(pk, a.approvedTowns.length, note, at, closing)];
    const change = audit(`town:${town}`, {
      actor: actor.sub,
      role: `treasurer:${town}`,
      action: complete ? 'allocation.approve_and_execute' : 'allocation.approve',
      target: `allocation:${id}`,
      before: { status: a.status, approvedTowns: a.approvedTowns },
      after: { status: complete ? 'approved' : 'proposed', approvedTowns, comment: opts.comment, ...(complete ? { entryId: allocationEntryId(id), total: a.total } : {}) },
      requestId: opts.requestId,
    });
    const next: Allocation = { ...a, ...(closing as Partial<Allocation>), approvedTowns, approvers: [...a.approvers, actor.sub], approvals: [...a.approvals, note] };
    if (!complete) {
      await writeAudited(db, items, change);
      return { allocation: next, executed: false };
    }
    try {
      const res = await postEntry(db, allocationEntry(a, { date, town: a.challengeLeadTown, fundName: a.fundName }), { transition: items, audit: change });
      // Someone else's last approval executed it first: ours was not written. Re-read to say so.
      if (res.duplicate) throw new StateConflictError('executed concurrently');
    } catch (e) {
      if (e instanceof InsufficientFundsError) {
        const town = /^fund:[^:]+:share:(\d{6})$/.exec(e.account)?.[1];
        throw new RuleError(
          'conflict',
          'insufficient_funds',
          `${town ? `town ${town}'s share` : e.account} holds ¥${e.available}, less than the ¥${e.needed} this allocation draws; nothing moved, your approval was not recorded and the allocation stays proposed`,
          [{ path: 'draws', code: 'insufficient_funds', message: e.message }],
        );
      }
      throw e;
    }
    return { allocation: next, executed: true };
  });
}

export async function rejectAllocation(
  db: Db,
  id: string,
  actor: Actor,
  opts: { comment?: string; town?: string; requestId?: string } = {},
): Promise<Allocation> {
  return rereadOnConflict(async () => {
    const at = nowIso(db);
    const a = await loadAllocation(db, id);
    const town = rejectionTownFor(a, actor, opts.town, new Date(at), 'allocation');
    const rejection: DecisionNote = { town, by: actor.sub, name: actor.name, comment: opts.comment, at };
    await writeAudited(
      db,
      [closeDecisionUpdate(keys.allocation(id), 'rejected', { rejection, decidedAt: at, GSI1PK: lists.allocationsClosed }, { deadlineAfter: at })],
      audit(`town:${town}`, { actor: actor.sub, role: `treasurer:${town}`, action: 'allocation.reject', target: `allocation:${id}`, before: { status: 'proposed', approvedTowns: a.approvedTowns }, after: { status: 'rejected', comment: opts.comment }, requestId: opts.requestId }),
    );
    return { ...a, status: 'rejected', rejection, decidedAt: at };
  });
}

type StoredAllocation = Allocation & { approvalCount?: number };

async function queryList(db: Db, list: string): Promise<Allocation[]> {
  const out: Allocation[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const res = await db.doc.send(
      new QueryCommand({ TableName: db.table, IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': list }, ScanIndexForward: false, ExclusiveStartKey }),
    );
    out.push(...(res.Items ?? []).map((i) => ({ ...fromItem<StoredAllocation>(i)!, approvals: [] })));
    ExclusiveStartKey = res.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return out;
}

/** Newest first; open ones only, or all. Statuses as readers see them. Approval notes are not included. */
export async function listAllocations(db: Db, opts: { open?: boolean } = {}): Promise<Allocation[]> {
  const lists_ = opts.open ? [lists.allocationsOpen] : [lists.allocationsOpen, lists.allocationsClosed];
  const now = new Date(nowIso(db));
  const all = (await Promise.all(lists_.map((l) => queryList(db, l)))).flat();
  return all.map((a) => ({ ...a, status: effectiveAllocationStatus(a, now) })).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/**
 * Scheduled: marks proposals past their deadline expired. Idempotent: the update only applies to an
 * allocation that is still proposed and past its deadline, so a late or repeated run changes nothing.
 */
export async function expireAllocations(db: Db, now: Date): Promise<{ expired: number }> {
  const at = now.toISOString();
  let expired = 0;
  for (const a of await queryList(db, lists.allocationsOpen)) {
    if (a.status !== 'proposed' || a.deadlineAt > at) continue;
    try {
      await writeAudited(
        db,
        [closeDecisionUpdate(keys.allocation(a.id), 'expired', { expiredAt: at, GSI1PK: lists.allocationsClosed }, { deadlineBefore: at })],
        audit(`town:${a.proposerTown}`, { actor: 'system:schedule', role: 'system', action: 'allocation.expire', target: `allocation:${a.id}`, before: { status: 'proposed', approvedTowns: a.approvedTowns }, after: { status: 'expired' } }),
      );
      expired++;
    } catch (e) {
      if (!(e instanceof StateConflictError)) throw e;
    }
  }
  return { expired };
}
