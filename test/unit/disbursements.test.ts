import { describe, expect, it } from 'vitest';
import {
  assertCanApproveDisbursement,
  assertCanRejectDisbursement,
  defaultTransferDate,
  inTransferOrder,
  normalizeBankAccount,
  normalizePayee,
  paidEntry,
  reserveEntry,
  zenginTransfersOf,
  type Disbursement,
} from '../../functions/domain/disbursements.js';
import { validateEntry } from '../../functions/domain/ledger/entry.js';
import type { Actor } from '../../functions/domain/actor.js';

/** A person holding the treasurer role of these towns, as the domain sees them. */
const tr = (sub: string, ...towns: string[]): Actor => ({ sub, roles: towns.map((t) => `treasurer:${t}`) });

const Y = '113611';
const payee = { bankCode: '0001', branchCode: '001', accountType: 'ordinary' as const, accountNumber: '1234567', holderKana: 'カ）キョウソウテック' };
const d = (over: Partial<Disbursement> = {}): Disbursement => ({
  id: 'db_1',
  challengeId: 'c1',
  town: Y,
  companyId: 'company1',
  amount: 1000,
  milestone: 'm',
  invoiceNumber: 'i',
  payee: { ...payee, holderKana: 'ｶ)ｷﾖｳｿｳﾃﾂｸ' },
  status: 'requested',
  requestedBy: 'company1',
  requestedAt: '2026-12-01T00:00:00.000Z',
  requestedOn: '2026-12-01',
  approvers: [],
  approvals: [],
  ...over,
});
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as { code: string }).code;
  }
  return 'ok';
};

describe('payee', () => {
  it('converts full-width katakana and hiragana to the half-width kana banks register', () => {
    expect(normalizePayee(payee).payee?.holderKana).toBe('ｶ)ｷﾖｳｿｳﾃﾂｸ');
    expect(normalizePayee({ ...payee, holderKana: 'やまだ　はなこ' }).payee?.holderKana).toBe('ﾔﾏﾀﾞ ﾊﾅｺ');
    expect(normalizePayee({ ...payee, holderKana: 'ﾔﾏﾀﾞ ﾊﾅｺ' }).payee?.holderKana).toBe('ﾔﾏﾀﾞ ﾊﾅｺ');
  });

  it('refuses kanji, empty names, names longer than the 30-character field, and malformed codes', () => {
    expect(normalizePayee({ ...payee, holderKana: '山田花子' }).problems[0]?.path).toBe('payee.holderKana');
    expect(normalizePayee({ ...payee, holderKana: '　' }).problems[0]?.path).toBe('payee.holderKana');
    // ガ is two half-width characters (ｶﾞ): 16 of them make 32.
    expect(normalizePayee({ ...payee, holderKana: 'ガ'.repeat(16) }).problems[0]?.code).toBe('kana_length');
    expect(normalizePayee({ ...payee, holderKana: 'ガ'.repeat(15) }).problems).toEqual([]);
    expect(normalizePayee({ ...payee, bankCode: '12' }).problems[0]?.path).toBe('payee.bankCode');
    expect(normalizePayee({ ...payee, branchCode: '1234' }).problems[0]?.path).toBe('payee.branchCode');
    expect(normalizePayee({ ...payee, accountNumber: '123456' }).problems[0]?.path).toBe('payee.accountNumber');
  });

  it('normalizes the town’s bank account kana and checks the 10-digit requester code', () => {
    const ok = normalizeBankAccount({ bankCode: '0001', bankNameKana: 'ミズホ', branchCode: '123', branchNameKana: 'ヨコゼ', accountType: 'ordinary', accountNumber: '7654321', requesterCode: '1234567890', requesterNameKana: 'ヨコゼマチ' });
    expect(ok.account).toMatchObject({ bankNameKana: 'ﾐｽﾞﾎ', branchNameKana: 'ﾖｺｾﾞ', requesterNameKana: 'ﾖｺｾﾞﾏﾁ' });
    expect(normalizeBankAccount({ ...ok.account!, requesterCode: '123' }).problems[0]?.path).toBe('requesterCode');
    expect(normalizeBankAccount({ ...ok.account!, bankNameKana: '瑞穂' }).problems[0]?.path).toBe('bankNameKana');
  });
});

describe('who may approve', () => {
  const t1 = tr('treasurer-yokoze', Y);
  it('a treasurer of the paying town who is not the requester and has not approved', () => {
    expect(code(() => assertCanApproveDisbursement(d(), t1))).toBe('ok');
    expect(code(() => assertCanApproveDisbursement(d({ approvers: ['treasurer-yokoze'] }), t1))).toBe('already_approved');
    expect(code(() => assertCanApproveDisbursement(d({ requestedBy: 'treasurer-yokoze' }), t1))).toBe('requester_cannot_approve');
    expect(code(() => assertCanApproveDisbursement(d(), tr('treasurer-bandai', '074071')))).toBe('not_treasurer');
    expect(code(() => assertCanApproveDisbursement(d({ status: 'scheduled' }), t1))).toBe('not_open');
    expect(code(() => assertCanRejectDisbursement(d({ status: 'paid' }), t1))).toBe('not_open');
    expect(code(() => assertCanRejectDisbursement(d(), t1))).toBe('ok');
  });
});

describe('dates, entries and the transfer file lines', () => {
  it('defaults the transfer to the next weekday', () => {
    expect(defaultTransferDate('2026-12-03')).toBe('2026-12-04'); // Thu → Fri
    expect(defaultTransferDate('2026-12-04')).toBe('2026-12-07'); // Fri → Mon
    expect(defaultTransferDate('2026-12-05')).toBe('2026-12-07'); // Sat → Mon
    expect(defaultTransferDate('2026-12-31')).toBe('2027-01-01');
  });

  it('reserve: available → payable; paid: payable → the town bank; both balanced, channel disbursement', () => {
    const r = validateEntry(reserveEntry(d(), '2026-12-02'));
    expect(r.id).toBe('disbursement:db_1:approved');
    expect(r.postings).toEqual([
      { account: 'challenge:c1:available', amount: 1000 },
      { account: 'challenge:c1:payable', amount: -1000 },
    ]);
    const p = validateEntry(paidEntry(d(), '2026-12-05', '株式会社共創テック'));
    expect(p).toMatchObject({ id: 'disbursement:db_1:paid', date: '2026-12-05', channel: 'disbursement', counterpart: '株式会社共創テック' });
    expect(p.postings).toEqual([
      { account: 'challenge:c1:payable', amount: 1000 },
      { account: 'town:113611:bank', amount: -1000 },
    ]);
  });

  it('orders transfer lines by request time', () => {
    const a = d({ id: 'b', requestedAt: '2026-12-02T00:00:00.000Z', amount: 2 });
    const b = d({ id: 'a', requestedAt: '2026-12-01T00:00:00.000Z', amount: 1 });
    expect(inTransferOrder([a, b]).map((x) => x.id)).toEqual(['a', 'b']);
    expect(zenginTransfersOf([a, b]).map((t) => t.amount)).toEqual([1, 2]);
  });
});
