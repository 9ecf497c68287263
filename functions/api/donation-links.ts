/**
 * Guests reach their donation (thank-you page, receipt, one-stop form) through a link carrying an HMAC of
 * the donation id under a server secret: unguessable, stateless, and valid only for that donation.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { LOCAL_DONATION_LINK_SECRET } from '../payments/config.js';
import { LOCAL_WEBHOOK_SECRET } from '../payments/stripe-events.js';
import { unconfiguredPayments, type PaymentProvider } from '../payments/port.js';
import type { AppDeps, SecretSource } from './context.js';

export function donationToken(secret: string, donationId: string): string {
  return createHmac('sha256', secret).update(`donation-link:${donationId}`).digest('base64url').slice(0, 32);
}

export function verifyDonationToken(secret: string, donationId: string, token: string | undefined): boolean {
  if (!token) return false;
  const expected = Buffer.from(donationToken(secret, donationId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const inAws = () => process.env.APP_ENV === 'aws';

async function resolve(source: SecretSource | undefined, localDefault: string, what: string): Promise<string> {
  if (typeof source === 'string') return source;
  if (source) return source();
  if (inAws()) throw new Error(`${what} is not configured`);
  return localDefault;
}

export const linkSecret = (deps: AppDeps) => resolve(deps.donationLinkSecret, LOCAL_DONATION_LINK_SECRET, 'the donation link secret');
export const webhookSecret = (deps: AppDeps) => resolve(deps.stripeWebhookSecret, LOCAL_WEBHOOK_SECRET, 'the Stripe webhook secret');
export const paymentsOf = (deps: AppDeps): PaymentProvider => deps.payments ?? unconfiguredPayments;

/** The links a donor gets by email (absolute) and on the pages (`base` ''); `t` is the guest token. */
export async function donationLinks(deps: AppDeps, donationId: string, base = deps.baseUrl) {
  const t = donationToken(await linkSecret(deps), donationId);
  const id = encodeURIComponent(donationId);
  return {
    token: t,
    thanks: `${base}/donations/${id}/thanks?t=${t}`,
    receipt: `${base}/api/donations/${id}/receipt?t=${t}`,
    oneStopForm: `${base}/api/donations/${id}/one-stop-form?t=${t}`,
  };
}
