/**
 * Refunds and the treasurer's list of donations received. A refund asks the provider only after it is
 * noted (and audited) on the donation, and only while the money is still in its account.
 */
import { hasRole, type Actor } from '../domain/actor.js';
import type { Municipality } from '../domain/catalog.js';
import { creditAccount, type Donation } from '../domain/donations.js';
import { DomainError } from '../domain/errors.js';
import { jstDate } from '../domain/jst.js';
import { PaymentProviderError } from '../payments/port.js';
import { getTown, listTowns } from '../store/catalog.js';
import { applyRefund, listTownDonations, requestRefund, type TownDonationsPage, type TownDonationsQuery } from '../store/donations.js';
import { balanceOf } from '../store/ledger.js';
import { nowOf, type ServiceContext } from './context.js';
import { donationLinks } from './donation-links.js';
import { refundedMail } from './donation-mail.js';
import { findDonation } from './donations.js';
import { requireTreasurer } from './one-stop.js';

export const REFUND_REASON_MAX = 500;

/**
 * Refunds a paid donation (the receiving town's treasurer): provider refund, reversing entry, void receipt,
 * donor mail. A refunded donation is returned as it is; nothing is refunded twice.
 * @example const d = await refundDonation(ctx, actor, { id: 'don_1', reason: 'double payment' })
 */
export async function refundDonation(ctx: ServiceContext, actor: Actor | undefined, req: { id: string; reason: string }): Promise<Donation> {
  const { id, reason } = req;
  const d = await findDonation(ctx, id);
  const who = requireTreasurer(actor, d.receivingTown);
  if (d.status === 'refunded') return d;
  if (d.status !== 'paid') throw new DomainError('conflict', 'not_paid', `donation ${id} is ${d.status}: only a paid donation can be refunded`, { key: 'donation.refund_not_paid' });
  // The money must still be there to take back: a refund of money already allocated or spent would leave
  // the ledger unable to follow what Stripe did, so it is refused before Stripe is asked.
  const available = await balanceOf(ctx.db, creditAccount(d));
  if (available < d.amount) throw new DomainError('conflict', 'insufficient_funds', `only ¥${available} is left in ${creditAccount(d)}`, { key: 'donation.refund_insufficient' });
  await requestRefund(ctx.db, d, reason, {
    chain: `town:${d.receivingTown}`,
    input: { actor: who.sub, role: `treasurer:${d.receivingTown}`, action: 'donation.refund', target: `donation:${id}`, before: { status: 'paid', amount: d.amount }, after: { status: 'refunded', reason }, requestId: ctx.requestId },
  });
  try {
    await ctx.payments.refund({ donationId: id, paymentIntentId: d.paymentIntentId, checkoutSessionId: d.checkoutSessionId, amount: d.amount, reason });
  } catch (e) {
    if (e instanceof PaymentProviderError) throw new DomainError('unavailable', 'payments_unavailable', e.message, { key: 'donation.refund_unavailable' });
    throw e;
  }
  // The emulator (or a fast webhook) may already have applied it; then this is a no-op.
  const now = await findDonation(ctx, id);
  if (now.status === 'paid') {
    const town = await getTown(ctx.db, d.receivingTown);
    await applyRefund(ctx.db, now, { date: jstDate(nowOf(ctx)), reason, mail: refundedMail(now, town!, await donationLinks(ctx, id)) });
  }
  return findDonation(ctx, id);
}

/**
 * The towns this person is treasurer of (admins only where they also hold the town's role), by code.
 * @example const towns = await treasurerTowns(ctx, actor)
 */
export async function treasurerTowns(ctx: ServiceContext, actor: Actor): Promise<Municipality[]> {
  return (await listTowns(ctx.db)).filter((t) => hasRole(actor, 'treasurer', t.code)).sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * Donations a town received in a calendar year, newest first, a page at a time (the town's treasurer only).
 * @example const page = await townDonations(ctx, actor, { town: '113611', year: 2026, status: 'paid' })
 */
export async function townDonations(ctx: ServiceContext, actor: Actor, q: { town: string; year: number } & TownDonationsQuery): Promise<TownDonationsPage> {
  if (!hasRole(actor, 'treasurer', q.town)) throw new DomainError('forbidden', 'forbidden', 'forbidden', { key: 'donation.treasurer_only', params: { town: q.town } });
  return listTownDonations(ctx.db, q.town, q.year, { status: q.status, limit: q.limit, after: q.after });
}

/**
 * The donation a treasurer's refund form names: theirs to refund only as the receiving town's treasurer
 * (the page does not extend this to admins, who refund through the API).
 * @example const d = await donationToRefund(ctx, actor, 'don_1')
 */
export async function donationToRefund(ctx: ServiceContext, actor: Actor, id: string): Promise<Donation> {
  const d = await findDonation(ctx, id);
  if (!hasRole(actor, 'treasurer', d.receivingTown)) throw new DomainError('forbidden', 'forbidden', 'forbidden', { key: 'donation.treasurer_only', params: { town: d.receivingTown } });
  return d;
}
