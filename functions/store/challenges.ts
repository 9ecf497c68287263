/**
 * A challenge's life after creation: edits while draft, publishing, closing at the deadline, moving on,
 * progress updates and the donors who asked to hear about them. Every status change is conditional on
 * the status it was planned from, so a repeated or concurrent request (or a second scheduler run) cannot
 * apply twice. Reading and listing challenges stays in catalog.ts.
 */
import { fromItem } from './items.js';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { isDueToClose } from '../domain/challenge-lifecycle.js';
import type { Challenge, ChallengeStatus } from '../domain/catalog.js';
import { challengeItem, listChallenges } from './catalog.js';
import { nowIso, transact, type AuditedChange, type Db, type TransactItem } from './db.js';
import { StateConflictError } from './errors.js';
import { keys, SUBSCRIBER_PREFIX, UPDATE_PREFIX } from './keys.js';
import { mailItem, type Mail } from './outbox.js';
import { queryAll, queryAllRaw } from './query.js';

export async function getChallengeConsistent(db: Db, id: string): Promise<Challenge | undefined> {
  const res = await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.challenge(id), ConsistentRead: true }));
  return fromItem<Challenge>(res.Item);
}

/** The put of a new challenge, for a transaction that also marks its application. */
export function newChallengeItem(ch: Challenge): TransactItem {
  return { Put: { Item: challengeItem(ch), ConditionExpression: 'attribute_not_exists(PK)' } };
}

/**
 * Sets fields and/or moves the status, conditional on the status read; the list's sort key follows the
 * deadline so the public list stays ordered.
 */
export async function changeChallenge(
  db: Db,
  ch: Challenge,
  change: { set?: Partial<Omit<Challenge, 'id' | 'status'>>; to?: ChallengeStatus; items?: TransactItem[]; audit: AuditedChange },
): Promise<Challenge> {
  const set: Record<string, unknown> = { ...(change.set ?? {}) };
  if (change.to) set.status = change.to;
  const deadline = (change.set?.deadline as string | undefined) ?? ch.deadline;
  set.GSI1SK = `${deadline}#${ch.id}`;
  set.updatedAt = nowIso(db);
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = { ':expected': ch.status };
  const parts: string[] = [];
  for (const [k, v] of Object.entries(set)) {
    if (v === undefined) continue;
    names[`#${k}`] = k;
    values[`:${k}`] = v;
    parts.push(`#${k} = :${k}`);
  }
  await transact(
    db,
    async () => ({
      items: [
        {
          Update: {
            Key: keys.challenge(ch.id),
            UpdateExpression: `SET ${parts.join(', ')}`,
            ConditionExpression: '#status = :expected',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          },
        },
        ...(change.items ?? []),
      ],
      result: undefined,
    }),
    {
      audit: change.audit,
      onCancel: (c) => {
        throw new StateConflictError(
          c.codes[0] === 'ConditionalCheckFailed' ? `the challenge is no longer ${ch.status}; reload and try again` : 'the change conflicts with the current state; reload and try again',
        );
      },
    },
  );
  const { GSI1SK: _g, ...fields } = set;
  return { ...ch, ...(fields as Partial<Challenge>) };
}

/**
 * The scheduled task: closes every open challenge whose deadline (a JST day, inclusive) has passed.
 * Idempotent: the update is conditional on the challenge still being open, so a second run, or two
 * schedulers racing, close each challenge once and audit it once.
 */
export async function closeDueChallenges(db: Db, now: Date): Promise<{ closed: string[]; alreadyClosed: string[] }> {
  const due = (await listChallenges(db)).filter((c) => isDueToClose(c, now));
  const closed: string[] = [];
  const alreadyClosed: string[] = [];
  for (const ch of due) {
    const result = await transact<'closed' | 'already'>(
      db,
      async () => ({
        items: [
          {
            Update: {
              Key: keys.challenge(ch.id),
              UpdateExpression: 'SET #status = :closed, #closedAt = :at',
              ConditionExpression: '#status = :open',
              ExpressionAttributeNames: { '#status': 'status', '#closedAt': 'closedAt' },
              ExpressionAttributeValues: { ':closed': 'closed', ':open': 'open', ':at': now.toISOString() },
            },
          },
        ],
        result: 'closed',
      }),
      {
        audit: {
          chain: `town:${ch.leadTown}`,
          input: { actor: 'system:schedule', role: 'system', action: 'challenge.close', target: `challenge:${ch.id}`, before: { status: 'open' }, after: { status: 'closed', deadline: ch.deadline } },
        },
        onCancel: () => 'already',
      },
    );
    (result === 'closed' ? closed : alreadyClosed).push(ch.id);
  }
  return { closed, alreadyClosed };
}

export interface ChallengeUpdate {
  id: string;
  challengeId: string;
  title: string;
  text: string;
  /** The JST day the update is about (YYYY-MM-DD). */
  date: string;
  authorId: string;
  companyId?: string;
  createdAt: string;
}

export function newUpdateId(): string {
  return `upd-${randomBytes(6).toString('hex')}`;
}

/** Newest first. */
export async function listChallengeUpdates(db: Db, challengeId: string): Promise<ChallengeUpdate[]> {
  return queryAll<ChallengeUpdate>(db, {
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :u)',
    ExpressionAttributeValues: { ':pk': keys.challenge(challengeId).PK, ':u': UPDATE_PREFIX },
    ScanIndexForward: false,
  });
}

/** A transaction has room for 100 items; the update, its audit record (2) and most mail go together. */
const MAILS_IN_TRANSACTION = 90;

/**
 * Stores a progress update and queues its mail to every subscriber. The first subscribers' mail is in
 * the update's own transaction; for a large audience the rest follows in further idempotent batches
 * (each mail's id derives from the update id and address, so a retry cannot send one twice).
 */
export async function addChallengeUpdate(db: Db, update: ChallengeUpdate, mails: Mail[], audit: AuditedChange): Promise<{ mailed: number }> {
  const at = update.createdAt;
  const cause = `challenge-update:${update.id}`;
  const first = mails.slice(0, MAILS_IN_TRANSACTION);
  await transact(
    db,
    async () => ({
      items: [
        { Put: { Item: { ...keys.challengeUpdate(update.challengeId, update.date, update.id), type: 'challenge_update', ...update }, ConditionExpression: 'attribute_not_exists(PK)' } },
        ...first.map((m) => mailItem(cause, m, at)),
      ],
      result: undefined,
    }),
    { audit },
  );
  for (let i = MAILS_IN_TRANSACTION; i < mails.length; i += 100) {
    await Promise.all(
      mails.slice(i, i + 100).map(async (m) => {
        const put = mailItem(cause, m, at).Put!;
        try {
          await db.doc.send(new PutCommand({ TableName: db.table, Item: put.Item, ConditionExpression: put.ConditionExpression }));
        } catch (e) {
          if ((e as Error).name !== 'ConditionalCheckFailedException') throw e;
        }
      }),
    );
  }
  return { mailed: mails.length };
}

export interface ChallengeSubscriber {
  email: string;
  name?: string;
  lang?: 'ja' | 'en';
  /** The donation that opted in (the latest one, if several did; stored as `lastDonationId`). */
  donationId?: string;
  subscribedAt?: string;
}

/**
 * The item the donation flow writes, in its own transaction, when a donor opts in to progress mail:
 * PK `CHAL#<challengeId>`, SK `SUB#<email lower-cased>`, attributes {email, name?, lang?, lastDonationId?,
 * subscribedAt?}; `optedOut: true` (or `unsubscribedAt`) stops the mail. Opting in twice is harmless.
 */
export function challengeSubscriberItem(challengeId: string, sub: ChallengeSubscriber): TransactItem {
  const email = sub.email.trim().toLowerCase();
  const { donationId, ...rest } = sub;
  return { Put: { Item: { ...keys.challengeSubscriber(challengeId, email), type: 'challenge_subscriber', challengeId, ...rest, ...(donationId ? { lastDonationId: donationId } : {}), email } } };
}

export async function putChallengeSubscriber(db: Db, challengeId: string, sub: ChallengeSubscriber): Promise<void> {
  const put = challengeSubscriberItem(challengeId, sub).Put!;
  await db.doc.send(new PutCommand({ TableName: db.table, Item: put.Item }));
}

/** The donors of a challenge who opted in to its progress mail. */
export async function challengeSubscribers(db: Db, challengeId: string): Promise<ChallengeSubscriber[]> {
  const items = await queryAllRaw(db, {
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :s)',
    ExpressionAttributeValues: { ':pk': keys.challenge(challengeId).PK, ':s': SUBSCRIBER_PREFIX },
  });
  // An opt-out (kept on the item so a later donation does not silently re-subscribe) means no mail.
  return items
    .filter((i) => i.optedOut !== true && !i.unsubscribedAt)
    .map((i) => ({
      email: i.email as string,
      name: i.name as string | undefined,
      lang: i.lang as 'ja' | 'en' | undefined,
      donationId: (i.lastDonationId ?? i.donationId) as string | undefined,
      subscribedAt: i.subscribedAt as string | undefined,
    }));
}
