/**
 * The donation flow, shared by the JSON API and the pages: check → open a checkout → store the pending
 * donation; who may see a donation and its documents. Rules live in domain/donations.ts, DynamoDB in
 * store/donations.ts; this module puts them in order and decides who may do what.
 */
import { createHash, randomBytes } from 'node:crypto';
import { hasRole, isAdmin, type Actor } from '../domain/actor.js';
import { canonicalJson } from '../domain/audit.js';
import type { Challenge, Fund, Municipality } from '../domain/catalog.js';
import {
  checkDonationInput,
  normalizeEmail,
  oneStopCount,
  targetIssues,
  type CleanDonation,
  type Donation,
  type DonationInput,
  type DonationIssue,
  type DonationTarget,
  type OneStopCount,
} from '../domain/donations.js';
import { jstYear } from '../domain/jst.js';
import { DomainError } from '../domain/errors.js';
import { pick, t, type Lang } from '../i18n/index.js';
import { IdempotencyMismatchError, PaymentProviderError } from '../payments/port.js';
import { getChallenge, getFund, getTown, listTowns } from '../store/catalog.js';
import { createDonation as storeDonation, donationsOfUser, ensureReceiptNumber, getDonation, getIdempotency, townsGivenTo } from '../store/donations.js';
import { nowOf, type ServiceContext } from './context.js';
import { donationLinks, verifyDonationToken, type DonationLinks } from './donation-links.js';

/**
 * Refused donor input: field rules are `invalid` (400, `validation_failed` or `my_number_refused`), rules
 * about the target are `rule` (422, the first issue's code). Each issue names its field and sentence.
 * @example throw donationRefused('invalid', myNumberIssues(body))
 */
export function donationRefused(kind: 'invalid' | 'rule', issues: DonationIssue[]): DomainError {
  const first = issues[0]!;
  if (kind === 'rule') return new DomainError('rule', first.code, first.code, { key: first.key, params: first.params, issues });
  return issues.some((i) => i.code === 'my_number_refused')
    ? new DomainError('invalid', 'my_number_refused', 'my_number_refused', { key: 'donation.my_number_refused', issues })
    : new DomainError('invalid', 'validation_failed', 'validation_failed', { issues });
}

export interface Prepared {
  clean: CleanDonation;
  target: DonationTarget;
  receivingTown: string;
  town: Municipality;
  purpose: string;
  purposeEn: string;
}

/**
 * Every check, no writes: used by the API, by the confirm page, and again when the donor confirms.
 * @example const prep = await prepareDonation(ctx, actor, input)
 */
export async function prepareDonation(ctx: ServiceContext, _actor: Actor | undefined, input: DonationInput): Promise<Prepared> {
  const checked = checkDonationInput(input);
  if (!checked.ok) throw donationRefused('invalid', checked.issues);
  const clean = checked.value;
  const unknown = (path: string, code: string, key: string, params: Record<string, string>) => donationRefused('rule', [{ path, code, key, params }]);
  let target: DonationTarget;
  if (clean.target.kind === 'challenge') {
    const challenge = await getChallenge(ctx.db, clean.target.id);
    if (!challenge || challenge.status === 'draft') throw unknown('challengeId', 'unknown_challenge', 'donation.unknown_challenge', { id: clean.target.id });
    target = { kind: 'challenge', challenge };
  } else {
    const fund = await getFund(ctx.db, clean.target.id);
    if (!fund) throw unknown('fundId', 'unknown_fund', 'donation.unknown_fund', { id: clean.target.id });
    target = { kind: 'fund', fund };
  }
  const { receivingTown, issues } = targetIssues(clean, target, nowOf(ctx));
  if (issues.length || !receivingTown) throw donationRefused('rule', issues);
  const town = await getTown(ctx.db, receivingTown);
  if (!town) throw unknown('receivingTown', 'unknown_town', 'donation.unknown_town', { town: receivingTown });
  const [purpose, purposeEn] = target.kind === 'challenge' ? [target.challenge.title, target.challenge.titleEn] : [target.fund.name, target.fund.nameEn];
  return { clean, target, receivingTown, town, purpose, purposeEn: purposeEn || purpose };
}

/**
 * Distinct towns a donor (by email, and by account) has paid this calendar year, and what `town` would make it.
 * @example const count = await oneStopCountOf(ctx, { email, userId: actor?.sub }, '113611')
 */
export async function oneStopCountOf(ctx: ServiceContext, who: { email?: string; userId?: string }, town?: string): Promise<OneStopCount> {
  const year = jstYear(nowOf(ctx));
  return oneStopCount(year, await townsGivenTo(ctx.db, who, year), town);
}

/**
 * The confirm page's facts: the checked donation and what it does to the donor's one-stop count. The count
 * is someone's giving history, so it is given only to a signed-in donor about their own account: when the
 * typed email is the session's own (verified by the identity provider), counted by that email and the user
 * id, never by a typed address. A guest, or someone typing another person's email, gets no count.
 * @example const { prep, oneStop } = await confirmDonation(ctx, actor, input)
 */
export async function confirmDonation(ctx: ServiceContext, actor: Actor | undefined, input: DonationInput): Promise<{ prep: Prepared; oneStop?: OneStopCount }> {
  const prep = await prepareDonation(ctx, actor, input);
  const ownEmail = actor?.email ? normalizeEmail(actor.email) : undefined;
  if (!actor || !ownEmail || ownEmail !== prep.clean.donor.email) return { prep };
  return { prep, oneStop: await oneStopCountOf(ctx, { email: ownEmail, userId: actor.sub }, prep.receivingTown) };
}

/** @example const hash = requestHashOf(body) */
export const requestHashOf = (body: unknown) => createHash('sha256').update(canonicalJson(body)).digest('hex');

/**
 * Idempotency keys are the client's: printable, at most 255 characters (Stripe's own limit).
 * @example const key = checkIdempotencyKey(c.req.header('idempotency-key'))
 */
export function checkIdempotencyKey(key: string | undefined): string | undefined {
  if (key === undefined || key === '') return undefined;
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) throw new DomainError('invalid', 'bad_idempotency_key', 'bad_idempotency_key', { key: 'donation.bad_idempotency_key' });
  return key;
}

const idempotencyReused = () => new DomainError('rule', 'idempotency_key_reused', 'idempotency_key_reused', { key: 'donation.idempotency_key_reused' });
const paymentsUnavailable = (e: PaymentProviderError) => new DomainError('unavailable', 'payments_unavailable', e.message, { key: 'donation.payments_unavailable', params: { reason: e.message } });

export interface CreatedDonation {
  body: { donationId: string; checkoutUrl: string; status: 'pending' };
  replayed: boolean;
}

/**
 * Checks the donation, opens its checkout and stores it pending; the same Idempotency-Key and body give the
 * same answer.
 * @example const { body } = await createDonation(ctx, actor, { input, idempotencyKey, requestHash: requestHashOf(input), lang: 'ja' })
 */
export async function createDonation(
  ctx: ServiceContext,
  actor: Actor | undefined,
  req: { input: DonationInput; idempotencyKey?: string; requestHash: string; lang: Lang },
): Promise<CreatedDonation> {
  const now = nowOf(ctx);
  const prep = await prepareDonation(ctx, actor, req.input);
  const scope = `donations:${actor?.sub ?? 'guest'}`;
  const key = req.idempotencyKey;
  if (key) {
    const stored = await getIdempotency(ctx.db, scope, key);
    if (stored) {
      if (stored.requestHash !== req.requestHash) throw idempotencyReused();
      return { body: stored.response, replayed: true };
    }
  }
  // The same key always names the same donation, so concurrent retries converge on one item.
  const id = key ? `don_${createHash('sha256').update(`${scope}|${key}`).digest('hex').slice(0, 24)}` : `don_${randomBytes(12).toString('hex')}`;
  const links = await donationLinks(ctx, id);
  const cancelUrl = prep.target.kind === 'challenge' ? `${ctx.baseUrl}/challenges/${encodeURIComponent(prep.target.challenge.id)}` : `${ctx.baseUrl}/funds/${encodeURIComponent(prep.target.fund.id)}`;
  let checkout;
  try {
    checkout = await ctx.payments.createCheckout({
      donationId: id,
      amount: prep.clean.amount,
      description: t(req.lang, 'donation.checkout.description', { purpose: pick(req.lang, prep.purpose, prep.purposeEn), town: pick(req.lang, prep.town.name, prep.town.nameEn) }),
      email: prep.clean.donor.email,
      lang: req.lang,
      successUrl: links.thanks,
      cancelUrl,
    });
  } catch (e) {
    if (e instanceof IdempotencyMismatchError) throw idempotencyReused();
    if (e instanceof PaymentProviderError) throw paymentsUnavailable(e);
    throw e;
  }
  const donation: Donation = {
    id,
    status: 'pending',
    amount: prep.clean.amount,
    ...(prep.target.kind === 'challenge' ? { challengeId: prep.target.challenge.id } : { fundId: prep.target.fund.id }),
    receivingTown: prep.receivingTown,
    purpose: prep.purpose,
    purposeEn: prep.purposeEn,
    donor: prep.clean.donor,
    anonymous: prep.clean.anonymous,
    ...(prep.clean.message ? { message: prep.clean.message } : {}),
    oneStop: prep.clean.oneStop,
    updates: prep.clean.updates,
    ...(actor ? { userId: actor.sub } : {}),
    lang: req.lang,
    createdAt: now.toISOString(),
    provider: ctx.payments.kind === 'emulator' ? 'emulator' : 'stripe',
    checkoutSessionId: checkout.sessionId,
    checkoutUrl: checkout.url,
  };
  // A body that lost the race to another body under the same key is refused by the store (idempotency_key_reused).
  const { response, replayed } = await storeDonation(ctx.db, donation, key ? { scope, key, requestHash: req.requestHash } : undefined);
  return { body: response, replayed };
}

// ---------------------------------------------------------------- reading a donation

/** @example const d = await findDonation(ctx, 'don_1') */
export async function findDonation(ctx: Pick<ServiceContext, 'db'>, id: string): Promise<Donation> {
  const d = await getDonation(ctx.db, id);
  if (!d) throw new DomainError('not_found', 'not_found', 'donation not found', { key: 'donation.not_found' });
  return d;
}

/** Who may see a donation: a guest with its signed link, its signed-in donor, its town's treasurer, admin. */
async function assertCanSee(ctx: ServiceContext, actor: Actor | undefined, d: Donation, token: string | undefined): Promise<void> {
  if (verifyDonationToken(await ctx.secrets.donationLink(), d.id, token)) return;
  if (!actor) throw new DomainError('unauthenticated', 'unauthorized', 'unauthorized', { key: 'donation.sign_in_or_link' });
  if (isAdmin(actor) || hasRole(actor, 'treasurer', d.receivingTown) || (d.userId && d.userId === actor.sub)) return;
  throw new DomainError('forbidden', 'forbidden', 'forbidden', { key: 'donation.not_yours' });
}

/** Reading a paid donation repairs a missing receipt number (see store ensureReceiptNumber). */
async function withReceiptNumber(ctx: Pick<ServiceContext, 'db'>, d: Donation): Promise<Donation> {
  if ((d.status === 'paid' || d.status === 'refunded') && !d.receiptNumber) return { ...d, receiptNumber: await ensureReceiptNumber(ctx.db, d.id) };
  return d;
}

/**
 * A donation as its donor, its town's treasurer or an admin may see it (a guest by the link's `token`).
 * @example const d = await viewDonation(ctx, actor, { id, token: c.req.query('t') })
 */
export async function viewDonation(ctx: ServiceContext, actor: Actor | undefined, req: { id: string; token?: string }): Promise<Donation> {
  const d = await findDonation(ctx, req.id);
  await assertCanSee(ctx, actor, d, req.token);
  return withReceiptNumber(ctx, d);
}

async function issuer(ctx: ServiceContext, d: Donation): Promise<Municipality> {
  const town = await getTown(ctx.db, d.receivingTown);
  if (!town) throw new DomainError('not_found', 'not_found', 'issuing town not found', { key: 'donation.issuer_not_found' });
  return town;
}


/**
 * The 寄附金受領証明書's facts: a paid (or refunded, then void) donation and its issuing town.
 * @example const { donation, town } = await donationReceipt(ctx, actor, { id, token })
 */
export async function donationReceipt(ctx: ServiceContext, actor: Actor | undefined, req: { id: string; token?: string }) {
  const d = await viewDonation(ctx, actor, req);
  if (!d.receiptNumber || !d.paidDate) throw new DomainError('conflict', 'not_paid', 'not_paid', { key: 'donation.receipt_not_paid', params: { id: d.id, status: d.status } });
  return { donation: { ...d, receiptNumber: d.receiptNumber, paidDate: d.paidDate }, town: await issuer(ctx, d) };
}

/**
 * The one-stop form's facts: a paid donation and the town the form goes to.
 * @example const { donation, town } = await donationOneStopForm(ctx, actor, { id, token })
 */
export async function donationOneStopForm(ctx: ServiceContext, actor: Actor | undefined, req: { id: string; token?: string }) {
  const d = await findDonation(ctx, req.id);
  await assertCanSee(ctx, actor, d, req.token);
  if (d.status !== 'paid' || !d.paidDate) throw new DomainError('conflict', 'not_paid', 'not_paid', { key: 'donation.form_not_paid', params: { id: d.id, status: d.status } });
  return { donation: { ...d, paidDate: d.paidDate }, town: await issuer(ctx, d) };
}

/**
 * The thank-you page's facts: the donation, its town (if still listed) and the page links.
 * @example const { donation, town, links } = await donationThanks(ctx, actor, { id, token })
 */
export async function donationThanks(ctx: ServiceContext, actor: Actor | undefined, req: { id: string; token?: string }): Promise<{ donation: Donation; town?: Municipality; links: DonationLinks }> {
  const donation = await viewDonation(ctx, actor, req);
  return { donation, town: await getTown(ctx.db, donation.receivingTown), links: await donationLinks(ctx, donation.id, '') };
}

/**
 * A signed-in donor's donations, newest first, each with its page links and its town.
 * @example const { donations, towns, oneStop } = await myDonations(ctx, actor)
 */
export async function myDonations(
  ctx: ServiceContext,
  actor: Actor,
): Promise<{ donations: { donation: Donation; links: DonationLinks }[]; towns: Map<string, Municipality>; oneStop: OneStopCount }> {
  const [list, towns] = await Promise.all([donationsOfUser(ctx.db, actor.sub), listTowns(ctx.db)]);
  const donations = await Promise.all(list.map(async (raw) => ({ donation: await withReceiptNumber(ctx, raw), links: await donationLinks(ctx, raw.id, '') })));
  const oneStop = await oneStopCountOf(ctx, { email: actor.email, userId: actor.sub });
  return { donations, towns: new Map(towns.map((town) => [town.code, town])), oneStop };
}

export type DonationFormSubject = { kind: 'challenge'; challenge: Challenge; towns: Map<string, Municipality> } | { kind: 'fund'; fund: Fund; towns: Map<string, Municipality> };

/**
 * What the donation form is for (a published challenge or a fund), with the towns' names; undefined when
 * there is no such target.
 * @example const subject = await donationFormSubject(ctx, { challengeId: 'yokoze-bandai-dx' })
 */
export async function donationFormSubject(ctx: ServiceContext, ids: { challengeId?: string; fundId?: string }): Promise<DonationFormSubject | undefined> {
  const towns = async () => new Map((await listTowns(ctx.db)).map((town) => [town.code, town]));
  if (ids.challengeId) {
    const challenge = await getChallenge(ctx.db, ids.challengeId);
    return challenge && challenge.status !== 'draft' ? { kind: 'challenge', challenge, towns: await towns() } : undefined;
  }
  if (ids.fundId) {
    const fund = await getFund(ctx.db, ids.fundId);
    return fund ? { kind: 'fund', fund, towns: await towns() } : undefined;
  }
  return undefined;
}
