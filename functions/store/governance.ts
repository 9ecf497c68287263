/**
 * Fund rule changes, and the pieces every multi-party decision shares (allocations use them too):
 * each approval is its own item, put only if absent (one per town, one per person), in the same
 * transaction as a conditional update of the decision that checks the approval count it was decided
 * on. Two approvals racing each other therefore cannot both count, and cannot both be "the last one":
 * the loser's transaction is cancelled, it re-reads, and decides again from the new state. Who may
 * decide is the services' question (services/fund-governance.ts); this module only reads and writes.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { effectiveGovernanceStatus, type DecisionNote, type GovernanceProposal, type GovernanceRule } from '../domain/governance.js';
import type { Fund } from '../domain/catalog.js';
import { getFund, listFunds } from './catalog.js';
import { nowOf, type AuditedChange, type Db, type TransactItem } from './db.js';
import { writeAudited } from './audit.js';
import { BusyError, NotFoundError, StateConflictError } from './errors.js';
import { fromItem } from './items.js';
import { APPROVAL_PREFIX, keys, lists } from './keys.js';
import { queryAll, queryAllRaw } from './query.js';

/** Short random ids for people to read out over the phone: `al_Xy3…` (12 url-safe characters). */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(9).toString('base64url')}`;
}


/** The decision item and its approval items, in one strongly consistent query of the partition. */
export async function readDecision<T>(db: Db, pk: string): Promise<{ item?: T; notes: DecisionNote[] }> {
  const items = await queryAllRaw(db, { KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true });
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
export async function loadProposal(db: Db, fundId: string, id: string): Promise<GovernanceProposal> {
  const { item, notes } = await readDecision<GovernanceProposal>(db, keys.governanceProposal(id).PK);
  if (!item || item.fundId !== fundId) throw new NotFoundError(`rule-change proposal ${id} not found`);
  return { ...item, approvals: notes };
}

/** As readers see it: past its deadline it is expired, whether or not the task has run yet. */
export async function getGovernanceProposal(db: Db, fundId: string, id: string): Promise<GovernanceProposal> {
  const p = await loadProposal(db, fundId, id);
  return { ...p, status: effectiveGovernanceStatus(p, nowOf(db)) };
}

/** As stored, newest first, without approval notes. */
async function storedProposals(db: Db, fundId: string): Promise<GovernanceProposal[]> {
  const items = await queryAll<GovernanceProposal>(db, { IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': lists.fundGovernanceProposals(fundId) }, ScanIndexForward: false });
  return items.map((p) => ({ ...p, approvals: [] }));
}

export async function listGovernanceProposals(db: Db, fundId: string): Promise<GovernanceProposal[]> {
  const now = nowOf(db);
  return (await storedProposals(db, fundId)).map((p) => ({ ...p, status: effectiveGovernanceStatus(p, now) }));
}

/** Writes a new proposal (its id must be new) with its audit record. */
export async function insertGovernanceProposal(db: Db, proposal: GovernanceProposal, change: AuditedChange): Promise<void> {
  const { approvals: _n, ...stored } = proposal;
  await writeAudited(
    db,
    [{ Put: { Item: { ...keys.governanceProposal(proposal.id), type: 'governance_proposal', GSI1PK: lists.fundGovernanceProposals(proposal.fundId), GSI1SK: `${proposal.createdAt}#${proposal.id}`, ...stored, approvalCount: 0 }, ConditionExpression: 'attribute_not_exists(PK)' } }],
    change,
  );
}

/**
 * Records one town's approval of a rule change, as read (`p`); `complete` also applies the rule to the
 * fund in the same transaction, only if the fund's rule is still the one the proposal was made against.
 * A StateConflictError means someone moved first: re-read and decide again.
 */
export async function writeGovernanceApproval(db: Db, p: GovernanceProposal, note: DecisionNote, complete: boolean, change: AuditedChange): Promise<void> {
  const pk = keys.governanceProposal(p.id);
  const items: TransactItem[] = [...approvalItems(pk.PK, note), countApprovalUpdate(pk, p.approvedTowns.length, note, note.at, complete ? { status: 'applied', decidedAt: note.at } : {})];
  if (complete) items.push(applyRuleUpdate(p.fundId, p.rule, p.baseVersion));
  await writeAudited(db, items, change);
}

/** Closes a proposal as rejected, only while it is still proposed and open. */
export async function writeGovernanceRejection(db: Db, id: string, rejection: DecisionNote, change: AuditedChange): Promise<void> {
  await writeAudited(db, [closeDecisionUpdate(keys.governanceProposal(id), 'rejected', { rejection, decidedAt: rejection.at }, { deadlineAfter: rejection.at })], change);
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

/**
 * Marks lapsed rule-change proposals expired (idempotent: only proposed ones past the deadline). The
 * scheduled task calls this through services/fund-governance.ts `expireDueGovernanceProposals`.
 * @example await expireGovernanceProposals(db, new Date()) // 0 when nothing lapsed
 */
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
