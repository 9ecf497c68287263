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
import { LOCAL_WEBHOOK_SECRET } from '../../functions/payments/stripe-events.js';
import { checkoutSessionStore } from '../../functions/store/checkout-sessions.js';
import type { EmulatedSession } from '../../functions/payments/port.js';
import { mountDevCheckout } from './dev-checkout.js';

export interface LocalPlatformOptions {
  endpoint: string;
  table: string;
  baseUrl: string;
  keyFile?: string;
}

export async function createLocalPlatform(opts: LocalPlatformOptions) {
  await ensureTable(opts.endpoint, opts.table);
  const db: Db = { doc: createDocumentClient(opts.endpoint), table: opts.table };
  const idp = await createDevIdentity(opts.keyFile);
  // Real Stripe (test mode) when STRIPE_SECRET_KEY is set; otherwise the checkout emulator, whose events are
  // signed with STRIPE_WEBHOOK_SECRET (default whsec_kyoso_local_dev) and delivered to the app in-process.
  const stripeWebhookSecret = process.env.STRIPE_WEBHOOK_SECRET || LOCAL_WEBHOOK_SECRET;
  const emulator = process.env.STRIPE_SECRET_KEY ? undefined : createCheckoutEmulator({ store: checkoutSessionStore<EmulatedSession>(db), baseUrl: opts.baseUrl, webhookSecret: stripeWebhookSecret });
  const payments = emulator ?? createStripePayments({ secretKey: process.env.STRIPE_SECRET_KEY! });
  const app = createApp({ db, verifier: idp.verifier, baseUrl: opts.baseUrl, payments, stripeWebhookSecret, donationLinkSecret: process.env.DONATION_LINK_SECRET || undefined }, (a) => {
    mountDevIdentity(a, idp);
    mountDevMailbox(a);
    if (emulator) mountDevCheckout(a, emulator);
  });
  emulator?.connect(async (payload, signature) => {
    const res = await app.fetch(new Request(`${opts.baseUrl}/api/stripe/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body: payload }));
    return { status: res.status, body: await res.text() };
  });
  return { app, db, idp, payments };
}
