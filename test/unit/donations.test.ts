import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { t, type MessageKey } from '../../functions/i18n/index.js';
import type { Challenge, Fund } from '../../functions/domain/catalog.js';
import {
  canTransition,
  checkDonationInput,
  decide,
  DONATION_MAX,
  DONATION_MIN,
  DONATION_STATUSES,
  findMyNumbers,
  normalizeKana,
  normalizePostalCode,
  oneStopCount,
  oneStopDeadline,
  paidEntry,
  parseReceiptNumber,
  receiptNumber,
  reminderYear,
  targetIssues,
  type CleanDonation,
  type Donation,
  type DonationInput,
  type DonationStatus,
  type PaymentSignal,
} from '../../functions/domain/donations.js';

const donor = { name: '共創 太郎', nameKana: 'キョウソウ タロウ', email: 'Taro@Example.JP', postalCode: '368-0072', address: '埼玉県秩父郡横瀬町大字横瀬4545' };
const input = (over: Partial<DonationInput> & { donor?: Partial<DonationInput['donor']> } = {}): DonationInput => ({
  challengeId: 'yokoze-bandai-dx',
  amount: 10_000,
  anonymous: false,
  oneStop: true,
  ...over,
  donor: { ...donor, ...(over.donor ?? {}) },
});
const codes = (i: DonationInput) => {
  const r = checkDonationInput(i);
  return r.ok ? [] : r.issues.map((x) => `${x.path}:${x.code}`);
};

describe('donation field rules', () => {
  it('accepts a good request and normalises kana, postal code and email', () => {
    const r = checkDonationInput(input({ donor: { nameKana: 'きょうそう たろう', postalCode: '３６８００７２' } }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.donor).toEqual({ name: '共創 太郎', nameKana: 'キョウソウ タロウ', email: 'taro@example.jp', postalCode: '3680072', address: donor.address });
    expect(r.value.target).toEqual({ kind: 'challenge', id: 'yokoze-bandai-dx' });
  });

  it('amount: whole yen, at least ¥2,000, at most the ceiling', () => {
    expect(codes(input({ amount: DONATION_MIN - 1 }))).toEqual(['amount:amount_too_small']);
    expect(codes(input({ amount: DONATION_MIN }))).toEqual([]);
    expect(codes(input({ amount: DONATION_MAX }))).toEqual([]);
    expect(codes(input({ amount: DONATION_MAX + 1 }))).toEqual(['amount:amount_too_large']);
    expect(codes(input({ amount: 2500.5 }))).toEqual(['amount:not_whole_yen']);
    expect(codes(input({ amount: '１０,０００円' }))).toEqual([]);
    expect(codes(input({ amount: 'ten' }))).toEqual(['amount:not_whole_yen']);
    expect(codes(input({ amount: '' }))).toEqual(['amount:required']);
  });

  it('name, kana, email, postal code, address and message each have their rule', () => {
    expect(codes(input({ donor: { name: ' ' } }))).toEqual(['donor.name:required']);
    expect(codes(input({ donor: { name: '太郎2' } }))).toEqual(['donor.name:invalid_name']);
    expect(codes(input({ donor: { nameKana: 'Taro' } }))).toEqual(['donor.nameKana:not_kana']);
    expect(codes(input({ donor: { nameKana: '共創' } }))).toEqual(['donor.nameKana:not_kana']);
    expect(codes(input({ donor: { nameKana: 'ｷｮｳｿｳ ﾀﾛｳ' } }))).toEqual([]);
    expect(codes(input({ donor: { email: 'taro@' } }))).toEqual(['donor.email:invalid_email']);
    expect(codes(input({ donor: { postalCode: '368-007' } }))).toEqual(['donor.postalCode:invalid_postal_code']);
    expect(codes(input({ donor: { postalCode: '' } }))).toEqual(['donor.postalCode:required']);
    expect(codes(input({ donor: { address: '' } }))).toEqual(['donor.address:required']);
    expect(codes(input({ message: 'あ'.repeat(501) }))).toEqual(['message:too_long']);
    expect(codes(input({ message: 'あ'.repeat(500) }))).toEqual([]);
  });

  it('needs exactly one target', () => {
    expect(codes(input({ challengeId: undefined }))).toEqual(['challengeId:target_required']);
    expect(codes(input({ fundId: 'kyoso-kikin' }))).toEqual(['challengeId:target_ambiguous']);
  });

  it('postal codes: 123-4567 or 1234567, stored as 7 digits', () => {
    expect(normalizePostalCode('368-0072')).toBe('3680072');
    expect(normalizePostalCode('〒3680072')).toBe('3680072');
    expect(normalizePostalCode('368ー0072')).toBe('3680072');
    expect(normalizePostalCode('36800721')).toBeUndefined();
    expect(normalizeKana('きょうそう　たろう')).toBe('キョウソウ タロウ');
  });
});

describe('My Number (個人番号) is never accepted', () => {
  it('finds a My Number key anywhere, and 12 digits in any field', () => {
    expect(findMyNumbers({ myNumber: '1' })).toEqual(['myNumber']);
    expect(findMyNumbers({ donor: { individual_number: 'x' } })).toEqual(['donor.individual_number']);
    expect(findMyNumbers({ donor: { 個人番号: 'x' } })).toEqual(['donor.個人番号']);
    expect(findMyNumbers({ message: '私の番号は 1234 5678 9012 です' })).toEqual(['message']);
    expect(findMyNumbers({ message: '１２３４５６７８９０１２' })).toEqual(['message']);
    expect(findMyNumbers({ donor: { address: '123456789012' } })).toEqual(['donor.address']);
    expect(findMyNumbers({ n: 123456789012 })).toEqual(['n']);
    // Phone numbers, postal codes and 13-digit corporate numbers are not My Numbers.
    expect(findMyNumbers({ a: '03-1234-5678', b: '368-0072', c: '5000020113611', d: 10_000 })).toEqual([]);
  });

  it('a request carrying one is refused as a whole with a clear message', () => {
    const r = checkDonationInput(input({ message: '1234-5678-9012' }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.code)).toContain('my_number_refused');
    // Domain issues carry catalog keys; the sentences are the catalog's, in each language.
    const say = (lang: 'ja' | 'en') => t(lang, `error.${r.issues[0]!.key}` as MessageKey, r.issues[0]!.params);
    expect(say('ja')).toMatch(/マイナンバー/);
    expect(say('en')).toMatch(/never accepts or stores/);
  });
});

const challenge = (over: Partial<Challenge> = {}): Challenge => ({
  id: 'c1',
  title: 'T',
  titleEn: 'T',
  summary: '',
  summaryEn: '',
  description: '',
  descriptionEn: '',
  theme: '',
  towns: ['113611', '074071'],
  leadTown: '113611',
  targetAmount: 1_000_000,
  deadline: '2026-12-31',
  status: 'open',
  createdAt: '2026-01-01T00:00:00Z',
  ...over,
});
const clean = (over: Partial<CleanDonation> = {}): CleanDonation => ({
  target: { kind: 'challenge', id: 'c1' },
  amount: 10_000,
  donor: { name: 'A', nameKana: 'ア', email: 'a@example.jp', postalCode: '3680072', address: 'x' },
  anonymous: false,
  oneStop: false,
  updates: false,
  ...over,
});

describe('target rules', () => {
  const before = new Date('2026-12-31T14:59:59Z'); // 23:59:59 JST on the deadline day
  const after = new Date('2026-12-31T15:00:00Z'); // 00:00 JST the next day

  it('a challenge takes donations while open, through its deadline day in JST', () => {
    expect(targetIssues(clean(), { kind: 'challenge', challenge: challenge() }, before)).toEqual({ receivingTown: '113611', issues: [] });
    expect(targetIssues(clean(), { kind: 'challenge', challenge: challenge() }, after).issues.map((i) => i.code)).toEqual(['challenge_closed']);
    expect(targetIssues(clean(), { kind: 'challenge', challenge: challenge({ status: 'closed' }) }, before).issues.map((i) => i.code)).toEqual(['challenge_not_open']);
  });

  it('the receiving town is one of the challenge’s towns, default the lead town', () => {
    expect(targetIssues(clean({ receivingTown: '074071' }), { kind: 'challenge', challenge: challenge() }, before).receivingTown).toBe('074071');
    expect(targetIssues(clean({ receivingTown: '325252' }), { kind: 'challenge', challenge: challenge() }, before).issues.map((i) => i.code)).toEqual(['town_not_in_challenge']);
  });

  it('a fund needs a member town', () => {
    const fund: Fund = { id: 'f', name: 'F', nameEn: 'F', description: '', descriptionEn: '', members: ['113611', '325252'], governance: { rule: 'all_drawn' } };
    const f = (town?: string) => targetIssues(clean({ target: { kind: 'fund', id: 'f' }, receivingTown: town }), { kind: 'fund', fund }, before);
    expect(f('325252')).toEqual({ receivingTown: '325252', issues: [] });
    expect(f(undefined).issues.map((i) => i.code)).toEqual(['required']);
    expect(f('074071').issues.map((i) => i.code)).toEqual(['town_not_in_fund']);
  });
});

/** Runs signals through the state machine the way the webhook does ("too early" ones are retried later). */
function run(signals: PaymentSignal[]): DonationStatus {
  let status: DonationStatus = 'pending';
  let queue = [...signals];
  for (let round = 0; round < signals.length + 1 && queue.length; round++) {
    const retry: PaymentSignal[] = [];
    for (const s of queue) {
      const d = decide(status, s);
      if (d.action === 'apply') status = d.to;
      if (d.action === 'too_early') retry.push(s);
    }
    queue = retry;
  }
  return status;
}

describe('payment state machine', () => {
  it('allows exactly pending→paid/expired/failed, expired/failed→paid, paid→refunded', () => {
    const allowed = DONATION_STATUSES.flatMap((f) => DONATION_STATUSES.filter((t) => canTransition(f, t)).map((t) => `${f}→${t}`));
    expect(allowed.sort()).toEqual(['expired→paid', 'failed→paid', 'paid→refunded', 'pending→expired', 'pending→failed', 'pending→paid'].sort());
  });

  it('late events never undo a payment; a konbini slip does not revert a payment', () => {
    expect(decide('paid', 'expired')).toMatchObject({ action: 'ignore' });
    expect(decide('paid', 'failed')).toMatchObject({ action: 'ignore' });
    expect(decide('paid', 'awaiting_payment')).toMatchObject({ action: 'ignore' });
    expect(decide('paid', 'paid')).toMatchObject({ action: 'ignore' });
    expect(decide('refunded', 'paid')).toMatchObject({ action: 'ignore' });
    expect(decide('pending', 'refunded')).toMatchObject({ action: 'too_early' });
    expect(decide('pending', 'awaiting_payment')).toEqual({ action: 'note_awaiting' });
  });

  it('any order and any duplication of one session’s events ends in the same state', () => {
    // What one Checkout Session can send: card, konbini paid, konbini failed, or expiry; a paid one may be refunded.
    const scenarios: [PaymentSignal[], DonationStatus][] = [
      [['paid'], 'paid'],
      [['paid', 'refunded'], 'refunded'],
      [['awaiting_payment', 'paid'], 'paid'],
      [['awaiting_payment', 'paid', 'refunded'], 'refunded'],
      [['awaiting_payment', 'failed'], 'failed'],
      [['expired'], 'expired'],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...scenarios), fc.array(fc.nat(), { maxLength: 12 }), fc.array(fc.double(), { minLength: 16, maxLength: 16 }), ([events, expected], dupIdx, keys) => {
        const withDups = [...events, ...dupIdx.map((i) => events[i % events.length]!)];
        const shuffled = withDups.map((e, i) => [e, keys[i % keys.length]!] as const).sort((a, b) => a[1] - b[1]).map(([e]) => e);
        expect(run(shuffled)).toBe(expected);
      }),
    );
  });
});

describe('receipts, ledger entry, one-stop', () => {
  it('receipt numbers: <year>-<town>-<6 digits>, parseable', () => {
    expect(receiptNumber(2026, '113611', 123)).toBe('2026-113611-000123');
    expect(parseReceiptNumber('2026-113611-000123')).toEqual({ year: 2026, town: '113611', seq: 123 });
    expect(() => receiptNumber(2026, '113611', 0)).toThrow(RangeError);
  });

  const donation = (over: Partial<Donation> = {}): Donation => ({
    id: 'don_1',
    status: 'pending',
    amount: 12_345,
    challengeId: 'c1',
    receivingTown: '074071',
    purpose: 'P',
    purposeEn: 'P',
    donor: { name: '共創 太郎', nameKana: 'キョウソウ タロウ', email: 'a@example.jp', postalCode: '3680072', address: 'x' },
    anonymous: false,
    oneStop: false,
    updates: false,
    lang: 'ja',
    createdAt: '2026-11-01T00:00:00Z',
    provider: 'emulator',
    checkoutSessionId: 'cs',
    checkoutUrl: 'http://x/dev/checkout/cs',
    ...over,
  });

  it('the payment entry: Dr receiving town clearing, Cr the challenge (or fund share), named only if not anonymous', () => {
    const e = paidEntry(donation(), '2026-11-02');
    expect(e).toMatchObject({ id: 'donation:don_1:paid', date: '2026-11-02', channel: 'individual', town: '074071', counterpart: '共創 太郎' });
    expect(e.postings).toEqual([
      { account: 'town:074071:clearing', amount: 12_345 },
      { account: 'challenge:c1:available', amount: -12_345 },
    ]);
    expect(paidEntry(donation({ anonymous: true }), '2026-11-02').counterpart).toBeUndefined();
    const fundEntry = paidEntry(donation({ challengeId: undefined, fundId: 'kyoso-kikin' }), '2026-11-02');
    expect(fundEntry.postings[1]).toEqual({ account: 'fund:kyoso-kikin:share:074071', amount: -12_345 });
  });

  it('one-stop: distinct towns, the new one counted once, warning above five; due 10 January', () => {
    expect(oneStopCount(2026, ['a', 'b', 'a'], 'b')).toEqual({ year: 2026, towns: ['a', 'b'], count: 2, projected: 2, exceeds: false });
    expect(oneStopCount(2026, ['a', 'b', 'c', 'd', 'e'], 'e').exceeds).toBe(false);
    expect(oneStopCount(2026, ['a', 'b', 'c', 'd', 'e'], 'f')).toMatchObject({ count: 5, projected: 6, exceeds: true });
    expect(oneStopDeadline(2026)).toBe('2027-01-10');
  });

  it('reminder season runs from 20 December to 10 January, JST', () => {
    expect(reminderYear(new Date('2026-12-19T14:59:59Z'))).toBeUndefined(); // 19 Dec 23:59 JST
    expect(reminderYear(new Date('2026-12-19T15:00:00Z'))).toBe(2026); // 20 Dec 00:00 JST
    expect(reminderYear(new Date('2027-01-10T14:59:59Z'))).toBe(2026); // 10 Jan 23:59 JST
    expect(reminderYear(new Date('2027-01-10T15:00:00Z'))).toBeUndefined();
  });
});
