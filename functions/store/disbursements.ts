/**
 * Disbursements on DynamoDB. Each approval is its own item (APPROVER#<user>, put only if absent) in the
 * same transaction as the disbursement's conditional update (still requested, approval count unchanged),
 * so one person cannot count twice and two approvals cannot both be "the second". The second approval's
 * transaction also carries the ledger entry that reserves the money (available → payable) with its
 * balance conditions; marking paid posts payable → the town's bank in the transition scheduled → paid.
 * Entry ids derive from the disbursement, so a repeated "paid" finds the first entry and posts nothing.
 * Who may act, and what is said to whom, is services/disbursements.ts.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Disbursement, DisbursementApproval, TownBankAccount } from '../domain/disbursements.js';
import type { JournalEntry } from '../domain/ledger/entry.js';
import { writeAudited } from './audit.js';
import { nowIso, type AuditedChange, type Db, type TransactItem } from './db.js';
import { NotFoundError, StateConflictError } from './errors.js';
import { fromItem } from './items.js';
import { APPROVER_PREFIX, keys, lists } from './keys.js';
import { postEntry } from './ledger.js';
import { queryAll, queryAllRaw } from './query.js';
import { mailItems, type QueuedMail } from './treasurer-mail.js';

/** Writes a new request (its id must be new), the mail to the paying town's treasurers and its audit record. */
export async function insertDisbursement(db: Db, d: Disbursement, mails: readonly QueuedMail[], change: AuditedChange): Promise<void> {
  const { approvals: _a, ...stored } = d;
  await writeAudited(
    db,
    [{ Put: { Item: { ...keys.disbursement(d.id), type: 'disbursement', GSI1PK: lists.townDisbursements(d.town), GSI1SK: `${d.requestedAt}#${d.id}`, ...stored, approvalCount: 0 }, ConditionExpression: 'attribute_not_exists(PK)' } }, ...mailItems(mails, d.requestedAt)],
    change,
  );
}

export async function getDisbursement(db: Db, id: string): Promise<Disbursement> {
  const items = await queryAllRaw(db, { KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.disbursement(id).PK }, ConsistentRead: true });
  const meta = fromItem<Disbursement>(items.find((i) => i.SK === 'META'));
  if (!meta) throw new NotFoundError(`disbursement ${id} not found`);
  const approvals = items
    .filter((i) => String(i.SK).startsWith(APPROVER_PREFIX))
    .map((i) => fromItem<DisbursementApproval>(i)!)
    .sort((a, b) => a.at.localeCompare(b.at));
  return { ...meta, approvals };
}

/**
 * Records one approval of `d` (as read) and sets `sets` on it, only if it is still requested with the
 * approval count we read. With `reserve` (the second approval) the money is reserved by that entry in the
 * same transaction. A StateConflictError means someone moved first; an InsufficientFundsError means the
 * challenge no longer has the money, and nothing was written.
 */
export async function writeDisbursementApproval(
  db: Db,
  d: Disbursement,
  note: DisbursementApproval,
  sets: Record<string, unknown>,
  change: AuditedChange,
  opts: { reserve?: JournalEntry; mails?: readonly QueuedMail[] } = {},
): Promise<void> {
  const pk = keys.disbursement(d.id);
  const items: TransactItem[] = [
    { Put: { Item: { ...keys.personApproval(pk.PK, note.by), type: 'approver', ...note }, ConditionExpression: 'attribute_not_exists(PK)' } },
    guardedUpdate(pk, 'requested', d.approvers.length, sets, note.by),
    ...mailItems(opts.mails ?? [], note.at),
  ];
  if (!opts.reserve) {
    await writeAudited(db, items, change);
    return;
  }
  const res = await postEntry(db, opts.reserve, { transition: items, audit: change });
  if (res.duplicate) throw new StateConflictError('scheduled concurrently');
}

/** SET the given fields if the status is still `status` and, when `seen` is given, the count unchanged. */
function guardedUpdate(key: { PK: string; SK: string }, status: string, seen: number | undefined, sets: Record<string, unknown>, approver?: string): TransactItem {
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = { ':expected': status };
  const clauses: string[] = [];
  Object.entries(sets).forEach(([k, v], i) => {
    names[`#f${i}`] = k;
    values[`:f${i}`] = v;
    clauses.push(`#f${i} = :f${i}`);
  });
  let condition = '#status = :expected';
  if (seen !== undefined) {
    names['#count'] = 'approvalCount';
    values[':seen'] = seen;
    condition += ' AND #count = :seen';
  }
  if (approver) {
    names['#people'] = 'approvers';
    values[':sub'] = [approver];
    clauses.push('#people = list_append(#people, :sub)');
  }
  return { Update: { Key: key, UpdateExpression: `SET ${clauses.join(', ')}`, ConditionExpression: condition, ExpressionAttributeNames: names, ExpressionAttributeValues: values } };
}

/** Closes a request as rejected, only if it is still requested with the approvals we read. */
export async function writeDisbursementRejection(db: Db, d: Disbursement, rejection: NonNullable<Disbursement['rejection']>, mails: readonly QueuedMail[], change: AuditedChange): Promise<void> {
  await writeAudited(db, [guardedUpdate(keys.disbursement(d.id), 'requested', d.approvers.length, { status: 'rejected', rejection }), ...mailItems(mails, rejection.at)], change);
}

/**
 * The transfer was made: scheduled → paid with `sets`, posting `entry` (payable → bank) in the same
 * transaction. A StateConflictError means a concurrent identical submit posted first.
 */
export async function writeDisbursementPaid(db: Db, d: Disbursement, sets: Record<string, unknown>, entry: JournalEntry, mails: readonly QueuedMail[], change: AuditedChange): Promise<void> {
  const at = String(sets.paidAt ?? nowIso(db));
  const res = await postEntry(db, entry, { transition: [guardedUpdate(keys.disbursement(d.id), 'scheduled', undefined, sets), ...mailItems(mails, at)], audit: change });
  if (res.duplicate) throw new StateConflictError('paid concurrently');
}

/** A paying town's disbursements, newest first. Approval notes are not included (read one for those). */
export async function listTownDisbursements(db: Db, town: string): Promise<Disbursement[]> {
  const items = await queryAll<Disbursement>(db, { IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': lists.townDisbursements(town) }, ScanIndexForward: false });
  return items.map((d) => ({ ...d, approvals: [] }));
}

/** Scheduled transfers of a town for one transfer date: what goes into that day's Zengin file. */
export async function scheduledTransfers(db: Db, town: string, date: string): Promise<Disbursement[]> {
  return (await listTownDisbursements(db, town)).filter((d) => d.status === 'scheduled' && d.scheduledFor === date);
}

// ---------------------------------------------------------------- the town's own bank account

export async function getTownBankAccount(db: Db, town: string): Promise<TownBankAccount | undefined> {
  const res = await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.townBankAccount(town), ConsistentRead: true }));
  const item = fromItem<TownBankAccount & { town: string; updatedAt: string; updatedBy: string }>(res.Item);
  if (!item) return undefined;
  const { town: _t, updatedAt: _u, updatedBy: _b, ...account } = item;
  return account;
}

/** Stores the town's account (already normalized) with its audit record. */
export async function putTownBankAccount(db: Db, town: string, account: TownBankAccount, by: string, change: AuditedChange): Promise<void> {
  await writeAudited(db, [{ Put: { Item: { ...keys.townBankAccount(town), type: 'town_bank_account', town, ...account, updatedAt: nowIso(db), updatedBy: by } } }], change);
}
