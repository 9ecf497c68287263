import { createRoute } from '@hono/zod-openapi';
import { createRouter } from '../router.js';
import { errorResponses, json } from '../schemas/common.js';
import { DeductionRequestSchema, DeductionResultSchema } from '../schemas/simulator.js';
import { simulateDeductionCeiling } from '../../domain/deduction.js';
import { DomainError } from '../../domain/errors.js';
import { deductionJson } from '../presenters/simulator.js';

export const simulatorRoutes = createRouter();

/** What the MIC table assumes, said next to every answer so nobody mistakes the estimate for advice. */
export const SIMULATOR_ASSUMPTIONS = [
  'salary is the only income (給与収入のみ)',
  'social insurance is 15% of salary unless given',
  'no deductions other than social insurance, basic, spouse and dependants; no housing-loan or other credits',
  'rules for income earned in 2024 (令和6年分所得税・令和7年度住民税), as in the MIC reference table',
];

simulatorRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/simulator/deduction',
    tags: ['simulator'],
    summary: 'Furusato-nozei deduction ceiling (控除上限額) by the MIC method, with every step of the calculation',
    request: { body: { content: { 'application/json': { schema: DeductionRequestSchema } }, required: true } },
    responses: { 200: json(DeductionResultSchema, 'the ceiling and how it was reached'), 400: errorResponses[400] },
  }),
  async (c) => {
    try {
      return c.json({ ...deductionJson(simulateDeductionCeiling(c.req.valid('json'))), assumptions: SIMULATOR_ASSUMPTIONS }, 200);
    } catch (e) {
      // The domain's own range checks (e.g. social insurance above salary) are bad input, not a failure.
      if (e instanceof RangeError) throw new DomainError('invalid', 'bad_request', e.message, { key: 'donation.sim_bad_input', params: { reason: e.message } });
      throw e;
    }
  },
);
