import { z } from '@hono/zod-openapi';
import { DONATION_STATUSES } from '../../domain/donations.js';
import { DateString, TownCode, Yen } from './common.js';

const Id = z.string().min(1).max(100).regex(/^[A-Za-z0-9_-]+$/, { message: 'malformed id' });

/**
 * Strict: an unknown field is refused (400), so a client cannot believe it sent something we kept. Field
 * rules with their own messages (minimum, kana, postal code, My Number) are the domain's
 * (domain/donations.ts checkDonationInput), so the page and the API refuse with the same words.
 */
export const DonorSchema = z
  .object({
    name: z.string().max(200).openapi({ example: '共創 太郎', description: 'name as printed on the receipt' }),
    nameKana: z.string().max(200).openapi({ example: 'キョウソウ タロウ', description: 'reading in katakana (hiragana accepted)' }),
    email: z.string().max(320).openapi({ example: 'taro@example.jp' }),
    postalCode: z.string().max(20).openapi({ example: '368-0072', description: '7 digits, with or without the hyphen' }),
    address: z.string().max(400).openapi({ example: '埼玉県秩父郡横瀬町大字横瀬4545' }),
  })
  .strict();

export const CreateDonationSchema = z
  .object({
    challengeId: Id.optional().openapi({ example: 'yokoze-bandai-dx' }),
    fundId: Id.optional(),
    amount: Yen.openapi({ example: 10000, description: 'whole yen, ¥2,000 – ¥10,000,000' }),
    receivingTown: TownCode.optional().openapi({ description: 'one of the challenge’s towns (default: its lead town), or a member of the fund' }),
    donor: DonorSchema,
    anonymous: z.boolean().openapi({ description: 'hide the donor’s name in the public ledger' }),
    message: z.string().max(2000).optional().openapi({ description: 'public message, at most 500 characters' }),
    oneStop: z.boolean().openapi({ description: 'the donor wants the prefilled one-stop exception form (ワンストップ特例申請書)' }),
    updates: z.boolean().optional().openapi({ description: 'send the donor the challenge’s progress updates' }),
  })
  .strict()
  .openapi('CreateDonation');

export const CreatedDonationSchema = z
  .object({ donationId: z.string(), checkoutUrl: z.string().url(), status: z.literal('pending') })
  .openapi('CreatedDonation');

export const DonationSchema = z
  .object({
    id: z.string(),
    status: z.enum(DONATION_STATUSES),
    amount: Yen,
    receivingTown: TownCode,
    receiptNumber: z.string().optional(),
    challengeId: z.string().optional(),
    fundId: z.string().optional(),
    purpose: z.string(),
    createdAt: z.string(),
    paidDate: DateString.optional(),
    paymentMethod: z.enum(['card', 'konbini']).optional(),
    awaitingPayment: z.boolean().optional(),
    anonymous: z.boolean(),
    oneStop: z.boolean(),
    oneStopReceivedOn: DateString.optional(),
    receiptVoid: z.boolean().optional(),
    refundedDate: DateString.optional(),
  })
  .openapi('Donation');

export const DonationTokenQuery = z.object({
  t: z.string().max(100).optional().openapi({ param: { name: 't', in: 'query' }, description: 'the signed guest link token from the donation email' }),
});

export const OneStopCountQuery = z.object({
  email: z.string().max(320).optional().openapi({ param: { name: 'email', in: 'query' }, description: 'defaults to the signed-in donor’s email' }),
  town: TownCode.optional().openapi({ param: { name: 'town', in: 'query' }, description: 'the town of the donation about to be made' }),
});

export const OneStopCountSchema = z
  .object({ year: z.number().int(), towns: z.array(TownCode), count: z.number().int(), projected: z.number().int(), exceeds: z.boolean(), limit: z.number().int() })
  .openapi('OneStopCount');

export const RefundSchema = z.object({ reason: z.string().trim().min(1).max(500) }).strict().openapi('RefundRequest');

export const OneStopReceivedSchema = z.object({ receivedOn: DateString.optional() }).strict().openapi('OneStopReceived');

export const TownYearParams = z.object({ code: TownCode.openapi({ param: { name: 'code', in: 'path' } }) });
export const YearQuery = z.object({
  year: z
    .string()
    .regex(/^\d{4}$/, { message: 'year is 4 digits' })
    .optional()
    .openapi({ param: { name: 'year', in: 'query' }, example: '2026' }),
});

export const OneStopRowSchema = z.object({
  donationId: z.string(),
  receiptNumber: z.string().optional(),
  paidDate: DateString.optional(),
  amount: Yen,
  name: z.string(),
  nameKana: z.string(),
  postalCode: z.string(),
  address: z.string(),
  email: z.string(),
  status: z.enum(DONATION_STATUSES),
  receivedOn: DateString.optional(),
  remindedAt: z.string().optional(),
});
export const OneStopListSchema = z.object({ town: TownCode, year: z.number().int(), deadline: DateString, requests: z.array(OneStopRowSchema) }).openapi('OneStopList');
