/**
 * Challenges made from adopted applications, after publishing: the scheduled task closes them at the
 * deadline (idempotently), closed challenges refuse donations, the operator moves them on and posts
 * progress updates that reach the donors who opted in.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runScheduled } from '../../functions/services/jobs/schedule.js';
import { acceptsDonations } from '../../functions/domain/challenge-lifecycle.js';
import { auditRecords } from '../../functions/store/audit.js';
import { getChallenge } from '../../functions/store/catalog.js';
import { challengeSubscribers, closeDueChallenges, putChallengeSubscriber } from '../../functions/store/challenges.js';
import { listMail } from '../../functions/store/outbox.js';
import { testPlatform } from '../support/platform.js';
import { BANDAI, sampleApplication, YOKOZE } from '../support/applications.js';

let p: Awaited<ReturnType<typeof testPlatform>>;
beforeAll(async () => {
  p = await testPlatform();
});

const accept = (town: string) => ({ town, decision: 'accepted', scores: { proposer: 5, residents: 4, town: 4 }, publicAnswer: '採択します' });

/** An adopted Yokoze–Bandai application, turned into a challenge by Yokoze; published unless told not to. */
async function challenge(opts: { deadline?: string; publish?: boolean } = {}): Promise<{ applicationId: string; challengeId: string }> {
  const created = await p.api('POST', '/api/applications', { user: 'company1', body: sampleApplication() });
  const id = created.json.applicationId as string;
  expect((await p.api('POST', `/api/applications/${id}/submit`, { user: 'company1' })).status).toBe(200);
  await p.api('POST', `/api/applications/${id}/reviews`, { user: 'reviewer-yokoze', body: accept(YOKOZE) });
  const b = await p.api('POST', `/api/applications/${id}/reviews`, { user: 'reviewer-bandai', body: accept(BANDAI) });
  expect(b.json.status).toBe('adopted');
  const ch = await p.api('POST', `/api/applications/${id}/challenge`, {
    user: 'reviewer-yokoze',
    body: { title: '里山ワーケーション', coverText: '空き家を拠点に', description: '説明', towns: [YOKOZE, BANDAI], leadTown: YOKOZE, target: 800_000, deadline: opts.deadline ?? '2090-06-30' },
  });
  expect(ch.status, ch.text).toBe(201);
  const challengeId = ch.json.challengeId as string;
  if (opts.publish !== false) expect((await p.api('POST', `/api/challenges/${challengeId}/publish`, { user: 'reviewer-yokoze' })).status).toBe(200);
  return { applicationId: id, challengeId };
}

describe('closing at the deadline', () => {
  it('closes a challenge past its deadline (JST) by the scheduled task, once, and then refuses donations', async () => {
    const { challengeId } = await challenge({ deadline: '2090-06-30' });
    const lastMinute = new Date('2090-06-30T14:59:00Z'); // 23:59 JST on the deadline day
    const nextDay = new Date('2090-06-30T15:00:00Z'); // 00:00 JST the day after

    await runScheduled(p.db, lastMinute);
    let ch = (await getChallenge(p.db, challengeId))!;
    expect(ch.status).toBe('open');
    expect(acceptsDonations(ch, lastMinute)).toBe(true);

    // Two schedulers racing, then a third late run: the challenge is closed and audited exactly once.
    const [a, b] = await Promise.all([runScheduled(p.db, nextDay), runScheduled(p.db, nextDay)]);
    const closedBy = [a, b].map((r) => (r['close-challenges'] as { closed: string[] }).closed.filter((x) => x === challengeId).length);
    expect(closedBy.sort()).toEqual([0, 1]);
    const third = await closeDueChallenges(p.db, new Date('2090-07-05T00:00:00Z'));
    expect(third.closed).not.toContain(challengeId);

    ch = (await getChallenge(p.db, challengeId))!;
    expect(ch.status).toBe('closed');
    expect(acceptsDonations(ch, nextDay)).toBe(false);
    // Even if the clock were wrong, a closed challenge takes nothing.
    expect(acceptsDonations(ch, lastMinute)).toBe(false);
    expect((await p.api('GET', `/api/challenges/${challengeId}`)).json.status).toBe('closed');
    expect((await p.api('GET', '/api/challenges?status=closed')).json.challenges.map((c: { id: string }) => c.id)).toContain(challengeId);

    const closes = (await auditRecords(p.db, `town:${YOKOZE}`)).filter((r) => r.action === 'challenge.close' && r.target === `challenge:${challengeId}`);
    expect(closes).toHaveLength(1);
    expect(closes[0]).toMatchObject({ actor: 'system:schedule', before: { status: 'open' }, after: { status: 'closed' } });

    // The donation flow asks acceptsDonations: the closed challenge is refused there.
    const donation = await p.api('POST', '/api/donations', {
      body: { challengeId, amount: 10_000, receivingTown: YOKOZE, donor: { name: '寄附 一郎', nameKana: 'キフ イチロウ', email: 'donor1@example.jp', postalCode: '100-0001', address: '東京都千代田区' }, anonymous: false, oneStop: false },
    });
    expect(donation.status).toBe(422);
    expect(donation.json.error.code).toMatch(/^challenge_(closed|not_open)$/);
  });

  it('leaves drafts and unexpired challenges alone', async () => {
    const { challengeId } = await challenge({ deadline: '2091-01-31', publish: false });
    const res = await closeDueChallenges(p.db, new Date('2092-01-01T00:00:00Z'));
    expect(res.closed).not.toContain(challengeId);
    expect((await getChallenge(p.db, challengeId))!.status).toBe('draft');
  });

  it('refuses publishing once the deadline has passed', async () => {
    const past = await challenge({ deadline: '2090-03-31', publish: false });
    const { db } = p;
    db.now = () => new Date('2090-04-02T00:00:00Z');
    try {
      const r = await p.api('POST', `/api/challenges/${past.challengeId}/publish`, { user: 'reviewer-yokoze' });
      expect(r.status).toBe(422);
      expect(r.json.error.message).toMatch(/deadline 2090-03-31 has passed/);
    } finally {
      delete db.now;
    }
    expect((await getChallenge(p.db, past.challengeId))!.status).toBe('draft');
  });
});

describe('after the deadline: in progress, completed, progress updates', () => {
  it('lets the operator move closed → in_progress and the lead reviewer → completed, in order only', async () => {
    const { challengeId } = await challenge({ deadline: '2090-08-31' });
    expect((await p.api('POST', `/api/challenges/${challengeId}/status`, { user: 'company1', body: { status: 'in_progress' } })).status).toBe(409);
    await closeDueChallenges(p.db, new Date('2090-09-01T00:00:00Z'));
    expect((await p.api('POST', `/api/challenges/${challengeId}/status`, { user: 'company1', body: { status: 'completed' } })).status).toBe(409);
    expect((await p.api('POST', `/api/challenges/${challengeId}/status`, { user: 'company-yokoze', body: { status: 'in_progress' } })).status).toBe(403);
    expect((await p.api('POST', `/api/challenges/${challengeId}/status`, { user: 'reviewer-bandai', body: { status: 'in_progress' } })).status).toBe(403);
    const start = await p.api('POST', `/api/challenges/${challengeId}/status`, { user: 'company1', body: { status: 'in_progress' } });
    expect(start.status, start.text).toBe(200);
    expect(start.json.status).toBe('in_progress');
    const done = await p.api('POST', `/api/challenges/${challengeId}/status`, { user: 'reviewer-yokoze', body: { status: 'completed' } });
    expect(done.json.status).toBe('completed');
    const actions = (await auditRecords(p.db, `town:${YOKOZE}`)).filter((r) => r.target === `challenge:${challengeId}`).map((r) => `${r.action}:${r.actor}`);
    expect(actions).toEqual(['challenge.create:reviewer-yokoze', 'challenge.publish:reviewer-yokoze', 'challenge.close:system:schedule', 'challenge.in_progress:company1', 'challenge.completed:reviewer-yokoze']);
  });

  it('emails a progress update to the donors who opted in, and shows it publicly', async () => {
    const { challengeId } = await challenge();
    // What the donation flow writes when a donor ticks "send me progress updates".
    await putChallengeSubscriber(p.db, challengeId, { email: 'Donor1@Example.jp', name: '寄附 一郎', lang: 'ja', donationId: 'd-1' });
    await putChallengeSubscriber(p.db, challengeId, { email: 'donor2@example.com', name: 'Jane Donor', lang: 'en', donationId: 'd-2' });
    expect((await challengeSubscribers(p.db, challengeId)).map((s) => s.email).sort()).toEqual(['donor1@example.jp', 'donor2@example.com']);

    const body = { title: '拠点の改修が始まりました', text: '横瀬町の一棟目の改修工事が始まりました。', date: '2090-05-01' };
    expect((await p.api('POST', `/api/challenges/${challengeId}/updates`, { user: 'company-yokoze', body })).status).toBe(403);
    expect((await p.api('POST', `/api/challenges/${challengeId}/updates`, { user: 'reviewer-yokoze', body })).status).toBe(403);
    expect((await p.api('POST', `/api/challenges/${challengeId}/updates`, { body })).status).toBe(401);
    const bad = await p.api('POST', `/api/challenges/${challengeId}/updates`, { user: 'company1', body: { ...body, title: '', date: '2090-02-30' } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.map((d: { path: string }) => d.path)).toEqual(['title', 'date']);
    expect((await p.api('GET', `/api/challenges/${challengeId}/updates`)).json.updates).toEqual([]);

    const r = await p.api('POST', `/api/challenges/${challengeId}/updates`, { user: 'company1', body });
    expect(r.status, r.text).toBe(201);
    expect(r.json.mailed).toBe(2);
    const pub = await p.api('GET', `/api/challenges/${challengeId}/updates`);
    expect(pub.json.updates).toEqual([expect.objectContaining({ ...body, challengeId })]);
    for (const to of ['donor1@example.jp', 'donor2@example.com']) {
      const mails = (await listMail(p.db, { to })).filter((m) => m.kind === 'challenge.update' && m.text.includes(challengeId));
      expect(mails).toHaveLength(1);
      expect(mails[0]!.text).toContain('拠点の改修が始まりました');
    }
    // Nobody who did not opt in hears of it.
    const others = (await listMail(p.db)).filter((m) => m.kind === 'challenge.update' && m.text.includes(challengeId)).map((m) => m.to);
    expect(others.sort()).toEqual(['donor1@example.jp', 'donor2@example.com']);
  });

  it('refuses updates on a draft and hides a draft’s updates', async () => {
    const { challengeId } = await challenge({ publish: false });
    const r = await p.api('POST', `/api/challenges/${challengeId}/updates`, { user: 'company1', body: { title: 't', text: 'x', date: '2090-01-01' } });
    expect(r.status).toBe(409);
    expect((await p.api('GET', `/api/challenges/${challengeId}/updates`)).status).toBe(404);
  });

  it('lets the lead reviewer edit a draft, not a published challenge', async () => {
    const { challengeId } = await challenge({ publish: false });
    const body = { title: '改題', summary: 's', description: 'd', towns: [YOKOZE], leadTown: YOKOZE, target: 500_000, deadline: '2090-12-31' };
    expect((await p.api('PUT', `/api/challenges/${challengeId}`, { user: 'reviewer-bandai', body })).status).toBe(403);
    const bad = await p.api('PUT', `/api/challenges/${challengeId}`, { user: 'reviewer-yokoze', body: { ...body, towns: [YOKOZE, '325252'] } });
    expect(bad.status).toBe(422);
    const past = await p.api('PUT', `/api/challenges/${challengeId}`, { user: 'reviewer-yokoze', body: { ...body, deadline: '2020-01-01' } });
    expect(past.status).toBe(400);
    expect(past.json.error.details[0]).toMatchObject({ path: 'deadline', code: 'deadline_past' });
    const ok = await p.api('PUT', `/api/challenges/${challengeId}`, { user: 'reviewer-yokoze', body });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.json).toMatchObject({ title: '改題', towns: [YOKOZE], target: 500_000, deadline: '2090-12-31', status: 'draft' });
    await p.api('POST', `/api/challenges/${challengeId}/publish`, { user: 'reviewer-yokoze' });
    expect((await p.api('PUT', `/api/challenges/${challengeId}`, { user: 'reviewer-yokoze', body })).status).toBe(409);
    expect((await p.api('GET', `/api/challenges/${challengeId}`)).json).toMatchObject({ title: '改題', target: 500_000 });
  });
});
