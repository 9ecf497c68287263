/**
 * Stripe's (or the checkout emulator's) events, applied through the donation's state machine. Safe to
 * receive any number of times, concurrently, in any order: each change is conditional on the donation's
 * state, the payment entry's id derives from the donation, and the event id is recorded only once the
 * event is fully applied (a crash before that means Stripe retries).
 */
import { decide, type Donation } from '../domain/donations.js';
import { DomainError } from '../domain/errors.js';
import { jstDate } from '../domain/jst.js';
import { readEvent, verifyStripeEvent, type ReadEvent, type StripeEvent } from '../payments/stripe-events.js';
import { getTown } from '../store/catalog.js';
import {
  applyRefund,
  donationIdForPaymentIntent,
  ensureReceiptNumber,
  getDonation,
  isEventProcessed,
  markUnpaid,
  noteAwaitingPayment,
  recordEvent,
  recordPayment,
} from '../store/donations.js';
import type { ServiceContext } from './context.js';
import { donationLinks } from './donation-links.js';
import { paidMail, refundedMail } from './donation-mail.js';

/**
 * Verifies the Stripe-Signature on the exact raw body, then applies the event; a bad or stale signature
 * changes nothing.
 * @example const { outcome } = await receiveStripeWebhook(ctx, { raw: await c.req.text(), signature })
 */
export async function receiveStripeWebhook(ctx: ServiceContext, req: { raw: string; signature: string | undefined }): Promise<{ outcome: string }> {
  let event: StripeEvent | undefined;
  try {
    // A bad signature (SignatureError, bad_signature) or an event without an id or a sound `created`
    // (bad_event) is refused by the verifier itself.
    event = await verifyStripeEvent(req.raw, req.signature, await ctx.secrets.stripeWebhook());
    return await applyStripeEvent(ctx, event);
  } catch (e) {
    // Every refusal is one JSON line in the log: Stripe will retry it, and someone should look.
    if (e instanceof DomainError) {
      console.warn(JSON.stringify({ level: 'warn', msg: 'stripe webhook refused', code: e.code, reason: e.message, eventId: event?.id, type: event?.type, requestId: ctx.requestId }));
    }
    throw e;
  }
}

/**
 * Applies one verified event; a repeat of a processed event is `duplicate_event`.
 * @example const { outcome } = await applyStripeEvent(ctx, event) // 'paid'
 */
export async function applyStripeEvent(ctx: ServiceContext, event: StripeEvent): Promise<{ outcome: string }> {
  if (await isEventProcessed(ctx.db, event.id)) return { outcome: 'duplicate_event' };
  const outcome = await applyRead(ctx, event);
  await recordEvent(ctx.db, event, outcome);
  return { outcome };
}

async function applyRead(ctx: ServiceContext, event: StripeEvent): Promise<string> {
  const db = ctx.db;
  const read = readEvent(event);
  if (read.kind === 'ignored') return `ignored: ${read.reason}`;
  const id = read.donationId ?? (read.paymentIntentId ? await donationIdForPaymentIntent(db, read.paymentIntentId) : undefined);
  const d = id ? await getDonation(db, id) : undefined;
  // Not ours (another integration on the same Stripe account) or a session we never stored: nothing to do.
  if (!d) return 'ignored: no such donation';
  // A checkout event must be about this donation's own session, for its amount in yen.
  if (read.signal !== 'refunded') assertMatches(read, d);
  const decision = decide(d.status, read.signal);
  switch (decision.action) {
    case 'too_early':
      // Not recorded: Stripe retries, by which time the payment will have arrived.
      throw new DomainError('conflict', 'out_of_order', `${decision.reason}, retry later`, { key: 'donation.out_of_order', params: { reason: decision.reason } });
    case 'ignore':
      if (d.status === 'paid' || d.status === 'refunded') await ensureReceiptNumber(db, d.id);
      return `ignored: ${decision.reason}`;
    case 'note_awaiting':
      await noteAwaitingPayment(db, d.id, read.method ?? 'konbini');
      return 'awaiting_payment';
    case 'apply':
      break;
  }
  // A refund must take back exactly what remains refundable: a donation is refunded in full or not at all.
  if (decision.to === 'refunded') assertAmount(read, d.amount, 'refund');
  const town = await getTown(db, d.receivingTown);
  if (!town) throw new Error(`donation ${d.id} names unknown town ${d.receivingTown}`);
  const links = await donationLinks(ctx, d.id);
  const date = jstDate(read.at);
  switch (decision.to) {
    case 'paid': {
      const { duplicate } = await recordPayment(db, d, { at: read.at, paidDate: date, method: read.method, paymentIntentId: read.paymentIntentId }, paidMail(d, town, links, date), {
        thanks: links.thanks,
        receipt: links.receipt,
        oneStopForm: links.oneStopForm,
      });
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

type Signal = Extract<ReadEvent, { kind: 'signal' }>;

/**
 * A checkout event is about the donation's own session, for its amount, in yen; otherwise it is refused
 * before anything changes (not recorded, so Stripe retries it and the log and Stripe's dashboard alarm).
 */
function assertMatches(read: Signal, d: Donation): void {
  assertAmount(read, d.amount, 'checkout');
  if (read.sessionId !== d.checkoutSessionId) {
    throw new DomainError('rule', 'session_mismatch', `the event is about checkout session ${read.sessionId ?? '(none)'}, not the donation's ${d.checkoutSessionId}`, {
      key: 'donation.session_mismatch',
      params: { session: read.sessionId ?? '-' },
    });
  }
}

/**
 * The event's amount is a whole number, in yen, and equal to what the donation expects: its amount for a
 * checkout, what remains refundable for a refund (the donation model refunds in full only, so that is its
 * whole amount while it is paid).
 */
function assertAmount(read: Signal, expected: number, what: 'checkout' | 'refund'): void {
  const field = read.amountField ?? 'amount_total';
  if (read.amount === undefined) {
    throw new DomainError('invalid', 'bad_event_amount', `the event has no whole number in ${field}`, { key: 'donation.event_bad_amount', params: { field } });
  }
  if (read.currency !== 'jpy') {
    throw new DomainError('rule', 'currency_mismatch', `the event is in ${read.currency ?? '(no currency)'}, not jpy`, { key: 'donation.currency_mismatch', params: { currency: read.currency ?? '-' } });
  }
  if (read.amount === expected) return;
  if (what === 'refund') {
    throw new DomainError('rule', 'refund_amount_mismatch', `refunded ${read.amount} jpy of a donation whose refundable amount is ${expected} jpy`, {
      key: 'donation.refund_amount_mismatch',
      params: { refunded: read.amount, refundable: expected },
    });
  }
  // Never post an amount we did not ask for.
  throw new DomainError('rule', 'amount_mismatch', `paid ${read.amount} ${read.currency} for a donation of ${expected} jpy`, {
    key: 'donation.amount_mismatch',
    params: { paid: String(read.amount), currency: String(read.currency), amount: expected },
  });
}
