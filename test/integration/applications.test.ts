/**
 * Co-creation applications through the real app on DynamoDB Local: the two-town review flow into a
 * published challenge, rejection, who may see and do what, validation that writes nothing, notifications
 * and the audit trail.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { auditRecords } from '../../functions/store/audit.js';
import { listMail } from '../../functions/store/outbox.js';
import { AMA, BANDAI, sampleApplication, YOKOZE } from '../support/applications.js';
import { testPlatform } from '../support/platform.js';


let p: Awaited<ReturnType<typeof testPlatform>>;
beforeAll(async () => {
  p = await testPlatform();
});

const review = (town: string, decision: string, publicAnswer = '審査しました', privateNote?: string) => ({
  town,
  decision,
  scores: { proposer: 4, residents: 4, town: 5 },
  publicAnswer,
  ...(privateNote ? { privateNote } : {}),
});

async function draft(user = 'company1', over: Record<string, unknown> = {}): Promise<string> {
  const r = await p.api('POST', '/api/applications', { user, body: sampleApplication(over) });
  expect(r.status, r.text).toBe(201);
  return r.json.applicationId as string;
}

async function submitted(over: Record<string, unknown> = {}): Promise<string> {
  const id = await draft('company1', over);
  const s = await p.api('POST', `/api/applications/${id}/submit`, { user: 'company1' });
  expect(s.status, s.text).toBe(200);
  return id;
}

async function myApplicationCount(user = 'company1'): Promise<number> {
  const r = await p.api('GET', '/api/applications', { user });
  expect(r.status).toBe(200);
  return r.json.applications.length;
}

describe('two-town application → adopted → published challenge', () => {
  it('runs draft → submitted → changes requested → resubmitted → accepted by both → adopted → challenge open and public', async () => {
    const created = await p.api('POST', '/api/applications', { user: 'company1', body: sampleApplication() });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({ applicationId: expect.stringMatching(/^app-/), status: 'draft' });
    const id = created.json.applicationId as string;

    // Drafts are the company's own: the towns' reviewers do not see them yet, and cannot review them.
    const hiddenDraft = await p.api('GET', `/api/applications/${id}`, { user: 'reviewer-yokoze' });
    expect(hiddenDraft.status).toBe(404);
    expect(hiddenDraft.text).not.toContain('里山ワーケーション');
    const draftReview = await p.api('POST', `/api/applications/${id}/reviews`, { user: 'reviewer-yokoze', body: review(YOKOZE, 'accepted') });
    expect(draftReview.status).toBe(409);
    expect(draftReview.text).not.toContain('里山ワーケーション');
    const edited = await p.api('PATCH', `/api/applications/${id}`, { user: 'company1', body: { summary: '二つの町の空き家をつなぐ拠点(改訂)' } });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.json.summary).toBe('二つの町の空き家をつなぐ拠点(改訂)');
    expect(edited.json.title).toBe('横瀬×磐梯 里山ワーケーション');

    const sub = await p.api('POST', `/api/applications/${id}/submit`, { user: 'company1' });
    expect(sub.status, sub.text).toBe(200);
    expect(sub.json).toMatchObject({ status: 'submitted', round: 1 });
    // Both named towns' reviewers are told.
    for (const to of ['reviewer@town.yokoze.example', 'reviewer@town.bandai.example']) {
      const mails = (await listMail(p.db, { to })).filter((m) => m.kind === 'application.submitted' && m.text.includes(id));
      expect(mails).toHaveLength(1);
    }
    // A submitted application cannot be edited or submitted again.
    expect((await p.api('PATCH', `/api/applications/${id}`, { user: 'company1', body: { title: 'x' } })).status).toBe(409);
    expect((await p.api('POST', `/api/applications/${id}/submit`, { user: 'company1' })).status).toBe(409);

    const y1 = await p.api('POST', `/api/applications/${id}/reviews`, { user: 'reviewer-yokoze', body: review(YOKOZE, 'accepted', '横瀬町として歓迎します', '町長に報告済み') });
    expect(y1.status, y1.text).toBe(201);
    expect(y1.json.status).toBe('submitted');
    const b1 = await p.api('POST', `/api/applications/${id}/reviews`, {
      user: 'reviewer-bandai',
      body: review(BANDAI, 'changes_requested', 'KPIに町民参加の指標を加えてください', '予算の運営費がやや高い'),
    });
    expect(b1.status, b1.text).toBe(201);
    expect(b1.json.status).toBe('changes_requested');

    // The company sees both public answers, never a private note.
    const seen = await p.api('GET', `/api/applications/${id}`, { user: 'company1' });
    expect(seen.json.status).toBe('changes_requested');
    expect(seen.json.reviews.map((r: { publicAnswer: string }) => r.publicAnswer)).toEqual(['横瀬町として歓迎します', 'KPIに町民参加の指標を加えてください']);
    expect(seen.text).not.toContain('町長に報告済み');
    expect(seen.text).not.toContain('予算の運営費がやや高い');
    // A reviewer sees their own town's private note, not the other town's.
    const asYokoze = await p.api('GET', `/api/applications/${id}`, { user: 'reviewer-yokoze' });
    expect(asYokoze.status).toBe(200);
    expect(asYokoze.text).toContain('町長に報告済み');
    expect(asYokoze.text).not.toContain('予算の運営費がやや高い');
    // Nobody reviews while it is with the company.
    const early = await p.api('POST', `/api/applications/${id}/reviews`, { user: 'reviewer-yokoze', body: review(YOKOZE, 'accepted') });
    expect(early.status).toBe(409);
    expect(early.json.error.code).toBe('state_conflict');

    const fix = await p.api('PUT', `/api/applications/${id}`, { user: 'company1', body: sampleApplication({ kpis: ['年間利用者 300人', '町民ワークショップ参加 100人'] }) });
    expect(fix.status, fix.text).toBe(200);
    const resub = await p.api('POST', `/api/applications/${id}/submit`, { user: 'company1' });
    expect(resub.json).toMatchObject({ status: 'submitted', round: 2, decisions: {} });

    // Round 2: Yokoze's round-1 acceptance does not carry over; both must accept again.
    const y2 = await p.api('POST', `/api/applications/${id}/reviews`, { user: 'reviewer-yokoze', body: review(YOKOZE, 'accepted', '引き続き歓迎します') });
    expect(y2.json.status).toBe('submitted');
    const b2 = await p.api('POST', `/api/applications/${id}/reviews`, { user: 'reviewer-bandai', body: review(BANDAI, 'accepted', '修正を確認しました。採択します') });
    expect(b2.json.status).toBe('adopted');

    const final = await p.api('GET', `/api/applications/${id}`, { user: 'company1' });
    expect(final.json.status).toBe('adopted');
    expect(final.json.reviews).toHaveLength(4);
    expect(final.json.reviews.map((r: { round: number; town: string; decision: string }) => `${r.round}:${r.town}:${r.decision}`)).toEqual([
      `1:${YOKOZE}:accepted`,
      `1:${BANDAI}:changes_requested`,
      `2:${YOKOZE}:accepted`,
      `2:${BANDAI}:accepted`,
    ]);
    // The company was emailed each of the four public answers.
    const answers = (await listMail(p.db, { to: 'hanako@kyoso-tech.example' })).filter((m) => m.kind === 'application.answer' && m.text.includes(id));
    expect(answers).toHaveLength(4);
    expect(answers.some((m) => m.text.includes('KPIに町民参加の指標を加えてください'))).toBe(true);

    // Only the lead town's reviewer turns it into a challenge.
    const challengeBody = {
      title: '横瀬×磐梯 里山ワーケーション拠点づくり',
      titleEn: 'Satoyama workation bases in Yokoze and Bandai',
      summary: '空き家を、町と企業が出会う拠点に。',
      description: '採択された提案をもとに、二つの町で拠点を整備します。',
      theme: 'ワーケーション / 空き家',
      towns: [YOKOZE, BANDAI],
      leadTown: YOKOZE,
      target: 1_000_000,
      deadline: '2099-12-31',
    };
    const byBandai = await p.api('POST', `/api/applications/${id}/challenge`, { user: 'reviewer-bandai', body: challengeBody });
    expect(byBandai.status).toBe(403);
    const madeByCompany = await p.api('POST', `/api/applications/${id}/challenge`, { user: 'company1', body: challengeBody });
    expect(madeByCompany.status).toBe(403);
    const ch = await p.api('POST', `/api/applications/${id}/challenge`, { user: 'reviewer-yokoze', body: challengeBody });
    expect(ch.status, ch.text).toBe(201);
    expect(ch.json).toMatchObject({ status: 'draft', leadTown: YOKOZE, operatorCompanyId: 'company1', applicationId: id, target: 1_000_000 });
    const chId = ch.json.challengeId as string;
    expect((await p.api('POST', `/api/applications/${id}/challenge`, { user: 'reviewer-yokoze', body: challengeBody })).status).toBe(409);

    // A draft challenge is not public.
    expect((await p.api('GET', `/api/challenges/${chId}`)).status).toBe(404);
    expect((await p.api('GET', '/api/challenges')).json.challenges.map((c: { id: string }) => c.id)).not.toContain(chId);
    expect((await p.api('POST', `/api/challenges/${chId}/publish`, { user: 'reviewer-bandai' })).status).toBe(403);

    const pub = await p.api('POST', `/api/challenges/${chId}/publish`, { user: 'reviewer-yokoze' });
    expect(pub.status, pub.text).toBe(200);
    expect(pub.json.status).toBe('open');
    expect((await p.api('POST', `/api/challenges/${chId}/publish`, { user: 'reviewer-yokoze' })).status).toBe(409);

    const list = await p.api('GET', '/api/challenges');
    const listed = list.json.challenges.find((c: { id: string }) => c.id === chId);
    expect(listed).toMatchObject({ status: 'open', title: challengeBody.title, towns: [YOKOZE, BANDAI], leadTown: YOKOZE, target: 1_000_000, raised: 0, operatorCompanyId: 'company1' });
    // Corporate-version eligibility is the towns' approved 地域再生計画, not the application's wish: none yet,
    // until Yokoze's treasurer lists the new challenge under a project of its plan.
    expect(listed.corporateEligible).toEqual([]);
    const plans = await p.api('GET', `/api/towns/${YOKOZE}/regional-plans`, { user: 'treasurer-yokoze' });
    const plan = plans.json.plans[0];
    const projects = plan.projects.map((pr: { name: string; challengeIds: string[]; fundIds: string[] }, i: number) => (i === 0 ? { ...pr, challengeIds: [...pr.challengeIds, chId] } : pr));
    const put = await p.api('PUT', `/api/towns/${YOKOZE}/regional-plans/${plan.id}/projects`, { user: 'treasurer-yokoze', body: { projects } });
    expect(put.status, put.text).toBe(200);
    expect((await p.api('GET', `/api/challenges/${chId}`)).json.corporateEligible).toEqual([YOKOZE]);
    expect((await p.api('GET', `/api/challenges/${chId}`)).json.status).toBe('open');
    expect((await p.api('GET', `/api/challenges?town=${BANDAI}&status=open`)).json.challenges.map((c: { id: string }) => c.id)).toContain(chId);

    // The application remembers its challenge.
    expect((await p.api('GET', `/api/applications/${id}`, { user: 'company1' })).json.challengeId).toBe(chId);

    // Every transition is in the audit log: company actions on the network chain, the towns' on theirs.
    const network = (await auditRecords(p.db, 'network')).filter((r) => r.target === `application:${id}`).map((r) => r.action);
    expect(network).toEqual(['application.create', 'application.edit', 'application.submit', 'application.edit', 'application.submit']);
    const yokozeChain = (await auditRecords(p.db, `town:${YOKOZE}`)).filter((r) => r.target === `application:${id}` || r.target === `challenge:${chId}`).map((r) => r.action);
    expect(yokozeChain).toEqual(['application.review', 'application.review', 'challenge.create', 'challenge.publish']);
    const bandaiChain = (await auditRecords(p.db, `town:${BANDAI}`)).filter((r) => r.target === `application:${id}`);
    expect(bandaiChain.map((r) => [r.action, (r.after as { decision: string }).decision])).toEqual([
      ['application.review', 'changes_requested'],
      ['application.review', 'accepted'],
    ]);
    expect(bandaiChain[0]!.actor).toBe('reviewer-bandai');
    const verify = await p.api('GET', '/api/ledger/verify', { user: 'admin' });
    expect(verify.json.audit.ok).toBe(true);
  });

  it('is rejected when one town rejects, with the reason shown to the company', async () => {
    const id = await submitted();
    const y = await p.api('POST', `/api/applications/${id}/reviews`, { user: 'reviewer-yokoze', body: review(YOKOZE, 'accepted', '歓迎します') });
    expect(y.json.status).toBe('submitted');
    const b = await p.api('POST', `/api/applications/${id}/reviews`, { user: 'reviewer-bandai', body: review(BANDAI, 'rejected', '今年度は予算の確保が難しいため見送ります') });
    expect(b.status).toBe(201);
    expect(b.json.status).toBe('rejected');
    const seen = await p.api('GET', `/api/applications/${id}`, { user: 'company1' });
    expect(seen.json.status).toBe('rejected');
    expect(seen.json.reviews.at(-1)).toMatchObject({ town: BANDAI, decision: 'rejected', publicAnswer: '今年度は予算の確保が難しいため見送ります' });
    const mail = (await listMail(p.db, { to: 'hanako@kyoso-tech.example' })).find((m) => m.kind === 'application.answer' && m.text.includes('今年度は予算の確保が難しいため見送ります'));
    expect(mail?.subject).toMatch(/不採択/);
    // Final: no more reviews, no edits, no challenge.
    expect((await p.api('POST', `/api/applications/${id}/reviews`, { user: 'reviewer-yokoze', body: review(YOKOZE, 'accepted') })).status).toBe(409);
    expect((await p.api('PATCH', `/api/applications/${id}`, { user: 'company1', body: { title: '再挑戦' } })).status).toBe(409);
    const ch = await p.api('POST', `/api/applications/${id}/challenge`, {
      user: 'reviewer-yokoze',
      body: { title: 't', summary: 's', description: 'd', towns: [YOKOZE], leadTown: YOKOZE, target: 1000, deadline: '2099-01-01' },
    });
    expect(ch.status).toBe(409);
  });

  it('adopts once when both towns accept at the same moment (no lost decision)', async () => {
    const id = await submitted();
    const [y, b] = await Promise.all([
      p.api('POST', `/api/applications/${id}/reviews`, { user: 'reviewer-yokoze', body: review(YOKOZE, 'accepted') }),
      p.api('POST', `/api/applications/${id}/reviews`, { user: 'reviewer-bandai', body: review(BANDAI, 'accepted') }),
    ]);
    expect([y.status, b.status]).toEqual([201, 201]);
    const final = await p.api('GET', `/api/applications/${id}`, { user: 'company1' });
    expect(final.json.status).toBe('adopted');
    expect(final.json.decisions).toEqual({ [YOKOZE]: 'accepted', [BANDAI]: 'accepted' });
  });

  it('counts the latest decision of a town within a round', async () => {
    const id = await submitted({ towns: [YOKOZE, BANDAI] });
    await p.api('POST', `/api/applications/${id}/reviews`, { user: 'reviewer-yokoze', body: review(YOKOZE, 'accepted') });
    const again = await p.api('POST', `/api/applications/${id}/reviews`, { user: 'reviewer-yokoze', body: review(YOKOZE, 'changes_requested', '予算表を添付してください') });
    expect(again.json.status).toBe('changes_requested');
  });
});

describe('who may see and do what', () => {
  it('hides an application from a reviewer of a town it does not name (404, no title)', async () => {
    const id = await submitted({ towns: [YOKOZE], title: '秘密の提案タイトル' });
    const get = await p.api('GET', `/api/applications/${id}`, { user: 'reviewer-bandai' });
    expect(get.status).toBe(404);
    expect(get.text).not.toContain('秘密の提案タイトル');
    const rev = await p.api('POST', `/api/applications/${id}/reviews`, { user: 'reviewer-bandai', body: review(BANDAI, 'accepted') });
    expect([403, 404]).toContain(rev.status);
    expect(rev.text).not.toContain('秘密の提案タイトル');
    const list = await p.api('GET', '/api/applications', { user: 'reviewer-bandai' });
    expect(list.text).not.toContain('秘密の提案タイトル');
    // ...and the right reviewer does see it.
    const yokoze = await p.api('GET', '/api/applications', { user: 'reviewer-yokoze' });
    expect(yokoze.json.applications.map((a: { id: string }) => a.id)).toContain(id);
  });

  it('lets a reviewer review only for a town they hold', async () => {
    const id = await submitted();
    const r = await p.api('POST', `/api/applications/${id}/reviews`, { user: 'reviewer-yokoze', body: review(BANDAI, 'accepted') });
    expect(r.status).toBe(403);
    expect(r.json.error.message).toMatch(/074071/);
    const again = await p.api('GET', `/api/applications/${id}`, { user: 'company1' });
    expect(again.json.reviews).toEqual([]);
  });

  it('refuses reviews from companies, donors and the admin', async () => {
    const id = await submitted();
    for (const user of ['company1', 'company-yokoze', 'donor1']) {
      const r = await p.api('POST', `/api/applications/${id}/reviews`, { user, body: review(YOKOZE, 'accepted') });
      expect(r.status, user).toBe(403);
    }
    // The admin operates the network but does not decide for a town.
    expect((await p.api('POST', `/api/applications/${id}/reviews`, { user: 'admin', body: review(YOKOZE, 'accepted') })).status).toBe(403);
    expect((await p.api('GET', `/api/applications/${id}`, { user: 'company1' })).json.status).toBe('submitted');
  });

  it('keeps a company out of another company’s applications, drafts included', async () => {
    const id = await draft('company1', { title: '他社に見せない下書き' });
    const get = await p.api('GET', `/api/applications/${id}`, { user: 'company-yokoze' });
    expect(get.status).toBe(404);
    expect(get.text).not.toContain('他社に見せない下書き');
    expect((await p.api('GET', '/api/applications', { user: 'company-yokoze' })).text).not.toContain('他社に見せない下書き');
    expect((await p.api('PATCH', `/api/applications/${id}`, { user: 'company-yokoze', body: { title: '乗っ取り' } })).status).toBe(404);
    expect((await p.api('POST', `/api/applications/${id}/submit`, { user: 'company-yokoze' })).status).toBe(404);
    expect((await p.api('GET', `/api/applications/${id}`, { user: 'company1' })).json.title).toBe('他社に見せない下書き');
    // The admin sees everything.
    expect((await p.api('GET', `/api/applications/${id}`, { user: 'admin' })).status).toBe(200);
  });

  it('answers 401 without a token, and 403 to donors', async () => {
    const id = await draft();
    expect((await p.api('POST', '/api/applications', { body: sampleApplication() })).status).toBe(401);
    expect((await p.api('GET', '/api/applications')).status).toBe(401);
    const get = await p.api('GET', `/api/applications/${id}`);
    expect(get.status).toBe(401);
    expect(get.json.error.code).toBe('unauthorized');
    expect((await p.api('POST', `/api/applications/${id}/submit`)).status).toBe(401);
    expect((await p.api('POST', `/api/applications/${id}/reviews`, { body: review(YOKOZE, 'accepted') })).status).toBe(401);
    expect((await p.api('GET', '/api/companies/me')).status).toBe(401);
    expect((await p.api('POST', '/api/applications', { user: 'donor1', body: sampleApplication() })).status).toBe(403);
    expect((await p.api('GET', '/api/applications', { user: 'donor1' })).status).toBe(403);
  });

  it('lists by status and town for reviewers', async () => {
    const id = await submitted({ towns: [BANDAI], title: 'ばんだいだけの提案' });
    const r = await p.api('GET', `/api/applications?status=submitted&town=${BANDAI}`, { user: 'reviewer-bandai' });
    expect(r.json.applications.map((a: { id: string }) => a.id)).toContain(id);
    expect(r.json.applications.every((a: { status: string; towns: string[] }) => a.status === 'submitted' && a.towns.includes(BANDAI))).toBe(true);
    const adopted = await p.api('GET', '/api/applications?status=adopted', { user: 'reviewer-bandai' });
    expect(adopted.json.applications.map((a: { id: string }) => a.id)).not.toContain(id);
    const future = await p.api('GET', '/api/applications?from=2099-01-01', { user: 'reviewer-bandai' });
    expect(future.json.applications).toEqual([]);
  });
});

describe('validation refuses bad input with a clear message and writes nothing', () => {
  const cases: [string, Record<string, unknown>, number, RegExp, string][] = [
    ['bad town code (check digit)', { towns: ['113612'] }, 400, /check digit|チェックディジット/, 'towns.0'],
    ['unknown town (valid code, not in the network)', { towns: [YOKOZE, '131130'] }, 422, /131130.*not a member of the network/, 'towns.1'],
    ['budget lines not adding up', { budget: [{ item: '改修', amount: 500_000 }, { item: '運営', amount: 400_000 }] }, 400, /add up to ¥900,000, not the requested ¥1,000,000/, 'budget'],
    ['end before start', { startDate: '2027-04-01', endDate: '2027-03-31' }, 400, /end date 2027-03-31 is before the start date 2027-04-01/, 'endDate'],
    ['empty title', { title: '   ' }, 400, /title is required.*件名を入力してください/, 'title'],
    ['no KPI', { kpis: [] }, 400, /at least one KPI/, 'kpis'],
    ['amount not integer yen', { requestedAmount: 1000.5, budget: [{ item: 'a', amount: 1000.5 }] }, 400, /whole number of yen/, 'requestedAmount'],
    ['amount zero', { requestedAmount: 0, budget: [{ item: 'a', amount: 0 }] }, 400, /above zero/, 'requestedAmount'],
    ['no towns', { towns: [] }, 400, /at least one town/, 'towns'],
    ['impossible date', { startDate: '2027-02-30' }, 400, /real date/, 'startDate'],
  ];

  for (const [name, over, status, message, path] of cases) {
    it(`refuses ${name}`, async () => {
      const before = await myApplicationCount('company-yokoze');
      const auditBefore = (await auditRecords(p.db, 'network')).length;
      const r = await p.api('POST', '/api/applications', { user: 'company-yokoze', body: sampleApplication(over) });
      expect(r.status, r.text).toBe(status);
      expect(r.json.error.message).toMatch(message);
      expect(r.json.error.details.map((d: { path: string }) => d.path)).toContain(path);
      expect(await myApplicationCount('company-yokoze')).toBe(before);
      expect((await auditRecords(p.db, 'network')).length).toBe(auditBefore);
    });
  }

  it('refuses a bad edit without changing the draft', async () => {
    const id = await draft();
    const r = await p.api('PATCH', `/api/applications/${id}`, { user: 'company1', body: { requestedAmount: 2_000_000 } });
    expect(r.status).toBe(400);
    expect(r.json.error.message).toMatch(/予算の内訳の合計/);
    const again = await p.api('GET', `/api/applications/${id}`, { user: 'company1' });
    expect(again.json.requestedAmount).toBe(1_000_000);
  });

  it('refuses scores outside 1–5 and a review without a public answer', async () => {
    const id = await submitted();
    for (const body of [
      { ...review(YOKOZE, 'accepted'), scores: { proposer: 6, residents: 3, town: 3 } },
      { ...review(YOKOZE, 'accepted'), scores: { proposer: 2.5, residents: 3, town: 3 } },
      { ...review(YOKOZE, 'accepted'), publicAnswer: '  ' },
      { ...review(YOKOZE, 'maybe') },
    ]) {
      const r = await p.api('POST', `/api/applications/${id}/reviews`, { user: 'reviewer-yokoze', body });
      expect(r.status, JSON.stringify(body)).toBe(400);
    }
    expect((await p.api('GET', `/api/applications/${id}`, { user: 'company1' })).json.reviews).toEqual([]);
  });

  it('refuses to submit a draft with its prose missing', async () => {
    const id = await draft('company1', { problem: '' });
    const r = await p.api('POST', `/api/applications/${id}/submit`, { user: 'company1' });
    expect(r.status).toBe(400);
    expect(r.json.error.details[0].path).toBe('problem');
    expect((await p.api('GET', `/api/applications/${id}`, { user: 'company1' })).json.status).toBe('draft');
  });
});

describe('company profile', () => {
  const profile = {
    corporateNumber: '2011001012345',
    name: '株式会社共創テック',
    nameKana: 'カブシキガイシャキョウソウテック',
    headOfficeAddress: '東京都渋谷区渋谷2-1-1',
    headOfficeTown: '131130',
    contactName: '山田 花子',
    contactEmail: 'hanako@kyoso-tech.example',
  };

  it('reads and updates its own profile, audited on the network chain', async () => {
    const me = await p.api('GET', '/api/companies/me', { user: 'company1' });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ id: 'company1', corporateNumber: '2011001012345', headOfficeTown: '131130' });
    const put = await p.api('PUT', '/api/companies/me', { user: 'company1', body: { ...profile, contactName: '共創 次郎' } });
    expect(put.status, put.text).toBe(200);
    expect((await p.api('GET', '/api/companies/me', { user: 'company1' })).json.contactName).toBe('共創 次郎');
    const rec = (await auditRecords(p.db, 'network')).filter((r) => r.action === 'company.profile.update').at(-1)!;
    expect(rec).toMatchObject({ actor: 'company1', target: 'company:company1' });
    await p.api('PUT', '/api/companies/me', { user: 'company1', body: profile });
  });

  it('refuses a bad 法人番号 or head-office code with a message in both languages, writing nothing', async () => {
    for (const [over, path, pattern] of [
      [{ corporateNumber: '1011001012345' }, 'corporateNumber', /check digit.*法人番号のチェックディジット/],
      [{ corporateNumber: '12345' }, 'corporateNumber', /13 digits.*13桁/],
      [{ headOfficeTown: '131131' }, 'headOfficeTown', /check digit.*チェックディジット/],
      [{ contactEmail: 'nope' }, 'contactEmail', /email/],
    ] as const) {
      const r = await p.api('PUT', '/api/companies/me', { user: 'company1', body: { ...profile, ...over } });
      expect(r.status, r.text).toBe(400);
      expect(r.json.error.message).toMatch(pattern);
      expect(r.json.error.details[0].path).toBe(path);
    }
    expect((await p.api('GET', '/api/companies/me', { user: 'company1' })).json).toMatchObject({ corporateNumber: '2011001012345', headOfficeTown: '131130' });
  });

  it('is for company users only', async () => {
    expect((await p.api('GET', '/api/companies/me', { user: 'donor1' })).status).toBe(403);
    expect((await p.api('PUT', '/api/companies/me', { user: 'reviewer-yokoze', body: profile })).status).toBe(403);
  });
});

describe('OpenAPI', () => {
  it('documents the co-creation routes', async () => {
    const paths = Object.keys((await p.api('GET', '/api/openapi.json')).json.paths);
    for (const path of ['/applications', '/applications/{id}', '/applications/{id}/submit', '/applications/{id}/reviews', '/applications/{id}/challenge', '/challenges/{id}/publish', '/challenges/{id}/status', '/challenges/{id}/updates', '/companies/me']) {
      expect(paths).toContain(path);
    }
  });
});

describe('a town outside the flow', () => {
  it('gives Ama nothing to see of a Yokoze–Bandai application', async () => {
    const id = await submitted();
    const r = await p.api('GET', `/api/applications?town=${AMA}`, { user: 'admin' });
    expect(r.json.applications.map((a: { id: string }) => a.id)).not.toContain(id);
  });
});
