/**
 * Request and response shapes for co-creation applications, challenges made from them and company
 * profiles. The schemas check types; the rules (budget adds up, dates in order, town is a network
 * member, check digits…) live in the domain and answer with per-field codes, worded by the catalog.
 */
import { z } from '@hono/zod-openapi';
import { APPLICATION_STATUSES, REVIEW_DECISIONS } from '../../domain/applications.js';
import { MANUAL_MOVES } from '../../domain/challenge-lifecycle.js';
import { CHALLENGE_STATUSES } from '../../domain/catalog.js';
import { DateString, TownCode, Yen } from './common.js';

const Amount = Yen.openapi({ example: 1_000_000 });
const Code = z.string().openapi({ example: '113611', description: '全国地方公共団体コード (6 digits with check digit)' });

const ApplicationFields = {
  title: z.string().openapi({ example: '横瀬×磐梯 里山ワーケーション' }),
  summary: z.string().openapi({ example: '二つの町の空き家をつなぐワーケーション拠点' }),
  problem: z.string().openapi({ description: 'the local problem (地域の課題)' }),
  proposal: z.string().openapi({ description: 'what the company proposes to do (提案内容)' }),
  towns: z.array(Code).openapi({ example: ['113611', '074071'], description: 'network towns the company asks to work with' }),
  requestedAmount: Amount,
  budget: z.array(z.object({ item: z.string(), amount: Amount })).openapi({ example: [{ item: '拠点改修', amount: 600_000 }, { item: '運営', amount: 400_000 }] }),
  kpis: z.array(z.string()).openapi({ example: ['年間利用者 300人'] }),
  startDate: z.string().openapi({ example: '2026-04-01', description: 'JST date YYYY-MM-DD' }),
  endDate: z.string().openapi({ example: '2027-03-31', description: 'JST date YYYY-MM-DD, not before startDate' }),
  corporateVersion: z.boolean().openapi({ description: 'whether the project intends to seek corporate-version (企業版) donations' }),
  contact: z.object({ name: z.string(), email: z.string() }).optional().openapi({ description: 'defaults to the company profile’s contact' }),
};

export const ApplicationInputSchema = z.object(ApplicationFields).openapi('ApplicationInput');
export const ApplicationPatchSchema = z.object(ApplicationFields).partial().openapi('ApplicationPatch');

export const ApplicationCreated = z.object({ applicationId: z.string(), status: z.literal('draft') }).openapi('ApplicationCreated');

const ScoresSchema = z.object({ proposer: z.number(), residents: z.number(), town: z.number() }).openapi({ description: 'よこらぼ criteria, integers 1–5: benefit to the proposer, the residents, the town' });

export const ReviewInputSchema = z
  .object({
    town: TownCode,
    decision: z.enum(REVIEW_DECISIONS),
    scores: ScoresSchema,
    publicAnswer: z.string().openapi({ description: 'shown to the company (the reason, when rejecting)' }),
    privateNote: z.string().optional().openapi({ description: 'seen only by the reviewers of this town' }),
  })
  .openapi('ReviewInput');

export const ReviewSchema = z
  .object({
    applicationId: z.string(),
    round: z.number().int(),
    town: TownCode,
    decision: z.enum(REVIEW_DECISIONS),
    scores: ScoresSchema,
    publicAnswer: z.string(),
    privateNote: z.string().optional(),
    reviewerId: z.string(),
    reviewerName: z.string().optional(),
    at: z.string(),
  })
  .openapi('Review');

export const ApplicationSchema = z
  .object({
    id: z.string(),
    companyId: z.string(),
    companyName: z.string(),
    status: z.enum(APPLICATION_STATUSES),
    round: z.number().int().openapi({ description: 'review round: 0 while a first draft, +1 on every (re)submission' }),
    decisions: z.record(z.string(), z.enum(REVIEW_DECISIONS)).openapi({ description: 'latest decision per town in the current round' }),
    ...ApplicationFields,
    createdAt: z.string(),
    updatedAt: z.string(),
    submittedAt: z.string().optional(),
    decidedAt: z.string().optional(),
    challengeId: z.string().optional(),
    reviews: z.array(ReviewSchema).optional().openapi({ description: 'every review of every round, oldest first (private notes only for their own town’s reviewers)' }),
  })
  .openapi('Application');

export const ApplicationListQuery = z.object({
  status: z.enum(APPLICATION_STATUSES).optional().openapi({ param: { name: 'status', in: 'query' } }),
  town: TownCode.optional().openapi({ param: { name: 'town', in: 'query' } }),
  from: DateString.optional().openapi({ param: { name: 'from', in: 'query' }, description: 'submitted on or after (JST)' }),
  to: DateString.optional().openapi({ param: { name: 'to', in: 'query' }, description: 'submitted on or before (JST)' }),
});

export const ChallengeDraftSchema = z
  .object({
    title: z.string(),
    titleEn: z.string().optional(),
    summary: z.string().optional().openapi({ description: 'the cover text shown on the challenge card' }),
    coverText: z.string().optional().openapi({ description: 'alias of summary' }),
    summaryEn: z.string().optional(),
    description: z.string(),
    descriptionEn: z.string().optional(),
    theme: z.string().optional(),
    towns: z.array(Code),
    leadTown: Code,
    target: Amount,
    deadline: z.string().openapi({ example: '2027-01-31', description: 'last day donations are accepted (JST, inclusive)' }),
  })
  .openapi('ChallengeDraft');

export const ChallengeStateSchema = z
  .object({
    challengeId: z.string(),
    status: z.enum(CHALLENGE_STATUSES),
    applicationId: z.string().optional(),
    title: z.string(),
    towns: z.array(TownCode),
    leadTown: TownCode,
    target: Amount,
    deadline: DateString,
    operatorCompanyId: z.string().optional(),
  })
  .openapi('ChallengeState');

export const ChallengeMoveSchema = z.object({ status: z.enum(MANUAL_MOVES) }).openapi('ChallengeMove');

export const UpdateInputSchema = z.object({ title: z.string(), text: z.string(), date: z.string().openapi({ example: '2026-12-01' }) }).openapi('ChallengeUpdateInput');
export const UpdateSchema = z
  .object({ id: z.string(), challengeId: z.string(), title: z.string(), text: z.string(), date: DateString, createdAt: z.string() })
  .openapi('ChallengeUpdate');

export const CompanyProfileInputSchema = z
  .object({
    corporateNumber: z.string().openapi({ example: '2011001012345', description: '法人番号: 13 digits, the first a check digit' }),
    name: z.string(),
    nameKana: z.string(),
    headOfficeAddress: z.string(),
    headOfficeTown: z.string().openapi({ example: '131130', description: 'head-office municipality code (6 digits with check digit)' }),
    contactName: z.string(),
    contactEmail: z.string(),
  })
  .openapi('CompanyProfileInput');

export const CompanySchema = CompanyProfileInputSchema.extend({ id: z.string() }).openapi('Company');
