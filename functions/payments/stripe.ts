/**
 * The Stripe adapter: a Checkout Session in JPY (zero-decimal: the amount is whole yen) offering card and
 * konbini, the donation id in the session's and the payment's metadata, and deterministic idempotency keys
 * so a retried request cannot open a second session or refund twice. The SDK is imported and the client
 * built on first use only: nothing that does not pay loads Stripe, and a missing key cannot crash startup
 * (stripe-node throws at construction without one).
 */
import type { Stripe as StripeClient } from 'stripe';
import {
  checkoutIdempotencyKey,
  IdempotencyMismatchError,
  PaymentProviderError,
  refundIdempotencyKey,
  type PaymentProvider,
} from './port.js';

/** Konbini slips stay payable this long (Stripe allows 1–60 days; its default is 3). */
const KONBINI_DAYS = 3;

/** `api` points the SDK at another host (a local stub in tests); production leaves it unset. */
export function createStripePayments(opts: { secretKey: string; api?: { host: string; port: number; protocol: 'http' | 'https' } }): PaymentProvider {
  let client: StripeClient | undefined;
  async function stripe(): Promise<StripeClient> {
    if (!client) {
      const { default: Stripe } = await import('stripe');
      client = new Stripe(opts.secretKey, { maxNetworkRetries: 2, timeout: 20_000, ...(opts.api ?? {}) });
    }
    return client;
  }

  return {
    kind: 'stripe',
    async createCheckout(req) {
      const s = await stripe();
      const session = await call(() =>
        s.checkout.sessions.create(
          {
            mode: 'payment',
            currency: 'jpy',
            // The SDK's API version (2026-10-28) replaced `payment_method_types` with this list: card and
            // konbini, and nothing else Stripe might offer dynamically.
            allowed_payment_method_types: ['card', 'konbini'],
            line_items: [{ quantity: 1, price_data: { currency: 'jpy', unit_amount: req.amount, product_data: { name: req.description } } }],
            customer_email: req.email,
            client_reference_id: req.donationId,
            metadata: { donationId: req.donationId },
            // Charges and refunds carry the donation id too, so charge.refunded finds its donation.
            payment_intent_data: { metadata: { donationId: req.donationId }, description: req.description },
            payment_method_options: { konbini: { expires_after_days: KONBINI_DAYS } },
            locale: req.lang === 'en' ? 'en' : 'ja',
            success_url: req.successUrl,
            cancel_url: req.cancelUrl,
          },
          { idempotencyKey: checkoutIdempotencyKey(req.donationId) },
        ),
      );
      if (!session.url) throw new PaymentProviderError('Stripe returned a checkout session without a URL');
      return { sessionId: session.id, url: session.url };
    },
    async refund(req) {
      const s = await stripe();
      let paymentIntent = req.paymentIntentId;
      if (!paymentIntent) {
        const session = await call(() => s.checkout.sessions.retrieve(req.checkoutSessionId));
        paymentIntent = typeof session.payment_intent === 'string' ? session.payment_intent : session.payment_intent?.id;
      }
      if (!paymentIntent) throw new PaymentProviderError(`no payment to refund for donation ${req.donationId}`);
      await call(() =>
        s.refunds.create(
          { payment_intent: paymentIntent, reason: 'requested_by_customer', metadata: { donationId: req.donationId, reason: req.reason.slice(0, 500) } },
          { idempotencyKey: refundIdempotencyKey(req.donationId) },
        ),
      );
    },
  };
}

/** Stripe's errors become ours, so the API can answer 422 for a reused key and 502 for the rest. */
async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const err = e as { type?: string; message?: string };
    if (err.type === 'StripeIdempotencyError') throw new IdempotencyMismatchError(err.message ?? 'idempotency key reused with other parameters');
    throw new PaymentProviderError(`Stripe: ${err.message ?? String(e)}`);
  }
}
