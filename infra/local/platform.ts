/** The app as it runs locally: the shared app plus the local-only routes, on a given DynamoDB. */
import { createApp } from '../../functions/api/app.js';
import { createDocumentClient } from '../../functions/store/client.js';
import type { Db } from '../../functions/store/db.js';
import { createDevIdentity } from './dev-identity.js';
import { mountDevIdentity } from './dev-routes.js';
import { mountDevMailbox } from './dev-mailbox.js';
import { ensureTable } from './tables.js';
import { createCheckoutEmulator } from '../../functions/payments/emulator.js';
import { createStripePayments } from '../../functions/payments/stripe.js';
import { LOCAL_WEBHOOK_SECRET, signPayload } from '../../functions/payments/stripe-events.js';
import { LOCAL_DONATION_LINK_SECRET } from '../../functions/payments/config.js';
import type { Deliver } from '../../functions/payments/emulator.js';
import { redeliveringDeliverer } from './redelivery.js';
import { checkoutSessionStore } from '../../functions/store/checkout-sessions.js';
import type { EmulatedSession } from '../../functions/payments/port.js';
import { mountDevCheckout } from './dev-checkout.js';

export interface LocalPlatformOptions {
  endpoint: string;
  table: string;
  baseUrl: string;
  keyFile?: string;
  /**
   * `npm start` passes the data directory's own secrets (secrets.ts). Without them (the tests) the
   * environment's, else the fixed test constants, so tests can sign links and events themselves.
   */
  donationLinkSecret?: string;
  stripeWebhookSecret?: string;
  /**
   * Redeliver failed emulator webhooks (redelivery.ts): on in `npm start`, off unless asked in tests.
   * `wrap` lets a test stand between the emulator and the webhook route (e.g. fail once).
   */
  redelivery?: { delaysMs?: readonly number[]; wrap?: (deliver: Deliver) => Deliver; log?: (line: string) => void };
}

export async function createLocalPlatform(opts: LocalPlatformOptions) {
  await ensureTable(opts.endpoint, opts.table);
  const db: Db = { doc: createDocumentClient(opts.endpoint), table: opts.table };
  const idp = await createDevIdentity(opts.keyFile);
  // Real Stripe (test mode) when STRIPE_SECRET_KEY is set; otherwise the checkout emulator, whose events are
  // signed with the webhook secret and delivered to the app in-process.
  const stripeWebhookSecret = opts.stripeWebhookSecret ?? (process.env.STRIPE_WEBHOOK_SECRET || LOCAL_WEBHOOK_SECRET);
  const donationLinkSecret = opts.donationLinkSecret ?? (process.env.DONATION_LINK_SECRET || LOCAL_DONATION_LINK_SECRET);
  const emulator = process.env.STRIPE_SECRET_KEY ? undefined : createCheckoutEmulator({ store: checkoutSessionStore<EmulatedSession>(db), baseUrl: opts.baseUrl, webhookSecret: stripeWebhookSecret });
  const payments = emulator ?? createStripePayments({ secretKey: process.env.STRIPE_SECRET_KEY! });
  const app = createApp({ db, verifier: idp.verifier, baseUrl: opts.baseUrl, payments, stripeWebhookSecret, donationLinkSecret }, (a) => {
    mountDevIdentity(a, idp);
    mountDevMailbox(a);
    if (emulator) mountDevCheckout(a, emulator);
  });
  const toWebhook: Deliver = async (payload, signature) => {
    const res = await app.fetch(new Request(`${opts.baseUrl}/api/stripe/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body: payload }));
    return { status: res.status, body: await res.text() };
  };
  const inner = opts.redelivery?.wrap ? opts.redelivery.wrap(toWebhook) : toWebhook;
  const redelivery = opts.redelivery
    ? redeliveringDeliverer(inner, { delaysMs: opts.redelivery.delaysMs, log: opts.redelivery.log, resign: (payload) => signPayload(payload, stripeWebhookSecret) })
    : undefined;
  emulator?.connect(redelivery?.deliver ?? inner);
  return { app, db, idp, payments, redelivery };
}
