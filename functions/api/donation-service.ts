/**
 * The donation flow, shared by the JSON API and the pages: check → open a checkout → store the pending
 * donation; apply Stripe's events through the donation's state machine; refunds. Rules live in
 * domain/donations.ts, DynamoDB in store/donations.ts; this module only puts them in order.
 */
import { createHash, randomBytes } from 'node:crypto';
import { canonicalJson } from '../domain/audit.js';
import type { Municipality } from '../domain/catalog.js';
import {
  checkDonationInput,
  creditAccount,
  decide,
  oneStopCount,
  targetIssues,
  type CleanDonation,
  type Donation,
  type DonationInput,
  type DonationIssue,
  type DonationTarget,
  type OneStopCount,
} from '../domain/donations.js';
import { jstDate, jstYear } from '../domain/jst.js';
import { IdempotencyMismatchError, PaymentProviderError } from '../payments/port.js';
import { readEvent, type StripeEvent } from '../payments/stripe-events.js';
import { getChallenge, getFund, getTown } from '../store/catalog.js';
import type { Db } from '../store/db.js';
import {
  applyRefund,
  createDonation as storeDonation,
  donationIdForPaymentIntent,
  ensureReceiptNumber,
  getDonation,
  getIdempotency,
  IdempotencyConflictError,
  isEventProcessed,
  markUnpaid,
  noteAwaitingPayment,
  recordEvent,
  recordPayment,
  requestRefund,
  townsGivenTo,
} from '../store/donations.js';
import { balanceOf } from '../store/ledger.js';
import { assertTownRole, hasRole, type Principal } from './auth.js';
import type { AppDeps } from './context.js';
import { donationLinks, linkSecret, paymentsOf, verifyDonationToken } from './donation-links.js';
import { paidMail, refundedMail } from './donation-mail.js';
import { ApiError, conflict, forbidden, notFound, unauthorized, unprocessable } from './errors.js';

export const nowOf = (db: Db) => (db.now ? db.now() : new Date());

/** Refused input as an API error: field rules 400, rules about the target 422; details carry each field. */
export class DonationRefused extends ApiError {
  constructor(
    status: 400 | 422,
    override readonly issues: DonationIssue[],
  ) {
    const first = issues[0]!;
    const code = status === 400 ? (issues.some((i) => i.code === 'my_number_refused') ? 'my_number_refused' : 'validation_failed') : first.code;
    super(status, code, `${first.path}: ${first.en}`, issues.map((i) => ({ path: i.path, message: i.en, code: i.code })));
  }
}

export interface Prepared {
  clean: CleanDonation;
  target: DonationTarget;
  receivingTown: string;
  town: Municipality;
  purpose: string;
  purposeEn: string;
}

/** Every check, no writes: used by the API, by the confirm page, and again when the donor confirms. */
export async function prepareDonation(db: Db, input: DonationInput, now: Date): Promise<Prepared> {
  const checked = checkDonationInput(input);
  if (!checked.ok) throw new DonationRefused(400, checked.issues);
  const clean = checked.value;
  let target: DonationTarget;
  if (clean.target.kind === 'challenge') {
    const challenge = await getChallenge(db, clean.target.id);
    if (!challenge || challenge.status === 'draft') throw new DonationRefused(422, [{ path: 'challengeId', code: 'unknown_challenge', en: `there is no challenge ${clean.target.id}`, ja: '指定されたチャレンジは見つかりません' }]);
    target = { kind: 'challenge', challenge };
  } else {
    const fund = await getFund(db, clean.target.id);
    if (!fund) throw new DonationRefused(422, [{ path: 'fundId', code: 'unknown_fund', en: `there is no fund ${clean.target.id}`, ja: '指定された基金は見つかりません' }]);
    target = { kind: 'fund', fund };
  }
  const { receivingTown, issues } = targetIssues(clean, target, now);
  if (issues.length || !receivingTown) throw new DonationRefused(422, issues);
  const town = await getTown(db, receivingTown);
  if (!town) throw new DonationRefused(422, [{ path: 'receivingTown', code: 'unknown_town', en: `there is no member town ${receivingTown}`, ja: '指定された町は見つかりません' }]);
  const [purpose, purposeEn] = target.kind === 'challenge' ? [target.challenge.title, target.challenge.titleEn] : [target.fund.name, target.fund.nameEn];
  return { clean, target, receivingTown, town, purpose, purposeEn: purposeEn || purpose };
}

export const requestHashOf = (body: unknown) => createHash('sha256').update(canonicalJson(body)).digest('hex');

/** Idempotency keys are the client's: printable, at most 255 characters (Stripe's own limit). */
export function checkIdempotencyKey(key: string | undefined): string | undefined {
  if (key === undefined || key === '') return undefined;
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) throw new ApiError(400, 'bad_idempotency_key', 'Idempotency-Key must be 1–255 printable ASCII characters');
  return key;
}

export async function createDonation(
  deps: AppDeps,
  principal: Principal | undefined,
  input: DonationInput,
  opts: { idempotencyKey?: string; requestHash: string; lang: 'ja' | 'en' },
): Promise<{ body: { donationId: string; checkoutUrl: string; status: 'pending' }; replayed: boolean }> {
  const db = deps.db;
  const now = nowOf(db);
  const prep = await prepareDonation(db, input, now);
  const scope = `donations:${principal?.sub ?? 'guest'}`;
  const key = opts.idempotencyKey;
  if (key) {
    const stored = await getIdempotency(db, scope, key);
    if (stored) {
      if (stored.requestHash !== opts.requestHash) throw idempotencyReused();
      return { body: stored.response, replayed: true };
    }
  }
  // The same key always names the same donation, so concurrent retries converge on one item.
  const id = key ? `don_${createHash('sha256').update(`${scope}|${key}`).digest('hex').slice(0, 24)}` : `don_${randomBytes(12).toString('hex')}`;
  const links = await donationLinks(deps, id);
  const payments = paymentsOf(deps);
  const cancelUrl = prep.target.kind === 'challenge' ? `${deps.baseUrl}/challenges/${encodeURIComponent(prep.target.challenge.id)}` : `${deps.baseUrl}/funds/${encodeURIComponent(prep.target.fund.id)}`;
  let checkout;
  try {
    checkout = await payments.createCheckout({
      donationId: id,
      amount: prep.clean.amount,
      description: opts.lang === 'en' ? `${prep.purposeEn} — hometown-tax donation to ${prep.town.nameEn}` : `${prep.purpose}(${prep.town.name}へのふるさと納税)`,
      email: prep.clean.donor.email,
      lang: opts.lang,
      successUrl: links.thanks,
      cancelUrl,
    });
  } catch (e) {
    if (e instanceof IdempotencyMismatchError) throw idempotencyReused();
    if (e instanceof PaymentProviderError) throw new ApiError(503, 'payments_unavailable', e.message);
    throw e;
  }
  const donation: Donation = {
    id,
    status: 'pending',
    amount: prep.clean.amount,
    ...(prep.target.kind === 'challenge' ? { challengeId: prep.target.challenge.id } : { fundId: prep.target.fund.id }),
    receivingTown: prep.receivingTown,
    purpose: prep.purpose,
    purposeEn: prep.purposeEn,
    donor: prep.clean.donor,
    anonymous: prep.clean.anonymous,
    ...(prep.clean.message ? { message: prep.clean.message } : {}),
    oneStop: prep.clean.oneStop,
    updates: prep.clean.updates,
    ...(principal ? { userId: principal.sub } : {}),
    lang: opts.lang,
    createdAt: now.toISOString(),
    provider: payments.kind === 'emulator' ? 'emulator' : 'stripe',
    checkoutSessionId: checkout.sessionId,
    checkoutUrl: checkout.url,
  };
  try {
    const { response, replayed } = await storeDonation(db, donation, key ? { scope, key, requestHash: opts.requestHash } : undefined);
    return { body: response, replayed };
  } catch (e) {
    if (e instanceof IdempotencyConflictError) throw idempotencyReused();
    throw e;
  }
}

const idempotencyReused = () => unprocessable('this Idempotency-Key was already used with a different request body', [], 'idempotency_key_reused');

/** Who may see a donation: its signed-in donor, a guest with its signed link, its town's treasurer, admin. */
export async function assertCanSee(deps: AppDeps, principal: Principal | undefined, d: Donation, token: string | undefined): Promise<void> {
  if (verifyDonationToken(await linkSecret(deps), d.id, token)) return;
  if (!principal) throw unauthorized('sign in, or use the link from your donation email');
  if (hasRole(principal, 'admin') || hasRole(principal, 'treasurer', d.receivingTown) || (d.userId && d.userId === principal.sub)) return;
  throw forbidden('only the donor, the receiving town’s treasurer and admins can see this donation');
}

export async function findDonation(db: Db, id: string): Promise<Donation> {
  const d = await getDonation(db, id);
  if (!d) throw notFound('donation');
  return d;
}

/** Reading a paid donation repairs a missing receipt number (see store ensureReceiptNumber). */
export async function withReceiptNumber(db: Db, d: Donation): Promise<Donation> {
  if ((d.status === 'paid' || d.status === 'refunded') && !d.receiptNumber) {
    const receiptNumber = await ensureReceiptNumber(db, d.id);
    return { ...d, receiptNumber };
  }
  return d;
}

export async function oneStopStatus(db: Db, who: { email?: string; userId?: string }, town: string | undefined, now: Date): Promise<OneStopCount> {
  const year = jstYear(now);
  return oneStopCount(year, await townsGivenTo(db, who, year), town);
}

// ---------------------------------------------------------------- Stripe events

/**
 * Applies one verified event. Safe to call any number of times, concurrently, in any order: each change
 * is conditional on the donation's state, the payment entry's id is derived from the donation, and the
 * event id is recorded only once the event is fully applied (a crash before that means Stripe retries).
 */
export async function applyStripeEvent(deps: AppDeps, event: StripeEvent): Promise<{ outcome: string }> {
  const db = deps.db;
  if (await isEventProcessed(db, event.id)) return { outcome: 'duplicate_event' };
  const outcome = await applyRead(deps, event);
  await recordEvent(db, event, outcome);
  return { outcome };
}

async function applyRead(deps: AppDeps, event: StripeEvent): Promise<string> {
  const db = deps.db;
  const read = readEvent(event);
  if (read.kind === 'ignored') return `ignored: ${read.reason}`;
  const id = read.donationId ?? (read.paymentIntentId ? await donationIdForPaymentIntent(db, read.paymentIntentId) : undefined);
  const d = id ? await getDonation(db, id) : undefined;
  // Not ours (another integration on the same Stripe account) or a session we never stored: nothing to do.
  if (!d) return 'ignored: no such donation';
  const decision = decide(d.status, read.signal);
  switch (decision.action) {
    case 'too_early':
      // Not recorded: Stripe retries, by which time the payment will have arrived.
      throw conflict(`${decision.reason}; retry later`, 'out_of_order');
    case 'ignore':
      if (d.status === 'paid' || d.status === 'refunded') await ensureReceiptNumber(db, d.id);
      return `ignored: ${decision.reason}`;
    case 'note_awaiting':
      await noteAwaitingPayment(db, d.id, read.method ?? 'konbini');
      return 'awaiting_payment';
    case 'apply':
      break;
  }
  const town = await getTown(db, d.receivingTown);
  if (!town) throw new Error(`donation ${d.id} names unknown town ${d.receivingTown}`);
  const links = await donationLinks(deps, d.id);
  const date = jstDate(read.at);
  switch (decision.to) {
    case 'paid': {
      if ((read.amount !== undefined && read.amount !== d.amount) || (read.currency !== undefined && read.currency !== 'jpy')) {
        // Never post an amount we did not ask for; the event stays unprocessed and alarms via retries.
        throw unprocessable(`paid ${read.amount} ${read.currency} for a donation of ${d.amount} jpy`, [], 'amount_mismatch');
      }
      const { duplicate } = await recordPayment(db, d, { at: read.at, paidDate: date, method: read.method, paymentIntentId: read.paymentIntentId }, paidMail(d, town, links, date), { thanks: links.thanks, receipt: links.receipt, oneStopForm: links.oneStopForm });
      await ensureReceiptNumber(db, d.id);
      return duplicate ? 'paid (already recorded)' : 'paid';
    }
    case 'expired':
    case 'failed':
      return (await markUnpaid(db, d.id, decision.to, read.at)) ? decision.to : `ignored: no longer pending`;
    case 'refunded': {
      const { duplicate } = await applyRefund(db, d, { date, reason: d.refundReason ?? 'refunded in Stripe', mail: refundedMail(d, town, links) });
      return duplicate ? 'refunded (already recorded)' : 'refunded';
    }
    default:
      return 'ignored';
  }
}

// ---------------------------------------------------------------- refunds

export async function refundDonation(deps: AppDeps, principal: Principal | undefined, id: string, reason: string, requestId?: string): Promise<Donation> {
  const db = deps.db;
  const d = await findDonation(db, id);
  const p = assertTownRole(principal, 'treasurer', d.receivingTown);
  if (d.status === 'refunded') return d;
  if (d.status !== 'paid') throw conflict(`donation ${id} is ${d.status}; only a paid donation can be refunded`, 'not_paid');
  // The money must still be there to take back: a refund of money already allocated or spent would leave
  // the ledger unable to follow what Stripe did, so it is refused before Stripe is asked.
  const available = await balanceOf(db, creditAccount(d));
  if (available < d.amount) throw conflict(`only ¥${available} is left in ${creditAccount(d)}; the donation's money has been allocated or spent`, 'insufficient_funds');
  await requestRefund(db, d, reason, {
    chain: `town:${d.receivingTown}`,
    input: { actor: p.sub, role: `treasurer:${d.receivingTown}`, action: 'donation.refund', target: `donation:${id}`, before: { status: 'paid', amount: d.amount }, after: { status: 'refunded', reason }, requestId },
  });
  try {
    await paymentsOf(deps).refund({ donationId: id, paymentIntentId: d.paymentIntentId, checkoutSessionId: d.checkoutSessionId, amount: d.amount, reason });
  } catch (e) {
    if (e instanceof PaymentProviderError) throw new ApiError(503, 'payments_unavailable', `${e.message}; nothing was refunded, the request can be repeated`);
    throw e;
  }
  // The emulator (or a fast webhook) may already have applied it; then this is a no-op.
  const now = await findDonation(db, id);
  if (now.status === 'paid') {
    const town = await getTown(db, d.receivingTown);
    await applyRefund(db, now, { date: jstDate(nowOf(db)), reason, mail: refundedMail(now, town!, await donationLinks(deps, id)) });
  }
  return findDonation(db, id);
}

