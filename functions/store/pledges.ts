/**
 * Corporate-version pledges on DynamoDB. Items: the pledge (PLEDGE#<id>, listed per receiving town by
 * GSI1), a pointer per company, a pointer while unpaid (PLEDGES#OPEN sorted by expiry day, so the expiry
 * task reads only what may expire), and per town and fiscal year a receipt counter.
 *
 * Money: confirming the bank receipt is ONE transaction — the journal entry `pledge:<id>:received`
 * (postEntry), pledged→paid conditional on 'pledged', the receipt number (counter conditional on the value
 * read, plus a marker put only if absent), the open pointer's delete, the company's mail and the audit
 * record. A repeated or concurrent confirmation finds the entry already there and posts nothing.
 * Corporate receipts are rare (a treasurer keys them in), so the counter can sit inside the transaction
 * and numbers are gap-free; a race between two confirmations of one town re-reads and retries.
 */
import { createHash, randomBytes } from 'node:crypto';
import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  corporateReceiptNumber,
  receiptFiscalYear,
  receivedEntry,
  receivedEntryId,
  type Pledge,
} from '../domain/corporate.js';
import { DomainError } from '../domain/errors.js';
import { accounts } from '../domain/ledger/accounts.js';
import type { PlanTarget } from '../domain/regional-plans.js';
import { getFund, listTowns } from './catalog.js';
import { nowIso, transact, type AuditedChange, type Db, type TransactItem } from './db.js';
import { backoffMs, BusyError, NotFoundError, sleep, StateConflictError } from './errors.js';
import { keys, lists } from './keys.js';
import { allPostings, postEntry } from './ledger.js';
import { mailItem, type Mail } from './outbox.js';
import { queryAllRaw, type QueryInput } from './query.js';

function strip(item: Record<string, unknown> | undefined): Pledge | undefined {
  if (!item) return undefined;
  const { PK: _p, SK: _s, GSI1PK: _g, GSI1SK: _h, type: _t, requestHash: _r, ...rest } = item;
  return rest as unknown as Pledge;
}

export async function getPledge(db: Db, id: string): Promise<Pledge | undefined> {
  const res = await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.pledge(id), ConsistentRead: true }));
  return strip(res.Item);
}

async function getPledges(db: Db, ids: string[]): Promise<Pledge[]> {
  const out: Pledge[] = [];
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 100) {
    let request: Record<string, { Keys: Record<string, unknown>[]; ConsistentRead: boolean }> | undefined = {
      [db.table]: { Keys: unique.slice(i, i + 100).map((id) => keys.pledge(id)), ConsistentRead: true },
    };
    while (request && Object.keys(request).length) {
      const res = await db.doc.send(new BatchGetCommand({ RequestItems: request }));
      out.push(...((res.Responses?.[db.table] ?? []) as Record<string, unknown>[]).map((it) => strip(it)!));
      request = res.UnprocessedKeys as typeof request;
    }
  }
  return out;
}

/** A pledge id; with an idempotency key (form nonce or Idempotency-Key) the same request maps to the same id. */
export function pledgeIdFor(companyId: string, idempotencyKey?: string): string {
  if (!idempotencyKey) return `pl-${randomBytes(8).toString('hex')}`;
  return `pl-${createHash('sha256').update(`${companyId}|${idempotencyKey}`).digest('hex').slice(0, 16)}`;
}

/** The same idempotency key came back with a different request: a conflict, never a second pledge. */
export class PledgeReplayConflictError extends DomainError {
  override name = 'PledgeReplayConflictError';
  constructor() {
    super('conflict', 'idempotency_conflict', 'this request key was already used for a different pledge', { key: 'corporate.idempotency_conflict' });
  }
}

/**
 * Writes a new pledge with its pointers, mails and audit record. A replay of the same idempotent request
 * returns the stored pledge; the same key with a different request is refused.
 */
export async function createPledge(
  db: Db,
  p: Pledge,
  opts: { requestHash?: string; mails: Mail[]; audit: AuditedChange },
): Promise<{ pledge: Pledge; replayed: boolean }> {
  const items: TransactItem[] = [
    {
      Put: {
        Item: { ...keys.pledge(p.id), type: 'pledge', GSI1PK: lists.townPledges(p.receivingTown), GSI1SK: `${p.createdAt}#${p.id}`, ...p, requestHash: opts.requestHash },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    { Put: { Item: { ...keys.companyPledge(p.companyId, p.createdAt, p.id), type: 'company_pledge', pledgeId: p.id } } },
    { Put: { Item: { ...keys.openPledge(p.expiresOn, p.id), type: 'open_pledge', pledgeId: p.id, expiresOn: p.expiresOn } } },
    ...opts.mails.map((m) => mailItem(`pledge:${p.id}:created`, m, p.createdAt)),
  ];
  return transact<{ pledge: Pledge; replayed: boolean }>(db, async () => ({ items, result: { pledge: p, replayed: false } }), {
    audit: opts.audit,
    onCancel: async () => {
      const res = await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.pledge(p.id), ConsistentRead: true }));
      if (!res.Item) return 'retry';
      if (!opts.requestHash || res.Item.requestHash !== opts.requestHash) throw new PledgeReplayConflictError();
      return { pledge: strip(res.Item)!, replayed: true };
    },
  });
}

export interface ListPledgesFilter {
  town?: string;
  companyId?: string;
  /** Fiscal year of receipt for paid pledges, of the pledge otherwise (Pledge.fiscalYear). */
  fiscalYear?: number;
}

/**
 * Pledges newest first, by receiving town and/or company, optionally one fiscal year. Indexes give the ids;
 * the pledges themselves are read consistently, so a list shown right after a confirmation is current.
 * For the treasurer's exports: each paid pledge's `entryId` is its journal entry `pledge:<id>:received`.
 */
export async function listPledges(db: Db, filter: ListPledgesFilter = {}): Promise<Pledge[]> {
  let ids: string[];
  if (filter.companyId) ids = await companyPledgeIds(db, filter.companyId);
  else if (filter.town) ids = await townPledgeIds(db, filter.town);
  else ids = (await Promise.all((await listTowns(db)).map((t) => townPledgeIds(db, t.code)))).flat();
  const pledges = await getPledges(db, ids);
  return pledges
    .filter((p) => !filter.town || p.receivingTown === filter.town)
    .filter((p) => !filter.companyId || p.companyId === filter.companyId)
    .filter((p) => filter.fiscalYear === undefined || p.fiscalYear === filter.fiscalYear)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
}

async function queryIds(db: Db, input: QueryInput, idOf: (i: Record<string, unknown>) => string): Promise<string[]> {
  return (await queryAllRaw(db, input)).map(idOf);
}

const companyPledgeIds = (db: Db, companyId: string) =>
  queryIds(db, { KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.companyPledge(companyId, '', '').PK } }, (i) => i.pledgeId as string);

const townPledgeIds = (db: Db, town: string) =>
  queryIds(db, { IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': lists.townPledges(town) } }, (i) => i.id as string);

// ---------------------------------------------------------------- bank receipt

export interface ConfirmOptions {
  receivedOn: string;
  by: string;
  /** The mails to send once the receipt number is known. */
  mails: (receiptNumber: string) => Mail[];
  audit: AuditedChange;
}

const MAX_CONFIRM_ATTEMPTS = 8;

export async function confirmPledgePayment(db: Db, p: Pledge, opts: ConfirmOptions): Promise<{ pledge: Pledge; duplicate: boolean }> {
  const fy = receiptFiscalYear(opts.receivedOn);
  const entry = receivedEntry(p, opts.receivedOn);
  for (let attempt = 0; attempt < MAX_CONFIRM_ATTEMPTS; attempt++) {
    const counter = await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.corporateReceiptCounter(p.receivingTown, fy), ConsistentRead: true }));
    const prev = (counter.Item?.seq as number | undefined) ?? 0;
    const receiptNumber = corporateReceiptNumber(fy, p.receivingTown, prev + 1);
    const paidAt = nowIso(db);
    const transition: TransactItem[] = [
      {
        Update: {
          Key: keys.pledge(p.id),
          UpdateExpression: 'SET #s = :paid, receivedOn = :on, receiptNumber = :no, entryId = :e, paidAt = :at, confirmedBy = :by, fiscalYear = :fy',
          ConditionExpression: '#s = :pledged',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':paid': 'paid', ':pledged': 'pledged', ':on': opts.receivedOn, ':no': receiptNumber, ':e': entry.id, ':at': paidAt, ':by': opts.by, ':fy': fy },
        },
      },
      { Delete: { Key: keys.openPledge(p.expiresOn, p.id) } },
      {
        Update: {
          Key: keys.corporateReceiptCounter(p.receivingTown, fy),
          UpdateExpression: 'SET seq = :next, #t = :t, town = :town, fiscalYear = :fy',
          ConditionExpression: counter.Item ? 'seq = :prev' : 'attribute_not_exists(PK)',
          ExpressionAttributeNames: { '#t': 'type' },
          ExpressionAttributeValues: { ':next': prev + 1, ':t': 'corporate_receipt_counter', ':town': p.receivingTown, ':fy': fy, ...(counter.Item ? { ':prev': prev } : {}) },
        },
      },
      { Put: { Item: { ...keys.corporateReceipt(receiptNumber), type: 'corporate_receipt', number: receiptNumber, pledgeId: p.id, town: p.receivingTown, fiscalYear: fy }, ConditionExpression: 'attribute_not_exists(PK)' } },
      ...opts.mails(receiptNumber).map((m) => mailItem(`pledge:${p.id}:received`, m, paidAt)),
    ];
    try {
      const res = await postEntry(db, entry, { transition, audit: opts.audit });
      if (res.duplicate) return { pledge: (await getPledge(db, p.id))!, duplicate: true };
      return {
        pledge: { ...p, status: 'paid', receivedOn: opts.receivedOn, receiptNumber, entryId: entry.id, paidAt, confirmedBy: opts.by, fiscalYear: fy },
        duplicate: false,
      };
    } catch (e) {
      if (!(e instanceof StateConflictError)) throw e;
      // Either the pledge moved on (paid by a concurrent call, cancelled, expired) or another receipt of
      // the town took the number we read: look at the pledge to tell which.
      const current = await getPledge(db, p.id);
      if (!current) throw new NotFoundError(`pledge ${p.id} not found`);
      if (current.status === 'paid') return { pledge: current, duplicate: true };
      if (current.status !== 'pledged') throw new StateConflictError(`the pledge is ${current.status}, so no payment can be recorded`);
      await sleep(backoffMs(attempt));
    }
  }
  throw new BusyError('receipt numbering is busy; please retry (the request is safe to repeat)');
}

// ---------------------------------------------------------------- cancel and expire

/** pledged → cancelled | expired with the open pointer removed; refused when the pledge is no longer unpaid. */
async function closeUnpaid(
  db: Db,
  p: Pledge,
  to: 'cancelled' | 'expired',
  set: Record<string, unknown>,
  opts: { mails: Mail[]; audit: AuditedChange },
): Promise<Pledge> {
  const names: Record<string, string> = { '#s': 'status' };
  const values: Record<string, unknown> = { ':to': to, ':pledged': 'pledged' };
  const parts = ['#s = :to'];
  for (const [k, v] of Object.entries(set)) {
    if (v === undefined) continue;
    names[`#${k}`] = k;
    values[`:${k}`] = v;
    parts.push(`#${k} = :${k}`);
  }
  const at = nowIso(db);
  await transact(
    db,
    async () => ({
      items: [
        { Update: { Key: keys.pledge(p.id), UpdateExpression: `SET ${parts.join(', ')}`, ConditionExpression: '#s = :pledged', ExpressionAttributeNames: names, ExpressionAttributeValues: values } },
        { Delete: { Key: keys.openPledge(p.expiresOn, p.id) } },
        ...opts.mails.map((m) => mailItem(`pledge:${p.id}:${to}`, m, at)),
      ],
      result: undefined,
    }),
    {
      audit: opts.audit,
      onCancel: async () => {
        const current = await getPledge(db, p.id);
        throw new StateConflictError(`the pledge is already ${current?.status ?? 'gone'}; only an unpaid pledge can be ${to}`);
      },
    },
  );
  return { ...p, status: to, ...(set as Partial<Pledge>) };
}

export function cancelPledge(db: Db, p: Pledge, opts: { by: string; reason?: string; mails: Mail[]; audit: AuditedChange }): Promise<Pledge> {
  return closeUnpaid(db, p, 'cancelled', { cancelledAt: nowIso(db), cancelledBy: opts.by, cancelReason: opts.reason }, opts);
}

export function expirePledge(db: Db, p: Pledge, opts: { mails: Mail[]; audit: AuditedChange }): Promise<Pledge> {
  return closeUnpaid(db, p, 'expired', { expiredAt: nowIso(db) }, opts);
}

/** Unpaid pledges whose expiry day is before `today` (JST), from the open pointers only. */
export async function pledgesDueToExpire(db: Db, today: string): Promise<Pledge[]> {
  const ids = await queryIds(
    db,
    { KeyConditionExpression: 'PK = :pk AND SK < :today', ExpressionAttributeValues: { ':pk': keys.openPledge('', '').PK, ':today': today } },
    (i) => i.pledgeId as string,
  );
  return (await getPledges(db, ids)).filter((p) => p.status === 'pledged' && p.expiresOn < today);
}

// ---------------------------------------------------------------- disclosure

/**
 * The pledges whose money reached a challenge or a fund, found through the ledger (the corporate postings
 * on the challenge's account or the fund's town shares), so disclosure can only show money received.
 */
export async function receivedPledgesFor(db: Db, target: PlanTarget): Promise<Pledge[]> {
  let accountIds: string[];
  if (target.kind === 'challenge') accountIds = [accounts.challengeAvailable(target.id)];
  else {
    const fund = await getFund(db, target.id);
    if (!fund) return [];
    accountIds = fund.members.map((town) => accounts.fundShare(fund.id, town));
  }
  const rows = (await Promise.all(accountIds.map((a) => allPostings(db, a)))).flat();
  const ids = rows
    .filter((r) => r.channel === 'corporate' && !r.reverses)
    .map((r) => /^pledge:(.+):received$/.exec(r.entryId)?.[1])
    .filter((id): id is string => Boolean(id));
  return (await getPledges(db, ids)).filter((p) => p.status === 'paid' && p.entryId === receivedEntryId(p.id));
}
