/**
 * Individual furusato-nozei donations (個人版): what a donor may send, the donation's payment state
 * machine, the ledger entry a payment posts, receipt numbers and the one-stop exception (ワンストップ特例).
 * Pure rules, no I/O. Refusals are codes with catalog keys (`error.<key>` in i18n/messages/donations.ts),
 * so the API and the pages say the same thing in the reader's language.
 */
import type { Challenge, Fund } from './catalog.js';
import { acceptsDonations } from './challenge-lifecycle.js';
import { isPastDeadline, jstDate } from './jst.js';
import { accounts } from './ledger/accounts.js';
import { transfer, type JournalEntry } from './ledger/entry.js';
import type { Issue } from './errors.js';
import { isYen, type Yen } from './money.js';
import type { TownCode } from './municipality.js';

/** GCF practice (domain.md §1): the ¥2,000 self-burden is the smallest donation worth making. */
export const DONATION_MIN: Yen = 2_000;
/** A configured ceiling: anything above is almost surely a typo, and card limits end well before it. */
export const DONATION_MAX: Yen = 10_000_000;
export const MESSAGE_MAX = 500;
export const NAME_MAX = 60;
export const ADDRESS_MAX = 200;
export const EMAIL_MAX = 254;
/** ワンストップ特例: at most this many distinct municipalities per donor per calendar year. */
export const ONE_STOP_MAX_TOWNS = 5;

export const DONATION_STATUSES = ['pending', 'paid', 'expired', 'failed', 'refunded'] as const;
export type DonationStatus = (typeof DONATION_STATUSES)[number];
export type PaymentMethod = 'card' | 'konbini';

export interface DonorDetails {
  /** Name as on the receipt (kanji or the donor's own script). */
  name: string;
  /** Reading in katakana (hiragana is accepted and stored as katakana). */
  nameKana: string;
  email: string;
  /** 7 digits, no hyphen. */
  postalCode: string;
  address: string;
}

/** What a donor sends, before any checking (the page feeds raw form text through the same rules). */
export interface DonationInput {
  challengeId?: string;
  fundId?: string;
  amount: unknown;
  receivingTown?: string;
  donor: { name?: unknown; nameKana?: unknown; email?: unknown; postalCode?: unknown; address?: unknown };
  anonymous?: boolean;
  message?: unknown;
  oneStop?: boolean;
  /** Opt-in to progress mail from the challenge. */
  updates?: boolean;
}

/** A request that passed every field rule; the target rules (open challenge, town) come after. */
export interface CleanDonation {
  target: { kind: 'challenge'; id: string } | { kind: 'fund'; id: string };
  amount: Yen;
  receivingTown?: TownCode;
  donor: DonorDetails;
  anonymous: boolean;
  message?: string;
  oneStop: boolean;
  updates: boolean;
}

export interface Donation {
  id: string;
  status: DonationStatus;
  amount: Yen;
  challengeId?: string;
  fundId?: string;
  receivingTown: TownCode;
  /** The challenge or fund title when the donation was made: the receipt's 寄附の使途. */
  purpose: string;
  purposeEn: string;
  donor: DonorDetails;
  anonymous: boolean;
  message?: string;
  oneStop: boolean;
  updates: boolean;
  /** The signed-in donor, if any; guests reach their donation through a signed link. */
  userId?: string;
  lang: 'ja' | 'en';
  createdAt: string;
  provider: 'stripe' | 'emulator';
  checkoutSessionId: string;
  checkoutUrl: string;
  paymentMethod?: PaymentMethod;
  /** Konbini: the donor has a payment slip but has not paid yet. */
  awaitingPayment?: boolean;
  paymentIntentId?: string;
  paidAt?: string;
  /** JST day the money was received: the receipt date, which fixes the tax year. */
  paidDate?: string;
  receiptNumber?: string;
  receiptVoid?: boolean;
  expiredAt?: string;
  failedAt?: string;
  refundRequestedAt?: string;
  refundedAt?: string;
  refundedDate?: string;
  refundReason?: string;
  oneStopReceivedOn?: string;
  oneStopReceivedBy?: string;
  oneStopRemindedAt?: string;
  /** The donor's signed links (absolute), kept at payment so scheduled mail can use them without the secret. */
  donorLinks?: { thanks: string; receipt: string; oneStopForm: string };
}

/** A rule broken by some input: its field, its wire code, and the catalog sentence (`error.<key>`) that says it. */
export interface DonationIssue extends Issue {
  path: string;
  key: string;
}

const issue = (path: string, code: string, key: string, params?: Issue['params']): DonationIssue => ({ path, code, key, ...(params ? { params } : {}) });

// ---------------------------------------------------------------- My Number (個人番号)

const MY_NUMBER_KEY = /^(my_?number|individual_?number|kojin_?bang(o|ou)|個人番号|マイナンバー)$/i;
/** 12 digits, optionally grouped 4-4-4 as printed on the card; full-width digits are folded by NFKC first. */
const MY_NUMBER_DIGITS = /(?<!\d)\d{4}[ -]?\d{4}[ -]?\d{4}(?!\d)/;

/**
 * Paths of every place in a request that carries, or looks like it carries, a My Number. The platform
 * never accepts one (the donor writes it on the printed one-stop form), so a request with any is refused
 * as a whole rather than stripped: silently dropping it would suggest we had taken it.
 */
export function findMyNumbers(value: unknown, path = ''): string[] {
  const out: string[] = [];
  // An explicit stack, not recursion: however deep the input nests, the scan cannot overflow the call stack.
  // Each step is a value to look at or a path already found; pushed in reverse, so paths come out in input order.
  type Step = { found: string } | { value: unknown; path: string };
  const stack: Step[] = [{ value, path }];
  while (stack.length) {
    const step = stack.pop()!;
    if ('found' in step) {
      out.push(step.found);
      continue;
    }
    const { value: v, path: p } = step;
    const at = (k: string) => (p ? `${p}.${k}` : k);
    if (typeof v === 'string') {
      if (MY_NUMBER_DIGITS.test(v.normalize('NFKC'))) out.push(p);
    } else if (typeof v === 'number') {
      if (Number.isInteger(v) && String(Math.abs(v)).length === 12) out.push(p);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: at(String(i)) });
    } else if (v && typeof v === 'object') {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, child] = entries[i]!;
        stack.push(MY_NUMBER_KEY.test(k.normalize('NFKC').replace(/[\s-]/g, '')) ? { found: at(k) } : { value: child, path: at(k) });
      }
    }
  }
  return out;
}

export function myNumberIssues(value: unknown): DonationIssue[] {
  return findMyNumbers(value).map((path) =>
issue(path, 'my_number_refused', 'donation.my_number_refused'));
}

// ---------------------------------------------------------------- field rules

/** Folds full-width digits and letters, half-width katakana and ideographic spaces (NFKC). */
const fold = (s: string) => s.normalize('NFKC').trim();

/** Hiragana to katakana, so a reading is stored one way whichever the donor typed. */
export function toKatakana(s: string): string {
  return s.replace(/[\u3041-\u3096]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0x60));
}

export function normalizeKana(raw: string): string {
  return toKatakana(fold(raw)).replace(/\s+/g, ' ');
}

export function isKana(s: string): boolean {
  return /^[\u30A1-\u30FA\u30FC\u30FB ]+$/.test(s) && /[\u30A1-\u30FA]/.test(s);
}

/** 〒123-4567 or 1234567, with full-width digits too; undefined when it is not 7 digits. */
export function normalizePostalCode(raw: string): string | undefined {
  const m = /^〒?\s*(\d{3})-?(\d{4})$/.exec(fold(raw).replace(/[‐－ー−]/g, '-'));
  return m ? `${m[1]}${m[2]}` : undefined;
}

export function formatPostalCode(sevenDigits: string): string {
  return `${sevenDigits.slice(0, 3)}-${sevenDigits.slice(3)}`;
}

export function normalizeEmail(raw: string): string {
  return fold(raw).toLowerCase();
}

export function isEmail(s: string): boolean {
  return s.length <= EMAIL_MAX && /^[^\s@"<>()[\],;:]+@[^\s@"<>()[\],;:]+\.[^\s@"<>()[\],;:]{2,}$/.test(s);
}

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Letters of any script (kanji, kana, Latin for donors from abroad), spaces and the marks names use. */
const NAME = /^[\p{L}\p{M} ・ー々〆'.\-]+$/u;

/** Whole yen from JSON (a number) or a form ("10,000", "１００００"). */
export function parseAmount(raw: unknown): number | undefined {
  if (typeof raw === 'number') return raw;
  if (typeof raw !== 'string') return undefined;
  const s = fold(raw).replace(/[,¥円\s]/g, '');
  return /^\d{1,15}$/.test(s) ? Number(s) : s === '' ? undefined : Number.NaN;
}

/**
 * Every field rule, each with its own message. Returns the cleaned request (kana as katakana, postal code
 * as 7 digits, email lower-cased) or the issues; both are never returned together.
 */
export function checkDonationInput(input: DonationInput): { ok: true; value: CleanDonation } | { ok: false; issues: DonationIssue[] } {
  const out: DonationIssue[] = [...myNumberIssues(input)];
  const str = (v: unknown) => (typeof v === 'string' ? v : '');

  let target: CleanDonation['target'] | undefined;
  if (input.challengeId && input.fundId) {
    out.push(issue('challengeId', 'target_ambiguous', 'donation.target_ambiguous'));
  } else if (input.challengeId) target = { kind: 'challenge', id: input.challengeId };
  else if (input.fundId) target = { kind: 'fund', id: input.fundId };
  else out.push(issue('challengeId', 'target_required', 'donation.target_required'));

  const amount = parseAmount(input.amount);
  if (amount === undefined) out.push(issue('amount', 'required', 'donation.amount_required'));
  else if (!isYen(amount)) out.push(issue('amount', 'not_whole_yen', 'donation.not_whole_yen'));
  else if (amount < DONATION_MIN) {
    out.push(issue('amount', 'amount_too_small', 'donation.amount_too_small', { min: DONATION_MIN.toLocaleString('en-US') }));
  } else if (amount > DONATION_MAX) {
    out.push(issue('amount', 'amount_too_large', 'donation.amount_too_large', { max: DONATION_MAX.toLocaleString('en-US') }));
  }

  const donor = input.donor ?? {};
  const name = fold(str(donor.name)).replace(/\s+/g, ' ');
  if (!name) out.push(issue('donor.name', 'required', 'donation.name_required'));
  else if (name.length > NAME_MAX) out.push(issue('donor.name', 'too_long', 'donation.name_too_long', { max: NAME_MAX }));
  else if (!NAME.test(name)) out.push(issue('donor.name', 'invalid_name', 'donation.invalid_name'));

  const nameKana = normalizeKana(str(donor.nameKana));
  if (!nameKana) out.push(issue('donor.nameKana', 'required', 'donation.kana_required'));
  else if (nameKana.length > NAME_MAX) out.push(issue('donor.nameKana', 'too_long', 'donation.kana_too_long', { max: NAME_MAX }));
  else if (!isKana(nameKana)) out.push(issue('donor.nameKana', 'not_kana', 'donation.not_kana'));

  const email = normalizeEmail(str(donor.email));
  if (!email) out.push(issue('donor.email', 'required', 'donation.email_required'));
  else if (!isEmail(email)) out.push(issue('donor.email', 'invalid_email', 'donation.invalid_email'));

  const rawPostal = str(donor.postalCode);
  const postalCode = normalizePostalCode(rawPostal);
  if (!rawPostal.trim()) out.push(issue('donor.postalCode', 'required', 'donation.postal_required'));
  else if (!postalCode) out.push(issue('donor.postalCode', 'invalid_postal_code', 'donation.invalid_postal_code'));

  const address = fold(str(donor.address)).replace(/\s+/g, ' ');
  if (!address) out.push(issue('donor.address', 'required', 'donation.address_required'));
  else if (address.length > ADDRESS_MAX) out.push(issue('donor.address', 'too_long', 'donation.address_too_long', { max: ADDRESS_MAX }));
  else if (CONTROL.test(address)) out.push(issue('donor.address', 'invalid_text', 'donation.address_invalid_text'));

  const message = str(input.message).trim();
  if (input.message !== undefined && typeof input.message !== 'string') out.push(issue('message', 'invalid_text', 'donation.message_not_text'));
  else if ([...message].length > MESSAGE_MAX) out.push(issue('message', 'too_long', 'donation.message_too_long', { max: MESSAGE_MAX }));
  else if (CONTROL.test(message)) out.push(issue('message', 'invalid_text', 'donation.message_invalid_text'));

  if (out.length || !target || amount === undefined || !postalCode) return { ok: false, issues: out };
  return {
    ok: true,
    value: {
      target,
      amount,
      receivingTown: input.receivingTown || undefined,
      donor: { name, nameKana, email, postalCode, address },
      anonymous: Boolean(input.anonymous),
      message: message || undefined,
      oneStop: Boolean(input.oneStop),
      updates: Boolean(input.updates) && target.kind === 'challenge',
    },
  };
}

// ---------------------------------------------------------------- the target: challenge or fund

export type DonationTarget = { kind: 'challenge'; challenge: Challenge } | { kind: 'fund'; fund: Fund };

/**
 * The target's rules: a challenge must be open and before its deadline (keep-it-all: money after the
 * deadline is refused) and the receiving town one of its towns (default: the lead town); a fund takes
 * donations for any member town, which the donor must name.
 */
export function targetIssues(clean: CleanDonation, target: DonationTarget, now: Date): { receivingTown?: TownCode; issues: DonationIssue[] } {
  if (target.kind === 'challenge') {
    const ch = target.challenge;
    const issues: DonationIssue[] = [];
    if (!acceptsDonations(ch, now)) {
      issues.push(
        isPastDeadline(ch.deadline, now)
          ? issue('challengeId', 'challenge_closed', 'donation.challenge_closed', { deadline: ch.deadline })
          : issue('challengeId', 'challenge_not_open', 'donation.challenge_not_open'),
      );
    }
    const town = clean.receivingTown ?? ch.leadTown;
    if (!ch.towns.includes(town)) {
      issues.push(issue('receivingTown', 'town_not_in_challenge', 'donation.town_not_in_challenge', { town, towns: ch.towns.join(', ') }));
    }
    return { receivingTown: issues.length ? undefined : town, issues };
  }
  const fund = target.fund;
  if (!clean.receivingTown) return { issues: [issue('receivingTown', 'required', 'donation.town_required')] };
  if (!fund.members.includes(clean.receivingTown)) {
    return { issues: [issue('receivingTown', 'town_not_in_fund', 'donation.town_not_in_fund', { town: clean.receivingTown, towns: fund.members.join(', ') })] };
  }
  return { receivingTown: clean.receivingTown, issues: [] };
}

/** Where the money waits for its use: the challenge's account, or the receiving town's share of the fund. */
export function creditAccount(d: Pick<Donation, 'challengeId' | 'fundId' | 'receivingTown'>): string {
  if (d.challengeId) return accounts.challengeAvailable(d.challengeId);
  if (d.fundId) return accounts.fundShare(d.fundId, d.receivingTown);
  throw new RangeError('a donation is for a challenge or a fund');
}

export const paidEntryId = (donationId: string) => `donation:${donationId}:paid`;

/** The public sees a donor's name only when the donor allowed it. */
export function publicName(d: Pick<Donation, 'anonymous' | 'donor'>): string | undefined {
  return d.anonymous ? undefined : d.donor.name;
}

/**
 * The payment's journal entry: money in transit from Stripe to the receiving town (clearing) against the
 * challenge or fund share it is held for. Its id comes from the donation, so it can only post once.
 */
export function paidEntry(d: Donation, paidDate: string): JournalEntry {
  return transfer(
    {
      id: paidEntryId(d.id),
      date: paidDate,
      memo: `寄附 ${d.purpose} / donation`,
      channel: 'individual',
      town: d.receivingTown,
      counterpart: publicName(d),
    },
    accounts.clearing(d.receivingTown),
    creditAccount(d),
    d.amount,
  );
}

// ---------------------------------------------------------------- the payment state machine

/**
 * pending → paid | expired | failed; paid → refunded. `expired` and `failed` may still become `paid`:
 * Stripe delivers events in any order, and money that arrived is never ignored, so "paid" wins over
 * "expired"/"failed" whichever came first. Nothing leaves `paid` except a refund, and nothing leaves
 * `refunded`.
 */
const NEXT: Record<DonationStatus, readonly DonationStatus[]> = {
  pending: ['paid', 'expired', 'failed'],
  expired: ['paid'],
  failed: ['paid'],
  paid: ['refunded'],
  refunded: [],
};

export function canTransition(from: DonationStatus, to: DonationStatus): boolean {
  return NEXT[from].includes(to);
}

/** States a transition to `to` may start from: the ConditionExpression of the store's update. */
export function fromStates(to: DonationStatus): DonationStatus[] {
  return DONATION_STATUSES.filter((s) => canTransition(s, to));
}

/** What the payment provider told us about a donation. */
export type PaymentSignal = 'paid' | 'awaiting_payment' | 'failed' | 'expired' | 'refunded';

export type Decision =
  | { action: 'apply'; to: DonationStatus }
  /** Already there, or the signal no longer matters (e.g. "expired" after "paid"). */
  | { action: 'ignore'; reason: string }
  /** Konbini checkout done, money not yet: note it, status stays pending. */
  | { action: 'note_awaiting' }
  /** The signal refers to a state we have not reached yet (a refund before the payment): retry later. */
  | { action: 'too_early'; reason: string };

export function decide(current: DonationStatus, signal: PaymentSignal): Decision {
  switch (signal) {
    case 'paid':
      return canTransition(current, 'paid') ? { action: 'apply', to: 'paid' } : { action: 'ignore', reason: `already ${current}` };
    case 'awaiting_payment':
      return current === 'pending' ? { action: 'note_awaiting' } : { action: 'ignore', reason: `already ${current}` };
    case 'failed':
    case 'expired':
      return canTransition(current, signal) ? { action: 'apply', to: signal } : { action: 'ignore', reason: `already ${current}` };
    case 'refunded':
      if (current === 'paid') return { action: 'apply', to: 'refunded' };
      if (current === 'refunded') return { action: 'ignore', reason: 'already refunded' };
      return { action: 'too_early', reason: `a refund for a donation that is ${current}, not paid` };
  }
}

// ---------------------------------------------------------------- receipts

/** `2026-113611-000123`: unique per issuing town per calendar year (the receipt date's year). */
export function receiptNumber(year: number, town: TownCode, seq: number): string {
  if (!Number.isInteger(seq) || seq < 1 || seq > 999_999) throw new RangeError('receipt sequence must be 1–999999');
  return `${year}-${town}-${String(seq).padStart(6, '0')}`;
}

export function parseReceiptNumber(s: string): { year: number; town: TownCode; seq: number } | undefined {
  const m = /^(\d{4})-(\d{6})-(\d{6})$/.exec(s);
  return m ? { year: Number(m[1]), town: m[2]!, seq: Number(m[3]) } : undefined;
}

export const receiptYear = (paidDate: string) => Number(paidDate.slice(0, 4));

// ---------------------------------------------------------------- one-stop exception

/** The form must arrive by 10 January of the year after the donation. */
export function oneStopDeadline(year: number): string {
  return `${year + 1}-01-10`;
}

export interface OneStopCount {
  year: number;
  /** Distinct municipalities given to this year, before this donation. */
  towns: TownCode[];
  count: number;
  /** Including the town of the donation being made (a town already given to counts once). */
  projected: number;
  /** Over five: the one-stop exception is lost for the whole year; a tax return is needed instead. */
  exceeds: boolean;
}

export function oneStopCount(year: number, givenTo: readonly TownCode[], newTown?: TownCode): OneStopCount {
  const towns = [...new Set(givenTo)].sort();
  const projected = newTown && !towns.includes(newTown) ? towns.length + 1 : towns.length;
  return { year, towns, count: towns.length, projected, exceeds: projected > ONE_STOP_MAX_TOWNS };
}

/**
 * Reminder season: 20 December to 10 January (JST). Returns the donation year whose unreceived forms
 * are due, or undefined outside the season.
 */
export function reminderYear(now: Date): number | undefined {
  const d = jstDate(now);
  const year = Number(d.slice(0, 4));
  const md = d.slice(5);
  if (md >= '12-20') return year;
  if (md <= '01-10') return year - 1;
  return undefined;
}

/** A one-stop form can only arrive once the donation was paid, and not later than today. */
export function oneStopReceivedOnProblem(paidDate: string | undefined, receivedOn: string, today: string): DonationIssue | undefined {
  if (receivedOn > today) return issue('receivedOn', 'received_on_future', 'donation.received_on_future', { date: receivedOn });
  if (paidDate && receivedOn < paidDate) return issue('receivedOn', 'received_on_before_payment', 'donation.received_on_before_payment', { date: receivedOn, paidDate });
  return undefined;
}
