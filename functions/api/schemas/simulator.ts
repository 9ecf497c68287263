import { z } from '@hono/zod-openapi';
import { Yen } from './common.js';

const Count = z.number().int().min(0).max(10);

export const DeductionRequestSchema = z
  .object({
    salary: Yen.min(0).max(1_000_000_000).openapi({ example: 5_000_000, description: '給与収入 (gross salary), whole yen' }),
    spouseDeduction: z.boolean().openapi({ description: 'claims 配偶者控除 (spouse with no income of their own)' }),
    children16to18: Count.openapi({ example: 0, description: 'dependants aged 16–18' }),
    children19to22: Count.openapi({ example: 0, description: 'dependants aged 19–22 (特定扶養親族)' }),
    socialInsurance: Yen.min(0).optional().openapi({ description: '社会保険料; default 15% of salary, as in MIC’s table' }),
  })
  .strict()
  .openapi('DeductionRequest');

const Step = z.union([
  z.object({ key: z.string(), labelJa: z.string(), labelEn: z.string(), unit: z.literal('yen'), amount: Yen }),
  z.object({ key: z.string(), labelJa: z.string(), labelEn: z.string(), unit: z.literal('rate'), rate: z.number() }),
]);

export const DeductionResultSchema = z
  .object({
    ceiling: Yen.openapi({ description: '控除上限額: the largest donation costing the donor only ¥2,000 (rounded down to ¥1,000)' }),
    incomeTaxRate: z.number(),
    steps: z.array(Step),
    assumptions: z.array(z.string()),
  })
  .openapi('DeductionResult');
