/**
 * Joint allocations from the pooled fund through the real app on DynamoDB Local: who must approve,
 * that nothing moves before the last approval and exactly the amount moves on it, refusals that write
 * nothing, rejection, expiry, split by share, rule changes, and 100 concurrent requests that together
 * would overdraw a share.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { accounts } from '../../functions/domain/ledger/accounts.js';
import { auditRecords } from '../../functions/store/audit.js';
import { approveAllocation, proposeAllocation } from '../../functions/services/allocations.js';
import { expireAllocations } from '../../functions/store/allocations.js';
import type { Db } from '../../functions/store/db.js';
import { getEntry, readShards } from '../../functions/store/ledger.js';
import { testPlatform } from '../support/platform.js';
import { ctxOf, treasurer } from './treasury-helpers.js';

const YOKOZE = '113611';
const BANDAI = '074071';
const AMA = '325252';
const FUND = 'kyoso-kikin';
const DX = 'yokoze-bandai-dx';

type P = Awaited<ReturnType<typeof testPlatform>>;
let p: P;

beforeAll(async () => {
  p = await testPlatform();
});

const share = (db: Db, town: string) => readShards(db, accounts.fundShare(FUND, town)).then((s) => s.total);
const allocated = (db: Db, challenge: string) => readShards(db, accounts.challengeAvailable(challenge)).then((s) => s.byChannel.allocation?.net ?? 0);
const auditCount = async (db: Db, town: string) => (await auditRecords(db, `town:${town}`)).length;

async function propose(pl: P, user: string, body: Record<string, unknown>) {
  return pl.api('POST', '/api/allocations', { user, body: { fundId: FUND, challengeId: DX, ...body } });
}

describe('allocations: joint approval moves the money once', () => {
  it('a two-town allocation needs both treasurers; nothing moves before the second; a third approval is refused', async () => {
    const [y0, b0, c0] = [await share(p.db, YOKOZE), await share(p.db, BANDAI), await allocated(p.db, DX)];
    const r = await propose(p, 'treasurer-yokoze', { draws: [{ town: YOKOZE, amount: 300_000 }, { town: BANDAI, amount: 200_000 }], comment: '第1期' });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ status: 'proposed', total: 500_000, requirement: { needed: 2 } });
    const id = r.json.allocationId as string;

    const got = await p.api('GET', `/api/allocations/${id}`, { user: 'treasurer-bandai' });
    expect(got.status).toBe(200);
    expect(got.json).toMatchObject({ status: 'proposed', approvedTowns: [], proposerTown: YOKOZE, challengeLeadTown: YOKOZE });
    expect(got.json.requirement.eligible.sort()).toEqual([BANDAI, YOKOZE].sort());

    const first = await p.api('POST', `/api/allocations/${id}/approve`, { user: 'treasurer-bandai', body: { comment: '磐梯町 承認' } });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ executed: false, status: 'proposed', approvedTowns: [BANDAI] });
    expect(await allocated(p.db, DX)).toBe(c0);
    expect(await share(p.db, YOKOZE)).toBe(y0);
    expect(await share(p.db, BANDAI)).toBe(b0);
    expect(await getEntry(p.db, `allocation:${id}:executed`)).toBeUndefined();

    const second = await p.api('POST', `/api/allocations/${id}/approve`, { user: 'treasurer-yokoze', body: { comment: '横瀬町 承認' } });
    expect(second.status).toBe(200);
    expect(second.json).toMatchObject({ executed: true, status: 'approved', entryId: `allocation:${id}:executed` });
    expect(await allocated(p.db, DX)).toBe(c0 + 500_000);
    expect(await share(p.db, YOKOZE)).toBe(y0 - 300_000);
    expect(await share(p.db, BANDAI)).toBe(b0 - 200_000);
    const entry = await getEntry(p.db, `allocation:${id}:executed`);
    expect(entry?.channel).toBe('allocation');
    expect(entry?.postings).toEqual([
      { account: accounts.fundShare(FUND, YOKOZE), amount: 300_000 },
      { account: accounts.fundShare(FUND, BANDAI), amount: 200_000 },
      { account: accounts.challengeAvailable(DX), amount: -500_000 },
    ]);

    const done = await p.api('GET', `/api/allocations/${id}`, { user: 'treasurer-yokoze' });
    expect(done.json.status).toBe('approved');
    expect(done.json.approvals.map((a: { town: string; comment: string }) => [a.town, a.comment])).toEqual([
      [BANDAI, '磐梯町 承認'],
      [YOKOZE, '横瀬町 承認'],
    ]);

    const audits = await auditCount(p.db, YOKOZE);
    for (const user of ['treasurer-yokoze-2', 'treasurer-bandai', 'treasurer-yokoze']) {
      const third = await p.api('POST', `/api/allocations/${id}/approve`, { user, body: {} });
      expect(third.status).toBe(409);
      expect(['not_open', 'already_approved']).toContain(third.json.error.code);
    }
    expect(await allocated(p.db, DX)).toBe(c0 + 500_000);
    expect(await auditCount(p.db, YOKOZE)).toBe(audits);

    const actions = (await auditRecords(p.db, `town:${YOKOZE}`)).filter((a) => a.target === `allocation:${id}`).map((a) => [a.actor, a.action]);
    expect(actions).toEqual([
      ['treasurer-yokoze', 'allocation.propose'],
      ['treasurer-yokoze', 'allocation.approve_and_execute'],
    ]);
    expect((await auditRecords(p.db, `town:${BANDAI}`)).some((a) => a.target === `allocation:${id}` && a.actor === 'treasurer-bandai' && a.action === 'allocation.approve')).toBe(true);
  });

  it('the proposer approves only for their own town, and nobody approves twice', async () => {
    const r = await propose(p, 'treasurer-yokoze', { draws: [{ town: YOKOZE, amount: 1_000 }, { town: BANDAI, amount: 1_000 }] });
    const id = r.json.allocationId;
    const mine = await p.api('POST', `/api/allocations/${id}/approve`, { user: 'treasurer-yokoze' });
    expect(mine.status).toBe(200);
    expect(mine.json.approvedTowns).toEqual([YOKOZE]);
    expect(mine.json.executed).toBe(false);
    const again = await p.api('POST', `/api/allocations/${id}/approve`, { user: 'treasurer-yokoze', body: { comment: 'again' } });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('already_approved');
    // A colleague of the same town cannot make Yokoze count twice either.
    const colleague = await p.api('POST', `/api/allocations/${id}/approve`, { user: 'treasurer-yokoze-2' });
    expect(colleague.status).toBe(409);
    expect(colleague.json.error.code).toBe('town_already_approved');
    // Yokoze cannot approve on Bandai's behalf.
    const forBandai = await p.api('POST', `/api/allocations/${id}/approve`, { user: 'treasurer-yokoze-2', body: { town: BANDAI } });
    expect(forBandai.status).toBe(403);
    expect(forBandai.json.error.code).toBe('not_your_town');
    // Ama's share is not drawn: under 'all_drawn' Ama has no say.
    const ama = await p.api('POST', `/api/allocations/${id}/approve`, { user: 'treasurer-ama' });
    expect(ama.status).toBe(403);
    expect(ama.json.error.code).toBe('not_eligible');
    const still = await p.api('GET', `/api/allocations/${id}`, { user: 'treasurer-ama' });
    expect(still.json).toMatchObject({ status: 'proposed', approvedTowns: [YOKOZE] });
    expect(still.json.approvals).toHaveLength(1);
  });

  it('refuses bad proposals with a clear status and writes nothing', async () => {
    const before = (await p.api('GET', '/api/allocations', { user: 'admin' })).json.allocations.length;
    const audits = await auditCount(p.db, YOKOZE);
    const cases: [string, Record<string, unknown>, number, string][] = [
      ['company1', { draws: [{ town: YOKOZE, amount: 1_000 }] }, 403, 'forbidden'],
      ['donor1', { draws: [{ town: YOKOZE, amount: 1_000 }] }, 403, 'forbidden'],
      ['treasurer-yokoze', { draws: [{ town: '131130', amount: 1_000 }] }, 422, 'not_member'],
      ['treasurer-yokoze', { draws: [{ town: YOKOZE, amount: 999_999_999 }] }, 422, 'insufficient_share'],
      ['treasurer-yokoze', { draws: [{ town: YOKOZE, amount: 0 }] }, 400, 'validation_failed'],
      ['treasurer-yokoze', { draws: [{ town: YOKOZE, amount: 10.5 }] }, 400, 'validation_failed'],
      ['treasurer-yokoze', { draws: [{ town: YOKOZE, amount: 1_000 }, { town: YOKOZE, amount: 1_000 }] }, 422, 'duplicate'],
      ['treasurer-yokoze', { draws: [] }, 400, 'validation_failed'],
      ['treasurer-yokoze', {}, 400, 'validation_failed'],
      ['treasurer-yokoze', { split: 'by_share' }, 400, 'validation_failed'],
      ['treasurer-yokoze', { challengeId: 'nope', draws: [{ town: YOKOZE, amount: 1_000 }] }, 422, 'unknown_challenge'],
      ['treasurer-yokoze', { fundId: 'nope', draws: [{ town: YOKOZE, amount: 1_000 }] }, 422, 'unknown_fund'],
    ];
    for (const [user, body, status, code] of cases) {
      const r = await propose(p, user, body);
      expect({ user, body, status: r.status }).toEqual({ user, body, status });
      expect(r.json.error.code).toBe(code);
    }
    const anon = await p.api('POST', '/api/allocations', { body: { fundId: FUND, challengeId: DX, draws: [{ town: YOKOZE, amount: 1_000 }] } });
    expect(anon.status).toBe(401);
    expect((await p.api('GET', '/api/allocations', { user: 'admin' })).json.allocations.length).toBe(before);
    expect(await auditCount(p.db, YOKOZE)).toBe(audits);
  });

  it('a rejection closes the allocation; a town that approved cannot reject', async () => {
    const r = await propose(p, 'treasurer-yokoze', { draws: [{ town: YOKOZE, amount: 5_000 }, { town: BANDAI, amount: 5_000 }] });
    const id = r.json.allocationId;
    await p.api('POST', `/api/allocations/${id}/approve`, { user: 'treasurer-yokoze' });
    const own = await p.api('POST', `/api/allocations/${id}/reject`, { user: 'treasurer-yokoze-2', body: { comment: 'やはり' } });
    expect(own.status).toBe(409);
    const rej = await p.api('POST', `/api/allocations/${id}/reject`, { user: 'treasurer-bandai', body: { comment: '議会の承認が未了' } });
    expect(rej.status).toBe(200);
    expect(rej.json).toMatchObject({ status: 'rejected', rejection: { town: BANDAI, comment: '議会の承認が未了' } });
    const late = await p.api('POST', `/api/allocations/${id}/approve`, { user: 'treasurer-bandai' });
    expect(late.status).toBe(409);
    expect(late.json.error.code).toBe('not_open');
    expect(await getEntry(p.db, `allocation:${id}:executed`)).toBeUndefined();
  });

  it('a proposal expires after its time: readers see it expired, approvals are refused, the task marks it once', async () => {
    const pl = await testPlatform();
    const r = await propose(pl, 'treasurer-bandai', { draws: [{ town: BANDAI, amount: 10_000 }] });
    const id = r.json.allocationId;
    const later = new Date(Date.now() + 15 * 24 * 3600 * 1000);
    const future: Db = { ...pl.db, now: () => later };
    // Before the task runs, a late approval is refused by the deadline condition itself.
    const { getAllocation } = await import('../../functions/store/allocations.js');
    await expect(approveAllocation(ctxOf(future), treasurer('treasurer-bandai', BANDAI), id)).rejects.toMatchObject({ code: 'expired' });
    expect((await getAllocation(future, id)).status).toBe('expired');
    const gp = (await pl.api('POST', `/api/funds/${FUND}/governance-proposals`, { user: 'treasurer-bandai', body: { rule: 'quorum', quorum: 2 } })).json.proposalId;
    expect(await expireAllocations(pl.db, new Date())).toEqual({ expired: 0 });
    // Through the registered scheduled task, as EventBridge (or the local timer) runs it; twice is a no-op.
    const { runScheduled, scheduledTasks } = await import('../../functions/services/jobs/schedule.js');
    expect(scheduledTasks.map((t) => t.name)).toContain('expire-allocations');
    const run = async (at: Date) => (await runScheduled(pl.db, at))['expire-allocations'];
    expect(await run(later)).toEqual({ expired: 1, governance: 0 });
    expect(await run(later)).toEqual({ expired: 0, governance: 0 });
    // Rule-change proposals live 30 days.
    const muchLater = new Date(Date.now() + 31 * 24 * 3600 * 1000);
    expect(await run(muchLater)).toEqual({ expired: 0, governance: 1 });
    expect((await pl.api('GET', `/api/funds/${FUND}/governance-proposals/${gp}`, { user: 'treasurer-bandai' })).json.status).toBe('expired');
    expect((await pl.api('POST', `/api/funds/${FUND}/governance-proposals/${gp}/approve`, { user: 'treasurer-ama' })).status).toBe(409);
    const got = await pl.api('GET', `/api/allocations/${id}`, { user: 'treasurer-bandai' });
    expect(got.json.status).toBe('expired');
    const approve = await pl.api('POST', `/api/allocations/${id}/approve`, { user: 'treasurer-bandai' });
    expect(approve.status).toBe(409);
    expect(await share(pl.db, BANDAI)).toBe(3_000_000);
  });

  it('split by share: proportional whole yen, remainder to the largest share, never above a share', async () => {
    const pl = await testPlatform();
    // Shares 3,000,000 / 3,000,000 / 3,000,000: 1,000,000 splits 333,334 / 333,333 / 333,333.
    const r = await propose(pl, 'treasurer-ama', { split: 'by_share', amount: 1_000_000 });
    expect(r.status).toBe(201);
    expect(r.json.draws).toEqual([
      { town: YOKOZE, amount: 333_334 },
      { town: BANDAI, amount: 333_333 },
      { town: AMA, amount: 333_333 },
    ]);
    expect(r.json.requirement.needed).toBe(3);
    const only = await propose(pl, 'treasurer-ama', { split: 'by_share', amount: 1_001, towns: [BANDAI, AMA] });
    expect(only.json.draws).toEqual([
      { town: BANDAI, amount: 501 },
      { town: AMA, amount: 500 },
    ]);
    const tooMuch = await propose(pl, 'treasurer-ama', { split: 'by_share', amount: 9_000_001 });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.json.error.code).toBe('insufficient_share');
  });

  it('the ledger refuses at execution when a share no longer covers the draw: 409, stays proposed, approval not recorded', async () => {
    const pl = await testPlatform();
    const a = (await propose(pl, 'treasurer-ama', { challengeId: 'ama-island-study', draws: [{ town: AMA, amount: 2_000_000 }] })).json.allocationId;
    const b = (await propose(pl, 'treasurer-ama', { challengeId: 'ama-island-study', draws: [{ town: AMA, amount: 2_000_000 }] })).json.allocationId;
    expect((await pl.api('POST', `/api/allocations/${a}/approve`, { user: 'treasurer-ama' })).json.executed).toBe(true);
    const refused = await pl.api('POST', `/api/allocations/${b}/approve`, { user: 'treasurer-ama', body: { comment: 'ok' } });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('insufficient_funds');
    expect(refused.json.error.message).toMatch(/325252/);
    const still = await pl.api('GET', `/api/allocations/${b}`, { user: 'treasurer-ama' });
    expect(still.json).toMatchObject({ status: 'proposed', approvedTowns: [], approvals: [] });
    expect(await share(pl.db, AMA)).toBe(1_000_000);
    expect(await allocated(pl.db, 'ama-island-study')).toBe(2_000_000);
    // The treasurer can still close it.
    expect((await pl.api('POST', `/api/allocations/${b}/reject`, { user: 'treasurer-ama', body: { comment: '残高不足' } })).status).toBe(200);
  });
});

describe('fund governance: changing the rule needs every member town', () => {
  it('applies a quorum rule only after all three towns approve; then any two member towns decide', async () => {
    const pl = await testPlatform();
    const r = await pl.api('POST', `/api/funds/${FUND}/governance-proposals`, { user: 'treasurer-yokoze', body: { rule: 'quorum', quorum: 2, comment: '迅速化' } });
    expect(r.status).toBe(201);
    const pid = r.json.proposalId;
    const path = `/api/funds/${FUND}/governance-proposals/${pid}`;
    expect((await pl.api('POST', `${path}/approve`, { user: 'treasurer-yokoze' })).json.applied).toBe(false);
    expect((await pl.api('POST', `${path}/approve`, { user: 'treasurer-yokoze-2' })).status).toBe(409);
    expect((await pl.api('POST', `${path}/approve`, { user: 'treasurer-bandai' })).json.applied).toBe(false);
    expect((await pl.api('GET', `/api/funds/${FUND}`)).json.governance).toEqual({ rule: 'all_drawn' });
    // A proposal made meanwhile against the same (old) rule cannot overwrite the change once applied.
    const rival = (await pl.api('POST', `/api/funds/${FUND}/governance-proposals`, { user: 'treasurer-ama', body: { rule: 'quorum', quorum: 3 } })).json.proposalId;
    const last = await pl.api('POST', `${path}/approve`, { user: 'treasurer-ama', body: { comment: '同意' } });
    expect(last.status).toBe(200);
    expect(last.json).toMatchObject({ applied: true, status: 'applied' });
    expect((await pl.api('GET', `/api/funds/${FUND}`)).json.governance).toEqual({ rule: 'quorum', quorum: 2 });
    const rp = `/api/funds/${FUND}/governance-proposals/${rival}`;
    await pl.api('POST', `${rp}/approve`, { user: 'treasurer-ama' });
    await pl.api('POST', `${rp}/approve`, { user: 'treasurer-bandai' });
    const stale = await pl.api('POST', `${rp}/approve`, { user: 'treasurer-yokoze' });
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe('rule_changed');
    expect((await pl.api('GET', `/api/funds/${FUND}`)).json.governance).toEqual({ rule: 'quorum', quorum: 2 });

    // Under quorum 2, Yokoze and Bandai may together release Ama's share.
    const alloc = await propose(pl, 'treasurer-yokoze', { draws: [{ town: AMA, amount: 50_000 }] });
    expect(alloc.json.requirement).toEqual({ eligible: [YOKOZE, BANDAI, AMA], needed: 2 });
    const id = alloc.json.allocationId;
    expect((await pl.api('POST', `/api/allocations/${id}/approve`, { user: 'treasurer-yokoze' })).json.executed).toBe(false);
    expect((await pl.api('POST', `/api/allocations/${id}/approve`, { user: 'treasurer-bandai' })).json.executed).toBe(true);
    expect(await share(pl.db, AMA)).toBe(2_950_000);
  });

  it('refuses invalid rules and non-members, and a rejection closes the proposal', async () => {
    const pl = await testPlatform();
    const bad = await pl.api('POST', `/api/funds/${FUND}/governance-proposals`, { user: 'treasurer-yokoze', body: { rule: 'quorum', quorum: 4 } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].path).toBe('quorum');
    const same = await pl.api('POST', `/api/funds/${FUND}/governance-proposals`, { user: 'treasurer-yokoze', body: { rule: 'all_drawn' } });
    expect(same.status).toBe(422);
    const company = await pl.api('POST', `/api/funds/${FUND}/governance-proposals`, { user: 'company1', body: { rule: 'quorum', quorum: 2 } });
    expect(company.status).toBe(403);
    const pid = (await pl.api('POST', `/api/funds/${FUND}/governance-proposals`, { user: 'treasurer-bandai', body: { rule: 'quorum', quorum: 1 } })).json.proposalId;
    const rej = await pl.api('POST', `/api/funds/${FUND}/governance-proposals/${pid}/reject`, { user: 'treasurer-ama', body: { comment: '反対' } });
    expect(rej.status).toBe(200);
    expect(rej.json.status).toBe('rejected');
    expect((await pl.api('POST', `/api/funds/${FUND}/governance-proposals/${pid}/approve`, { user: 'treasurer-yokoze' })).status).toBe(409);
    expect((await pl.api('GET', `/api/funds/${FUND}`)).json.governance).toEqual({ rule: 'all_drawn' });
  });
});

describe('allocations under concurrency', () => {
  it('100 concurrent approvals and proposals that together would overdraw a share: no share below zero, exactly the affordable ones complete', async () => {
    const pl = await testPlatform();
    const UNIT = 300_000; // Bandai's share of 3,000,000 affords exactly 10 draws of this size.
    const actor = (sub: string, town: string) => treasurer(sub, town);
    // Setup through the store, one town's writes at a time (each town's audit chain takes one write at a
    // time anyway): 40 allocations from Bandai's share alone, and 20 joint ones drawing on Yokoze's and
    // Bandai's shares that Bandai has already approved. 60 × ¥300,000 would take ¥18,000,000 from ¥3,000,000.
    const singleIds: string[] = [];
    const jointIds: string[] = [];
    await Promise.all([
      (async () => {
        for (let i = 0; i < 40; i++) singleIds.push((await proposeAllocation(ctxOf(pl.db), actor('treasurer-bandai', BANDAI), { fundId: FUND, challengeId: DX, draws: [{ town: BANDAI, amount: UNIT }] })).id);
      })(),
      (async () => {
        for (let i = 0; i < 20; i++) jointIds.push((await proposeAllocation(ctxOf(pl.db), actor('treasurer-yokoze', YOKOZE), { fundId: FUND, challengeId: DX, draws: [{ town: YOKOZE, amount: UNIT }, { town: BANDAI, amount: UNIT }] })).id);
      })(),
    ]);
    for (const id of jointIds) expect((await approveAllocation(ctxOf(pl.db), actor('treasurer-bandai', BANDAI), id)).executed).toBe(false);

    // Tokens once per user, so the burst measures the API and the store, not token signing.
    const tokens = Object.fromEntries(await Promise.all(['treasurer-bandai', 'treasurer-yokoze', 'treasurer-yokoze-2', 'treasurer-ama'].map(async (u) => [u, await pl.tokenFor(u)])));
    const call = (user: string, method: string, path: string, body: unknown) => pl.api(method, path, { body, headers: { authorization: `Bearer ${tokens[user]}` } });
    const approve = (user: string) => (id: string) => call(user, 'POST', `/api/allocations/${id}/approve`, {}).then((r) => ({ kind: 'approve', id, ...r }));
    const requests = [
      ...singleIds.map(approve('treasurer-bandai')), // 40 last approvals, each drawing ¥300,000 from Bandai
      ...jointIds.map(approve('treasurer-yokoze')), // 20 last approvals, each drawing ¥300,000 from Bandai and Yokoze
      ...singleIds.slice(0, 5).map(approve('treasurer-bandai')), // the same person again, racing their first approval
      ...jointIds.slice(0, 5).map(approve('treasurer-yokoze-2')), // Yokoze's second treasurer racing the first
      // 30 new proposals on Bandai's share (by Ama's treasurer, a member) while its balance drains.
      ...Array.from({ length: 30 }, () =>
        call('treasurer-ama', 'POST', '/api/allocations', { fundId: FUND, challengeId: DX, draws: [{ town: BANDAI, amount: UNIT }] }).then((r) => ({ kind: 'propose', id: '', ...r })),
      ),
    ];
    expect(requests).toHaveLength(100);
    const results = await Promise.all(requests);

    for (const r of results) expect(r.status, JSON.stringify(r.json)).toBeLessThan(500);
    const approvals = results.filter((r) => r.kind === 'approve');
    const executed = approvals.filter((r) => r.status === 200 && r.json.executed);
    expect(executed).toHaveLength(10);
    expect(new Set(executed.map((r) => r.id)).size).toBe(10);
    expect(approvals.filter((r) => r.status === 200 && !r.json.executed)).toEqual([]);
    for (const r of approvals.filter((x) => x.status !== 200)) {
      expect(r.status).toBe(409);
      expect(['insufficient_funds', 'already_approved', 'not_open', 'town_already_approved']).toContain(r.json.error.code);
    }
    for (const r of results.filter((x) => x.kind === 'propose')) expect([201, 422]).toContain(r.status);

    const bandai = await readShards(pl.db, accounts.fundShare(FUND, BANDAI));
    expect(bandai.total).toBe(0);
    for (const s of bandai.shards) expect(s).toBeGreaterThanOrEqual(0);
    const jointDone = executed.filter((r) => jointIds.includes(r.id)).length;
    expect(await share(pl.db, YOKOZE)).toBe(3_000_000 - jointDone * UNIT);
    expect(await allocated(pl.db, DX)).toBe(10 * UNIT + jointDone * UNIT);

    // Exactly the executed ones are approved, each with one entry; the rest are still proposed.
    for (const id of [...singleIds, ...jointIds]) {
      const a = (await pl.api('GET', `/api/allocations/${id}`, { user: 'treasurer-bandai' })).json;
      const didExecute = executed.some((r) => r.id === id);
      expect(a.status).toBe(didExecute ? 'approved' : 'proposed');
      expect(Boolean(await getEntry(pl.db, `allocation:${id}:executed`))).toBe(didExecute);
    }
    const verify = await pl.api('GET', '/api/ledger/verify', { user: 'admin' });
    expect(verify.status).toBe(200);
    expect(verify.json.ok).toBe(true);
    expect(verify.json.negative).toEqual([]);
  });
});
