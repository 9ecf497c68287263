/**
 * The confirm page's one-stop count is someone's giving history: it is shown only to a signed-in donor giving
 * as their own account (the session's email), never for an address typed by a guest or by someone else.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { townCheckDigit } from '../../functions/domain/municipality.js';
import { putFund, putTown } from '../../functions/store/catalog.js';
import { testPlatform } from '../support/platform.js';
import { body, paidDonation, type Platform } from './donations-helpers.js';

let p: Platform;
const extra = ['13101', '27100', '01100'].map((b) => `${b}${townCheckDigit(b)}`);
// donor2's account email: the victim has given to five towns this year, as donor2 and as a guest with that address.
const victim = 'donor2@example.com';

beforeAll(async () => {
  p = await testPlatform();
  for (const code of extra) await putTown(p.db, { code, name: `町${code}`, nameEn: `Town ${code}`, prefecture: '', prefectureEn: '', postalCode: '100-0001', address: 'x', mayor: '町長', corporateNumber: '', description: '', descriptionEn: '' });
  await putFund(p.db, { id: 'wide', name: '広い基金', nameEn: 'Wide', description: '', descriptionEn: '', members: ['113611', '074071', '325252', ...extra], governance: { rule: 'all_drawn' } });
  const towns = ['113611', '074071', '325252', extra[0]!, extra[1]!];
  for (const [i, town] of towns.entries()) {
    await paidDonation(p, body({ challengeId: undefined, fundId: 'wide', receivingTown: town, amount: 2_000 }, { email: victim }), i % 2 ? { user: 'donor2' } : {});
  }
});

const form = (email: string) =>
  new URLSearchParams({ fundId: 'wide', amount: '3000', receivingTown: extra[2]!, name: '他人 花子', nameKana: 'たにん はなこ', email, postalCode: '100-0001', address: '東京都千代田区1-1', oneStop: '1' });

async function confirm(email: string, user?: string, lang?: 'en') {
  const cookie = [user ? `kf_session=${await p.tokenFor(user)}` : '', lang ? `lang=${lang}` : ''].filter(Boolean).join('; ');
  const res = await p.app.request('/donate/confirm', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) }, body: form(email).toString() });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return text;
}

/** Nothing on the page tells how many towns anyone has given to. */
function expectNoCount(html: string) {
  expect(html).toContain('data-count="hidden"');
  expect(html).not.toMatch(/data-count="\d/);
  expect(html).not.toContain('data-projected');
  expect(html).not.toContain('年にこれまで寄附した自治体');
  expect(html).not.toContain('Municipalities you have given to in');
  expect(html).not.toContain('5団体を超えます');
  expect(html).not.toContain('more than 5');
  expect(html).not.toContain('role="alert"');
}

describe('the one-stop count on the confirm page', () => {
  it('a guest typing someone else’s email sees no count and no warning (ja and en)', async () => {
    const ja = await confirm(victim);
    expectNoCount(ja);
    expect(ja).toContain('サインインしたご本人のアカウント');
    expectNoCount(await confirm(victim, undefined, 'en'));
    // The address in capitals does not get round it either.
    expectNoCount(await confirm('DONOR2@EXAMPLE.COM'));
  });

  it('a different signed-in donor typing that email sees none', async () => {
    expectNoCount(await confirm(victim, 'donor1'));
    expectNoCount(await confirm(victim, 'donor1', 'en'));
  });

  it('the account holder, signed in, sees their own count and the sixth-town warning', async () => {
    const own = await confirm(victim, 'donor2');
    expect(own).toContain('data-count="5" data-projected="6" data-exceeds="true"');
    expect(own).toContain('5団体を超えます');
    // Signed in but giving under another address: no count for that address, none for the account either.
    expectNoCount(await confirm('someone@example.jp', 'donor2'));
    // donor1's own (empty) history is theirs to see.
    expect(await confirm('donor1@example.jp', 'donor1')).toContain('data-count="0" data-projected="1" data-exceeds="false"');
  });
});
