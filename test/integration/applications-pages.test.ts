/**
 * The co-creation workspaces as a browser without JavaScript uses them: session cookie, POST forms,
 * 303 redirects, errors re-rendered next to their fields in the page's language.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { BANDAI, YOKOZE } from '../support/applications.js';
import { testPlatform } from '../support/platform.js';

let p: Awaited<ReturnType<typeof testPlatform>>;
const cookies = new Map<string, string>();

beforeAll(async () => {
  p = await testPlatform();
});

async function cookieFor(user: string, lang: 'ja' | 'en' = 'ja'): Promise<string> {
  if (!cookies.has(user)) cookies.set(user, `kf_session=${await p.tokenFor(user)}`);
  return `${cookies.get(user)}; lang=${lang}`;
}

async function get(path: string, user?: string, lang: 'ja' | 'en' = 'ja') {
  const res = await p.app.request(path, { headers: user ? { cookie: await cookieFor(user, lang) } : {} });
  return { status: res.status, location: res.headers.get('location'), html: await res.text() };
}

async function post(path: string, user: string, fields: [string, string][]) {
  const res = await p.app.request(path, { method: 'POST', headers: { cookie: await cookieFor(user), 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
  return { status: res.status, location: res.headers.get('location'), html: await res.text() };
}

const form = (over: Record<string, string | string[]> = {}): [string, string][] => {
  const base: Record<string, string | string[]> = {
    title: '森と町のデジタル地図',
    summary: '二つの町の森林をデジタル地図に。',
    problem: '森林の境界が分からない。',
    proposal: 'ドローンで測量し、町と共有する。',
    towns: [YOKOZE, BANDAI],
    requestedAmount: '1,200,000',
    budgetItem: ['測量', '地図作成', ''],
    budgetAmount: ['700000', '５０００００', ''],
    kpis: '測量面積 500ha\n住民説明会 2回',
    startDate: '2027-05-01',
    endDate: '2028-03-31',
    corporateVersion: 'yes',
    contactName: '山田 花子',
    contactEmail: 'hanako@kyoso-tech.example',
    action: 'save',
    ...over,
  };
  return Object.entries(base).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x] as [string, string]) : [[k, v] as [string, string]]));
};

const count = async () => (await p.api('GET', '/api/applications', { user: 'company1' })).json.applications.length as number;

describe('company workspace pages', () => {
  it('sends a visitor to sign in, and refuses a donor', async () => {
    const anon = await get('/company');
    expect(anon.status).toBe(303);
    expect(anon.location).toBe('/auth/sign-in?next=%2Fcompany');
    expect((await get('/company', 'donor1')).status).toBe(403);
    expect((await get('/review', 'company1')).status).toBe(403);
  });

  it('shows the dashboard in Japanese, and in English on request', async () => {
    const ja = await get('/company', 'company1');
    expect(ja.status).toBe(200);
    expect(ja.html).toContain('<html lang="ja"');
    expect(ja.html).toContain('株式会社共創テック');
    expect(ja.html).toContain('新しい提案をつくる');
    expect(ja.html).toContain('yokoze-bandai-dx');
    const en = await get('/company', 'company1', 'en');
    expect(en.html).toContain('New application');
  });

  it('re-renders the form with each error next to its field, keeps the values, writes nothing', async () => {
    const before = await count();
    const r = await post('/company/applications/new', 'company1', form({ requestedAmount: '1,000,000', endDate: '2027-04-01', title: '' }));
    expect(r.status).toBe(400);
    expect(r.html).toMatch(/data-error-for="budget"[^>]*>予算の内訳の合計\(¥1,200,000\)が申請額\(¥1,000,000\)と一致しません/);
    expect(r.html).toMatch(/data-error-for="endDate"[^>]*>終了日\(2027-04-01\)が開始日\(2027-05-01\)より前/);
    expect(r.html).toMatch(/data-error-for="title"[^>]*>件名を入力してください/);
    expect(r.html).toContain('value="1,000,000"');
    expect(r.html).toContain('森と町のデジタル地図'.slice(0, 0) + 'ドローンで測量し、町と共有する。');
    expect(await count()).toBe(before);
  });

  it('saves a draft, then submits it from the edit page', async () => {
    const saved = await post('/company/applications/new', 'company1', form());
    expect(saved.status).toBe(303);
    const id = /\/company\/applications\/(app-[0-9a-f]+)\/edit\?done=saved/.exec(saved.location ?? '')?.[1];
    expect(id).toBeTruthy();
    const edit = await get(`/company/applications/${id}/edit?done=saved`, 'company1');
    expect(edit.html).toContain('下書きを保存しました。');
    expect(edit.html).toContain('value="1200000"');
    expect((await p.api('GET', `/api/applications/${id}`, { user: 'company1' })).json).toMatchObject({ status: 'draft', requestedAmount: 1_200_000, budget: [{ item: '測量', amount: 700_000 }, { item: '地図作成', amount: 500_000 }] });

    const sub = await post(`/company/applications/${id}/edit`, 'company1', form({ action: 'submit' }));
    expect(sub.status).toBe(303);
    expect(sub.location).toBe(`/company/applications/${id}?done=submitted`);
    const view = await get(sub.location!, 'company1');
    expect(view.html).toContain('data-status="submitted"');
    expect(view.html).toContain('連携先の町の審査担当にお知らせしました');
    // Another company gets the ordinary 404 page, without the title; so does a town not named.
    for (const user of ['company-yokoze']) {
      const other = await get(`/company/applications/${id}`, user);
      expect(other.status).toBe(404);
      expect(other.html).not.toContain('森と町のデジタル地図');
    }
    const english = await get(`/review/applications/${id}`, 'reviewer-bandai', 'en');
    expect(english.html).toContain('<html lang="en"');
    expect(english.html).toContain('Record the review');
    expect((await get('/company/applications/new', 'company1', 'en')).html).toContain('Towns you want to work with');
  });

  it('refuses a bad 法人番号 on the profile page with the message next to the field', async () => {
    const r = await post('/company/profile', 'company1', [
      ['corporateNumber', '１０１１００１０１２３４５'],
      ['name', '株式会社共創テック'],
      ['nameKana', 'カブシキガイシャキョウソウテック'],
      ['headOfficeAddress', '東京都渋谷区渋谷2-1-1'],
      ['headOfficeTown', '131130'],
      ['contactName', '山田 花子'],
      ['contactEmail', 'hanako@kyoso-tech.example'],
    ]);
    expect(r.status).toBe(400);
    expect(r.html).toMatch(/data-error-for="corporateNumber"[^>]*>法人番号のチェックディジット/);
    expect((await p.api('GET', '/api/companies/me', { user: 'company1' })).json.corporateNumber).toBe('2011001012345');
  });
});

describe('reviewer workspace pages', () => {
  it('takes an application from the queue to a published challenge', async () => {
    const saved = await post('/company/applications/new', 'company1', form({ title: '審査ページで扱う提案', action: 'submit' }));
    const id = /\/company\/applications\/(app-[0-9a-f]+)\?done=submitted/.exec(saved.location ?? '')?.[1];
    expect(id, saved.html).toBeTruthy();

    const queue = await get('/review', 'reviewer-yokoze');
    expect(queue.status).toBe(200);
    expect(queue.html).toContain('審査ページで扱う提案');
    expect((await get('/review?status=adopted', 'reviewer-yokoze')).html).not.toContain('審査ページで扱う提案');

    const missing = await post(`/review/applications/${id}`, 'reviewer-yokoze', [['town', YOKOZE], ['publicAnswer', '']]);
    expect(missing.status).toBe(400);
    expect(missing.html).toMatch(/data-error-for="decision"/);
    expect(missing.html).toMatch(/data-error-for="publicAnswer"[^>]*>企業への回答/);

    const answer = (town: string): [string, string][] => [
      ['town', town],
      ['decision', 'accepted'],
      ['score-proposer', '4'],
      ['score-residents', '5'],
      ['score-town', '4'],
      ['publicAnswer', '採択します'],
      ['privateNote', `${town}の内部メモ`],
    ];
    expect((await post(`/review/applications/${id}`, 'reviewer-yokoze', answer(YOKOZE))).location).toBe(`/review/applications/${id}?done=reviewed`);
    // Bandai's reviewer cannot answer for Yokoze, and does not see Yokoze's private note.
    const wrong = await post(`/review/applications/${id}`, 'reviewer-bandai', answer(YOKOZE));
    expect(wrong.status).toBe(403);
    expect(wrong.html).not.toContain('data-private-note');
    expect((await post(`/review/applications/${id}`, 'reviewer-bandai', answer(BANDAI))).status).toBe(303);

    const page = await get(`/review/applications/${id}`, 'reviewer-yokoze');
    expect(page.html).toContain('data-status="adopted"');
    expect(page.html).toContain(`${YOKOZE}の内部メモ`);
    expect(page.html).not.toContain(`${BANDAI}の内部メモ`);

    const editor = await get(`/review/applications/${id}/challenge`, 'reviewer-yokoze');
    expect(editor.status).toBe(200);
    expect(editor.html).toContain('value="1200000"');
    const create = await post(`/review/applications/${id}/challenge`, 'reviewer-yokoze', [
      ['title', '森と町のデジタル地図をつくる'],
      ['summary', '森林をデジタル地図に'],
      ['description', '二つの町の森を測ります。'],
      ['towns', YOKOZE],
      ['towns', BANDAI],
      ['leadTown', YOKOZE],
      ['target', '1,200,000'],
      ['deadline', '2099-03-31'],
    ]);
    expect(create.location).toBe(`/review/applications/${id}/challenge?done=created`);
    const challengeId = (await p.api('GET', `/api/applications/${id}`, { user: 'company1' })).json.challengeId as string;
    expect((await get('/challenges', undefined)).html).not.toContain('森と町のデジタル地図をつくる');
    const pub = await post(`/review/challenges/${challengeId}/publish`, 'reviewer-yokoze', []);
    expect(pub.location).toBe(`/review/applications/${id}/challenge?done=published`);
    expect((await get('/challenges')).html).toContain('森と町のデジタル地図をつくる');

    // The operator posts a progress update from its page.
    const bad = await post(`/company/challenges/${challengeId}/updates`, 'company1', [['title', ''], ['date', '2099-01-01'], ['text', '']]);
    expect(bad.status).toBe(400);
    expect(bad.html).toMatch(/data-error-for="title"/);
    const upd = await post(`/company/challenges/${challengeId}/updates`, 'company1', [['title', '測量を始めました'], ['date', '2099-01-10'], ['text', '一回目の測量です。']]);
    expect(upd.location).toBe(`/company/challenges/${challengeId}/updates?done=posted`);
    expect((await get(upd.location!, 'company1')).html).toContain('測量を始めました');
    // ...and the public challenge page shows it.
    const publicPage = await get(`/challenges/${challengeId}`);
    expect(publicPage.html).toContain('測量を始めました');
    expect(publicPage.html).toContain('一回目の測量です。');
    expect((await get(`/company/challenges/${challengeId}/updates`, 'company-yokoze')).status).toBe(403);
  });
});
