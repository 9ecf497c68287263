import { z } from '@hono/zod-openapi';
import { DISBURSEMENT_STATUSES, HOLDER_KANA_MAX } from '../../domain/disbursements.js';
import { isValidHolderKana, toHalfWidthKana } from '../../domain/zengin.js';
import { DateString, TownCode, Yen } from './common.js';

const AccountType = z.enum(['ordinary', 'current']).openapi({ description: 'ordinary = 普通, current = 当座' });

const HolderKana = z
  .string()
  .min(1)
  .max(60)
  .refine(isValidHolderKana, { message: 'write the account holder name in katakana as the bank registers it (no kanji)' })
  .refine((v) => !isValidHolderKana(v) || toHalfWidthKana(v).trim().length <= HOLDER_KANA_MAX, { message: `at most ${HOLDER_KANA_MAX} half-width characters` })
  .openapi({ example: 'カ）キヨウソウテツク', description: 'katakana (full- or half-width); stored as half-width kana' });

export const PayeeSchema = z
  .object({
    bankCode: z.string().regex(/^\d{4}$/, { message: 'the bank code has 4 digits' }).openapi({ example: '0001' }),
    branchCode: z.string().regex(/^\d{3}$/, { message: 'the branch code has 3 digits' }).openapi({ example: '001' }),
    accountType: AccountType,
    accountNumber: z.string().regex(/^\d{7}$/, { message: 'the account number has 7 digits' }).openapi({ example: '1234567' }),
    holderKana: HolderKana,
  })
  .openapi('Payee');

export const RequestDisbursementRequest = z
  .object({
    challengeId: z.string().min(1).max(100).openapi({ example: 'yokoze-bandai-dx' }),
    amount: Yen.positive({ message: 'must be above zero' }),
    milestone: z.string().trim().min(1).max(200).openapi({ example: '第1期 アプリ試作' }),
    invoiceNumber: z.string().trim().min(1).max(50).openapi({ example: 'INV-2026-001' }),
    payee: PayeeSchema,
  })
  .openapi('RequestDisbursement');

export const ApproveDisbursementRequest = z
  .object({
    comment: z.string().trim().max(1000).optional(),
    paymentDate: DateString.optional().openapi({ description: 'the transfer date (振込指定日); default the next weekday after the second approval' }),
  })
  .openapi('ApproveDisbursement');

export const RejectDisbursementRequest = z.object({ reason: z.string().trim().min(1, { message: 'give a reason' }).max(1000) }).openapi('RejectDisbursement');
export const PaidRequest = z.object({ paidOn: DateString }).openapi('DisbursementPaid');

const Approval = z.object({ by: z.string(), name: z.string().optional(), comment: z.string().optional(), at: z.string() });

export const DisbursementSchema = z
  .object({
    id: z.string(),
    challengeId: z.string(),
    town: TownCode,
    companyId: z.string(),
    amount: Yen,
    milestone: z.string(),
    invoiceNumber: z.string(),
    payee: PayeeSchema.extend({ holderKana: z.string() }),
    status: z.enum(DISBURSEMENT_STATUSES as [string, ...string[]]),
    requestedBy: z.string(),
    requestedAt: z.string(),
    requestedOn: DateString,
    approvers: z.array(z.string()),
    approvals: z.array(Approval),
    scheduledFor: DateString.optional(),
    paidOn: DateString.optional(),
    rejection: z.object({ by: z.string(), name: z.string().optional(), reason: z.string(), at: z.string() }).optional(),
  })
  .openapi('Disbursement');

export const DisbursementCreated = z.object({ disbursementId: z.string(), status: z.literal('requested'), payee: PayeeSchema.extend({ holderKana: z.string() }) }).openapi('DisbursementCreated');
export const DisbursementDecided = DisbursementSchema.extend({ disbursementId: z.string(), duplicate: z.boolean().optional() }).openapi('DisbursementDecided');

export const BankAccountSchema = z
  .object({
    bankCode: z.string().regex(/^\d{4}$/, { message: 'the bank code has 4 digits' }),
    bankNameKana: z.string().min(1).max(30).openapi({ example: 'ﾁﾁﾌﾞｷﾞﾝｺｳ' }),
    branchCode: z.string().regex(/^\d{3}$/, { message: 'the branch code has 3 digits' }),
    branchNameKana: z.string().min(1).max(30).openapi({ example: 'ﾖｺｾﾞ' }),
    accountType: AccountType,
    accountNumber: z.string().regex(/^\d{7}$/, { message: 'the account number has 7 digits' }),
    requesterCode: z.string().regex(/^\d{10}$/, { message: 'the requester code (委託者コード) has 10 digits' }),
    requesterNameKana: z.string().min(1).max(80).openapi({ example: 'ﾖｺｾﾞﾏﾁ' }),
  })
  .openapi('TownBankAccount');

export const TownParam = z.object({ code: TownCode.openapi({ param: { name: 'code', in: 'path' } }) });

export const ZenginQuery = z.object({ date: DateString.openapi({ param: { name: 'date', in: 'query' } }) });

export const EXPORT_KINDS = ['donations', 'receipts', 'one-stop', 'corporate-pledges', 'allocations', 'disbursements'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const ExportParams = TownParam.extend({
  file: z.enum(EXPORT_KINDS.map((k) => `${k}.csv`) as [string, ...string[]]).openapi({ param: { name: 'file', in: 'path' }, example: 'allocations.csv' }),
});

export const ExportQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).openapi({ param: { name: 'year', in: 'query' }, example: 2026 }),
  basis: z.enum(['calendar', 'fiscal']).default('fiscal').openapi({ param: { name: 'basis', in: 'query' }, description: 'calendar year or fiscal year (April–March, named by its start year)' }),
  encoding: z.enum(['utf8', 'sjis']).default('utf8').openapi({ param: { name: 'encoding', in: 'query' }, description: 'utf8 = UTF-8 with BOM (Excel), sjis = Shift_JIS' }),
});
