/**
 * The payment provider as the rest of the platform sees it: open a checkout for a donation, refund a
 * paid one. Stripe in production; the checkout emulator (functions/payments/emulator.ts) when no Stripe
 * key is configured. Either way the outcome arrives later as Stripe-shaped webhook events.
 */
import type { Yen } from '../domain/money.js';

export interface CheckoutRequest {
  donationId: string;
  amount: Yen;
  /** What the donor sees on the payment page (the challenge or fund, and the receiving town). */
  description: string;
  email: string;
  lang: 'ja' | 'en';
  successUrl: string;
  cancelUrl: string;
}

export interface Checkout {
  sessionId: string;
  url: string;
}

export interface RefundRequest {
  donationId: string;
  paymentIntentId?: string;
  checkoutSessionId: string;
  amount: Yen;
  reason: string;
}

export interface PaymentProvider {
  readonly kind: 'stripe' | 'emulator' | 'unconfigured';
  /** Idempotent per donation: the same donation and parameters give the same session. */
  createCheckout(req: CheckoutRequest): Promise<Checkout>;
  /** Idempotent per donation: a repeated call refunds once. */
  refund(req: RefundRequest): Promise<void>;
}

/** The deterministic idempotency keys: a retry of the same request cannot open a second session or refund twice. */
export const checkoutIdempotencyKey = (donationId: string) => `donation:${donationId}:checkout`;
export const refundIdempotencyKey = (donationId: string) => `donation:${donationId}:refund`;

/** The same idempotency key was used with different parameters (Stripe refuses this too). */
export class IdempotencyMismatchError extends Error {
  override name = 'IdempotencyMismatchError';
}

/** The provider could not be reached or refused for reasons of its own; safe to retry. */
export class PaymentProviderError extends Error {
  override name = 'PaymentProviderError';
}

/** In AWS without a real Stripe key: refuse payments instead of pretending. */
export const unconfiguredPayments: PaymentProvider = {
  kind: 'unconfigured',
  async createCheckout() {
    throw new PaymentProviderError('payments are not configured (no Stripe secret key); donations are closed for now');
  },
  async refund() {
    throw new PaymentProviderError('payments are not configured (no Stripe secret key)');
  },
};

// ---------------------------------------------------------------- the checkout emulator's storage

/** Where a checkout session of the local emulator (payments/emulator.ts) stands. */
export type EmulatedState = 'open' | 'paid' | 'awaiting_konbini' | 'konbini_paid' | 'konbini_failed' | 'expired';

/** A checkout session of the local emulator, as its storage keeps it. */
export interface EmulatedSession {
  id: string;
  idempotencyKey: string;
  paramsHash: string;
  donationId: string;
  amount: number;
  description: string;
  email: string;
  lang: 'ja' | 'en';
  successUrl: string;
  cancelUrl: string;
  state: EmulatedState;
  paymentIntentId: string;
  refunded?: boolean;
  createdAt: string;
}

/** The emulator's session storage: given to it from outside (the table, locally), so payments imports no store. */
export interface SessionStore {
  /** Stores the session unless one exists under the same idempotency key; returns whichever is stored. */
  claim(session: EmulatedSession): Promise<EmulatedSession>;
  get(id: string): Promise<EmulatedSession | undefined>;
  /** Moves the state only from `from`; false if the session was elsewhere. */
  move(id: string, from: EmulatedState[], to: EmulatedState): Promise<boolean>;
  markRefunded(id: string): Promise<boolean>;
}
