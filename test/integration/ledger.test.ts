import { describe, expect, it, beforeAll } from 'vitest';
import { PutCommand, UpdateCommand, DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { accounts } from '../../functions/domain/ledger/accounts.js';
import { InsufficientFundsError } from '../../functions/domain/ledger/balances.js';
import { transfer } from '../../functions/domain/ledger/entry.js';
import type { Db } from '../../functions/store/db.js';
import { balanceOf, getEntry, listPostings, postEntry, readShards, reverseEntry, verifyLedger } from '../../functions/store/ledger.js';
import { auditRecords, verifyAuditChains, writeAudited } from '../../functions/store/audit.js';
import { keys } from '../../functions/store/keys.js';
import { freshDb, testPlatform } from '../support/platform.js';
import { withFaults } from '../support/faults.js';

const T = '113611';
const base = (id: string) => ({ id, date: '2026-12-01', memo: 'test', channel: 'individual' as const, town: T });
const bank = accounts.bank(T);
const share = accounts.fundShare('kyoso-kikin', T);
const challenge = accounts.challengeAvailable('hot');

async function fund(db: Db, amount: number, id = 'open') {
  await postEntry(db, transfer({ ...base(id), channel: 'opening' }, bank, share, amount));
}

describe('ledger store on DynamoDB Local', () => {
  it('posts an entry with its postings and balances, readable newest first with paging', async () => {
    const db = await freshDb();
    await fund(db, 10_000);
    for (let i = 0; i < 5; i++) await postEntry(db, transfer(base(`e${i}`), share, challenge, 1000));
    expect(await balanceOf(db, share)).toBe(5_000);
    expect(await balanceOf(db, challenge)).toBe(5_000);
    expect(await balanceOf(db, bank)).toBe(10_000);
    const page1 = await listPostings(db, share, { limit: 4 });
    expect(page1.rows.map((r) => r.entryId)).toEqual(['e4', 'e3', 'e2', 'e1']);
    const page2 = await listPostings(db, share, { limit: 4, cursor: page1.cursor });
    expect(page2.rows.map((r) => r.entryId)).toEqual(['e0', 'open']);
    expect(page2.cursor).toBeUndefined();
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it('refuses an overdraft with InsufficientFundsError and writes nothing', async () => {
    const db = await freshDb();
    await fund(db, 1_000);
    await expect(postEntry(db, transfer(base('big'), share, challenge, 1_001))).rejects.toBeInstanceOf(InsufficientFundsError);
    expect(await getEntry(db, 'big')).toBeUndefined();
    expect(await balanceOf(db, share)).toBe(1_000);
  });

  it('50 concurrent draws on one constrained account: exactly the affordable ones land', async () => {
    const db = await freshDb();
    await fund(db, 25_000);
    const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => postEntry(db, transfer(base(`draw${i}`), share, challenge, 1_000))));
    const landed = results.filter((r) => r.status === 'fulfilled').length;
    const refused = results.filter((r) => r.status === 'rejected');
    expect(landed).toBe(25);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(InsufficientFundsError);
    expect(await balanceOf(db, share)).toBe(0);
    expect(await balanceOf(db, challenge)).toBe(25_000);
    const report = await verifyLedger(db);
    expect(report.ok).toBe(true);
    expect(report.entries).toBe(26);
  });

  it('draws across shards of a sharded account without overdrawing any shard', async () => {
    const db = await freshDb();
    // Inflows land on different shards of the challenge account (hash of entry id).
    await fund(db, 100_000);
    for (let i = 0; i < 12; i++) await postEntry(db, transfer(base(`in${i}`), share, challenge, 1_000 + i));
    const before = await readShards(db, challenge);
    expect(before.shards.filter((b) => b > 0).length).toBeGreaterThan(1);
    const payable = accounts.challengePayable('hot');
    const all = before.total;
    // One outflow bigger than any single shard must be split over several.
    await postEntry(db, transfer({ ...base('pay'), channel: 'disbursement' }, challenge, payable, all - 5));
    const after = await readShards(db, challenge);
    expect(after.total).toBe(5);
    for (const s of after.shards) expect(s).toBeGreaterThanOrEqual(0);
    await expect(postEntry(db, transfer({ ...base('pay2'), channel: 'disbursement' }, challenge, payable, 6))).rejects.toBeInstanceOf(InsufficientFundsError);
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it('the same entry posted 10 times concurrently lands once and returns the first result', async () => {
    const db = await freshDb();
    await fund(db, 50_000);
    const results = await Promise.all(Array.from({ length: 10 }, () => postEntry(db, transfer(base('same'), share, challenge, 7_000))));
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(new Set(results.map((r) => r.entry.writtenAt)).size).toBe(1);
    expect(await balanceOf(db, share)).toBe(43_000);
    expect((await readShards(db, challenge)).byChannel.individual).toEqual({ net: 7_000, count: 1 });
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it('a reversal restores balances exactly, once', async () => {
    const db = await freshDb();
    await fund(db, 50_000);
    await postEntry(db, transfer(base('d1'), share, challenge, 9_000));
    await reverseEntry(db, 'd1', '2026-12-02', 'refund');
    expect(await balanceOf(db, share)).toBe(50_000);
    expect(await balanceOf(db, challenge)).toBe(0);
    expect((await readShards(db, challenge)).byChannel.individual).toEqual({ net: 0, count: 0 });
    const again = await reverseEntry(db, 'd1', '2026-12-02', 'refund');
    expect(again.duplicate).toBe(true);
    expect(await balanceOf(db, share)).toBe(50_000);
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it('a business transition in the same transaction: both or neither', async () => {
    const db = await freshDb();
    await fund(db, 10_000);
    await db.doc.send(new PutCommand({ TableName: db.table, Item: { PK: 'THING#1', SK: 'META', status: 'pending' } }));
    const transition = [{ Update: { Key: { PK: 'THING#1', SK: 'META' }, UpdateExpression: 'SET #s = :paid', ConditionExpression: '#s = :pending', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':paid': 'paid', ':pending': 'pending' } } }];
    await postEntry(db, transfer(base('t1'), share, challenge, 1_000), { transition });
    // A different entry whose transition no longer holds is refused as a whole.
    await expect(postEntry(db, transfer(base('t2'), share, challenge, 1_000), { transition })).rejects.toThrow(/conflicts/);
    expect(await getEntry(db, 't2')).toBeUndefined();
    expect(await balanceOf(db, share)).toBe(9_000);
  });

  it('200 postings under 20% injected conflicts, throttling and lost responses: each lands exactly once', async () => {
    const clean = await freshDb();
    await fund(clean, 1_000_000);
    const { db, stats } = withFaults(clean, 0.2, 7);
    const amounts = Array.from({ length: 200 }, (_, i) => 100 + i);
    const results = await Promise.allSettled(
      amounts.map(async (amount, i) => {
        // A caller that sees an error retries the same logical posting, as a webhook redelivery would.
        for (let attempt = 0; ; attempt++) {
          try {
            return await postEntry(db, transfer(base(`f${i}`), share, challenge, amount));
          } catch (e) {
            if (attempt > 5) throw e;
          }
        }
      }),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(stats.conflicts + stats.throttles + stats.lostResponses).toBeGreaterThan(20);
    expect(stats.lostResponses).toBeGreaterThan(0);
    const total = amounts.reduce((a, b) => a + b, 0);
    expect(await balanceOf(clean, challenge)).toBe(total);
    expect(await balanceOf(clean, share)).toBe(1_000_000 - total);
    expect((await readShards(clean, challenge)).byChannel.individual?.count).toBe(200);
    const report = await verifyLedger(clean);
    expect(report).toMatchObject({ ok: true, entries: 201 });
  });

  it('verify reports a tampered balance and a missing posting', async () => {
    const db = await freshDb();
    await fund(db, 10_000);
    await postEntry(db, transfer(base('v1'), share, challenge, 2_000));
    const shard = (await getEntry(db, 'v1'))!.legs.find((l) => l.account === challenge)!.shard;
    await db.doc.send(new UpdateCommand({ TableName: db.table, Key: keys.balance(challenge, shard), UpdateExpression: 'SET #b = :b', ExpressionAttributeNames: { '#b': 'balance' }, ExpressionAttributeValues: { ':b': 999_999 } }));
    const report = await verifyLedger(db);
    expect(report.ok).toBe(false);
    expect(report.mismatches).toEqual([{ account: challenge, shard, stored: 999_999, recomputed: 2_000 }]);
    const rows = await listPostings(db, share);
    await db.doc.send(new DeleteCommand({ TableName: db.table, Key: { PK: keys.balance(share, rows.rows[0]!.shard).PK, SK: rows.rows[0]!.sortKey } }));
    expect((await verifyLedger(db)).missingPostings.length).toBe(1);
  });
});

describe('audit chain on DynamoDB Local', () => {
  it('appends concurrently without forks and detects tampering and removal', async () => {
    const db = await freshDb();
    await Promise.all(
      Array.from({ length: 15 }, (_, i) =>
        writeAudited(db, [{ Put: { Item: { PK: `THING#${i}`, SK: 'META', v: i } } }], { chain: 'town:113611', input: { actor: 'treasurer-yokoze', role: 'treasurer:113611', action: 'thing.create', target: `thing:${i}`, after: { amount: i * 1000 } } }),
      ),
    );
    const records = await auditRecords(db, 'town:113611');
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect((await verifyAuditChains(db)).ok).toBe(true);

    await db.doc.send(new UpdateCommand({ TableName: db.table, Key: keys.auditRecord('town:113611', 4), UpdateExpression: 'SET #a = :a', ExpressionAttributeNames: { '#a': 'after' }, ExpressionAttributeValues: { ':a': { amount: 1 } } }));
    const tampered = await verifyAuditChains(db);
    expect(tampered.ok).toBe(false);
    expect(tampered.problems).toContainEqual(expect.objectContaining({ chain: 'town:113611', seq: 4, problem: 'hash_mismatch' }));
  });

  it('detects a removed record', async () => {
    const db = await freshDb();
    for (let i = 0; i < 4; i++) await writeAudited(db, [{ Put: { Item: { PK: `X#${i}`, SK: 'META' } } }], { chain: 'network', input: { actor: 'admin', role: 'admin', action: 'x', target: `x:${i}` } });
    await db.doc.send(new DeleteCommand({ TableName: db.table, Key: keys.auditRecord('network', 2) }));
    const report = await verifyAuditChains(db);
    expect(report.problems.map((p) => p.problem)).toEqual(expect.arrayContaining(['gap', 'broken_link']));
  });
});

describe('GET /api/ledger/verify', () => {
  let p: Awaited<ReturnType<typeof testPlatform>>;
  beforeAll(async () => {
    p = await testPlatform();
  });

  it('is for admins only', async () => {
    expect((await p.api('GET', '/api/ledger/verify')).status).toBe(401);
    expect((await p.api('GET', '/api/ledger/verify', { user: 'treasurer-yokoze' })).status).toBe(403);
  });

  it('reports the seeded ledger clean with totals by account kind', async () => {
    const r = await p.api('GET', '/api/ledger/verify', { user: 'admin' });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ ok: true, entries: 3, totalsByKind: { fund_share: 9_000_000, town_bank: 9_000_000 } });
    expect(r.json.audit).toMatchObject({ ok: true, chains: 3 });
  });
});
