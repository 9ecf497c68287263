/**
 * The donation pages without client JavaScript: challenge page form → confirm (one-stop count and warning)
 * → checkout redirect; refusals next to their field in Japanese or English, writing nothing; thank-you,
 * my donations, the treasurer's one-stop list.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { donationToken } from '../../functions/services/donation-links.js';
import { townCheckDigit } from '../../functions/domain/municipality.js';
import { LOCAL_DONATION_LINK_SECRET } from '../../functions/payments/config.js';
import { putFund, putTown } from '../../functions/store/catalog.js';
import { getDonation } from '../../functions/store/donations.js';
import { testPlatform } from '../support/platform.js';
import { body, donate, emulate, listAllDonations, paidDonation, snapshot, type Platform } from './donations-helpers.js';

let p: Platform;
beforeAll(async () => {
  p = await testPlatform();
});

const form = (over: Record<string, string> = {}) =>
  new URLSearchParams({
    challengeId: 'yokoze-bandai-dx',
    amount: '10,000',
    receivingTown: '074071',
    name: '頁 太郎',
    nameKana: 'ぺーじ たろう',
    email: 'page@example.jp',
    postalCode: '969-3392',
    address: '福島県耶麻郡磐梯町大字磐梯字中ノ橋1855',
    oneStop: '1',
    ...over,
  });

async function post(path: string, data: URLSearchParams, opts: { cookie?: string; lang?: 'ja' | 'en' } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.lang) headers.cookie = [headers.cookie, `lang=${opts.lang}`].filter(Boolean).join('; ');
  const res = await p.app.request(path, { method: 'POST', headers, body: data.toString() });
  return { status: res.status, location: res.headers.get('location'), text: await res.text() };
}

async function get(path: string, cookie?: string) {
  const res = await p.app.request(path, { headers: cookie ? { cookie } : {} });
  return { status: res.status, location: res.headers.get('location'), text: await res.text() };
}

const session = async (user: string) => `kf_session=${await p.tokenFor(user)}`;
const hidden = (html: string) =>
  new URLSearchParams([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)].map((m): [string, string] => [m[1]!, m[2]!.replace(/&amp;/g, '&')]));

describe('donating from the challenge page', () => {
  it('the challenge page carries the form, with the towns by name and the lead town first', async () => {
    const r = await get('/challenges/yokoze-bandai-dx');
    expect(r.status).toBe(200);
    expect(r.text).toContain('id="donate"');
    expect(r.text).toContain('action="/donate/confirm"');
    expect(r.text).toMatch(/<option value="113611" selected="">横瀬町 \(主幹\)<\/option><option value="074071">磐梯町<\/option>/);
    const closed = await get('/challenges/yokoze-ashigakubo-icicles');
    expect(closed.text).not.toContain('action="/donate/confirm"');
  });

  it('refusals come back next to their field, in Japanese, and nothing is written', async () => {
    const before = await snapshot(p.db);
    const r = await post('/donate/confirm', form({ amount: '1500', nameKana: 'Page Taro', postalCode: '96-3392' }));
    expect(r.status).toBe(400);
    expect(r.text).toContain('入力内容を確認してください');
    expect(r.text).toMatch(/data-field="amount">.*寄附金額は2,000円以上で入力してください/s);
    expect(r.text).toMatch(/data-field="nameKana">.*フリガナはカタカナ/s);
    expect(r.text).toMatch(/data-field="postalCode">.*郵便番号は7桁/s);
    // What the donor typed is kept.
    expect(r.text).toContain('value="Page Taro"');
    expect(await snapshot(p.db)).toEqual(before);
  });

  it('in English when the donor chose English', async () => {
    const r = await post('/donate/confirm', form({ amount: '1500' }), { lang: 'en' });
    expect(r.status).toBe(400);
    expect(r.text).toContain('the amount must be at least ¥2,000');
  });

  it('a My Number in any field is refused, never echoed, nothing written', async () => {
    const before = await snapshot(p.db);
    const r = await post('/donate/confirm', form({ address: '磐梯町1855 123456789012' }));
    expect(r.status).toBe(400);
    expect(r.text).toContain('マイナンバー(個人番号・12桁)は送信しないでください');
    expect(r.text).not.toContain('123456789012');
    const extra = await post('/donate/confirm', form({ myNumber: '1234 5678 9012' }));
    expect(extra.status).toBe(400);
    expect(await snapshot(p.db)).toEqual(before);
  });

  it('a closed challenge is refused on the form page', async () => {
    const r = await post('/donate/confirm', form({ challengeId: 'yokoze-ashigakubo-icicles', receivingTown: '113611' }));
    expect(r.status).toBe(422);
    expect(r.text).toContain('このチャレンジは現在寄附を受け付けていません');
  });

  it('confirm shows the one-stop count; paying creates one donation and goes to checkout, even if pressed twice', async () => {
    // The count is shown only to a signed-in donor giving as their own account (donation-privacy.test.ts).
    const confirm = await post('/donate/confirm', form({ email: 'donor1@example.jp' }), { cookie: await session('donor1') });
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('寄附内容の確認');
    expect(confirm.text).toContain('¥10,000');
    expect(confirm.text).toContain('磐梯町');
    expect(confirm.text).toContain('data-count="0" data-projected="1" data-exceeds="false"');
    const fields = hidden(confirm.text.slice(confirm.text.indexOf('action="/donate"')));
    expect(fields.get('nameKana')).toBe('ページ タロウ');
    expect(fields.get('postalCode')).toBe('9693392');
    expect(fields.get('idempotencyKey')).toMatch(/^[0-9a-f-]{36}$/);

    const count = (await listAllDonations(p.db)).length;
    const pay = await post('/donate', fields);
    expect(pay.status).toBe(303);
    expect(pay.location).toMatch(/\/dev\/checkout\/cs_emu_\w+$/);
    const twice = await post('/donate', fields);
    expect(twice.location).toBe(pay.location);
    expect((await listAllDonations(p.db)).length).toBe(count + 1);

    const emulator = await get(new URL(pay.location!).pathname);
    expect(emulator.status).toBe(200);
    expect(emulator.text).toContain('¥10,000');
    expect(emulator.text).toContain('data-action="card"');
    expect(emulator.text).toContain('data-action="konbini"');
    expect(emulator.text).toContain('data-action="expire"');
  });

  it('warns clearly when the donation would be the sixth municipality this year', async () => {
    const extra = ['13101', '27100', '01100'].map((b) => `${b}${townCheckDigit(b)}`);
    for (const code of extra) await putTown(p.db, { code, name: `町${code}`, nameEn: `Town ${code}`, prefecture: '', prefectureEn: '', postalCode: '100-0001', address: 'x', mayor: '町長', corporateNumber: '', description: '', descriptionEn: '' });
    await putFund(p.db, { id: 'wide', name: '広い基金', nameEn: 'Wide', description: '', descriptionEn: '', members: ['113611', '074071', '325252', ...extra], governance: { rule: 'all_drawn' } });
    // The donor is signed in and gives as their own account (a typed address alone gets no count: donation-privacy.test.ts).
    for (const town of ['113611', '074071', '325252', extra[0]!, extra[1]!]) await paidDonation(p, body({ challengeId: undefined, fundId: 'wide', receivingTown: town, amount: 2_000 }, { email: 'donor2@example.com' }), { user: 'donor2' });
    const f = form({ email: 'donor2@example.com', receivingTown: extra[2]! });
    f.delete('challengeId');
    f.set('fundId', 'wide');
    const cookie = await session('donor2');
    const r = await post('/donate/confirm', f, { cookie });
    expect(r.status).toBe(200);
    expect(r.text).toContain('data-count="5" data-projected="6" data-exceeds="true"');
    expect(r.text).toContain('5団体を超えます');
    expect(r.text).toContain('role="alert"');
    const en = await post('/donate/confirm', f, { cookie, lang: 'en' });
    expect(en.text).toContain('more than 5');
  });

  it('the form for a fund lists its member towns', async () => {
    const r = await get('/donate?fundId=kyoso-kikin');
    expect(r.status).toBe(200);
    expect(r.text).toContain('name="fundId" value="kyoso-kikin"');
    for (const town of ['横瀬町', '磐梯町', '海士町']) expect(r.text).toContain(town);
    expect((await get('/donate?challengeId=nope')).status).toBe(404);
    const fundPage = await get('/funds/kyoso-kikin');
    expect(fundPage.text).toContain('name="fundId" value="kyoso-kikin"');
    expect(fundPage.text).toContain('action="/donate/confirm"');
  });
});

describe('after paying', () => {
  it('the thank-you page (signed link) shows the status, the receipt and the one-stop form', async () => {
    const d = await donate(p, body({ amount: 6_000 }, { email: 'thanks@example.jp' }));
    await emulate(p, d.checkoutUrl, 'konbini');
    const mailLink = await thanksLink(d.donationId);
    const pending = await get(mailLink);
    expect(pending.status).toBe(200);
    expect(pending.text).toContain('data-status="pending"');
    expect(pending.text).toContain('コンビニでのお支払いを待っています');
    expect(pending.text).not.toContain('data-link="receipt"');

    await emulate(p, d.checkoutUrl, 'konbini/pay');
    const paid = await get(mailLink);
    expect(paid.text).toContain('data-status="paid"');
    expect(paid.text).toContain('data-link="receipt"');
    expect(paid.text).toContain('data-link="one-stop-form"');
    const receiptHref = /href="([^"]+)" data-link="receipt"/.exec(paid.text)![1]!.replace(/&amp;/g, '&');
    const receipt = await get(receiptHref);
    expect(receipt.status).toBe(200);
    expect(receipt.text).toContain('寄附金受領証明書');

    const noToken = await get(`/donations/${d.donationId}/thanks`);
    expect(noToken.status).toBe(303);
    expect(noToken.location).toMatch(/^\/auth\/sign-in\?next=/);
    expect((await get(`/donations/${d.donationId}/thanks?t=forged`, await session('donor2'))).status).toBe(403);
  });

  it('my donations lists what a signed-in donor gave, with receipts; guests are sent to sign in', async () => {
    const cookie = await session('donor1');
    const d = await paidDonation(p, body({ amount: 8_800 }, { email: 'donor1@example.jp' }), { user: 'donor1' });
    const r = await get('/me/donations', cookie);
    expect(r.status).toBe(200);
    expect(r.text).toContain(`data-donation="${d.donationId}" data-status="paid"`);
    expect(r.text).toContain('¥8,800');
    expect(r.text).toMatch(/data-link="receipt"/);
    expect(r.text).toContain('ワンストップ特例');
    const guest = await get('/me/donations');
    expect(guest.status).toBe(303);
    expect(guest.location).toBe('/auth/sign-in?next=%2Fme%2Fdonations');
  });

  it('the treasurer’s one-stop page lists requests and marks a form received', async () => {
    const d = await paidDonation(p, body({ amount: 4_400 }, { email: 'desk@example.jp', name: '窓口 次郎', nameKana: 'マドグチ ジロウ' }));
    const year = (await getDonation(p.db, d.donationId))!.paidDate!.slice(0, 4);
    const cookie = await session('treasurer-yokoze');
    const list = await get(`/treasurer/one-stop?town=113611&year=${year}`, cookie);
    expect(list.status).toBe(200);
    expect(list.text).toContain('窓口 次郎');
    expect(list.text).toContain(`/api/towns/113611/one-stop.csv?year=${year}`);
    const mark = await post(`/treasurer/one-stop/${d.donationId}/received`, new URLSearchParams(), { cookie });
    expect(mark.status).toBe(303);
    expect((await getDonation(p.db, d.donationId))!.oneStopReceivedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await get('/treasurer/one-stop', await session('donor1'))).status).toBe(403);
    expect((await post(`/treasurer/one-stop/${d.donationId}/received`, new URLSearchParams(), { cookie: await session('treasurer-bandai') })).status).toBe(403);
  });
});

/** The thank-you link as the donor gets it (the checkout's success URL), without the host. */
async function thanksLink(donationId: string): Promise<string> {
  return `/donations/${donationId}/thanks?t=${donationToken(LOCAL_DONATION_LINK_SECRET, donationId)}`;
}
