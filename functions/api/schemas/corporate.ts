/**
 * Wire shapes of the corporate version (企業版ふるさと納税) and of regional revitalization plans. The schemas
 * check types only; the legal rules (minimum, head office, plan, exclusion, declaration, conflict of
 * interest) live in domain/corporate.ts and answer 422 with a stable code; the words come from the catalog.
 */
import { z } from '@hono/zod-openapi';
import { CORPORATE_MAX, PLEDGE_STATUSES } from '../../domain/corporate.js';
import { DateString, TownCode, Yen } from './common.js';

const Id = z.string().min(1).max(100).regex(/^[A-Za-z0-9_-]+$/, { message: 'malformed id' });

export const DisclosureSchema = z
  .object({
    name: z.boolean().openapi({ description: 'the company’s name may be published on the challenge/fund page' }),
    amount: z.boolean().openapi({ description: 'the amount may be published next to the name (only meaningful with name)' }),
  })
  .openapi('CorporateDisclosure');

export const PledgeInputSchema = z
  .object({
    challengeId: Id.optional().openapi({ example: 'yokoze-bandai-dx' }),
    fundId: Id.optional().openapi({ example: 'kyoso-kikin' }),
    receivingTown: TownCode,
    amount: Yen.positive({ message: 'must be a positive number of yen' })
      .max(CORPORATE_MAX, { message: `at most ¥${CORPORATE_MAX.toLocaleString('en-US')} per pledge` })
      .openapi({ example: 1_000_000, description: 'integer yen, at least ¥100,000 (checked as a rule: 422 below_minimum)' }),
    noEconomicBenefit: z.boolean().openapi({ description: 'the company declares it receives no economic benefit in return; false is refused (422 economic_benefit_not_declared)' }),
    disclose: DisclosureSchema.default({ name: false, amount: false }),
  })
  .refine((v) => Boolean(v.challengeId) !== Boolean(v.fundId), { message: 'give exactly one of challengeId or fundId', path: ['challengeId'] })
  .openapi('CorporatePledgeInput');

export const ReliefSchema = z
  .object({
    amount: Yen,
    taxCredit: z.object({ inhabitantTax: Yen, corporateTax: Yen, enterpriseTax: Yen, total: Yen }),
    corporateTaxMax: Yen,
    lossDeduction: Yen,
    total: Yen,
    netCost: Yen,
    rates: z.object({ inhabitantTax: z.number(), corporateTaxMax: z.number(), enterpriseTax: z.number(), taxCredit: z.number(), lossDeduction: z.number(), total: z.number() }),
    caveats: z.object({ ja: z.array(z.string()), en: z.array(z.string()) }),
  })
  .openapi('CorporateEstimatedRelief');

export const BankTransferSchema = z
  .object({
    payee: z.object({ ja: z.string(), en: z.string() }),
    amount: Yen,
    reference: z.string().openapi({ description: 'put this before the remitter name (振込依頼人名) so the town can match the transfer' }),
    dueBy: DateString.openapi({ description: 'the pledge expires unpaid after this day (the plan’s or the scheme’s end)' }),
    account: z
      .object({ bankCode: z.string(), bankNameKana: z.string(), branchCode: z.string(), branchNameKana: z.string(), accountType: z.string(), accountNumber: z.string(), holderKana: z.string() })
      .optional()
      .openapi({ description: 'the receiving town’s account, when the town has registered it' }),
    instructions: z.object({ ja: z.string(), en: z.string() }),
  })
  .openapi('CorporateBankTransfer');

export const PledgeCreatedSchema = z
  .object({
    pledgeId: z.string(),
    status: z.literal('pledged'),
    estimatedRelief: ReliefSchema,
    bankTransfer: BankTransferSchema,
    replayed: z.boolean().optional(),
  })
  .openapi('CorporatePledgeCreated');

export const PledgeSchema = z
  .object({
    pledgeId: z.string(),
    id: z.string(),
    status: z.enum(PLEDGE_STATUSES),
    challengeId: z.string().optional(),
    fundId: z.string().optional(),
    targetTitle: z.string(),
    receivingTown: TownCode,
    amount: Yen,
    noEconomicBenefit: z.boolean(),
    disclose: DisclosureSchema,
    company: z.object({ id: z.string(), name: z.string(), corporateNumber: z.string() }),
    pledgedOn: DateString,
    expiresOn: DateString,
    fiscalYear: z.number().int(),
    plan: z.object({ id: z.string(), name: z.string(), project: z.string() }),
    estimatedRelief: ReliefSchema,
    bankTransfer: BankTransferSchema.optional(),
    receivedOn: DateString.optional(),
    receiptNumber: z.string().optional(),
    receiptUrl: z.string().optional(),
    entryId: z.string().optional(),
    cancelledAt: z.string().optional(),
    cancelReason: z.string().optional(),
    expiredAt: z.string().optional(),
  })
  .openapi('CorporatePledge');

export const PledgeListQuery = z.object({
  town: TownCode.optional().openapi({ param: { name: 'town', in: 'query' } }),
  fy: z.coerce.number().int().min(2016).max(2100).optional().openapi({ param: { name: 'fy', in: 'query' }, description: 'fiscal year (April–March), e.g. 2026' }),
});

export const ConfirmPaymentSchema = z
  .object({
    receivedOn: DateString.openapi({ description: 'the day the money reached the town’s account (the receipt date)' }),
    amount: Yen.positive({ message: 'must be a positive number of yen' }).openapi({ description: 'must equal the pledged amount: a different amount is refused (422 amount_mismatch), not booked as a partial receipt' }),
  })
  .openapi('CorporatePaymentConfirmation');

export const ConfirmedSchema = z
  .object({
    pledgeId: z.string(),
    status: z.literal('paid'),
    receivedOn: DateString,
    amount: Yen,
    receiptNumber: z.string(),
    receiptUrl: z.string(),
    entryId: z.string(),
    alreadyConfirmed: z.boolean().openapi({ description: 'true when this receipt had already been recorded: nothing was posted this time' }),
  })
  .openapi('CorporatePaymentConfirmed');

export const CancelSchema = z.object({ reason: z.string().max(500).optional() }).openapi('CorporatePledgeCancel');

export const CorporateDonorsSchema = z
  .object({
    years: z.array(
      z.object({
        fiscalYear: z.number().int(),
        donors: z.array(z.object({ name: z.string(), amount: Yen.optional() })),
        anonymousCount: z.number().int(),
        anonymousTotal: Yen,
        count: z.number().int(),
        total: Yen,
      }),
    ),
  })
  .openapi('CorporateDonors');

export const CsvQuery = z.object({
  fy: z.coerce.number().int().min(2016).max(2100).optional().openapi({ param: { name: 'fy', in: 'query' }, description: 'fiscal year (April–March); all years when absent' }),
});

// ---------------------------------------------------------------- regional plans

export const PlanProjectSchema = z
  .object({
    name: z.string().max(200),
    challengeIds: z.array(Id).max(200).default([]),
    fundIds: z.array(Id).max(50).default([]),
  })
  .openapi('RegionalPlanProject');

export const PlanInputSchema = z
  .object({
    name: z.string().max(300).openapi({ example: '横瀬町まち・ひと・しごと創生推進計画' }),
    approvedOn: DateString,
    periodStart: DateString,
    periodEnd: DateString,
    projects: z.array(PlanProjectSchema).max(50),
  })
  .openapi('RegionalPlanInput');

export const PlanProjectsInputSchema = z.object({ projects: z.array(PlanProjectSchema).max(50) }).openapi('RegionalPlanProjectsInput');

export const PlanSchema = z
  .object({
    id: z.string(),
    town: TownCode,
    name: z.string(),
    approvedOn: DateString,
    periodStart: DateString,
    periodEnd: DateString,
    projects: z.array(z.object({ name: z.string(), challengeIds: z.array(z.string()), fundIds: z.array(z.string()) })),
    current: z.boolean().openapi({ description: 'the plan period covers today (JST)' }),
    version: z.number().int(),
  })
  .openapi('RegionalPlan');

export const TownParam = z.object({ code: TownCode.openapi({ param: { name: 'code', in: 'path' } }) });
export const TownPlanParams = z.object({
  code: TownCode.openapi({ param: { name: 'code', in: 'path' } }),
  id: Id.openapi({ param: { name: 'id', in: 'path' } }),
});
