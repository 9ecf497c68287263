/**
 * The public pages, rendered by the real app on DynamoDB Local: language choice, the toggle's redirect
 * safety, what the challenge/fund/town pages show, the public ledger's privacy, and the stylesheet.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { accounts } from '../../functions/domain/ledger/accounts.js';
import { transfer } from '../../functions/domain/ledger/entry.js';
import { toWareki } from '../../functions/domain/jst.js';
import { postEntry } from '../../functions/store/ledger.js';
import { DaysLeft } from '../../web/components/days-left.js';
import { formatDate } from '../../web/components/date.js';
import { ProgressBar } from '../../web/components/progress-bar.js';
import { t } from '../../functions/i18n/index.js';
import { testPlatform } from '../support/platform.js';

type Platform = Awaited<ReturnType<typeof testPlatform>>;

async function get(p: Platform, path: string, headers: Record<string, string> = {}) {
  const res = await p.app.request(path, { headers });
  return { status: res.status, headers: res.headers, html: await res.text() };
}

const OPEN_TITLES = ['横瀬×磐梯 スマート観光DX', '武甲山のふもと 森のがっこう', '慧日寺跡 デジタルアーカイブ', '海士町 島留学の寮をつくる'];
const CLOSED_TITLE = 'あしがくぼの氷柱 ライトアップ';

describe('public pages', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await testPlatform();
  });

  it('renders the home page in Japanese by default, with the open challenges and progress bars', async () => {
    const r = await get(p, '/');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    expect(r.html).toMatch(/^<!DOCTYPE html>/);
    expect(r.html).toContain('<html lang="ja">');
    expect(r.html).toContain('name="viewport"');
    expect(r.html).toMatch(/<title>共創ファンド \| [^<]+<\/title>/);
    for (const title of OPEN_TITLES) expect(r.html).toContain(title);
    expect(r.html).not.toContain(CLOSED_TITLE);
    expect(r.html).toMatch(/role="progressbar"[^>]*aria-valuenow="0"/);
    expect(r.html).toContain('支援者数');
    expect(r.html).toMatch(/あと\d+日/);
    // The pooled fund summary and the towns, by name.
    expect(r.html).toContain('広域共創基金');
    expect(r.html).toContain('¥9,000,000');
    for (const town of ['横瀬町', '磐梯町', '海士町']) expect(r.html).toContain(town);
    // Works without client JavaScript: no scripts at all.
    expect(r.html).not.toMatch(/<script/i);
    // No inline styles either, so a strict Content-Security-Policy can be switched on without breaking pages.
    expect(r.html).not.toMatch(/\sstyle="/);
    expect(r.headers.get('content-language')).toBe('ja');
    expect(r.headers.get('vary')).toMatch(/Accept-Language/);
  });

  it('shows a visible language toggle and a sign-in link that both come back to this page', async () => {
    const r = await get(p, '/challenges?town=113611');
    expect(r.html).toContain('href="/lang/en?back=%2Fchallenges%3Ftown%3D113611"');
    expect(r.html).toContain('href="/lang/ja?back=%2Fchallenges%3Ftown%3D113611"');
    expect(r.html).toContain('>English</a>');
    expect(r.html).toContain('>日本語</a>');
    expect(r.html).toContain('href="/auth/sign-in?next=%2Fchallenges%3Ftown%3D113611"');
    for (const label of ['チャレンジ一覧', '基金', '町', '寄附控除シミュレーター', 'サインイン']) expect(r.html).toContain(`>${label}</a>`);
    expect(r.html).toContain('href="/simulator"');
  });

  it('serves English for Accept-Language: en', async () => {
    const r = await get(p, '/', { 'accept-language': 'en-US,en;q=0.9' });
    expect(r.html).toContain('<html lang="en">');
    expect(r.html).toContain('Yokoze × Bandai smart tourism DX');
    expect(r.html).toContain('Open challenges');
    expect(r.html).toContain('Wide-Area Co-Creation Fund');
    expect(r.html).toMatch(/\d+ days left/);
    expect(r.html).toContain('Supporters');
    expect(r.headers.get('content-language')).toBe('en');
  });

  it('lets the lang cookie win over Accept-Language, both ways', async () => {
    const en = await get(p, '/', { 'accept-language': 'ja', cookie: 'lang=en' });
    expect(en.html).toContain('<html lang="en">');
    const ja = await get(p, '/', { 'accept-language': 'en', cookie: 'lang=ja' });
    expect(ja.html).toContain('<html lang="ja">');
  });

  it('sets the lang cookie for a year and redirects back to a same-site path', async () => {
    const res = await p.app.request('/lang/en?back=' + encodeURIComponent('/challenges?town=113611'));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/challenges?town=113611');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^lang=en;/);
    expect(cookie).toMatch(/Max-Age=31536000/);
    expect(cookie).toMatch(/Path=\//);
    const back = await p.app.request('/lang/ja?back=%2F');
    expect(back.headers.get('set-cookie')).toMatch(/^lang=ja;/);
  });

  it('refuses off-site back targets and unknown languages', async () => {
    for (const back of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)', '']) {
      const res = await p.app.request(`/lang/en?back=${encodeURIComponent(back)}`);
      expect(res.status, back).toBe(303);
      expect(res.headers.get('location'), back).toBe('/');
    }
    const res = await p.app.request('/lang/fr?back=%2F');
    expect(res.status).toBe(404);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('shows a challenge with its towns (lead marked), operator, 和暦 deadline, donate slot and public ledger', async () => {
    const api = await p.api('GET', '/api/challenges/yokoze-bandai-dx');
    const deadline = api.json.deadline as string;
    const r = await get(p, '/challenges/yokoze-bandai-dx');
    expect(r.status).toBe(200);
    expect(r.html).toContain('<title>横瀬×磐梯 スマート観光DX | 共創ファンド</title>');
    expect(r.html).toContain('二つの町の観光案内と交通');
    expect(r.html).toMatch(/横瀬町<span class="lead-mark">主幹<\/span>/);
    expect(r.html).toContain('磐梯町');
    expect(r.html).toContain('運営: company1');
    expect(r.html).toContain(`datetime="${deadline}"`);
    expect(r.html).toContain(toWareki(deadline));
    expect(toWareki(deadline)).toMatch(/^令和/);
    expect(r.html).toContain('募集中');
    expect(r.html).toContain('¥5,000,000');
    // The donation section fills web/components/donate-slot.tsx; the page only promises where it goes.
    expect(r.html).toMatch(/<section id="donate"[^>]*>/);
    expect(r.html).toContain('href="#donate"');
    expect(r.html).toContain('公開台帳');
    expect(r.html).toContain('まだ入出金はありません');
  });

  it('shows the challenge in English with an English date', async () => {
    const api = await p.api('GET', '/api/challenges/yokoze-bandai-dx');
    const r = await get(p, '/challenges/yokoze-bandai-dx', { cookie: 'lang=en' });
    expect(r.html).toContain('<title>Yokoze × Bandai smart tourism DX | Kyoso Fund</title>');
    expect(r.html).toContain(formatDate('en', api.json.deadline));
    expect(r.html).toMatch(/Yokoze<span class="lead-mark">Lead<\/span>/);
    expect(r.html).toContain('Operator: company1');
    expect(r.html).toContain('Support with a donation');
  });

  it('marks a closed challenge as closed', async () => {
    const r = await get(p, '/challenges/yokoze-ashigakubo-icicles');
    expect(r.status).toBe(200);
    expect(r.html).toContain('<span class="days closed">募集終了</span>');
    expect(r.html).not.toContain('href="#donate"');
  });

  it('filters the challenge list with a GET form', async () => {
    const all = await get(p, '/challenges');
    for (const title of [...OPEN_TITLES, CLOSED_TITLE]) expect(all.html).toContain(title);
    expect(all.html).toContain('<form class="filters" method="get" action="/challenges"');

    const ama = await get(p, '/challenges?town=325252&status=open');
    expect(ama.html).toContain('海士町 島留学の寮をつくる');
    for (const title of OPEN_TITLES.filter((x) => !x.startsWith('海士町'))) expect(ama.html).not.toContain(title);
    expect(ama.html).toMatch(/<option value="325252" selected="">/);

    const closed = await get(p, '/challenges?status=closed');
    expect(closed.html).toContain(CLOSED_TITLE);
    expect(closed.html).not.toContain(OPEN_TITLES[0]);

    const keyword = await get(p, '/challenges?q=' + encodeURIComponent('森'));
    expect(keyword.html).toContain('武甲山のふもと 森のがっこう');
    expect(keyword.html).not.toContain('慧日寺跡 デジタルアーカイブ');

    // Nonsense filter values are ignored rather than answered with an error page.
    const bogus = await get(p, '/challenges?town=999999&status=draft');
    expect(bogus.status).toBe(200);
    for (const title of OPEN_TITLES) expect(bogus.html).toContain(title);
  });

  it('shows the pooled fund: ¥3,000,000 per town share, the rule in words, and each share’s ledger', async () => {
    const r = await get(p, '/funds/kyoso-kikin');
    expect(r.status).toBe(200);
    expect(r.html).toContain('<title>広域共創基金 | 共創ファンド</title>');
    expect(r.html.match(/¥3,000,000/g)?.length).toBeGreaterThanOrEqual(3);
    expect(r.html).toContain('¥9,000,000');
    expect(r.html).toContain('持分を拠出するすべての町の会計管理者の承認が必要です');
    for (const town of ['横瀬町の持分', '磐梯町の持分', '海士町の持分']) expect(r.html).toContain(town);
    expect(r.html.match(/期首残高/g)?.length).toBe(3);
    expect(r.html).toContain('+¥3,000,000');
    // The memo is internal; only the channel is shown in words.
    expect(r.html).not.toContain('opening balance');
    const list = await get(p, '/funds');
    expect(list.html).toContain('href="/funds/kyoso-kikin"');
  });

  it('shows a town with its prefecture, address, challenges and fund share', async () => {
    const r = await get(p, '/towns/325252');
    expect(r.status).toBe(200);
    expect(r.html).toContain('<title>海士町 | 共創ファンド</title>');
    expect(r.html).toContain('島根県');
    expect(r.html).toContain('島根県隠岐郡海士町大字海士1490');
    expect(r.html).toContain('海士町 島留学の寮をつくる');
    expect(r.html).not.toContain('武甲山のふもと');
    expect(r.html).toContain('広域共創基金');
    expect(r.html).toContain('¥3,000,000');
    const towns = await get(p, '/towns');
    for (const code of ['113611', '074071', '325252']) expect(towns.html).toContain(`href="/towns/${code}"`);
  });

  it('answers unknown ids with a bilingual HTML 404', async () => {
    for (const path of ['/challenges/no-such-challenge', '/funds/nope', '/towns/999999', '/towns/abc']) {
      const r = await get(p, path);
      expect(r.status, path).toBe(404);
      expect(r.headers.get('content-type')).toMatch(/^text\/html/);
      expect(r.html).toContain('ページが見つかりません');
      expect(r.html).toContain('Page not found');
    }
    const en = await get(p, '/challenges/no-such-challenge', { cookie: 'lang=en' });
    expect(en.html).toContain('<html lang="en">');
    expect(en.html).toContain('<title>Page not found | Kyoso Fund</title>');
  });

  it('shows the signed-in user with a sign-out form', async () => {
    const token = await p.tokenFor('donor1');
    const r = await get(p, '/', { cookie: `kf_session=${token}` });
    expect(r.html).toContain('寄附 一郎 さん');
    expect(r.html).toContain('<form method="post" action="/auth/sign-out">');
    expect(r.html).not.toContain('href="/auth/sign-in');
  });

  it('serves the stylesheet under a content-hashed URL with a long cache and an ETag', async () => {
    const home = await get(p, '/');
    const href = /<link rel="stylesheet" href="([^"]+)"/.exec(home.html)?.[1];
    expect(href).toMatch(/^\/assets\/app\.css\?v=[0-9a-f]{12}$/);
    const res = await p.app.request(href!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/css/);
    expect(res.headers.get('cache-control')).toMatch(/max-age=31536000/);
    const css = await res.text();
    expect(css).toContain('@media print');
    expect(css).toContain(':focus-visible');
    expect(css).not.toMatch(/@import|url\(\s*['"]?https?:/);
    const etag = res.headers.get('etag')!;
    expect(etag).toBeTruthy();
    const again = await p.app.request('/assets/app.css', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });
});

describe('public ledger on a challenge with donations', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await testPlatform();
    const id = 'yokoze-forest-school';
    const base = { channel: 'individual' as const, town: '113611' };
    await postEntry(p.db, transfer({ ...base, id: 'test:named', date: '2026-04-10', memo: 'internal memo A', counterpart: '森 好子' }, accounts.clearing('113611'), accounts.challengeAvailable(id), 10_000));
    await postEntry(p.db, transfer({ ...base, id: 'test:anonymous', date: '2026-05-02', memo: 'internal memo B' }, accounts.clearing('113611'), accounts.challengeAvailable(id), 5_000));
    await postEntry(p.db, transfer({ ...base, id: 'test:markup', date: '2026-05-03', memo: 'm', counterpart: '<b>Bold</b>' }, accounts.clearing('113611'), accounts.challengeAvailable(id), 2_000));
  });

  it('shows raised money and supporters from the ledger', async () => {
    const r = await get(p, '/challenges/yokoze-forest-school');
    expect(r.html).toContain('¥17,000');
    expect(r.html).toMatch(/role="progressbar"[^>]*aria-valuenow="0"/); // ¥17,000 of ¥2,000,000 floors to 0%
    expect(r.html).toContain('3人');
  });

  it('lists movements by month and town, naming only donors who allowed it', async () => {
    const r = await get(p, '/challenges/yokoze-forest-school');
    expect(r.html).toContain('2026年5月');
    expect(r.html).toContain('2026年4月');
    expect(r.html).toContain('2026年4月10日');
    expect(r.html).toContain('+¥10,000');
    expect(r.html).toContain('+¥5,000');
    expect(r.html.match(/個人の寄附/g)?.length).toBe(3);
    expect(r.html).toContain('森 好子');
    // A donor-chosen display name is text, never markup.
    expect(r.html).toContain('&lt;b&gt;Bold&lt;/b&gt;');
    expect(r.html).not.toContain('<b>Bold</b>');
    expect(r.html).not.toContain('internal memo');
    expect(r.html).not.toContain('test:anonymous');
  });
});

describe('components', () => {
  it('progress bar past 100% keeps aria-valuenow in range and says the real percent', () => {
    const html = String(ProgressBar({ lang: 'ja', raised: 6_000_000, target: 5_000_000, percent: 120 }));
    expect(html).toContain('aria-valuenow="100"');
    expect(html).toContain('120%');
    expect(html).toContain('目標達成');
    expect(html).toContain('aria-valuetext="¥6,000,000(目標 ¥5,000,000)・120%"');
  });

  it('days-left badge: counts down, last day, closed', () => {
    expect(String(DaysLeft({ lang: 'ja', status: 'open', daysLeft: 12 }))).toContain('あと12日');
    expect(String(DaysLeft({ lang: 'en', status: 'open', daysLeft: 12 }))).toContain('12 days left');
    expect(String(DaysLeft({ lang: 'en', status: 'open', daysLeft: 1 }))).toContain('1 day left');
    expect(String(DaysLeft({ lang: 'ja', status: 'open', daysLeft: 0 }))).toContain('本日最終日');
    expect(String(DaysLeft({ lang: 'ja', status: 'closed', daysLeft: 5 }))).toContain('募集終了');
    expect(String(DaysLeft({ lang: 'ja', status: 'open', daysLeft: -1 }))).toContain('募集終了');
  });

  it('formats JST dates per language', () => {
    expect(formatDate('ja', '2026-11-28')).toBe('2026年11月28日');
    expect(formatDate('en', '2026-11-28')).toBe('28 Nov 2026');
    expect(t('en', 'challenge.operator', { id: 'company1' })).toBe('Operator: company1');
  });
});
