import { z } from '@hono/zod-openapi';
import { CHALLENGE_STATUSES } from '../../domain/catalog.js';
import { DateString, TownCode, Yen } from './common.js';

export const MunicipalitySchema = z
  .object({
    code: TownCode,
    name: z.string(),
    nameEn: z.string(),
    prefecture: z.string(),
    prefectureEn: z.string(),
    postalCode: z.string(),
    address: z.string(),
    mayor: z.string(),
    corporateNumber: z.string(),
    description: z.string(),
    descriptionEn: z.string(),
  })
  .openapi('Municipality');

export const FundShareSchema = z.object({ town: TownCode, available: Yen });
export const FundSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    nameEn: z.string(),
    description: z.string(),
    descriptionEn: z.string(),
    members: z.array(TownCode),
    governance: z.union([z.object({ rule: z.literal('all_drawn') }), z.object({ rule: z.literal('quorum'), quorum: z.number().int() })]),
    corporateEligible: z.array(TownCode),
    shares: z.array(FundShareSchema),
    total: Yen,
  })
  .openapi('Fund');

export const ChallengeSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    titleEn: z.string(),
    summary: z.string(),
    summaryEn: z.string(),
    description: z.string(),
    descriptionEn: z.string(),
    theme: z.string(),
    towns: z.array(TownCode),
    leadTown: TownCode,
    target: Yen,
    raised: Yen,
    donorCount: z.number().int(),
    percent: z.number().int(),
    allocated: Yen.openapi({ description: 'allocated to it from pooled funds (not part of raised)' }),
    deadline: DateString,
    daysLeft: z.number().int(),
    status: z.enum(CHALLENGE_STATUSES),
    operatorCompanyId: z.string().optional(),
    corporateEligible: z.array(TownCode).openapi({ description: 'towns whose approved 地域再生計画 cover it today' }),
  })
  .openapi('Challenge');

export const ChallengeListQuery = z.object({
  status: z.enum(CHALLENGE_STATUSES).optional().openapi({ param: { name: 'status', in: 'query' } }),
  town: TownCode.optional().openapi({ param: { name: 'town', in: 'query' } }),
  q: z.string().max(100).optional().openapi({ param: { name: 'q', in: 'query' }, description: 'theme or title keyword' }),
});
