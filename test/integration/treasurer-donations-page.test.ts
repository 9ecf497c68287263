/**
 * The treasurer's donation list and refund page (/treasurer/donations): only the receiving town's
 * treasurers see it; a refund needs a reason and the donor-checked box, goes through the same service as
 * the API (reversal, void receipt, donor mail, audit), and happens once; refusals re-render beside the
 * form in the page's language and write nothing. The list pages through the town's donations.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { paidEntryId, receiptYear } from '../../functions/domain/donations.js';
import { accounts } from '../../functions/domain/ledger/accounts.js';
import { auditRecords } from '../../functions/store/audit.js';
import { getDonation, listTownDonations } from '../../functions/store/donations.js';
import { getEntry, readShards } from '../../functions/store/ledger.js';
import { listMail } from '../../functions/store/outbox.js';
import { formatDate } from '../../web/components/date.js';
import { testPlatform } from '../support/platform.js';
import { body, donate, paidDonation, snapshot, type Platform } from './donations-helpers.js';

const YOKOZE = '113611';
const BANDAI = '074071';
const DX = 'yokoze-bandai-dx';

function client(p: Platform) {
  const session = async (user: string) => `kf_session=${await p.tokenFor(user)}`;
  async function get(path: string, cookie?: string) {
    const res = await p.app.request(path, { headers: cookie ? { cookie } : {} });
    return { status: res.status, location: res.headers.get('location'), headers: res.headers, text: await res.text() };
  }
  async function post(path: string, data: Record<string, string>, cookie?: string) {
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (cookie) headers.cookie = cookie;
    const res = await p.app.request(path, { method: 'POST', headers, body: new URLSearchParams(data).toString() });
    return { status: res.status, location: res.headers.get('location'), text: await res.text() };
  }
  return { session, get, post };
}

/** The HTML of one donation's item on the list. */
function itemOf(html: string, id: string): string {
  const start = html.indexOf(`data-donation="${id}"`);
  if (start < 0) return '';
  const end = html.indexOf('</li>', start);
  return html.slice(start, end);
}

describe('/treasurer/donations', () => {
  let p: Platform;
  let c: ReturnType<typeof client>;
  let yokoze: string;
  let bandai: string;
  let paid: string;
  let pending: string;

  beforeAll(async () => {
    p = await testPlatform();
    c = client(p);
    paid = (await paidDonation(p, body({ amount: 12_345 }, { name: '返金 花子', nameKana: 'ヘンキン ハナコ', email: 'refund-page@example.jp' }))).donationId;
    bandai = (await paidDonation(p, body({ amount: 4_000, receivingTown: BANDAI, oneStop: false }, { email: 'bandai-page@example.jp' }))).donationId;
    pending = (await donate(p, body({ amount: 2_500 }, { email: 'pending-page@example.jp' }))).donationId;
    yokoze = await c.session('treasurer-yokoze');
  });

  it('lists the donations Yokoze received, with date (JST), amount, donor, purpose, receipt no., status, one-stop, receipt link and refund form', async () => {
    const d = (await getDonation(p.db, paid))!;
    expect(d.receiptNumber).toBeTruthy();
    const r = await c.get(`/treasurer/donations?town=${YOKOZE}`, yokoze);
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('private, no-store');
    expect(r.text).toContain('寄附の一覧・返金');
    const item = itemOf(r.text, paid);
    expect(item).toContain('data-status="paid"');
    expect(item).toContain('¥12,345');
    expect(item).toContain(formatDate('ja', d.paidDate!));
    expect(item).toContain('返金 花子');
    expect(item).toContain(d.purpose);
    expect(item).toContain(d.receiptNumber!);
    expect(item).toContain('受領済み');
    expect(item).toMatch(/data-col="one-stop">ワンストップ特例: 申請あり/);
    expect(item).toContain(`href="/api/donations/${paid}/receipt"`);
    expect(item).toContain(`action="/treasurer/donations/${paid}/refund"`);
    expect(item).toContain('寄附者に確認済み');
    // Only Yokoze's, only money that arrived.
    expect(r.text).not.toContain(bandai);
    expect(r.text).not.toContain(pending);

    // The receipt link works with the page's session cookie (no bearer token).
    const receipt = await c.get(`/api/donations/${paid}/receipt`, yokoze);
    expect(receipt.status).toBe(200);
    expect(receipt.text).toContain(d.receiptNumber!);

    // Filters: by status, and by the year received.
    expect((await c.get(`/treasurer/donations?town=${YOKOZE}&status=refunded`, yokoze)).text).not.toContain(paid);
    expect((await c.get(`/treasurer/donations?town=${YOKOZE}&status=paid`, yokoze)).text).toContain(paid);
    expect((await c.get(`/treasurer/donations?town=${YOKOZE}&year=${receiptYear(d.paidDate!) - 1}`, yokoze)).text).not.toContain(paid);

    // In English when chosen.
    const en = await c.get(`/treasurer/donations?town=${YOKOZE}`, `${yokoze}; lang=en`);
    expect(en.text).toContain('Donations &amp; refunds');
    expect(en.text).toContain('I have checked this refund with the donor');

    // The treasurer dashboard links here.
    const dash = await c.get(`/treasurer?town=${YOKOZE}`, yokoze);
    expect(dash.text).toContain(`href="/treasurer/donations?town=${YOKOZE}"`);
    expect(dash.text).toContain('寄附の一覧・返金');
  });

  it('only the town’s treasurers: treasurer-bandai and a donor get 403, signed-out visitors are sent to sign in; nothing is written', async () => {
    const bandaiCookie = await c.session('treasurer-bandai');
    const donorCookie = await c.session('donor1');
    const before = await snapshot(p.db);
    expect((await c.get(`/treasurer/donations?town=${YOKOZE}`, bandaiCookie)).status).toBe(403);
    expect((await c.get(`/treasurer/donations?town=${YOKOZE}`, donorCookie)).status).toBe(403);
    const forbidden = await c.post(`/treasurer/donations/${paid}/refund`, { reason: '不正', confirm: '1' }, bandaiCookie);
    expect(forbidden.status).toBe(403);
    expect(forbidden.text).toContain('この町の会計管理者としてサインインしてください。');

    const out = await c.get(`/treasurer/donations?town=${YOKOZE}`);
    expect(out.status).toBe(303);
    expect(out.location).toBe(`/auth/sign-in?next=${encodeURIComponent(`/treasurer/donations?town=${YOKOZE}`)}`);
    const outPost = await c.post(`/treasurer/donations/${paid}/refund`, { reason: 'x', confirm: '1' });
    expect(outPost.status).toBe(303);
    expect(outPost.location).toBe(`/auth/sign-in?next=${encodeURIComponent('/treasurer/donations')}`);

    expect(await snapshot(p.db)).toEqual(before);
    expect((await p.api('GET', `/api/donations/${paid}`, { user: 'admin' })).json.status).toBe('paid');

    // Bandai's treasurer sees Bandai's donations, not Yokoze's.
    const own = await c.get(`/treasurer/donations?town=${BANDAI}`, bandaiCookie);
    expect(own.status).toBe(200);
    expect(own.text).toContain(`data-donation="${bandai}"`);
    expect(own.text).not.toContain(paid);
  });

  it('a refund without a reason or without the confirmation re-renders with the error beside the form and changes nothing', async () => {
    const before = await snapshot(p.db);
    const noReason = await c.post(`/treasurer/donations/${paid}/refund`, { reason: '  ', confirm: '1' }, yokoze);
    expect(noReason.status).toBe(400);
    const item = itemOf(noReason.text, paid);
    expect(item).toMatch(/data-error-for="reason">返金理由を入力してください。/);
    expect(item).toContain('<details open="">');

    const noConfirm = await c.post(`/treasurer/donations/${paid}/refund`, { reason: '寄附者の申し出' }, yokoze);
    expect(noConfirm.status).toBe(400);
    expect(itemOf(noConfirm.text, paid)).toMatch(/data-error-for="confirm">寄附者に確認したうえで/);
    // What the treasurer typed is kept.
    expect(itemOf(noConfirm.text, paid)).toContain('寄附者の申し出</textarea>');

    const en = await c.post(`/treasurer/donations/${paid}/refund`, { confirm: '1' }, `${yokoze}; lang=en`);
    expect(en.status).toBe(400);
    expect(itemOf(en.text, paid)).toContain('Enter the reason for the refund.');

    expect(await snapshot(p.db)).toEqual(before);
    expect((await p.api('GET', `/api/donations/${paid}`, { user: 'admin' })).json.status).toBe('paid');
  });

  it('a refund with a reason: refunded, reversal posted, receipt void, donor mailed, audited, ledger verifies; a second POST refunds nothing', async () => {
    const year = receiptYear((await getDonation(p.db, paid))!.paidDate!);
    const r = await c.post(`/treasurer/donations/${paid}/refund`, { reason: '寄附者の申し出(二重の寄附)', confirm: '1', year: String(year), status: 'all' }, yokoze);
    expect(r.status).toBe(303);
    expect(r.location).toBe(`/treasurer/donations?town=${YOKOZE}&year=${year}&status=all&notice=refunded#don-${paid}`);

    const got = await p.api('GET', `/api/donations/${paid}`, { user: 'admin' });
    expect(got.json).toMatchObject({ status: 'refunded', receiptVoid: true });
    expect(await getEntry(p.db, `${paidEntryId(paid)}:reversal`)).toMatchObject({ reverses: paidEntryId(paid) });
    const receipt = await c.get(`/api/donations/${paid}/receipt`, yokoze);
    expect(receipt.text).toContain('無効 VOID');
    expect((await listMail(p.db, { to: 'refund-page@example.jp' })).map((m) => m.kind).sort()).toEqual(['donation.paid', 'donation.refunded']);
    const audit = (await auditRecords(p.db, `town:${YOKOZE}`)).filter((a) => a.action === 'donation.refund' && a.target === `donation:${paid}`);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'treasurer-yokoze' });
    const verify = await p.api('GET', '/api/ledger/verify', { user: 'admin' });
    expect(verify.status).toBe(200);
    expect(verify.json.ok).toBe(true);
    expect(verify.json.audit.ok).toBe(true);

    // Back on the list: the notice, the donation refunded, no refund form any more.
    const page = await c.get(r.location!.split('#')[0]!, yokoze);
    expect(page.text).toContain('data-notice="refunded"');
    const item = itemOf(page.text, paid);
    expect(item).toContain('data-status="refunded"');
    expect(item).toContain('返金済み');
    expect(item).toContain('寄附者の申し出(二重の寄附)');
    expect(item).not.toContain('/refund"');
    expect((await c.get(`/treasurer/donations?town=${YOKOZE}&status=refunded`, yokoze)).text).toContain(`data-donation="${paid}"`);
    expect((await c.get(`/treasurer/donations?town=${YOKOZE}&status=paid`, yokoze)).text).not.toContain(paid);

    // A second POST (double submit, reload) changes nothing at all.
    const before = await snapshot(p.db);
    const again = await c.post(`/treasurer/donations/${paid}/refund`, { reason: 'もう一度', confirm: '1', year: String(year), status: 'all' }, yokoze);
    expect(again.status).toBe(303);
    expect(again.location).toContain('notice=already');
    expect(await snapshot(p.db)).toEqual(before);
    expect((await p.api('GET', '/api/ledger/verify', { user: 'admin' })).json.ok).toBe(true);
  });

  it('409 when the money was already paid out: the message is beside that form, in Japanese, and nothing is refunded', async () => {
    const d2 = (await paidDonation(p, body({ amount: 5_000 }, { email: 'spent@example.jp' }))).donationId;
    // Everything the challenge has goes out in an approved disbursement (two Yokoze treasurers).
    const available = (await readShards(p.db, accounts.challengeAvailable(DX))).total;
    const payee = { bankCode: '0001', branchCode: '001', accountType: 'ordinary', accountNumber: '1234567', holderKana: 'カ)キョウソウ' };
    const req = await p.api('POST', '/api/disbursements', { user: 'company1', body: { challengeId: DX, amount: available, milestone: '第1期', invoiceNumber: 'INV-REFUND-1', payee } });
    expect(req.status, req.text).toBe(201);
    const id = req.json.disbursementId;
    expect((await p.api('POST', `/api/disbursements/${id}/approve`, { user: 'treasurer-yokoze', body: {} })).status).toBe(200);
    expect((await p.api('POST', `/api/disbursements/${id}/approve`, { user: 'treasurer-yokoze-2', body: {} })).json.status).toBe('scheduled');
    expect((await readShards(p.db, accounts.challengeAvailable(DX))).total).toBe(0);

    const before = await snapshot(p.db);
    const r = await c.post(`/treasurer/donations/${d2}/refund`, { reason: '寄附者の申し出', confirm: '1' }, yokoze);
    expect(r.status).toBe(409);
    const item = itemOf(r.text, d2);
    expect(item).toMatch(/data-error-for="form">この寄附のお金はすでに配分または支出されているため、返金できません。/);
    expect(item).toContain('寄附者の申し出</textarea>');
    const en = await c.post(`/treasurer/donations/${d2}/refund`, { reason: 'donor asked', confirm: '1' }, `${yokoze}; lang=en`);
    expect(en.status).toBe(409);
    expect(itemOf(en.text, d2)).toContain('already been allocated or paid out');
    expect(await snapshot(p.db)).toEqual(before);
    expect((await p.api('GET', `/api/donations/${d2}`, { user: 'admin' })).json.status).toBe('paid');
  });
});

describe('the town list', () => {
  it('reads the town’s donations a page at a time, newest arrival first', async () => {
    const p = await testPlatform();
    const c = client(p);
    const older = (await paidDonation(p, body({ amount: 3_000 }, { email: 'page-1@example.jp' }))).donationId;
    const newer = (await paidDonation(p, body({ amount: 3_100 }, { email: 'page-2@example.jp' }))).donationId;
    const cookie = await c.session('treasurer-yokoze');
    // Stripe's times are whole seconds: ties go by id.
    const year = receiptYear((await getDonation(p.db, older))!.paidDate!);
    const first = await listTownDonations(p.db, YOKOZE, year, { limit: 1 });
    expect(first.donations).toHaveLength(1);
    expect(first.next).toBeTruthy();
    const second = await listTownDonations(p.db, YOKOZE, year, { limit: 1, after: first.next });
    expect(second.donations).toHaveLength(1);
    expect(second.next).toBeUndefined();
    expect([first.donations[0]!.id, second.donations[0]!.id].sort()).toEqual([older, newer].sort());
    expect(first.donations[0]!.paidAt! >= second.donations[0]!.paidAt!).toBe(true);
    // The page shows the same second page.
    const paged = await c.get(`/treasurer/donations?town=${YOKOZE}&after=${encodeURIComponent(first.next!)}`, cookie);
    expect(paged.text).toContain(`data-donation="${second.donations[0]!.id}"`);
    expect(paged.text).not.toContain(`data-donation="${first.donations[0]!.id}"`);
    expect(paged.text).toContain('最新に戻る');
  });
});
