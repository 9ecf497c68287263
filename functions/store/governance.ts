/**
 * Fund rule changes, and the pieces every multi-party decision shares (allocations use them too):
 * each approval is its own item, put only if absent (one per town, one per person), in the same
 * transaction as a conditional update of the decision that checks the approval count it was decided
 * on. Two approvals racing each other therefore cannot both count, and cannot both be "the last one":
 * the loser's transaction is cancelled, it re-reads, and decides again from the new state.
 */
import { fromItem } from './items.js';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import {
  addDays,
  approvalTownFor,
  effectiveGovernanceStatus,
  governanceRequirement,
  GOVERNANCE_PROPOSAL_DAYS,
  isDecisionComplete,
  rejectionTownFor,
  RuleError,
  sameRule,
  validateRule,
  type Actor,
  type DecisionNote,
  type GovernanceProposal,
  type GovernanceRule,
} from '../domain/governance.js';
import type { Fund } from '../domain/catalog.js';
import { getFund, listFunds } from './catalog.js';
import { nowIso, type AuditedChange, type Db, type TransactItem } from './db.js';
import { writeAudited } from './audit.js';
import { BusyError, NotFoundError, StateConflictError } from './errors.js';
import { APPROVAL_PREFIX, keys, lists } from './keys.js';

/** Short random ids for people to read out over the phone: `al_Xy3…` (12 url-safe characters). */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(9).toString('base64url')}`;
}


/** The decision item and its approval items, in one strongly consistent query of the partition. */
export async function readDecision<T>(db: Db, pk: string): Promise<{ item?: T; notes: DecisionNote[] }> {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const res = await db.doc.send(
      new QueryCommand({ TableName: db.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true, ExclusiveStartKey }),
    );
    items.push(...((res.Items ?? []) as Record<string, unknown>[]));
    ExclusiveStartKey = res.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  const meta = items.find((i) => i.SK === 'META');
  const notes = items
    .filter((i) => String(i.SK).startsWith(APPROVAL_PREFIX))
    .map((i) => fromItem<DecisionNote>(i)!)
    .sort((a, b) => a.at.localeCompare(b.at));
  return { item: fromItem<T>(meta), notes };
}

/** The two guard items of one approval: the town approves once, the person approves once. */
export function approvalItems(pk: string, note: DecisionNote): TransactItem[] {
  return [
    { Put: { Item: { ...keys.townApproval(pk, note.town), type: 'approval', ...note }, ConditionExpression: 'attribute_not_exists(PK)' } },
    { Put: { Item: { ...keys.personApproval(pk, note.by), type: 'approver', town: note.town, at: note.at }, ConditionExpression: 'attribute_not_exists(PK)' } },
  ];
}

/** Extra SET clauses for the decision item, with their values. */
export type ExtraSet = Record<string, unknown>;

/**
 * The decision's update for one more approval: append the town and person, bump the count, and only
 * if nothing changed since we read it (same count, still proposed, not past its deadline).
 */
export function countApprovalUpdate(
  key: { PK: string; SK: string },
  seen: number,
  note: DecisionNote,
  nowIsoStr: string,
  extra: ExtraSet = {},
): TransactItem {
  const names: Record<string, string> = { '#status': 'status', '#towns': 'approvedTowns', '#people': 'approvers', '#count': 'approvalCount', '#deadline': 'deadlineAt' };
  const values: Record<string, unknown> = { ':town': [note.town], ':sub': [note.by], ':next': seen + 1, ':seen': seen, ':proposed': 'proposed', ':now': nowIsoStr };
  const sets = ['#towns = list_append(#towns, :town)', '#people = list_append(#people, :sub)', '#count = :next'];
  Object.entries(extra).forEach(([k, v], i) => {
    names[`#x${i}`] = k;
    values[`:x${i}`] = v;
    sets.push(`#x${i} = :x${i}`);
  });
  return {
    Update: {
      Key: key,
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: '#status = :proposed AND #count = :seen AND #deadline > :now',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** Closes a proposed decision (rejected or expired), only if it is still proposed. */
export function closeDecisionUpdate(key: { PK: string; SK: string }, status: string, extra: ExtraSet, condition?: { deadlineBefore?: string; deadlineAfter?: string }): TransactItem {
  const names: Record<string, string> = { '#status': 'status', '#deadline': 'deadlineAt' };
  const values: Record<string, unknown> = { ':proposed': 'proposed', ':status': status };
  const sets = ['#status = :status'];
  Object.entries(extra).forEach(([k, v], i) => {
    names[`#x${i}`] = k;
    values[`:x${i}`] = v;
    sets.push(`#x${i} = :x${i}`);
  });
  let cond = '#status = :proposed';
  if (condition?.deadlineBefore) {
    cond += ' AND #deadline <= :cut';
    values[':cut'] = condition.deadlineBefore;
  }
  if (condition?.deadlineAfter) {
    cond += ' AND #deadline > :cut';
    values[':cut'] = condition.deadlineAfter;
  }
  return { Update: { Key: key, UpdateExpression: `SET ${sets.join(', ')}`, ConditionExpression: cond, ExpressionAttributeNames: names, ExpressionAttributeValues: values } };
}

/**
 * Runs `attempt` until it returns: a StateConflictError means someone changed the decision between our
 * read and our write, so we read again and decide again (the rules then answer "already approved",
 * "closed", or let us through). Contention that outlasts this is a 503 that is safe to retry.
 */
export async function rereadOnConflict<T>(attempt: () => Promise<T>, tries = 12): Promise<T> {
  for (let i = 0; i < tries; i++) {
    try {
      return await attempt();
    } catch (e) {
      if (!(e instanceof StateConflictError) && !(e instanceof BusyError)) throw e;
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(400, 10 * 2 ** i)));
    }
  }
  throw new BusyError('many people are deciding on this at once; please retry (the request is safe to repeat)');
}

export function audit(chain: string, input: AuditedChange['input']): AuditedChange {
  return { chain, input };
}

// ---------------------------------------------------------------- fund rule changes

export interface GovernanceState {
  rule: Fund['governance'];
  version: number;
}

export async function fundGovernance(db: Db, fundId: string): Promise<GovernanceState & { fund: Fund }> {
  const fund = (await getFund(db, fundId)) as (Fund & { governanceVersion?: number }) | undefined;
  if (!fund) throw new NotFoundError(`fund ${fundId} not found`);
  return { fund, rule: fund.governance ?? { rule: 'all_drawn' }, version: fund.governanceVersion ?? 0 };
}

/** As stored: a lapsed proposal still says 'proposed' until the scheduled task marks it. */
async function loadProposal(db: Db, fundId: string, id: string): Promise<GovernanceProposal> {
  const { item, notes } = await readDecision<GovernanceProposal>(db, keys.governanceProposal(id).PK);
  if (!item || item.fundId !== fundId) throw new NotFoundError(`rule-change proposal ${id} not found`);
  return { ...item, approvals: notes };
}

/** As readers see it: past its deadline it is expired, whether or not the task has run yet. */
export async function getGovernanceProposal(db: Db, fundId: string, id: string): Promise<GovernanceProposal> {
  const p = await loadProposal(db, fundId, id);
  return { ...p, status: effectiveGovernanceStatus(p, new Date(nowIso(db))) };
}

/** As stored, newest first, without approval notes. */
async function storedProposals(db: Db, fundId: string): Promise<GovernanceProposal[]> {
  const res = await db.doc.send(
    new QueryCommand({ TableName: db.table, IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': lists.fundGovernanceProposals(fundId) }, ScanIndexForward: false }),
  );
  return (res.Items ?? []).map((i) => ({ ...fromItem<GovernanceProposal>(i)!, approvals: [] }));
}

export async function listGovernanceProposals(db: Db, fundId: string): Promise<GovernanceProposal[]> {
  const now = new Date(nowIso(db));
  return (await storedProposals(db, fundId)).map((p) => ({ ...p, status: effectiveGovernanceStatus(p, now) }));
}

export async function proposeGovernanceChange(
  db: Db,
  fundId: string,
  rule: GovernanceRule,
  actor: Actor,
  opts: { comment?: string; requestId?: string } = {},
): Promise<GovernanceProposal> {
  const { fund, rule: current, version } = await fundGovernance(db, fundId);
  const town = fund.members.find((t) => actor.treasurerTowns.includes(t));
  if (!town) throw new RuleError('forbidden', 'not_member_treasurer', 'only a treasurer of a member town can propose a rule change');
  const problems = validateRule(rule, fund.members);
  if (problems.length) throw new RuleError('invalid', 'bad_rule', problems[0]!.message, problems);
  if (sameRule(rule, current)) throw new RuleError('rule', 'same_rule', 'the fund already has this rule');
  const createdAt = nowIso(db);
  const proposal: GovernanceProposal = {
    id: newId('gp'),
    fundId,
    rule,
    baseVersion: version,
    status: 'proposed',
    requirement: governanceRequirement(fund.members),
    approvedTowns: [],
    approvers: [],
    approvals: [],
    proposedBy: actor.sub,
    proposedByName: actor.name,
    proposerTown: town,
    comment: opts.comment,
    createdAt,
    deadlineAt: addDays(createdAt, GOVERNANCE_PROPOSAL_DAYS),
  };
  const { approvals: _n, ...stored } = proposal;
  await writeAudited(
    db,
    [{ Put: { Item: { ...keys.governanceProposal(proposal.id), type: 'governance_proposal', GSI1PK: lists.fundGovernanceProposals(fundId), GSI1SK: `${createdAt}#${proposal.id}`, ...stored, approvalCount: 0 }, ConditionExpression: 'attribute_not_exists(PK)' } }],
    audit(`town:${town}`, { actor: actor.sub, role: `treasurer:${town}`, action: 'governance.propose', target: `fund:${fundId}`, before: current, after: { proposalId: proposal.id, rule }, requestId: opts.requestId }),
  );
  return proposal;
}

/**
 * One member town's approval of a rule change; the last one applies the rule to the fund in the same
 * transaction, and only if the fund's rule is still the one the proposal was made against.
 */
export async function approveGovernanceChange(
  db: Db,
  fundId: string,
  id: string,
  actor: Actor,
  opts: { comment?: string; town?: string; requestId?: string } = {},
): Promise<{ proposal: GovernanceProposal; applied: boolean }> {
  return rereadOnConflict(async () => {
    const at = nowIso(db);
    const p = await loadProposal(db, fundId, id);
    const town = approvalTownFor(p, actor, opts.town, new Date(at), 'rule change');
    const note: DecisionNote = { town, by: actor.sub, name: actor.name, comment: opts.comment, at };
    const approvedTowns = [...p.approvedTowns, town];
    const complete = isDecisionComplete(approvedTowns, p.requirement);
    const pk = keys.governanceProposal(id);
    const items: TransactItem[] = [
      ...approvalItems(pk.PK, note),
      countApprovalUpdate(pk, p.approvedTowns.length, note, at, complete ? { status: 'applied', decidedAt: at } : {}),
    ];
    if (complete) items.push(applyRuleUpdate(fundId, p.rule, p.baseVersion));
    try {
      await writeAudited(
        db,
        items,
        audit(`town:${town}`, {
          actor: actor.sub,
          role: `treasurer:${town}`,
          action: complete ? 'governance.approve_and_apply' : 'governance.approve',
          target: `governance:${id}`,
          before: { status: p.status, approvedTowns: p.approvedTowns },
          after: { status: complete ? 'applied' : 'proposed', approvedTowns, comment: opts.comment, ...(complete ? { fund: fundId, rule: p.rule } : {}) },
          requestId: opts.requestId,
        }),
      );
    } catch (e) {
      if (complete && e instanceof StateConflictError && (await fundGovernance(db, fundId)).version !== p.baseVersion) {
        throw new RuleError('conflict', 'rule_changed', 'the fund’s rule has changed since this proposal was made; propose the change again');
      }
      throw e;
    }
    return { proposal: { ...p, status: complete ? 'applied' : 'proposed', approvedTowns, approvers: [...p.approvers, actor.sub], approvals: [...p.approvals, note] }, applied: complete };
  });
}

export async function rejectGovernanceChange(
  db: Db,
  fundId: string,
  id: string,
  actor: Actor,
  opts: { comment?: string; town?: string; requestId?: string } = {},
): Promise<GovernanceProposal> {
  return rereadOnConflict(async () => {
    const at = nowIso(db);
    const p = await loadProposal(db, fundId, id);
    const town = rejectionTownFor(p, actor, opts.town, new Date(at), 'rule change');
    const rejection: DecisionNote = { town, by: actor.sub, name: actor.name, comment: opts.comment, at };
    await writeAudited(
      db,
      [closeDecisionUpdate(keys.governanceProposal(id), 'rejected', { rejection, decidedAt: at }, { deadlineAfter: at })],
      audit(`town:${town}`, { actor: actor.sub, role: `treasurer:${town}`, action: 'governance.reject', target: `governance:${id}`, before: { status: 'proposed' }, after: { status: 'rejected', comment: opts.comment }, requestId: opts.requestId }),
    );
    return { ...p, status: 'rejected', rejection, decidedAt: at };
  });
}

function applyRuleUpdate(fundId: string, rule: GovernanceRule, baseVersion: number): TransactItem {
  return {
    Update: {
      Key: keys.fund(fundId),
      UpdateExpression: 'SET #g = :rule, #v = :next',
      ConditionExpression: baseVersion === 0 ? '(attribute_not_exists(#v) OR #v = :base) AND attribute_exists(PK)' : '#v = :base',
      ExpressionAttributeNames: { '#g': 'governance', '#v': 'governanceVersion' },
      ExpressionAttributeValues: { ':rule': rule, ':next': baseVersion + 1, ':base': baseVersion },
    },
  };
}

/** Scheduled: marks lapsed rule-change proposals expired (idempotent: only proposed ones past the deadline). */
export async function expireGovernanceProposals(db: Db, now: Date): Promise<number> {
  // Few funds, few proposals: reading each fund's list is fine here.
  let n = 0;
  for (const fund of await listFunds(db)) {
    for (const p of await storedProposals(db, fund.id)) {
      if (p.status !== 'proposed' || p.deadlineAt > now.toISOString()) continue;
      try {
        await db.doc.send(
          new UpdateCommand({
            TableName: db.table,
            Key: keys.governanceProposal(p.id),
            UpdateExpression: 'SET #s = :expired, expiredAt = :at',
            ConditionExpression: '#s = :proposed AND deadlineAt <= :at',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':expired': 'expired', ':proposed': 'proposed', ':at': now.toISOString() },
          }),
        );
        n++;
      } catch (e) {
        if ((e as Error).name !== 'ConditionalCheckFailedException') throw e;
      }
    }
  }
  return n;
}
