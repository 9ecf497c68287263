/**
 * What every workflow gets from outside, built once per request by the API (or per run by a job): the
 * table, a clock, the public base URL for links in mail, the payment provider and the secrets. Services
 * take this and an Actor, never a Hono context.
 */
import type { Db } from '../store/db.js';
import type { PaymentProvider } from '../payments/port.js';

export interface ServiceContext {
  db: Db;
  /** Injectable clock; the store reads the same one through `db.now`. */
  now: () => Date;
  /** Where the platform is served from, for absolute links in mail and checkout return URLs. */
  baseUrl: string;
  /** Stripe, the local emulator, or `unconfiguredPayments` (every call refused with 503). */
  payments: PaymentProvider;
  secrets: {
    /** HMAC key of guests' donation links. */
    donationLink: () => Promise<string>;
    /** Verifies Stripe-Signature on the webhook. */
    stripeWebhook: () => Promise<string>;
  };
  /** Carried into audit records and mail causes, so one request can be followed through. */
  requestId?: string;
}

/**
 * The clock of a context: tests pin it through `db.now`, so both readers agree.
 * @example const today = jstDate(nowOf(ctx))
 */
export const nowOf = (ctx: Pick<ServiceContext, 'now'>) => ctx.now();

export type { Db } from '../store/db.js';
/** The store's clock (tests pin it through `db.now`), for building a context from a bare Db. */
export { nowOf as dbNow } from '../store/db.js';
