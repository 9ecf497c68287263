/**
 * Disbursements through the real app on DynamoDB Local: the operating company asks, two different
 * treasurers of the lead town approve (never the requester, nobody twice), the second approval reserves
 * the money, "paid" posts exactly once; refusals write nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { accounts } from '../../functions/domain/ledger/accounts.js';
import { jstDate } from '../../functions/domain/jst.js';
import { auditRecords } from '../../functions/store/audit.js';
import { approveAllocation, proposeAllocation } from '../../functions/services/allocations.js';
import { approveDisbursement } from '../../functions/services/disbursements.js';
import type { Db } from '../../functions/store/db.js';
import { getDisbursement } from '../../functions/store/disbursements.js';
import { getEntry, readShards } from '../../functions/store/ledger.js';
import { listMail } from '../../functions/store/outbox.js';
import { testPlatform } from '../support/platform.js';
import { ctxOf, treasurer } from './treasury-helpers.js';

const YOKOZE = '113611';
const DX = 'yokoze-bandai-dx';

type P = Awaited<ReturnType<typeof testPlatform>>;
let p: P;

const available = (db: Db) => readShards(db, accounts.challengeAvailable(DX)).then((s) => s.total);
const payable = (db: Db) => readShards(db, accounts.challengePayable(DX)).then((s) => s.total);
const bank = (db: Db) => readShards(db, accounts.bank(YOKOZE)).then((s) => s.total);

/** Puts money on the challenge the way it really gets there: a joint allocation from the fund. */
async function fundChallenge(db: Db, amount: number) {
  const a = await proposeAllocation(ctxOf(db), treasurer('treasurer-yokoze', YOKOZE), { fundId: 'kyoso-kikin', challengeId: DX, draws: [{ town: YOKOZE, amount }] });
  await approveAllocation(ctxOf(db), treasurer('treasurer-yokoze', YOKOZE), a.id);
}

const payee = { bankCode: '0001', branchCode: '001', accountType: 'ordinary', accountNumber: '1234567', holderKana: 'カ）キョウソウテック' };
const request = (pl: P, body: Record<string, unknown> = {}, user = 'company1') =>
  pl.api('POST', '/api/disbursements', { user, body: { challengeId: DX, amount: 300_000, milestone: '第1期 アプリ試作', invoiceNumber: 'INV-2026-001', payee, ...body } });

beforeAll(async () => {
  p = await testPlatform();
  await fundChallenge(p.db, 1_000_000);
});

describe('disbursements: two treasurers, never the requester, paid once', () => {
  it('the operating company requests; the holder name is stored as half-width kana', async () => {
    const r = await request(p);
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ status: 'requested', payee: { holderKana: 'ｶ)ｷﾖｳｿｳﾃﾂｸ' } });
    const got = await p.api('GET', `/api/disbursements/${r.json.disbursementId}`, { user: 'company1' });
    expect(got.status).toBe(200);
    expect(got.json).toMatchObject({ status: 'requested', town: YOKOZE, amount: 300_000, requestedBy: 'company1', approvals: [] });
    expect((await p.api('GET', `/api/disbursements/${r.json.disbursementId}`, { user: 'company-yokoze' })).status).toBe(403);
    expect((await p.api('GET', `/api/disbursements/${r.json.disbursementId}`, { user: 'treasurer-bandai' })).status).toBe(403);
    expect((await p.api('GET', `/api/disbursements/${r.json.disbursementId}`, { user: 'treasurer-yokoze-2' })).status).toBe(200);
    const audit = (await auditRecords(p.db, `town:${YOKOZE}`)).find((a) => a.target === `disbursement:${r.json.disbursementId}`);
    expect(audit).toMatchObject({ actor: 'company1', action: 'disbursement.request' });
  });

  it('refuses requests from others, over the limit, or with a payee banks cannot take, writing nothing', async () => {
    const before = (await p.api('GET', `/api/towns/${YOKOZE}/disbursements`, { user: 'treasurer-yokoze' })).json.disbursements.length;
    const audits = (await auditRecords(p.db, `town:${YOKOZE}`)).length;
    const cases: [Record<string, unknown>, string, number, string][] = [
      [{}, 'company-yokoze', 403, 'not_operator'],
      [{}, 'treasurer-yokoze', 403, 'forbidden'],
      [{ amount: 999_999_999 }, 'company1', 422, 'over_limit'],
      [{ amount: 0 }, 'company1', 400, 'validation_failed'],
      [{ amount: 1.5 }, 'company1', 400, 'validation_failed'],
      [{ payee: { ...payee, holderKana: '株式会社共創テック' } }, 'company1', 400, 'validation_failed'],
      [{ payee: { ...payee, bankCode: '01' } }, 'company1', 400, 'validation_failed'],
      [{ payee: { ...payee, accountNumber: '12345678' } }, 'company1', 400, 'validation_failed'],
      [{ payee: { ...payee, accountType: 'savings' } }, 'company1', 400, 'validation_failed'],
      [{ payee: { ...payee, holderKana: 'ア'.repeat(31) } }, 'company1', 400, 'validation_failed'],
      [{ milestone: '' }, 'company1', 400, 'validation_failed'],
      [{ challengeId: 'yokoze-forest-school' }, 'company1', 403, 'not_operator'],
    ];
    for (const [body, user, status, code] of cases) {
      const r = await request(p, body, user);
      expect({ body, status: r.status, code: r.json.error?.code }).toEqual({ body, status, code });
    }
    const kanji = await request(p, { payee: { ...payee, holderKana: '株式会社共創テック' } });
    expect(kanji.json.error.details[0].path).toBe('payee.holderKana');
    const over = await request(p, { amount: 999_999_999 });
    expect(over.json.error.message).toMatch(/¥/);
    expect((await p.api('GET', `/api/towns/${YOKOZE}/disbursements`, { user: 'treasurer-yokoze' })).json.disbursements.length).toBe(before);
    expect((await auditRecords(p.db, `town:${YOKOZE}`)).length).toBe(audits);
  });

  it('needs two distinct treasurers of the lead town; the requester and repeat approvals are refused; the second reserves the money', async () => {
    const id = (await request(p, { amount: 200_000 })).json.disbursementId;
    const [a0, p0] = [await available(p.db), await payable(p.db)];

    // The requester (a company user) cannot approve; neither can another town's treasurer.
    const self = await p.api('POST', `/api/disbursements/${id}/approve`, { user: 'company1', body: {} });
    expect(self.status).toBe(403);
    const other = await p.api('POST', `/api/disbursements/${id}/approve`, { user: 'treasurer-bandai', body: {} });
    expect(other.status).toBe(403);
    expect(other.json.error.code).toBe('not_treasurer');

    const first = await p.api('POST', `/api/disbursements/${id}/approve`, { user: 'treasurer-yokoze', body: { comment: '請求書確認済み' } });
    expect(first.status).toBe(200);
    expect(first.json.status).toBe('requested');
    expect(await available(p.db)).toBe(a0);
    const twice = await p.api('POST', `/api/disbursements/${id}/approve`, { user: 'treasurer-yokoze', body: {} });
    expect(twice.status).toBe(409);
    expect(twice.json.error.code).toBe('already_approved');
    expect((await getDisbursement(p.db, id)).approvals).toHaveLength(1);

    const today = jstDate(new Date());
    const second = await p.api('POST', `/api/disbursements/${id}/approve`, { user: 'treasurer-yokoze-2', body: { paymentDate: today } });
    expect(second.status).toBe(200);
    expect(second.json).toMatchObject({ status: 'scheduled', scheduledFor: today });
    expect(await available(p.db)).toBe(a0 - 200_000);
    expect(await payable(p.db)).toBe(p0 + 200_000);
    const entry = await getEntry(p.db, `disbursement:${id}:approved`);
    expect(entry).toMatchObject({ channel: 'disbursement', town: YOKOZE });
    const third = await p.api('POST', `/api/disbursements/${id}/approve`, { user: 'treasurer-yokoze', body: {} });
    expect(third.status).toBe(409);
    expect((await listMail(p.db, { to: 'hanako@kyoso-tech.example' })).some((m) => m.kind === 'disbursement.scheduled' && m.text.includes(today))).toBe(true);
  });

  it('refuses a treasurer approving a disbursement they requested themselves', async () => {
    const id = (await request(p, { amount: 1_000 })).json.disbursementId;
    await expect(approveDisbursement(ctxOf(p.db), treasurer('company1', YOKOZE), id)).rejects.toMatchObject({ code: 'requester_cannot_approve' });
    expect((await getDisbursement(p.db, id)).approvers).toEqual([]);
  });

  it('paid posts exactly once, however often it is submitted', async () => {
    const id = (await request(p, { amount: 50_000 })).json.disbursementId;
    await p.api('POST', `/api/disbursements/${id}/approve`, { user: 'treasurer-yokoze', body: {} });
    await p.api('POST', `/api/disbursements/${id}/approve`, { user: 'treasurer-yokoze-2', body: {} });
    const early = await p.api('POST', `/api/disbursements/${id}/paid`, { user: 'treasurer-yokoze', body: { paidOn: '2999-01-01' } });
    expect(early.status).toBe(422);
    const [b0, p0] = [await bank(p.db), await payable(p.db)];
    const today = jstDate(new Date());
    const submits = await Promise.all([1, 2, 3].map(() => p.api('POST', `/api/disbursements/${id}/paid`, { user: 'treasurer-yokoze', body: { paidOn: today } })));
    for (const s of submits) expect(s.status).toBe(200);
    expect(submits.filter((s) => s.json.duplicate === false)).toHaveLength(1);
    const again = await p.api('POST', `/api/disbursements/${id}/paid`, { user: 'treasurer-yokoze-2', body: { paidOn: today } });
    expect(again.json).toMatchObject({ status: 'paid', duplicate: true });
    const otherDay = await p.api('POST', `/api/disbursements/${id}/paid`, { user: 'treasurer-yokoze', body: { paidOn: '2020-01-01' } });
    expect(otherDay.status).toBe(409);
    expect(await bank(p.db)).toBe(b0 - 50_000);
    expect(await payable(p.db)).toBe(p0 - 50_000);
    expect(await getEntry(p.db, `disbursement:${id}:paid`)).toMatchObject({ date: today, channel: 'disbursement' });
    expect((await auditRecords(p.db, `town:${YOKOZE}`)).filter((a) => a.target === `disbursement:${id}` && a.action === 'disbursement.paid')).toHaveLength(1);
    const verify = await p.api('GET', '/api/ledger/verify', { user: 'admin' });
    expect(verify.json.ok).toBe(true);
  });

  it('a requested disbursement can be rejected with a reason, and then nothing more', async () => {
    const id = (await request(p, { amount: 10_000 })).json.disbursementId;
    const noReason = await p.api('POST', `/api/disbursements/${id}/reject`, { user: 'treasurer-yokoze', body: { reason: ' ' } });
    expect(noReason.status).toBe(400);
    const rej = await p.api('POST', `/api/disbursements/${id}/reject`, { user: 'treasurer-yokoze', body: { reason: '請求書の金額が契約と異なります' } });
    expect(rej.status).toBe(200);
    expect(rej.json).toMatchObject({ status: 'rejected', rejection: { reason: '請求書の金額が契約と異なります', by: 'treasurer-yokoze' } });
    expect((await p.api('POST', `/api/disbursements/${id}/approve`, { user: 'treasurer-yokoze-2', body: {} })).status).toBe(409);
    expect((await p.api('POST', `/api/disbursements/${id}/reject`, { user: 'treasurer-yokoze-2', body: { reason: 'x' } })).status).toBe(409);
    expect((await listMail(p.db, { to: 'hanako@kyoso-tech.example' })).some((m) => m.kind === 'disbursement.rejected' && m.text.includes('請求書の金額が契約と異なります'))).toBe(true);
  });

  it('an approval the money no longer covers is refused with 409; the request stays requested', async () => {
    const pl = await testPlatform();
    await fundChallenge(pl.db, 100_000);
    const a = (await request(pl, { amount: 80_000 })).json.disbursementId;
    const b = (await request(pl, { amount: 80_000 })).json.disbursementId;
    for (const id of [a, b]) await pl.api('POST', `/api/disbursements/${id}/approve`, { user: 'treasurer-yokoze', body: {} });
    expect((await pl.api('POST', `/api/disbursements/${a}/approve`, { user: 'treasurer-yokoze-2', body: {} })).json.status).toBe('scheduled');
    const refused = await pl.api('POST', `/api/disbursements/${b}/approve`, { user: 'treasurer-yokoze-2', body: {} });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('insufficient_funds');
    const still = await getDisbursement(pl.db, b);
    expect(still.status).toBe('requested');
    expect(still.approvers).toEqual(['treasurer-yokoze']);
    expect(await available(pl.db)).toBe(20_000);
    // Over the limit at request time is refused up front.
    expect((await request(pl, { amount: 20_001 })).status).toBe(422);
  });

  it('two second approvals racing: exactly one schedules, the money is reserved once', async () => {
    const pl = await testPlatform();
    await fundChallenge(pl.db, 500_000);
    const id = (await request(pl, { amount: 100_000 })).json.disbursementId;
    await pl.api('POST', `/api/disbursements/${id}/approve`, { user: 'treasurer-yokoze', body: {} });
    const race = await Promise.all([1, 2, 3, 4].map(() => pl.api('POST', `/api/disbursements/${id}/approve`, { user: 'treasurer-yokoze-2', body: {} })));
    expect(race.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of race.filter((x) => x.status !== 200)) expect(r.status).toBe(409);
    expect(await available(pl.db)).toBe(400_000);
    expect(await payable(pl.db)).toBe(100_000);
    expect((await pl.api('GET', '/api/ledger/verify', { user: 'admin' })).json.ok).toBe(true);
  });
});
