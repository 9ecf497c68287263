/**
 * The back-office pages as a browser without JavaScript uses them: sign-in gates, the company's
 * request form, the treasurers' approve / mark-paid forms, the bank account form, the allocation form's
 * errors beside their fields in the page's language, and the report.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { approveAllocation, proposeAllocation } from '../../functions/services/allocations.js';
import { jstDate } from '../../functions/domain/jst.js';
import { testPlatform } from '../support/platform.js';
import { ctxOf, treasurer } from './treasury-helpers.js';

const YOKOZE = '113611';
const DX = 'yokoze-bandai-dx';
type P = Awaited<ReturnType<typeof testPlatform>>;
let p: P;

async function page(method: 'GET' | 'POST', path: string, user?: string, form?: Record<string, string>, headers: Record<string, string> = {}) {
  const h: Record<string, string> = { ...headers };
  if (user) h.cookie = `kf_session=${await p.tokenFor(user)}${headers.cookie ? `; ${headers.cookie}` : ''}`;
  if (form) h['content-type'] = 'application/x-www-form-urlencoded';
  const res = await p.app.request(path, { method, headers: h, body: form ? new URLSearchParams(form).toString() : undefined, redirect: 'manual' });
  return { status: res.status, location: res.headers.get('location') ?? '', html: await res.text(), headers: res.headers };
}

beforeAll(async () => {
  p = await testPlatform();
  const y = treasurer('treasurer-yokoze', YOKOZE);
  const a = await proposeAllocation(ctxOf(p.db), y, { fundId: 'kyoso-kikin', challengeId: DX, draws: [{ town: YOKOZE, amount: 800_000 }] });
  await approveAllocation(ctxOf(p.db), y, a.id);
});

describe('back-office pages', () => {
  it('ask visitors to sign in, and refuse people without the role', async () => {
    const anon = await page('GET', '/treasurer');
    expect(anon.status).toBe(303);
    expect(anon.location).toBe('/auth/sign-in?next=%2Ftreasurer');
    const company = await page('GET', '/treasurer', 'company1');
    expect(company.status).toBe(403);
    expect(company.html).toContain('会計管理者');
    const other = await page('GET', `/company/challenges/${DX}/disbursements/new`, 'company-yokoze');
    expect(other.status).toBe(403);
    expect((await page('GET', `/company/challenges/${DX}/disbursements/new`, 'treasurer-yokoze')).status).toBe(403);
  });

  it('the dashboard: Japanese by default, English on request, server-drawn charts, never cached', async () => {
    const ja = await page('GET', '/treasurer', 'treasurer-yokoze');
    expect(ja.status).toBe(200);
    expect(ja.headers.get('cache-control')).toBe('private, no-store');
    expect(ja.html).toContain('<html lang="ja"');
    expect(ja.html).toContain('横瀬町 会計管理者の業務');
    expect(ja.html.match(/<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="chart"[^>]*role="img"/g)).toHaveLength(2);
    expect(ja.html).toContain(`/api/towns/${YOKOZE}/exports/donations.csv?year=`);
    expect(ja.html).not.toContain('<script');
    const en = await page('GET', '/treasurer', 'treasurer-yokoze', undefined, { cookie: 'lang=en' });
    expect(en.html).toContain('<html lang="en"');
    expect(en.html).toContain('Treasurer’s office, Yokoze');
    const css = await p.app.request('/assets/back-office.css');
    expect(css.headers.get('content-type')).toContain('text/css');
  });

  it('company request → two treasurers approve from their pages → Zengin link → marked paid', async () => {
    const form = await page('GET', `/company/challenges/${DX}/disbursements/new`, 'company1');
    expect(form.status).toBe(200);
    expect(form.html).toContain('¥800,000');

    const valid = { amount: '120,000', milestone: '第1期 試作', invoiceNumber: 'INV-9', bankCode: '0001', branchCode: '001', accountType: 'ordinary', accountNumber: '1234567', holderKana: 'カ）キョウソウテック' };
    const bad = await page('POST', `/company/challenges/${DX}/disbursements/new`, 'company1', { ...valid, holderKana: '共創テック', bankCode: '12' });
    expect(bad.status).toBe(422);
    expect(bad.html).toMatch(/data-error-for="holderKana"[^>]*>銀行に登録されたカナ/);
    expect(bad.html).toMatch(/data-error-for="bankCode"[^>]*>4桁の数字/);
    expect(bad.html).toContain('value="共創テック"');
    const over = await page('POST', `/company/challenges/${DX}/disbursements/new`, 'company1', { ...valid, amount: '800001' });
    expect(over.status).toBe(422);
    expect(over.html).toMatch(/data-error-for="amount"[^>]*>このチャレンジの未払いの残高を超えています/);
    expect((await p.api('GET', `/api/towns/${YOKOZE}/disbursements`, { user: 'treasurer-yokoze' })).json.disbursements).toHaveLength(0);

    const ok = await page('POST', `/company/challenges/${DX}/disbursements/new`, 'company1', valid);
    expect(ok.status).toBe(303);
    expect(ok.location).toContain('notice=disbursement.requested');
    const [d] = (await p.api('GET', `/api/towns/${YOKOZE}/disbursements`, { user: 'treasurer-yokoze' })).json.disbursements;
    expect(d).toMatchObject({ amount: 120_000, status: 'requested', payee: { holderKana: 'ｶ)ｷﾖｳｿｳﾃﾂｸ' } });
    expect((await page('GET', `/company/challenges/${DX}/disbursements/new`, 'company1')).html).toContain(`data-disbursement="${d.id}"`);

    // Treasurer 1 approves from the dashboard queue.
    const dash = await page('GET', '/treasurer', 'treasurer-yokoze');
    expect(dash.html).toContain(`data-disbursement="${d.id}"`);
    const first = await page('POST', `/treasurer/disbursements/${d.id}/approve`, 'treasurer-yokoze', { back: `/treasurer?town=${YOKOZE}`, comment: '確認済み' });
    expect(first.status).toBe(303);
    expect(first.location).toBe(`/treasurer?town=${YOKOZE}&notice=disbursement.approved`);
    expect((await page('GET', '/treasurer', 'treasurer-yokoze')).html).not.toContain(`data-disbursement="${d.id}"`);
    // Approving twice comes back with the refusal's code, shown in Japanese.
    const twice = await page('POST', `/treasurer/disbursements/${d.id}/approve`, 'treasurer-yokoze', { back: `/treasurer/disbursements/${d.id}` });
    expect(twice.location).toBe(`/treasurer/disbursements/${d.id}?problem=already_approved`);
    expect((await page('GET', twice.location, 'treasurer-yokoze')).html).toContain('あなたはすでに承認しています');

    const payDay = jstDate(new Date(Date.now() + 3 * 86_400_000));
    const second = await page('POST', `/treasurer/disbursements/${d.id}/approve`, 'treasurer-yokoze-2', { back: `/treasurer?town=${YOKOZE}`, paymentDate: payDay });
    expect(second.location).toContain('notice=disbursement.scheduled');
    const scheduled = await page('GET', '/treasurer', 'treasurer-yokoze');
    expect(scheduled.html).toContain(`/api/towns/${YOKOZE}/zengin?date=${payDay}`);
    expect(scheduled.html).toContain('振込元口座が未設定です');

    const paid = await page('POST', `/treasurer/disbursements/${d.id}/paid`, 'treasurer-yokoze', { paidOn: jstDate(new Date()) });
    expect(paid.location).toContain('notice=disbursement.paid');
    const detail = await page('GET', `/treasurer/disbursements/${d.id}`, 'treasurer-yokoze');
    expect(detail.html).toContain('data-status="paid"');
    expect(detail.html).toContain('確認済み');
    expect((await page('GET', `/treasurer/disbursements/${d.id}`, 'treasurer-bandai')).status).toBe(403);
  });

  it('the bank account form shows errors beside the fields and saves half-width kana', async () => {
    const bad = await page('POST', `/treasurer/bank-account?town=${YOKOZE}`, 'treasurer-yokoze', {
      bankCode: '1',
      bankNameKana: '瑞穂',
      branchCode: '123',
      branchNameKana: 'ヨコゼ',
      accountType: 'ordinary',
      accountNumber: '7654321',
      requesterCode: '1234567890',
      requesterNameKana: 'ヨコゼマチ',
    });
    expect(bad.status).toBe(400);
    expect(bad.html).toMatch(/data-error-for="bankCode"[^>]*>4桁の数字/);
    const good = await page('POST', `/treasurer/bank-account?town=${YOKOZE}`, 'treasurer-yokoze', {
      bankCode: '0001',
      bankNameKana: 'ミズホ',
      branchCode: '123',
      branchNameKana: 'ヨコゼ',
      accountType: 'ordinary',
      accountNumber: '7654321',
      requesterCode: '1234567890',
      requesterNameKana: 'ヨコゼマチ',
    });
    expect(good.status).toBe(303);
    expect((await p.api('GET', `/api/towns/${YOKOZE}/bank-account`, { user: 'treasurer-yokoze' })).json.bankNameKana).toBe('ﾐｽﾞﾎ');
  });

  it('the allocation form re-renders with the error beside the town’s amount; the report renders', async () => {
    const over = await page('POST', `/treasurer/allocations?town=${YOKOZE}`, 'treasurer-yokoze', { fundId: 'kyoso-kikin', challengeId: DX, mode: 'draws', amount_113611: '99,000,000', comment: 'x' });
    expect(over.status).toBe(422);
    expect(over.html).toMatch(/data-error-for="amount_113611"[^>]*>持分の配分可能額を超えています/);
    const empty = await page('POST', `/treasurer/allocations?town=${YOKOZE}`, 'treasurer-yokoze', { fundId: 'kyoso-kikin', challengeId: DX, mode: 'draws' });
    expect(empty.status).toBe(422);
    expect(empty.html).toContain('少なくとも1つの町の金額を入力してください');
    const split = await page('POST', `/treasurer/allocations?town=${YOKOZE}`, 'treasurer-yokoze', { fundId: 'kyoso-kikin', challengeId: DX, mode: 'split', total: '30000' });
    expect(split.status).toBe(303);
    const detail = await page('GET', split.location, 'treasurer-ama');
    expect(detail.html).toContain('data-notice="allocation.proposed"');
    expect(detail.html).toContain('海士町として承認する');

    const report = await page('GET', '/treasurer/report?fy=2026', 'treasurer-yokoze');
    expect(report.status).toBe(200);
    expect(report.html).toContain('2026年度 会計報告 横瀬町');
    expect(report.html).toContain('data-testid="report-challenges"');
  });
});
