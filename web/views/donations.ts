/** What the donation documents and the checkout emulator page are given: web's own view types, built by the API's presenters. */
import type { Lang } from '../../functions/i18n/index.js';

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
  lang: Lang;
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

export interface OneStopFormView {
  lang: Lang;
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

/** A checkout session as the local emulator page shows it. */
export interface CheckoutSessionView {
  id: string;
  donationId: string;
  amount: number;
  description: string;
  email: string;
  lang: Lang;
  successUrl: string;
  cancelUrl: string;
  state: 'open' | 'paid' | 'awaiting_konbini' | 'konbini_paid' | 'konbini_failed' | 'expired';
}
