/**
 * Allocations on DynamoDB. The money only moves on the last required approval, where ONE transaction
 * holds: the approval items (put only if absent), the allocation's proposed → approved transition
 * (conditional on the approval count it was decided on), the journal entry `allocation:<id>:executed`
 * with its balance conditions on every drawn share, and the audit record. Either all of it happens or
 * none of it: if a share no longer covers its draw, the ledger refuses (InsufficientFundsError), the last
 * approval is not recorded either, and the allocation stays proposed. Who may propose or approve, and
 * what a refusal says, is services/allocations.ts.
 */
import { allocationEntry, allocationEntryId, effectiveAllocationStatus, type Allocation } from '../domain/allocations.js';
import type { DecisionNote } from '../domain/governance.js';
import { jstDate } from '../domain/jst.js';
import { writeAudited } from './audit.js';
import { nowOf, type AuditedChange, type Db, type TransactItem } from './db.js';
import { NotFoundError, StateConflictError } from './errors.js';
import { approvalItems, audit, closeDecisionUpdate, countApprovalUpdate, readDecision, rereadOnConflict } from './governance.js';
import { keys, lists } from './keys.js';
import { postEntry } from './ledger.js';
import { queryAll } from './query.js';
import { mailItems, type QueuedMail } from './treasurer-mail.js';

/** Writes a new proposal (its id must be new), the mail to its approvers and its audit record, in one transaction. */
export async function insertAllocation(db: Db, allocation: Allocation, mails: readonly QueuedMail[], change: AuditedChange): Promise<void> {
  const { approvals: _a, ...stored } = allocation;
  const item = { ...keys.allocation(allocation.id), type: 'allocation', GSI1PK: lists.allocationsOpen, GSI1SK: `${allocation.createdAt}#${allocation.id}`, ...stored, approvalCount: 0 };
  // Busy only: a town's audit chain takes one write at a time, so a burst may outlast one retry budget.
  await rereadOnConflict(() => writeAudited(db, [{ Put: { Item: item, ConditionExpression: 'attribute_not_exists(PK)' } }, ...mailItems(mails, allocation.createdAt)], change));
}

/** As stored (a lapsed proposal says 'proposed' until the task marks it), with its approval notes. */
export async function loadAllocation(db: Db, id: string): Promise<Allocation> {
  const { item, notes } = await readDecision<Allocation>(db, keys.allocation(id).PK);
  if (!item) throw new NotFoundError(`allocation ${id} not found`);
  return { ...item, approvals: notes };
}

/** As readers see it: past its deadline it reads expired even before the task has run. */
export async function getAllocation(db: Db, id: string): Promise<Allocation> {
  const a = await loadAllocation(db, id);
  return { ...a, status: effectiveAllocationStatus(a, nowOf(db)) };
}

/**
 * Records one town's approval of `a` (as read). With `complete` it is the last one: the allocation
 * closes as approved and the money moves in the same transaction. A StateConflictError means someone
 * decided first (re-read and decide again); an InsufficientFundsError means a share no longer covers its
 * draw, and nothing was written.
 */
export async function writeAllocationApproval(db: Db, a: Allocation, note: DecisionNote, complete: boolean, change: AuditedChange): Promise<Allocation> {
  const date = jstDate(new Date(note.at));
  const pk = keys.allocation(a.id);
  const closing = complete ? { status: 'approved', decidedAt: note.at, executedOn: date, entryId: allocationEntryId(a.id), GSI1PK: lists.allocationsClosed } : {};
  const items: TransactItem[] = [...approvalItems(pk.PK, note), countApprovalUpdate(pk, a.approvedTowns.length, note, note.at, closing)];
  const next: Allocation = { ...a, ...(closing as Partial<Allocation>), approvedTowns: [...a.approvedTowns, note.town], approvers: [...a.approvers, note.by], approvals: [...a.approvals, note] };
  if (!complete) {
    await writeAudited(db, items, change);
    return next;
  }
  const res = await postEntry(db, allocationEntry(a, { date, town: a.challengeLeadTown, fundName: a.fundName }), { transition: items, audit: change });
  // Someone else's last approval executed it first: ours was not written. Re-read to say so.
  if (res.duplicate) throw new StateConflictError('executed concurrently');
  return next;
}

/** Closes a proposal as rejected, only while it is still proposed and open. */
export async function writeAllocationRejection(db: Db, id: string, rejection: DecisionNote, change: AuditedChange): Promise<void> {
  await writeAudited(db, [closeDecisionUpdate(keys.allocation(id), 'rejected', { rejection, decidedAt: rejection.at, GSI1PK: lists.allocationsClosed }, { deadlineAfter: rejection.at })], change);
}

type StoredAllocation = Allocation & { approvalCount?: number };

async function queryList(db: Db, list: string): Promise<Allocation[]> {
  const items = await queryAll<StoredAllocation>(db, { IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': list }, ScanIndexForward: false });
  return items.map((a) => ({ ...a, approvals: [] }));
}

/** Newest first; open ones only, or all. Statuses as readers see them. Approval notes are not included. */
export async function listAllocations(db: Db, opts: { open?: boolean } = {}): Promise<Allocation[]> {
  const lists_ = opts.open ? [lists.allocationsOpen] : [lists.allocationsOpen, lists.allocationsClosed];
  const now = nowOf(db);
  const all = (await Promise.all(lists_.map((l) => queryList(db, l)))).flat();
  return all.map((a) => ({ ...a, status: effectiveAllocationStatus(a, now) })).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/**
 * Marks proposals past their deadline expired. Idempotent: the update only applies to an allocation that
 * is still proposed and past its deadline, so a late or repeated run changes nothing. The scheduled task
 * reaches it through services/allocations.ts `expireDueAllocations`.
 * @example await expireAllocations(db, new Date()) // { expired: 0 }
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
