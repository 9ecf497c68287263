/**
 * Stripe's (or the checkout emulator's) events, applied through the donation's state machine. Safe to
 * receive any number of times, concurrently, in any order: each change is conditional on the donation's
 * state, the payment entry's id derives from the donation, and the event id is recorded only once the
 * event is fully applied (a crash before that means Stripe retries).
 */
import { decide } from '../domain/donations.js';
import { DomainError } from '../domain/errors.js';
import { jstDate } from '../domain/jst.js';
import { readEvent, verifyStripeEvent, type StripeEvent } from '../payments/stripe-events.js';
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
  // A bad signature is refused by the verifier itself (SignatureError, bad_signature).
  const event = await verifyStripeEvent(req.raw, req.signature, await ctx.secrets.stripeWebhook());
  return applyStripeEvent(ctx, event);
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
  const town = await getTown(db, d.receivingTown);
  if (!town) throw new Error(`donation ${d.id} names unknown town ${d.receivingTown}`);
  const links = await donationLinks(ctx, d.id);
  const date = jstDate(read.at);
  switch (decision.to) {
    case 'paid': {
      if ((read.amount !== undefined && read.amount !== d.amount) || (read.currency !== undefined && read.currency !== 'jpy')) {
        // Never post an amount we did not ask for; the event stays unprocessed and alarms via retries.
        throw new DomainError('rule', 'amount_mismatch', `paid ${read.amount} ${read.currency} for a donation of ${d.amount} jpy`, {
          key: 'donation.amount_mismatch',
          params: { paid: String(read.amount), currency: String(read.currency), amount: d.amount },
        });
      }
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
