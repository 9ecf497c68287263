/**
 * The journal on DynamoDB. One TransactWriteItems posts an entry, its postings, every touched balance
 * and the business object's transition, or nothing at all.
 *
 * Hot accounts. Real DynamoDB caps one item at ~1,000 writes/s and cancels concurrent transactions that
 * touch the same item (TransactionConflict). A popular challenge or a town's clearing account at the
 * 31 December peak would be exactly that item. So accounts the public pays into keep their balance in
 * N shard items (PK ACCT#<account>#<shard>): an inflow lands on the shard picked by a hash of the entry
 * id (a retry lands on the same shard), and a balance is the sum of its shards. Outflows from a sharded
 * account, which must never overdraw, are planned over the shards largest-first from a consistent read;
 * each shard update is conditional on that shard covering its part, so no shard, and hence no account,
 * goes below zero. If another writer got there first the condition fails and we re-plan from a fresh read.
 * Idempotency rests on the entry item: it is put only if absent, so a repeated or concurrent post of the
 * same entry cancels and returns the first result.
 */
import { fromItem } from './items.js';
import { BatchGetCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { accountInfo } from '../domain/ledger/accounts.js';
import { InsufficientFundsError, planShardDraw, shardFor } from '../domain/ledger/balances.js';
import { balanceDelta, reversalOf, validateEntry, type Channel, type JournalEntry } from '../domain/ledger/entry.js';
import type { Yen } from '../domain/money.js';
import { summarizePostings } from '../domain/ledger/summary.js';
import { nowIso, transact, type AuditedChange, type Db, type TransactItem } from './db.js';
import { NotFoundError, StateConflictError } from './errors.js';
import { keys, POSTING_PREFIX, postingSortKey } from './keys.js';
import { queryAllRaw, scanAllRaw } from './query.js';

/** A posting as stored: one per shard it touches. */
export interface Leg {
  account: string;
  shard: number;
  /** Signed like postings: positive = debit. */
  amount: Yen;
  /** The first leg of a posting counts the entry once in the per-channel tallies. */
  counts: boolean;
}

export interface StoredEntry extends JournalEntry {
  legs: Leg[];
  writtenAt: string;
}

export interface PostResult {
  entry: StoredEntry;
  /** True when this exact entry had already been posted; nothing was written this time. */
  duplicate: boolean;
}

export interface PostOptions {
  /** The business object's transition, in the same transaction (conditional on its expected state). */
  transition?: TransactItem[];
  audit?: AuditedChange;
}

export async function postEntry(db: Db, entry: JournalEntry, opts: PostOptions = {}): Promise<PostResult> {
  validateEntry(entry);
  return postLegs(db, entry, (reread) => planLegs(db, entry, reread), opts);
}

/** Reverses a posted entry with a new entry on the very same shards, so every shard returns exactly. */
export async function reverseEntry(
  db: Db,
  entryId: string,
  date: string,
  memo: string,
  opts: PostOptions = {},
): Promise<PostResult> {
  const original = await getEntry(db, entryId);
  if (!original) throw new NotFoundError(`no journal entry ${entryId}`);
  if (original.reverses) throw new StateConflictError('a reversal cannot itself be reversed');
  const reversal = validateEntry(reversalOf(original, date, memo));
  const legs = original.legs.map((l) => ({ ...l, amount: -l.amount }));
  // A reversal draws back exactly what the original put on each shard; the condition still guards
  // shards that have since been spent from, so a reversal never overdraws either.
  const marker: TransactItem = { Put: { Item: { ...keys.reversalMarker(entryId), reversedBy: reversal.id }, ConditionExpression: 'attribute_not_exists(PK)' } };
  return postLegs(db, reversal, async () => legs, { ...opts, transition: [marker, ...(opts.transition ?? [])] });
}

async function postLegs(
  db: Db,
  entry: JournalEntry,
  plan: (reread: boolean) => Promise<Leg[]>,
  opts: PostOptions,
): Promise<PostResult> {
  let legs: Leg[] = [];
  let writtenAt = '';
  return transact<PostResult>(
    db,
    async (attempt) => {
      legs = await plan(attempt > 0);
      writtenAt = nowIso(db);
      const stored: StoredEntry = { ...entry, legs, writtenAt };
      const items: TransactItem[] = [
        { Put: { Item: { ...keys.entry(entry.id), type: 'entry', ...stored }, ConditionExpression: 'attribute_not_exists(PK)' } },
        ...legs.flatMap((leg) => legItems(entry, leg, writtenAt)),
        ...(opts.transition ?? []),
      ];
      return { items, result: { entry: stored, duplicate: false } };
    },
    {
      audit: opts.audit,
      onCancel: async (c) => {
        if (c.codes[0] === 'ConditionalCheckFailed') {
          const first = await getEntry(db, entry.id);
          if (first) return { entry: first, duplicate: true };
        }
        const balanceStart = 1;
        const failedLeg = c.codes.findIndex((code, i) => code === 'ConditionalCheckFailed' && i >= balanceStart && i < balanceStart + legs.length * 2);
        if (failedLeg >= 0) {
          // A shard we planned to draw on was drawn on by someone else: re-plan from a fresh read.
          // planLegs throws InsufficientFundsError once the account as a whole cannot cover it.
          if (entry.reverses) throw await insufficient(db, legs[Math.floor((failedLeg - balanceStart) / 2)]!);
          return 'retry';
        }
        if (entry.reverses && c.codes[balanceStart + legs.length * 2] === 'ConditionalCheckFailed') {
          throw new StateConflictError(`entry ${entry.reverses} has already been reversed`);
        }
        throw new StateConflictError('the change conflicts with the current state; reload and try again');
      },
    },
  );
}

async function insufficient(db: Db, leg: Leg): Promise<InsufficientFundsError> {
  const { total } = await readShards(db, leg.account);
  return new InsufficientFundsError(leg.account, Math.abs(leg.amount), total);
}

function legItems(entry: JournalEntry, leg: Leg, writtenAt: string): TransactItem[] {
  const info = accountInfo(leg.account);
  const delta = balanceDelta(info, leg.amount);
  const n = leg.counts ? (entry.reverses ? -1 : 1) : 0;
  const guard = info.constrained && delta < 0;
  return [
    {
      Put: {
        Item: {
          ...keys.posting(leg.account, leg.shard, postingSortKey(writtenAt, entry.id)),
          type: 'posting',
          account: leg.account,
          shard: leg.shard,
          entryId: entry.id,
          date: entry.date,
          channel: entry.channel,
          town: entry.town,
          memo: entry.memo,
          counterpart: entry.counterpart,
          reverses: entry.reverses,
          amount: leg.amount,
          delta,
          writtenAt,
        },
      },
    },
    {
      Update: {
        Key: keys.balance(leg.account, leg.shard),
        UpdateExpression: `SET #account = :acct, #kind = :kind, #shard = :shard, #type = :type ADD #balance :d, #side :abs, #net :d, #n :n`,
        ConditionExpression: guard ? '#balance >= :need' : undefined,
        ExpressionAttributeNames: {
          '#account': 'account',
          '#kind': 'kind',
          '#shard': 'shard',
          '#type': 'type',
          '#balance': 'balance',
          '#side': leg.amount > 0 ? 'debits' : 'credits',
          '#net': `net_${entry.channel}`,
          '#n': `n_${entry.channel}`,
        },
        ExpressionAttributeValues: {
          ':acct': leg.account,
          ':kind': info.kind,
          ':shard': leg.shard,
          ':type': 'balance',
          ':d': delta,
          ':abs': Math.abs(leg.amount),
          ':n': n,
          ...(guard ? { ':need': -delta } : {}),
        },
      },
    },
  ];
}

async function planLegs(db: Db, entry: JournalEntry, _reread: boolean): Promise<Leg[]> {
  const legs: Leg[] = [];
  for (const p of entry.postings) {
    const info = accountInfo(p.account);
    const delta = balanceDelta(info, p.amount);
    if (!info.constrained || delta > 0) {
      legs.push({ account: p.account, shard: shardFor(entry.id, info.shards), amount: p.amount, counts: true });
      continue;
    }
    const { shards, total } = await readShards(db, p.account);
    const draw = planShardDraw(shards, -delta);
    if (!draw) throw new InsufficientFundsError(p.account, -delta, total);
    const sign = Math.sign(p.amount);
    [...draw.entries()].forEach(([shard, take], i) => legs.push({ account: p.account, shard, amount: sign * take, counts: i === 0 }));
  }
  return legs;
}

export interface ShardBalances {
  shards: Yen[];
  total: Yen;
  /** Per channel: net amount and net count of entries (reversals subtract). */
  byChannel: Partial<Record<Channel, { net: Yen; count: number }>>;
  debits: Yen;
  credits: Yen;
}

export async function readShards(db: Db, account: string): Promise<ShardBalances> {
  const info = accountInfo(account);
  const Keys = Array.from({ length: info.shards }, (_, i) => keys.balance(account, i));
  const res = await db.doc.send(new BatchGetCommand({ RequestItems: { [db.table]: { Keys, ConsistentRead: true } } }));
  const items = (res.Responses?.[db.table] ?? []) as Record<string, unknown>[];
  const shards = Array<Yen>(info.shards).fill(0);
  const byChannel: ShardBalances['byChannel'] = {};
  let debits = 0;
  let credits = 0;
  for (const item of items) {
    shards[item.shard as number] = (item.balance as number) ?? 0;
    debits += (item.debits as number) ?? 0;
    credits += (item.credits as number) ?? 0;
    for (const [k, v] of Object.entries(item)) {
      const m = /^(net|n)_(\w+)$/.exec(k);
      if (!m) continue;
      const ch = m[2] as Channel;
      const t = (byChannel[ch] ??= { net: 0, count: 0 });
      if (m[1] === 'net') t.net += v as number;
      else t.count += v as number;
    }
  }
  return { shards, total: shards.reduce((a, b) => a + b, 0), byChannel, debits, credits };
}

export async function balanceOf(db: Db, account: string): Promise<Yen> {
  return (await readShards(db, account)).total;
}

export async function getEntry(db: Db, id: string): Promise<StoredEntry | undefined> {
  const res = await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.entry(id), ConsistentRead: true }));
  return fromItem<StoredEntry>(res.Item);
}

export interface PostingRow {
  account: string;
  shard: number;
  entryId: string;
  date: string;
  channel: Channel;
  town: string;
  memo: string;
  counterpart?: string;
  reverses?: string;
  amount: Yen;
  delta: Yen;
  writtenAt: string;
  sortKey: string;
}

/**
 * Postings of an account newest first, merged over its shards. The cursor is the sort key of the last
 * row returned: sort keys are comparable across shards, so each shard resumes strictly below it.
 */
export async function listPostings(
  db: Db,
  account: string,
  opts: { limit?: number; cursor?: string } = {},
): Promise<{ rows: PostingRow[]; cursor?: string }> {
  const limit = opts.limit ?? 50;
  const info = accountInfo(account);
  const perShard = await Promise.all(
    Array.from({ length: info.shards }, (_, shard) =>
      db.doc.send(
        new QueryCommand({
          TableName: db.table,
          KeyConditionExpression: opts.cursor ? 'PK = :pk AND SK BETWEEN :lo AND :hi' : 'PK = :pk AND begins_with(SK, :lo)',
          ExpressionAttributeValues: {
            ':pk': keys.balance(account, shard).PK,
            ':lo': POSTING_PREFIX,
            ...(opts.cursor ? { ':hi': beforeKey(opts.cursor) } : {}),
          },
          ScanIndexForward: false,
          Limit: limit + 1,
        }),
      ),
    ),
  );
  const merged = perShard
    .flatMap((r) => (r.Items ?? []) as Record<string, unknown>[])
    .map((i) => ({ ...(i as unknown as PostingRow), sortKey: i.SK as string }))
    .sort((a, b) => (a.sortKey < b.sortKey ? 1 : a.sortKey > b.sortKey ? -1 : 0));
  const rows = merged.slice(0, limit);
  return { rows, cursor: merged.length > limit ? rows[rows.length - 1]?.sortKey : undefined };
}

/** The greatest string strictly below `key` for BETWEEN (DynamoDB has no exclusive bound). */
function beforeKey(key: string): string {
  const last = key.charCodeAt(key.length - 1);
  return key.slice(0, -1) + String.fromCharCode(last - 1) + '\uffff';
}

/** Every posting of an account newest first, merged over its shards; fine at the scale of one challenge or fund. */
export async function allPostings(db: Db, account: string): Promise<PostingRow[]> {
  const perShard = await Promise.all(
    Array.from({ length: accountInfo(account).shards }, (_, shard) =>
      queryAllRaw(db, {
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
        ExpressionAttributeValues: { ':pk': keys.balance(account, shard).PK, ':p': POSTING_PREFIX },
        ScanIndexForward: false,
      }),
    ),
  );
  return perShard
    .flat()
    .map((i) => ({ ...(i as unknown as PostingRow), sortKey: i.SK as string }))
    .sort((a, b) => (a.sortKey < b.sortKey ? 1 : a.sortKey > b.sortKey ? -1 : 0));
}

export interface VerifyReport {
  ok: boolean;
  entries: number;
  postings: number;
  unbalancedEntries: { id: string; sum: Yen }[];
  mismatches: { account: string; shard: number; stored: Yen; recomputed: Yen }[];
  negative: { account: string; shard: number; balance: Yen }[];
  missingPostings: { entryId: string; account: string; shard: number }[];
  totalsByKind: Record<string, Yen>;
}

/** Recomputes every balance from the postings and checks every entry balances. */
export async function verifyLedger(db: Db): Promise<VerifyReport> {
  const entries: StoredEntry[] = [];
  const postings: PostingRow[] = [];
  const stored = new Map<string, { account: string; shard: number; balance: Yen }>();
  const items = await scanAllRaw(db, {
    ConsistentRead: true,
    FilterExpression: '#t IN (:e, :p, :b)',
    ExpressionAttributeNames: { '#t': 'type' },
    ExpressionAttributeValues: { ':e': 'entry', ':p': 'posting', ':b': 'balance' },
  });
  for (const item of items) {
    if (item.type === 'entry') entries.push(item as unknown as StoredEntry);
    else if (item.type === 'posting') postings.push(item as unknown as PostingRow);
    else stored.set(`${item.account}#${item.shard}`, item as { account: string; shard: number; balance: Yen });
  }

  const recomputed = new Map<string, Yen>();
  const postingKeys = new Set<string>();
  for (const p of postings) {
    const k = `${p.account}#${p.shard}`;
    recomputed.set(k, (recomputed.get(k) ?? 0) + p.delta);
    postingKeys.add(`${p.entryId}|${k}`);
  }
  // Both the logical postings and the stored legs must balance: a leg lost or doubled shows here.
  const unbalancedEntries = entries
    .map((e) => ({ id: e.id, sum: e.postings.reduce((a, p) => a + p.amount, 0) || e.legs.reduce((a, l) => a + l.amount, 0) }))
    .filter((e) => e.sum !== 0);
  const missingPostings = entries.flatMap((e) =>
    e.legs.filter((l) => !postingKeys.has(`${e.id}|${l.account}#${l.shard}`)).map((l) => ({ entryId: e.id, account: l.account, shard: l.shard })),
  );
  const mismatches: VerifyReport['mismatches'] = [];
  const negative: VerifyReport['negative'] = [];
  const totalsByKind: Record<string, Yen> = {};
  for (const k of new Set([...stored.keys(), ...recomputed.keys()])) {
    const s = stored.get(k);
    const [account, shard] = [k.slice(0, k.lastIndexOf('#')), Number(k.slice(k.lastIndexOf('#') + 1))];
    const storedBalance = s?.balance ?? 0;
    const again = recomputed.get(k) ?? 0;
    if (storedBalance !== again) mismatches.push({ account, shard, stored: storedBalance, recomputed: again });
    const info = accountInfo(account);
    if (info.constrained && again < 0) negative.push({ account, shard, balance: again });
    totalsByKind[info.kind] = (totalsByKind[info.kind] ?? 0) + again;
  }
  return {
    ok: !unbalancedEntries.length && !mismatches.length && !negative.length && !missingPostings.length,
    entries: entries.length,
    postings: postings.length,
    unbalancedEntries,
    mismatches,
    negative,
    missingPostings,
    totalsByKind,
  };
}

/** The public activity of an account: its movements (newest first) and their totals. */
export async function accountActivity(db: Db, account: string) {
  const rows = await allPostings(db, account);
  return { rows, summary: summarizePostings(rows) };
}
