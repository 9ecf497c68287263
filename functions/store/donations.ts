/**
 * Donations on DynamoDB. Every state change is an update conditional on the states it may start from
 * (domain/donations.ts `fromStates`), so repeated, concurrent or reordered webhook deliveries cannot
 * apply a change twice or undo a later one. The payment's journal entry and the pending→paid transition
 * are one transaction (ledger postEntry with `transition`); so are the refund's reversal and paid→refunded.
 *
 * Not audited on the town's audit chain: a donor's checkout and Stripe's events. Both would append to
 * `town:<code>`, whose head is one item every append must update conditionally — at the 31 December
 * peak that item would serialise every donation of the town. The donation item (who, when) and the
 * immutable journal are their record; a treasurer's refund and one-stop receipt ARE audited.
 */
import { fromItem } from './items.js';
import { createHash } from 'node:crypto';
import { BatchGetCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  fromStates,
  paidEntry,
  paidEntryId,
  receiptNumber,
  receiptYear,
  type Donation,
  type PaymentMethod,
} from '../domain/donations.js';
import { DomainError } from '../domain/errors.js';
import { nowIso, transact, type AuditedChange, type Db, type TransactItem } from './db.js';
import { NotFoundError, StateConflictError } from './errors.js';
import { keys, TOWN_DONATION_PREFIX, USER_DONATION_PREFIX } from './keys.js';
import { getEntry, postEntry, reverseEntry } from './ledger.js';
import { mailItem, type Mail } from './outbox.js';
import { queryAll } from './query.js';

const DONOR_PREFIX = 'DONOR#';
/** Stripe retries for up to 3 days; a processed event id is kept well beyond that, then TTL removes it. */
const EVENT_TTL_S = 90 * 24 * 60 * 60;

/** Emails stay out of key names (logs, metrics); lower-cased so one donor is one partition. */
export function donorKey(email: string): string {
  return DONOR_PREFIX + createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32);
}

function donationItem(d: Donation): Record<string, unknown> {
  return { ...keys.donation(d.id), type: 'donation', GSI1PK: donorKey(d.donor.email), GSI1SK: `${d.createdAt}#${d.id}`, ...d };
}


export async function getDonation(db: Db, id: string, consistent = true): Promise<Donation | undefined> {
  const res = await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.donation(id), ConsistentRead: consistent }));
  return fromItem<Donation>(res.Item);
}

export async function getDonations(db: Db, ids: string[]): Promise<Donation[]> {
  const out: Donation[] = [];
  for (let i = 0; i < ids.length; i += 100) {
    let request: Record<string, { Keys: Record<string, unknown>[]; ConsistentRead: boolean }> | undefined = {
      [db.table]: { Keys: ids.slice(i, i + 100).map((id) => keys.donation(id)), ConsistentRead: true },
    };
    while (request && Object.keys(request).length) {
      const res = await db.doc.send(new BatchGetCommand({ RequestItems: request }));
      out.push(...((res.Responses?.[db.table] ?? []) as Record<string, unknown>[]).map((it) => fromItem<Donation>(it)!));
      request = res.UnprocessedKeys as typeof request;
    }
  }
  return out;
}

// ---------------------------------------------------------------- creation and idempotency

export interface StoredIdempotency {
  requestHash: string;
  response: { donationId: string; checkoutUrl: string; status: 'pending' };
}

export async function getIdempotency(db: Db, scope: string, key: string): Promise<StoredIdempotency | undefined> {
  const res = await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.idempotency(scope, key), ConsistentRead: true }));
  return res.Item ? { requestHash: res.Item.requestHash as string, response: res.Item.response as StoredIdempotency['response'] } : undefined;
}

/** The Idempotency-Key was already used with a different request: the conditional put found another body's record. */
export class IdempotencyConflictError extends DomainError {
  override name = 'IdempotencyConflictError';
  constructor(message: string) {
    super('rule', 'idempotency_key_reused', message, { key: 'donation.idempotency_key_reused' });
  }
}

/**
 * Puts a new pending donation; with an Idempotency-Key, the key's record goes in the same transaction.
 * Two concurrent requests with the same key derive the same donation id, so exactly one put succeeds;
 * the other returns the winner's stored response (or refuses a different body).
 */
export async function createDonation(
  db: Db,
  d: Donation,
  idem?: { scope: string; key: string; requestHash: string },
): Promise<{ response: StoredIdempotency['response']; replayed: boolean }> {
  const response = { donationId: d.id, checkoutUrl: d.checkoutUrl, status: 'pending' as const };
  const items: TransactItem[] = [{ Put: { Item: donationItem(d), ConditionExpression: 'attribute_not_exists(PK)' } }];
  if (idem) {
    items.push({
      Put: {
        Item: { ...keys.idempotency(idem.scope, idem.key), type: 'idempotency', requestHash: idem.requestHash, response, createdAt: d.createdAt, expiresAt: Math.floor(Date.parse(d.createdAt) / 1000) + 7 * 24 * 3600 },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    });
  }
  if (d.userId) items.push({ Put: { Item: { ...keys.userDonation(d.userId, d.createdAt, d.id), type: 'user_donation', donationId: d.id } } });
  return transact<{ response: StoredIdempotency['response']; replayed: boolean }>(db, async () => ({ items, result: { response, replayed: false } }), {
    onCancel: async () => {
      if (!idem) throw new StateConflictError(`donation ${d.id} already exists`);
      const stored = await getIdempotency(db, idem.scope, idem.key);
      if (!stored) return 'retry';
      if (stored.requestHash !== idem.requestHash) throw new IdempotencyConflictError('this Idempotency-Key was already used with a different request');
      return { response: stored.response, replayed: true };
    },
  });
}

// ---------------------------------------------------------------- payment events

export interface PaymentFacts {
  at: Date;
  paidDate: string;
  method?: PaymentMethod;
  paymentIntentId?: string;
}

/**
 * Payment received: the journal entry `donation:<id>:paid`, the transition to paid, the thank-you mail,
 * the one-stop pointer and the progress-mail subscription, all in one transaction. A repeat posts
 * nothing (the entry id exists) and reports `duplicate`.
 */
export async function recordPayment(db: Db, d: Donation, pay: PaymentFacts, mail: Mail, links: NonNullable<Donation['donorLinks']>): Promise<{ duplicate: boolean }> {
  const now = nowIso(db);
  const from = fromStates('paid');
  const transition: TransactItem[] = [
    {
      Update: {
        Key: keys.donation(d.id),
        UpdateExpression: `SET #s = :paid, paidAt = :at, paidDate = :date, donorLinks = :links${pay.method ? ', paymentMethod = :m' : ''}${pay.paymentIntentId ? ', paymentIntentId = :pi' : ''} REMOVE awaitingPayment`,
        ConditionExpression: `#s IN (${from.map((_, i) => `:f${i}`).join(', ')})`,
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: {
          ':paid': 'paid',
          ':at': pay.at.toISOString(),
          ':date': pay.paidDate,
          ':links': links,
          ...(pay.method ? { ':m': pay.method } : {}),
          ...(pay.paymentIntentId ? { ':pi': pay.paymentIntentId } : {}),
          ...Object.fromEntries(from.map((s, i) => [`:f${i}`, s])),
        },
      },
    },
    mailItem(`donation:${d.id}:paid`, mail, now),
  ];
  if (d.oneStop) {
    transition.push({ Put: { Item: { ...keys.oneStopRequest(d.receivingTown, receiptYear(pay.paidDate), d.id), type: 'onestop_request', donationId: d.id, paidDate: pay.paidDate } } });
  }
  if (d.updates && d.challengeId) {
    // An update, not a put: whatever the challenge's mailer keeps on the item (e.g. an opt-out) survives.
    transition.push({
      Update: {
        Key: keys.challengeSubscriber(d.challengeId, d.donor.email),
        UpdateExpression: 'SET #t = :t, challengeId = :c, email = :e, #n = :n, lang = :l, lastDonationId = :d, subscribedAt = if_not_exists(subscribedAt, :now)',
        ExpressionAttributeNames: { '#t': 'type', '#n': 'name' },
        ExpressionAttributeValues: { ':t': 'challenge_subscriber', ':c': d.challengeId, ':e': d.donor.email.trim().toLowerCase(), ':n': d.donor.name, ':l': d.lang, ':d': d.id, ':now': now },
      },
    });
  }
  if (pay.paymentIntentId) transition.push({ Put: { Item: { ...keys.paymentIntent(pay.paymentIntentId), type: 'payment_intent', donationId: d.id } } });
  transition.push({ Put: { Item: townDonationItem(d, pay.at.toISOString(), pay.paidDate, 'paid') } });
  const res = await postEntry(db, paidEntry(d, pay.paidDate), { transition });
  return { duplicate: res.duplicate };
}

/** Konbini: checkout done, slip issued, money not yet. Status stays pending; only the note changes. */
export async function noteAwaitingPayment(db: Db, id: string, method: PaymentMethod): Promise<boolean> {
  return conditionalUpdate(db, {
    Key: keys.donation(id),
    UpdateExpression: 'SET awaitingPayment = :t, paymentMethod = :m',
    ConditionExpression: '#s = :pending',
    ExpressionAttributeNames: { '#s': 'status' },
    ExpressionAttributeValues: { ':t': true, ':m': method, ':pending': 'pending' },
  });
}

/** pending → expired | failed; false when the donation had already moved on (e.g. paid): nothing changes. */
export async function markUnpaid(db: Db, id: string, to: 'expired' | 'failed', at: Date): Promise<boolean> {
  const from = fromStates(to);
  return conditionalUpdate(db, {
    Key: keys.donation(id),
    UpdateExpression: `SET #s = :to, ${to === 'expired' ? 'expiredAt' : 'failedAt'} = :at REMOVE awaitingPayment`,
    ConditionExpression: `#s IN (${from.map((_, i) => `:f${i}`).join(', ')})`,
    ExpressionAttributeNames: { '#s': 'status' },
    ExpressionAttributeValues: { ':to': to, ':at': at.toISOString(), ...Object.fromEntries(from.map((s, i) => [`:f${i}`, s])) },
  });
}

/**
 * An update that is refused, not thrown, when its condition fails: false means the item was elsewhere.
 * @example if (!(await conditionalUpdate(db, { Key, UpdateExpression, ConditionExpression }))) return 'moved on'
 */
export async function conditionalUpdate(db: Db, input: Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName'>): Promise<boolean> {
  try {
    await db.doc.send(new UpdateCommand({ TableName: db.table, ...input }));
    return true;
  } catch (e) {
    if ((e as Error).name === 'ConditionalCheckFailedException') return false;
    throw e;
  }
}

// ---------------------------------------------------------------- receipt numbers

/**
 * Gives a paid donation its receipt number, once. Called right after the payment transaction and again on
 * every later delivery or read, so a crash in between is repaired by Stripe's retry.
 *
 * Hot items: the counter is one item per town and year. Inside the payment transaction it would make every
 * payment of the town conflict with every other (DynamoDB cancels concurrent transactions that touch the
 * same item), capping a town's payments at the rate one item can be transacted serially, right at the
 * 31 December peak. Outside it, a plain atomic ADD is serialised by DynamoDB without cancellations (~1,000
 * writes/s per item). The price: two racing deliveries of one payment may each draw a number, and the
 * loser's number is skipped. Numbers are unique (the RECEIPT# marker is put only if absent, in the same
 * transaction as the conditional set on the donation) and increasing, but not necessarily gap-free.
 */
export async function ensureReceiptNumber(db: Db, id: string): Promise<string | undefined> {
  const d = await getDonation(db, id);
  if (!d || d.receiptNumber || !d.paidDate || (d.status !== 'paid' && d.status !== 'refunded')) return d?.receiptNumber;
  const year = receiptYear(d.paidDate);
  for (let attempt = 0; attempt < 5; attempt++) {
    const res = await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: keys.receiptCounter(d.receivingTown, year),
        UpdateExpression: 'SET #t = :t, town = :town, #y = :y ADD seq :one',
        ExpressionAttributeNames: { '#t': 'type', '#y': 'year' },
        ExpressionAttributeValues: { ':t': 'receipt_counter', ':town': d.receivingTown, ':y': year, ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const number = receiptNumber(year, d.receivingTown, res.Attributes?.seq as number);
    const outcome = await transact<'set' | 'taken' | 'has_number'>(
      db,
      async () => ({
        items: [
          {
            Update: {
              Key: keys.donation(id),
              UpdateExpression: 'SET receiptNumber = :n',
              ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(receiptNumber)',
              ExpressionAttributeValues: { ':n': number },
            },
          },
          { Put: { Item: { ...keys.receiptNumber(number), type: 'receipt', number, donationId: id, town: d.receivingTown, year }, ConditionExpression: 'attribute_not_exists(PK)' } },
        ],
        result: 'set',
      }),
      { onCancel: (c) => (c.codes[0] === 'ConditionalCheckFailed' ? 'has_number' : 'taken') },
    );
    if (outcome === 'set') return number;
    if (outcome === 'has_number') return (await getDonation(db, id))?.receiptNumber;
    // 'taken': the counter was behind an issued number (e.g. restored from a backup); draw the next one.
  }
  throw new StateConflictError(`could not assign a receipt number to donation ${id}`);
}

// ---------------------------------------------------------------- refunds

/** A treasurer asks for a refund: noted (and audited) before the provider is asked, while still paid. */
export async function requestRefund(db: Db, d: Donation, reason: string, audit: AuditedChange): Promise<void> {
  await transact(
    db,
    async () => ({
      items: [
        {
          Update: {
            Key: keys.donation(d.id),
            UpdateExpression: 'SET refundRequestedAt = :at, refundReason = :r',
            ConditionExpression: '#s = :paid',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':at': nowIso(db), ':r': reason, ':paid': 'paid' },
          },
        },
      ],
      result: undefined,
    }),
    {
      audit,
      onCancel: () => {
        throw new StateConflictError(`donation ${d.id} is not paid, so it cannot be refunded`);
      },
    },
  );
}

/**
 * The refund's reversal of `donation:<id>:paid`, with paid→refunded, the void receipt and the mail, in
 * one transaction. Whichever comes first (the treasurer's call or Stripe's charge.refunded) applies it;
 * the other finds the reversal posted and reports `duplicate`.
 */
export async function applyRefund(db: Db, d: Donation, opts: { date: string; reason: string; mail: Mail }): Promise<{ duplicate: boolean }> {
  const original = await getEntry(db, paidEntryId(d.id));
  if (!original) throw new NotFoundError(`donation ${d.id} has no payment to reverse`);
  const transition: TransactItem[] = [
    {
      Update: {
        Key: keys.donation(d.id),
        UpdateExpression: 'SET #s = :refunded, refundedAt = :at, refundedDate = :date, refundReason = if_not_exists(refundReason, :r), receiptVoid = :t',
        ConditionExpression: '#s = :paid',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':refunded': 'refunded', ':at': nowIso(db), ':date': opts.date, ':r': opts.reason, ':t': true, ':paid': 'paid' },
      },
    },
    mailItem(`donation:${d.id}:refunded`, opts.mail, nowIso(db)),
  ];
  // A put, not an update: a donation paid before the town's list existed gets its pointer here too.
  if (d.paidAt && d.paidDate) transition.push({ Put: { Item: townDonationItem(d, d.paidAt, d.paidDate, 'refunded') } });
  const res = await reverseEntry(db, paidEntryId(d.id), opts.date, `返金 / refund: ${opts.reason}`.slice(0, 300), { transition });
  return { duplicate: res.duplicate };
}

// ---------------------------------------------------------------- one-stop exception

/** A pointer item: which donation it points at. */
type Pointer = { donationId: string };

export async function oneStopDonationIds(db: Db, town: string, year: number): Promise<string[]> {
  const pointers = await queryAll<Pointer>(db, { KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.oneStopRequest(town, year, '').PK }, ConsistentRead: true });
  return pointers.map((i) => i.donationId);
}

/** The town's one-stop requests for a calendar year, oldest payment first. */
export async function listOneStopRequests(db: Db, town: string, year: number): Promise<Donation[]> {
  const list = await getDonations(db, await oneStopDonationIds(db, town, year));
  return list.sort((a, b) => (a.paidAt ?? '').localeCompare(b.paidAt ?? '') || a.id.localeCompare(b.id));
}

/** The treasurer has the donor's paper form. Marking twice keeps the first date (and says so). */
export async function markOneStopReceived(db: Db, d: Donation, on: string, by: string, audit: AuditedChange): Promise<{ already: boolean }> {
  return transact<{ already: boolean }>(
    db,
    async () => ({
      items: [
        {
          Update: {
            Key: keys.donation(d.id),
            UpdateExpression: 'SET oneStopReceivedOn = :on, oneStopReceivedBy = :by',
            ConditionExpression: 'oneStop = :t AND #s = :paid AND attribute_not_exists(oneStopReceivedOn)',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':on': on, ':by': by, ':t': true, ':paid': 'paid' },
          },
        },
      ],
      result: { already: false },
    }),
    {
      audit,
      onCancel: async () => {
        const now = await getDonation(db, d.id);
        if (now?.oneStopReceivedOn) return { already: true };
        throw new StateConflictError(`donation ${d.id} is not a paid one-stop request`);
      },
    },
  );
}

/** One reminder per donation per year: the mail id and the condition both say so. */
export async function sendOneStopReminder(db: Db, d: Donation, year: number, mail: Mail): Promise<boolean> {
  try {
    await transact(db, async () => ({
      items: [
        {
          Update: {
            Key: keys.donation(d.id),
            UpdateExpression: 'SET oneStopRemindedAt = :at',
            ConditionExpression: '#s = :paid AND attribute_not_exists(oneStopReceivedOn) AND attribute_not_exists(oneStopRemindedAt)',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':at': nowIso(db), ':paid': 'paid' },
          },
        },
        mailItem(`onestop-reminder:${d.id}:${year}`, mail, nowIso(db)),
      ],
      result: undefined,
    }));
    return true;
  } catch (e) {
    if (e instanceof StateConflictError) return false;
    throw e;
  }
}

// ---------------------------------------------------------------- a donor's donations

export async function donationsByEmail(db: Db, email: string): Promise<Donation[]> {
  return queryAll<Donation>(db, { IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': donorKey(email) }, ScanIndexForward: false });
}

/** A signed-in donor's donations, newest first. */
export async function donationsOfUser(db: Db, sub: string): Promise<Donation[]> {
  const pointers = await queryAll<Pointer>(db, {
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
    ExpressionAttributeValues: { ':pk': keys.user(sub).PK, ':p': USER_DONATION_PREFIX },
    ScanIndexForward: false,
  });
  const ids = pointers.map((i) => i.donationId);
  const byId = new Map((await getDonations(db, ids)).map((d) => [d.id, d]));
  return ids.map((id) => byId.get(id)).filter((d): d is Donation => Boolean(d));
}

/** Towns a donor (by email, and by account when signed in) has paid a donation to in a calendar year. */
export async function townsGivenTo(db: Db, who: { email?: string; userId?: string }, year: number): Promise<string[]> {
  const [byEmail, byUser] = await Promise.all([who.email ? donationsByEmail(db, who.email) : [], who.userId ? donationsOfUser(db, who.userId) : []]);
  const towns = new Set<string>();
  for (const d of [...byEmail, ...byUser]) if (d.status === 'paid' && d.paidDate?.startsWith(`${year}-`)) towns.add(d.receivingTown);
  return [...towns];
}

// ---------------------------------------------------------------- a town's received donations

/** The pointer in the town's list; its status follows the donation's (paid, then refunded) in the same transactions. */
function townDonationItem(d: Pick<Donation, 'id' | 'receivingTown'>, paidAt: string, paidDate: string, status: 'paid' | 'refunded'): Record<string, unknown> {
  return { ...keys.townDonation(d.receivingTown, receiptYear(paidDate), paidAt, d.id), type: 'town_donation', donationId: d.id, town: d.receivingTown, paidDate, status };
}

export interface TownDonationsQuery {
  status?: 'paid' | 'refunded';
  limit?: number;
  /** The previous page's `next`. */
  after?: string;
}

export interface TownDonationsPage {
  donations: Donation[];
  next?: string;
}

/**
 * Donations a town received in a calendar year (the receipt year), newest arrival first, a page at a time.
 * Reads the town's pointers (one partition per town and year), written with each payment and refund.
 */
export async function listTownDonations(db: Db, town: string, year: number, q: TownDonationsQuery = {}): Promise<TownDonationsPage> {
  const limit = Math.min(Math.max(Math.trunc(q.limit ?? 50), 1), 200);
  const after = q.after && q.after.startsWith(TOWN_DONATION_PREFIX) && q.after.length <= 200 ? q.after : undefined;
  const pk = keys.townDonation(town, year, '', '').PK;
  // One more than a page tells whether there is a next one; older pages start below the previous page's last key.
  const found = await queryAll<Pointer>(
    db,
    {
      KeyConditionExpression: after ? 'PK = :pk AND SK < :after' : 'PK = :pk AND begins_with(SK, :p)',
      ...(q.status ? { FilterExpression: '#s = :s', ExpressionAttributeNames: { '#s': 'status' } } : {}),
      ExpressionAttributeValues: { ':pk': pk, ...(after ? { ':after': after } : { ':p': TOWN_DONATION_PREFIX }), ...(q.status ? { ':s': q.status } : {}) },
      ScanIndexForward: false,
      ConsistentRead: true,
      Limit: limit + 1,
    },
    { limit: limit + 1 },
  );
  const page = found.slice(0, limit);
  const byId = new Map((await getDonations(db, page.map((r) => r.donationId))).map((d) => [d.id, d]));
  const donations = page.map((r) => byId.get(r.donationId)).filter((d): d is Donation => Boolean(d));
  // The pointer's sort key is the donation's payment time and id (townDonationItem), so the cursor is rebuilt from the donation.
  const last = donations[donations.length - 1];
  return { donations, next: found.length > limit && last?.paidAt ? keys.townDonation(town, year, last.paidAt, last.id).SK : undefined };
}

// ---------------------------------------------------------------- Stripe events

export async function donationIdForPaymentIntent(db: Db, paymentIntentId: string): Promise<string | undefined> {
  const res = await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.paymentIntent(paymentIntentId), ConsistentRead: true }));
  return res.Item?.donationId as string | undefined;
}

export async function isEventProcessed(db: Db, eventId: string): Promise<boolean> {
  const res = await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.stripeEvent(eventId), ConsistentRead: true }));
  return Boolean(res.Item);
}

/** Recorded once, after the event was fully applied; a racing duplicate finds it there (or re-applies harmlessly). */
export async function recordEvent(db: Db, event: { id: string; type: string }, outcome: string): Promise<void> {
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.table,
        Item: { ...keys.stripeEvent(event.id), type: 'stripe_event', eventId: event.id, eventType: event.type, outcome, at: nowIso(db), expiresAt: Math.floor(Date.now() / 1000) + EVENT_TTL_S },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  } catch (e) {
    if ((e as Error).name !== 'ConditionalCheckFailedException') throw e;
  }
}
