/** Read models of a donation for the API and the printable documents; the pages format, they do not decide. */
import type { Municipality } from '../domain/catalog.js';
import { formatPostalCode, oneStopDeadline, receiptYear, type Donation } from '../domain/donations.js';
import { toWareki } from '../domain/jst.js';

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

export interface IssuerView {
  code: string;
  name: string;
  nameEn: string;
  postalCode: string;
  address: string;
  mayor: string;
  corporateNumber: string;
}

export interface ReceiptView {
  lang: 'ja' | 'en';
  receiptNumber: string;
  donationId: string;
  donorName: string;
  postalCode: string;
  address: string;
  amount: number;
  receivedOn: string;
  receivedOnWareki: string;
  purpose: string;
  purposeEn: string;
  issuer: IssuerView;
  void?: { refundedDate?: string };
}

const issuer = (t: Municipality): IssuerView => ({ code: t.code, name: t.name, nameEn: t.nameEn, postalCode: t.postalCode, address: t.address, mayor: t.mayor, corporateNumber: t.corporateNumber });

export function receiptView(d: Donation & { receiptNumber: string; paidDate: string }, town: Municipality, lang: 'ja' | 'en'): ReceiptView {
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

export interface OneStopFormView {
  lang: 'ja' | 'en';
  donationId: string;
  receiptNumber?: string;
  name: string;
  nameKana: string;
  postalCode: string;
  address: string;
  donatedOn: string;
  donatedOnWareki: string;
  amount: number;
  deadline: string;
  deadlineWareki: string;
  issuer: IssuerView;
}

export function oneStopFormView(d: Donation & { paidDate: string }, town: Municipality, lang: 'ja' | 'en'): OneStopFormView {
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
