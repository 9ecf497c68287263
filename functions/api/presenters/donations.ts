/**
 * Donations as the JSON API and the pages show them: the pages format, these decide nothing, they only turn
 * the services' results into web's view types (in the reader's language).
 */
import type { Municipality } from '../../domain/catalog.js';
import { acceptsDonations } from '../../domain/challenge-lifecycle.js';
import { formatPostalCode, oneStopDeadline, receiptYear, type Donation } from '../../domain/donations.js';
import type { DomainError } from '../../domain/errors.js';
import { jstDate, toWareki } from '../../domain/jst.js';
import { pick, t, type Lang } from '../../i18n/index.js';
import type { DonationLinks } from '../../services/donation-links.js';
import type { DonationFormSubject } from '../../services/donations.js';
import type { DonationFormTarget, FieldErrors } from '../../../web/components/donation-form.js';
import type { IssuerView, OneStopFormView, ReceiptView } from '../../../web/views/donations.js';
import { errorMessage, issueMessages } from '../errors.js';

/** `GET /api/donations/:id`: only the fields that are set. */
export function donationJson(d: Donation) {
  const out = {
    id: d.id,
    status: d.status,
    amount: d.amount,
    receivingTown: d.receivingTown,
    receiptNumber: d.receiptNumber,
    challengeId: d.challengeId,
    fundId: d.fundId,
    purpose: d.purpose,
    createdAt: d.createdAt,
    paidDate: d.paidDate,
    paymentMethod: d.paymentMethod,
    awaitingPayment: d.awaitingPayment,
    anonymous: d.anonymous,
    oneStop: d.oneStop,
    oneStopReceivedOn: d.oneStopReceivedOn,
    receiptVoid: d.receiptVoid,
    refundedDate: d.refundedDate,
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as typeof out;
}

const issuer = (t: Municipality): IssuerView => ({ code: t.code, name: t.name, nameEn: t.nameEn, postalCode: t.postalCode, address: t.address, mayor: t.mayor, corporateNumber: t.corporateNumber });

export function receiptView(d: Donation & { receiptNumber: string; paidDate: string }, town: Municipality, lang: Lang): ReceiptView {
  return {
    lang,
    receiptNumber: d.receiptNumber,
    donationId: d.id,
    donorName: d.donor.name,
    postalCode: formatPostalCode(d.donor.postalCode),
    address: d.donor.address,
    amount: d.amount,
    receivedOn: d.paidDate,
    receivedOnWareki: toWareki(d.paidDate),
    purpose: d.purpose,
    purposeEn: d.purposeEn,
    issuer: issuer(town),
    ...(d.status === 'refunded' || d.receiptVoid ? { void: { refundedDate: d.refundedDate } } : {}),
  };
}

export function oneStopFormView(d: Donation & { paidDate: string }, town: Municipality, lang: Lang): OneStopFormView {
  const deadline = oneStopDeadline(receiptYear(d.paidDate));
  return {
    lang,
    donationId: d.id,
    receiptNumber: d.receiptNumber,
    name: d.donor.name,
    nameKana: d.donor.nameKana,
    postalCode: formatPostalCode(d.donor.postalCode),
    address: d.donor.address,
    donatedOn: d.paidDate,
    donatedOnWareki: toWareki(d.paidDate),
    amount: d.amount,
    deadline,
    deadlineWareki: toWareki(deadline),
    issuer: issuer(town),
  };
}

/** One row of a town's one-stop list (the API, its CSV and the treasurer's page). */
export function oneStopRow(d: Donation) {
  return {
    donationId: d.id,
    receiptNumber: d.receiptNumber,
    paidDate: d.paidDate,
    amount: d.amount,
    name: d.donor.name,
    nameKana: d.donor.nameKana,
    postalCode: formatPostalCode(d.donor.postalCode),
    address: d.donor.address,
    email: d.donor.email,
    status: d.status,
    receivedOn: d.oneStopReceivedOn,
    remindedAt: d.oneStopRemindedAt,
  };
}

const targetHref = (d: Pick<Donation, 'challengeId' | 'fundId'>) => (d.challengeId ? `/challenges/${encodeURIComponent(d.challengeId)}` : `/funds/${encodeURIComponent(d.fundId ?? '')}`);
const townName = (lang: Lang, town: Municipality | undefined, code: string) => (town ? pick(lang, town.name, town.nameEn) : code);

/** The donation form's target: title, towns (the lead town first) and whether it takes donations now. */
export function formTarget(lang: Lang, s: DonationFormSubject, now: Date): DonationFormTarget & { href: string } {
  const name = (code: string) => townName(lang, s.towns.get(code), code);
  if (s.kind === 'challenge') {
    const ch = s.challenge;
    const towns = [...ch.towns].sort((a, b) => Number(b === ch.leadTown) - Number(a === ch.leadTown)).map((code) => ({ code, name: name(code), lead: code === ch.leadTown }));
    return { kind: 'challenge', id: ch.id, title: pick(lang, ch.title, ch.titleEn), towns, open: acceptsDonations(ch, now), href: `/challenges/${encodeURIComponent(ch.id)}` };
  }
  const fund = s.fund;
  return { kind: 'fund', id: fund.id, title: pick(lang, fund.name, fund.nameEn), towns: fund.members.map((code) => ({ code, name: name(code) })), open: true, href: `/funds/${encodeURIComponent(fund.id)}` };
}

const FORM_FIELDS = new Set(['amount', 'receivingTown', 'name', 'nameKana', 'email', 'postalCode', 'address', 'message']);

/** A refusal's sentences beside their fields (donor.* → the field's name); anything else is the form's. */
export function fieldErrors(lang: Lang, e: DomainError): FieldErrors {
  const out: FieldErrors = {};
  const issues = e.issues.length ? issueMessages(lang, e) : [{ path: 'form', message: errorMessage(lang, e) }];
  for (const i of issues) {
    const name = (i.path ?? 'form').replace(/^donor\./, '');
    const key = (FORM_FIELDS.has(name) ? name : 'form') as keyof FieldErrors;
    out[key] = out[key] ? `${out[key]} ${i.message}` : i.message;
  }
  return out;
}

/** What the thank-you page and the donor's list both say of a donation. */
function summary(lang: Lang, d: Donation, town: Municipality | undefined) {
  return {
    status: d.status,
    awaitingPayment: Boolean(d.awaitingPayment),
    amount: d.amount,
    targetTitle: pick(lang, d.purpose, d.purposeEn),
    targetHref: targetHref(d),
    townName: townName(lang, town, d.receivingTown),
  };
}

export function thanksView(lang: Lang, d: Donation, town: Municipality | undefined, links: DonationLinks, signedIn: boolean) {
  return {
    id: d.id,
    ...summary(lang, d, town),
    paidDate: d.paidDate,
    receiptNumber: d.receiptNumber,
    oneStop: d.oneStop,
    oneStopDeadline: d.paidDate ? oneStopDeadline(receiptYear(d.paidDate)) : undefined,
    oneStopReceivedOn: d.oneStopReceivedOn,
    links: { self: links.thanks, receipt: links.receipt, oneStopForm: links.oneStopForm },
    signedIn,
  };
}

export function myDonationRow(lang: Lang, d: Donation, links: DonationLinks, town: Municipality | undefined) {
  return {
    id: d.id,
    date: d.paidDate ?? jstDate(new Date(d.createdAt)),
    ...summary(lang, d, town),
    receiptNumber: d.receiptNumber,
    receiptHref: d.receiptNumber ? links.receipt : undefined,
    oneStopFormHref: d.status === 'paid' && d.oneStop ? links.oneStopForm : undefined,
    thanksHref: links.thanks,
  };
}

export function townDonationRow(lang: Lang, d: Donation) {
  return {
    id: d.id,
    paidDate: d.paidDate,
    amount: d.amount,
    donorName: d.donor.name,
    donorKana: d.donor.nameKana,
    purpose: pick(lang, d.purpose, d.purposeEn),
    purposeHref: d.challengeId ? `/challenges/${encodeURIComponent(d.challengeId)}` : d.fundId ? `/funds/${encodeURIComponent(d.fundId)}` : undefined,
    receiptNumber: d.receiptNumber,
    receiptVoid: Boolean(d.receiptVoid),
    status: d.status,
    oneStop: d.oneStop,
    receiptHref: `/api/donations/${encodeURIComponent(d.id)}/receipt`,
    refundable: d.status === 'paid',
    refundedDate: d.refundedDate,
    refundReason: d.status === 'refunded' ? d.refundReason : undefined,
  };
}

/** A town as a choice on a page, in the reader's language. */
export const townOption = (lang: Lang, town: Municipality) => ({ code: town.code, name: pick(lang, town.name, town.nameEn) });

/**
 * A refused refund beside the refund form: the store's conflict and busy outcomes in the form's own words,
 * anything else as the refusal's catalog sentence.
 */
export function refundFormError(lang: Lang, e: DomainError): string {
  if (e.code === 'state_conflict') return t(lang, 'error.donation.refund_state_conflict');
  if (e.code === 'busy') return t(lang, 'error.donation.refund_busy');
  return errorMessage(lang, e);
}
