/**
 * The corporate-version pages without a browser: forms post and redirect, refusals are re-rendered next
 * to their field in the reader's language, the treasurer confirms a transfer, and who may see which page.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { jstDate } from '../../functions/domain/jst.js';
import { listPledges } from '../../functions/store/pledges.js';
import { testPlatform } from '../support/platform.js';

const BANDAI = '074071';
const YOKOZE = '113611';

let p: Awaited<ReturnType<typeof testPlatform>>;
beforeAll(async () => {
  p = await testPlatform();
});

async function page(method: 'GET' | 'POST', path: string, opts: { user?: string; form?: Record<string, string | string[]>; lang?: 'ja' | 'en' } = {}) {
  const headers: Record<string, string> = {};
  if (opts.user) headers.authorization = `Bearer ${await p.tokenFor(opts.user)}`;
  if (opts.lang) headers.cookie = `lang=${opts.lang}`;
  let body: string | undefined;
  if (opts.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(opts.form)) for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
    body = params.toString();
  }
  const res = await p.app.request(path, { method, headers, body, redirect: 'manual' });
  return { status: res.status, text: await res.text(), location: res.headers.get('location') ?? '' };
}

const nonce = () => Math.random().toString(16).slice(2).padEnd(24, '0').slice(0, 24);
const form = (over: Record<string, string> = {}) => ({ nonce: nonce(), challengeId: 'yokoze-bandai-dx', receivingTown: BANDAI, amount: '1,000,000', noEconomicBenefit: 'true', discloseName: 'true', discloseAmount: 'true', ...over });

describe('company pages', () => {
  it('sends a signed-out visitor to sign in', async () => {
    const r = await page('GET', '/company/pledges');
    expect(r.status).toBe(303);
    expect(r.location).toBe('/auth/sign-in?next=%2Fcompany%2Fpledges');
  });

  it('lists what can be pledged to, then shows the form for one challenge', async () => {
    const list = await page('GET', '/company/pledges/new', { user: 'company1' });
    expect(list.status).toBe(200);
    expect(list.text).toContain('href="/company/pledges/new?challengeId=yokoze-bandai-dx"');
    expect(list.text).toContain('href="/company/pledges/new?fundId=kyoso-kikin"');
    expect(list.text).toContain('貴社が運営する事業です');
    const f = await page('GET', '/company/pledges/new?challengeId=yokoze-bandai-dx', { user: 'company-yokoze' });
    expect(f.status).toBe(200);
    expect(f.text).toContain('name="receivingTown"');
    expect(f.text).toMatch(/<option value="074071" selected/);
  });

  it('shows each refusal next to its field, in Japanese or English', async () => {
    const conflict = await page('POST', '/company/pledges', { user: 'company1', form: form() });
    expect(conflict.status).toBe(422);
    expect(conflict.text).toMatch(/id="target-error"><p class="field-error" data-code="operator_conflict"/);
    expect(conflict.text).toContain('運営事業者');
    const head = await page('POST', '/company/pledges', { user: 'company-yokoze', form: form({ receivingTown: YOKOZE, amount: '90000' }), lang: 'en' });
    expect(head.status).toBe(422);
    expect(head.text).toMatch(/id="town-error"><p class="field-error" data-code="head_office_town"/);
    expect(head.text).toMatch(/id="amount-error"><p class="field-error" data-code="below_minimum"/);
    expect(head.text).toContain('head office');
    expect(head.text).toContain('value="90000"');
    const bad = await page('POST', '/company/pledges', { user: 'company-yokoze', form: form({ amount: 'abc' }) });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('data-code="invalid_amount"');
    expect(await listPledges(p.db, {})).toHaveLength(0);
  });

  it('accepts a pledge once per form, then shows relief and bank details; the list has it', async () => {
    const f = form({ amount: '１，０００，０００円' });
    const r1 = await page('POST', '/company/pledges', { user: 'company-yokoze', form: f });
    expect(r1.status, r1.text).toBe(303);
    const r2 = await page('POST', '/company/pledges', { user: 'company-yokoze', form: f });
    expect(r2.location).toBe(r1.location);
    expect(await listPledges(p.db, { companyId: 'company-yokoze' })).toHaveLength(1);
    expect(r1.location).toMatch(/^\/company\/pledges\/pl-[0-9a-f]+\?accepted=1$/);
    const detail = await page('GET', r1.location, { user: 'company-yokoze' });
    expect(detail.status).toBe(200);
    expect(detail.text).toContain('寄附の申出を受け付けました');
    expect(detail.text).toContain('data-relief-total="900000"');
    expect(detail.text).toMatch(/data-reference="true">KF[0-9A-F]{8}</);
    expect(detail.text).toContain('磐梯町 会計管理者');
    const list = await page('GET', '/company/pledges', { user: 'company-yokoze' });
    expect(list.text).toContain('入金待ち');
    expect(list.text).toContain('/api/companies/me/pledges.csv?fy=');
  });
});

describe('treasurer pages', () => {
  it('the receiving town’s treasurer sees the pending pledge and records it; wrong amounts are shown as refused', async () => {
    const [pl] = await listPledges(p.db, { town: BANDAI });
    const view = await page('GET', '/treasurer/pledges', { user: 'treasurer-bandai' });
    expect(view.status).toBe(200);
    expect(view.text).toContain(`action="/treasurer/pledges/${pl!.id}/confirm"`);
    expect((await page('GET', '/treasurer/pledges', { user: 'treasurer-yokoze' })).text).not.toContain(pl!.id);
    expect((await page('GET', '/treasurer/pledges', { user: 'company1' })).status).toBe(403);

    const today = jstDate(new Date());
    const wrong = await page('POST', `/treasurer/pledges/${pl!.id}/confirm`, { user: 'treasurer-bandai', form: { receivedOn: today, amount: '999999' } });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('data-code="amount_mismatch"');
    const other = await page('POST', `/treasurer/pledges/${pl!.id}/confirm`, { user: 'treasurer-yokoze', form: { receivedOn: today, amount: '1000000' } });
    expect(other.status).toBe(403);

    const ok = await page('POST', `/treasurer/pledges/${pl!.id}/confirm`, { user: 'treasurer-bandai', form: { receivedOn: today, amount: '1000000' } });
    expect(ok.status).toBe(303);
    expect(ok.location).toMatch(/^\/treasurer\/pledges\?done=confirmed&no=C\d{4}-074071-00001$/);
    const again = await page('POST', `/treasurer/pledges/${pl!.id}/confirm`, { user: 'treasurer-bandai', form: { receivedOn: today, amount: '1000000' } });
    expect(again.location).toContain('done=already');
    const after = await page('GET', ok.location, { user: 'treasurer-bandai' });
    expect(after.text).toContain('受領を記録しました');
    const detail = await page('GET', `/company/pledges/${pl!.id}`, { user: 'company-yokoze' });
    expect(detail.text).toContain(`/api/corporate-pledges/${pl!.id}/receipt`);
    expect(detail.text).toContain('受領済み');
  });

  it('registers a regional plan from the form, and re-renders refusals', async () => {
    const view = await page('GET', '/treasurer/regional-plans', { user: 'treasurer-bandai' });
    expect(view.status).toBe(200);
    expect(view.text).toContain('磐梯町まち・ひと・しごと創生推進計画');
    expect(view.text).toContain('value="challenge:bandai-aizu-heritage"');
    const bad = await page('POST', '/treasurer/regional-plans', { user: 'treasurer-bandai', form: { town: BANDAI, name: '', approvedOn: '2025-03-01', periodStart: '2025-04-01', periodEnd: '2028-03-31', 'projects.0.name': '事業', 'projects.0.targets': ['challenge:bandai-aizu-heritage'] } });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('計画の名称を入力してください');
    const ok = await page('POST', '/treasurer/regional-plans', {
      user: 'treasurer-bandai',
      form: { town: BANDAI, name: '磐梯町第2期計画', approvedOn: '2025-03-01', periodStart: '2025-04-01', periodEnd: '2028-03-31', 'projects.1.name': '文化財事業', 'projects.1.targets': ['challenge:bandai-aizu-heritage', 'fund:kyoso-kikin'] },
    });
    expect(ok.status, ok.text).toBe(303);
    const plans = (await p.api('GET', `/api/towns/${BANDAI}/regional-plans`)).json.plans;
    expect(plans.find((x: { name: string }) => x.name === '磐梯町第2期計画').projects).toEqual([{ name: '文化財事業', challengeIds: ['bandai-aizu-heritage'], fundIds: ['kyoso-kikin'] }]);
    const forbidden = await page('POST', '/treasurer/regional-plans', { user: 'treasurer-yokoze', form: { town: BANDAI, name: 'x', approvedOn: '2025-03-01', periodStart: '2025-04-01', periodEnd: '2028-03-31' } });
    expect(forbidden.status).toBe(403);
  });
});
