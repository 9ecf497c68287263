/**
 * Guests reach their donation (thank-you page, receipt, one-stop form) through a link carrying an HMAC of
 * the donation id under a server secret: unguessable, stateless, and valid only for that donation.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ServiceContext } from './context.js';

/** @example const t = donationToken(secret, 'don_1') */
export function donationToken(secret: string, donationId: string): string {
  return createHmac('sha256', secret).update(`donation-link:${donationId}`).digest('base64url').slice(0, 32);
}

/** @example verifyDonationToken(secret, 'don_1', c.req.query('t')) // true for the donor's link */
export function verifyDonationToken(secret: string, donationId: string, token: string | undefined): boolean {
  if (!token) return false;
  const expected = Buffer.from(donationToken(secret, donationId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface DonationLinks {
  token: string;
  thanks: string;
  receipt: string;
  oneStopForm: string;
}

/**
 * The links a donor gets by email (absolute) and on the pages (`base` '').
 * @example const { receipt } = await donationLinks(ctx, 'don_1', '')
 */
export async function donationLinks(ctx: Pick<ServiceContext, 'secrets' | 'baseUrl'>, donationId: string, base = ctx.baseUrl): Promise<DonationLinks> {
  const token = donationToken(await ctx.secrets.donationLink(), donationId);
  const id = encodeURIComponent(donationId);
  return {
    token,
    thanks: `${base}/donations/${id}/thanks?t=${token}`,
    receipt: `${base}/api/donations/${id}/receipt?t=${token}`,
    oneStopForm: `${base}/api/donations/${id}/one-stop-form?t=${token}`,
  };
}
