/**
 * CSRF (issue 11, item 1): a state-changing page POST that a browser sends from another site (Origin or
 * Sec-Fetch-Site says so) is refused with 403 before any route runs, even with a valid session cookie, and
 * writes nothing; the app's own origin passes. The JSON API never takes the session cookie as
 * authentication for a write (a cookie-only write is refused, nothing written), while bearer tokens, guests'
 * public writes and the signed webhook keep working.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testPlatform } from '../support/platform.js';
import { body, paidDonation, snapshot, type Platform } from './donations-helpers.js';

const YOKOZE = '113611';
const DX = 'yokoze-bandai-dx';
const EVIL = 'http://evil.example';
const OWN = 'http://localhost:3000';

let p: Platform;
let paid: string;

const form = (f: Record<string, string>) => new URLSearchParams(f).toString();
const session = async (user: string) => `kf_session=${await p.tokenFor(user)}`;

async function post(path: string, user: string | undefined, fields: Record<string, string>, headers: Record<string, string>) {
  const h: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', ...headers };
  if (user) h.cookie = [await session(user), headers.cookie].filter(Boolean).join('; ');
  const res = await p.app.request(path, { method: 'POST', headers: h, body: form(fields) });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

const bank = { bankCode: '0001', bankNameKana: 'ミズホ', branchCode: '123', branchNameKana: 'ヨコゼ', accountType: 'ordinary', accountNumber: '7654321', requesterCode: '1234567890', requesterNameKana: 'ヨコゼマチ' };

/** The state-changing page routes the attack in issue 11 went through, each with the form a real user posts. */
function routes(): { name: string; path: string; user?: string; fields: Record<string, string> }[] {
  return [
    { name: 'refund', path: `/treasurer/donations/${paid}/refund`, user: 'treasurer-yokoze', fields: { reason: '寄附者の申し出', confirm: '1' } },
    { name: 'allocation approve', path: `/treasurer/allocations/alloc-x/approve?town=${YOKOZE}`, user: 'treasurer-yokoze-2', fields: {} },
    { name: 'disbursement approve', path: '/treasurer/disbursements/disb-x/approve', user: 'treasurer-yokoze', fields: {} },
    { name: 'bank account', path: `/treasurer/bank-account?town=${YOKOZE}`, user: 'treasurer-yokoze', fields: bank },
    {
      name: 'company profile',
      path: '/company/profile',
      user: 'company1',
      fields: { corporateNumber: '2011001012345', name: '株式会社共創テック', nameKana: 'カブシキガイシャキョウソウテック', headOfficeAddress: '東京都渋谷区渋谷2-1-1', headOfficeTown: '131130', contactName: '山田 花子', contactEmail: 'attacker@evil.example' },
    },
    { name: 'progress update', path: `/company/challenges/${DX}/updates`, user: 'company1', fields: { title: '乗っ取り', date: '2099-01-10', text: '偽の報告' } },
    { name: 'sign-out', path: '/auth/sign-out', user: 'donor1', fields: {} },
    { name: 'donation confirm', path: '/donate/confirm', user: 'donor1', fields: { challengeId: DX, amount: '5000' } },
    { name: 'donation (guest)', path: '/donate', fields: { challengeId: DX, amount: '5000', name: '寄附 太郎', email: 'guest@example.jp' } },
  ];
}

beforeAll(async () => {
  p = await testPlatform();
  paid = (await paidDonation(p, body({ amount: 5_000 }, { email: 'csrf@example.jp' }))).donationId;
});

describe('page POSTs from another site', () => {
  it('Origin: http://evil.example with a valid session cookie → 403 csrf_refused on every route, nothing written', async () => {
    const before = await snapshot(p.db);
    for (const r of routes()) {
      const res = await post(r.path, r.user, r.fields, { origin: EVIL });
      expect(res.status, r.name).toBe(403);
      expect(JSON.parse(res.text).error.code, r.name).toBe('csrf_refused');
      expect(res.headers.get('set-cookie'), r.name).toBeNull();
    }
    expect(await snapshot(p.db)).toEqual(before);
    expect((await p.api('GET', `/api/donations/${paid}`, { user: 'admin' })).json.status).toBe('paid');
  });

  it('Sec-Fetch-Site: cross-site (or same-site) without Origin is refused too; Origin "null" is refused', async () => {
    const before = await snapshot(p.db);
    for (const r of routes()) {
      for (const headers of [{ 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { origin: 'null' }, { origin: EVIL, 'sec-fetch-site': 'cross-site' }] as Record<string, string>[]) {
        expect((await post(r.path, r.user, r.fields, headers)).status, `${r.name} ${JSON.stringify(headers)}`).toBe(403);
      }
    }
    expect(await snapshot(p.db)).toEqual(before);
  });

  it('a browser (Accept: text/html) gets the 403 page in its language', async () => {
    const res = await post(`/treasurer/bank-account?town=${YOKOZE}`, 'treasurer-yokoze', bank, { origin: EVIL, accept: 'text/html,application/xhtml+xml', cookie: 'lang=en' });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.text).toContain('data-refused="csrf"');
    expect(res.text).toContain('This request came from another site and was refused.');
  });

  it('the app’s own origin (Origin or Sec-Fetch-Site: same-origin) passes', async () => {
    const own = await post(`/treasurer/bank-account?town=${YOKOZE}`, 'treasurer-yokoze', bank, { origin: OWN });
    expect(own.status).toBe(303);
    expect((await p.api('GET', `/api/towns/${YOKOZE}/bank-account`, { user: 'treasurer-yokoze' })).json.bankNameKana).toBe('ﾐｽﾞﾎ');
    const fetchSite = await post('/auth/sign-out', 'donor1', {}, { 'sec-fetch-site': 'same-origin' });
    expect(fetchSite.status).toBe(303);
    expect(fetchSite.headers.get('set-cookie')).toMatch(/kf_session=;/);
  });
});

describe('the JSON API and the session cookie', () => {
  it('a write authenticated only by the session cookie is refused (401) and writes nothing; a read still works', async () => {
    const cookie = await session('treasurer-yokoze');
    const before = await snapshot(p.db);
    const put = await p.app.request(`/api/towns/${YOKOZE}/bank-account`, { method: 'PUT', headers: { cookie, 'content-type': 'application/json', origin: EVIL }, body: JSON.stringify({ ...bank, bankNameKana: 'ｱｸﾄｳ' }) });
    expect(put.status).toBe(401);
    expect(((await put.json()) as any).error.code).toBe('unauthorized');
    const refund = await p.app.request(`/api/donations/${paid}/refund`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ reason: 'x' }) });
    expect(refund.status).toBe(401);
    expect(await snapshot(p.db)).toEqual(before);
    const read = await p.app.request(`/api/towns/${YOKOZE}/bank-account`, { headers: { cookie } });
    expect(read.status).toBe(200);
  });

  it('bearer writes, a guest’s public donation with a cookie present, and the simulator keep working', async () => {
    const put = await p.api('PUT', `/api/towns/${YOKOZE}/bank-account`, { user: 'treasurer-yokoze', body: bank });
    expect(put.status).toBe(200);
    const cookie = await session('donor1');
    const guest = await p.app.request('/api/donations', { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body({ amount: 3_000 }, { email: 'guest-api@example.jp' })) });
    expect(guest.status).toBe(201);
    const sim = await p.app.request('/api/simulator/deduction', { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ salary: 5_000_000 }) });
    expect(sim.status).toBeLessThan(500);
    expect(sim.status).not.toBe(401);
  });
});
