/**
 * A town's approved 地域再生計画 and the projects under it: which of the town's challenges and funds may take
 * corporate-version donations through it. Registered by the town's treasurer or the admin; public to read.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { createPlan, replacePlanProjects, townPlans } from '../../services/regional-plans.js';
import { planJson } from '../presenters/corporate.js';
import { createRouter } from '../router.js';
import { errorResponses, json } from '../schemas/common.js';
import { PlanInputSchema, PlanProjectsInputSchema, PlanSchema, TownParam, TownPlanParams } from '../schemas/corporate.js';
import { servicesOf } from '../services.js';

export const regionalPlanRoutes = createRouter();

const secured = { security: [{ bearer: [] }] };
const refusals = { 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404], 409: errorResponses[409], 422: errorResponses[422] };

regionalPlanRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/towns/{code}/regional-plans',
    tags: ['corporate'],
    request: { params: TownParam },
    responses: { 200: json(z.object({ plans: z.array(PlanSchema) }), 'the town’s approved regional revitalization plans, latest period end first'), 400: errorResponses[400], 404: errorResponses[404] },
  }),
  async (c) => {
    return c.json({ plans: (await townPlans(servicesOf(c), c.req.valid('param').code)).map(planJson) }, 200);
  },
);

regionalPlanRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/towns/{code}/regional-plans',
    tags: ['corporate'],
    ...secured,
    description: 'Registers an approved plan; each project lists the town’s challenges and funds it covers, which makes them eligible for corporate-version pledges through this town while the period runs.',
    request: { params: TownParam, body: { content: { 'application/json': { schema: PlanInputSchema } }, required: true } },
    responses: { 201: json(PlanSchema, 'registered'), ...refusals },
  }),
  async (c) => {
    const plan = await createPlan(servicesOf(c), c.var.principal, c.req.valid('param').code, c.req.valid('json'));
    return c.json(planJson(plan), 201);
  },
);

regionalPlanRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/towns/{code}/regional-plans/{id}/projects',
    tags: ['corporate'],
    ...secured,
    description: 'Replaces the plan’s projects, e.g. to mark a newly adopted challenge as eligible.',
    request: { params: TownPlanParams, body: { content: { 'application/json': { schema: PlanProjectsInputSchema } }, required: true } },
    responses: { 200: json(PlanSchema, 'the plan as saved'), ...refusals },
  }),
  async (c) => {
    const { code, id } = c.req.valid('param');
    const plan = await replacePlanProjects(servicesOf(c), c.var.principal, code, id, c.req.valid('json').projects);
    return c.json(planJson(plan), 200);
  },
);
