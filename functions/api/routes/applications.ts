/**
 * Co-creation JSON API: company profiles, applications and their reviews, and the challenges made from
 * adopted applications (creation, publishing, status moves, progress updates). Handlers parse, call one
 * service (functions/services, which holds who-may-do-what) and present.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Actor } from '../../domain/actor.js';
import { refuse } from '../../domain/errors.js';
import { createApplication, editApplication, listApplications, readApplication, reviewApplication, submitApplication } from '../../services/applications.js';
import { createChallenge, editChallenge, moveChallenge, publishChallenge } from '../../services/challenges.js';
import { myCompany, updateMyCompany } from '../../services/companies.js';
import { postUpdate, publicUpdates } from '../../services/progress-updates.js';
import { requireRole } from '../auth.js';
import type { AppEnv } from '../context.js';
import { applicationJson, challengeState, updateJson } from '../presenters/cocreation.js';
import { createRouter } from '../router.js';
import {
  ApplicationCreated,
  ApplicationInputSchema,
  ApplicationListQuery,
  ApplicationPatchSchema,
  ApplicationSchema,
  ChallengeDraftSchema,
  ChallengeMoveSchema,
  ChallengeStateSchema,
  CompanyProfileInputSchema,
  CompanySchema,
  ReviewInputSchema,
  ReviewSchema,
  UpdateInputSchema,
  UpdateSchema,
} from '../schemas/applications.js';
import { errorResponses, IdParam, json } from '../schemas/common.js';
import { servicesOf } from '../services.js';

export const applicationRoutes = createRouter();

/** The signed-in person; routes without a role check still need someone signed in (401). */
function actorOf(c: Context<AppEnv>): Actor {
  const actor = c.var.principal;
  if (!actor) throw refuse.unauthenticated();
  return actor;
}

const secured = { security: [{ bearer: [] }] };
const refusals = { 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404], 409: errorResponses[409], 422: errorResponses[422] };

// ───────────── company profile ─────────────

applicationRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/companies/me',
    tags: ['companies'],
    ...secured,
    middleware: [requireRole('company')],
    responses: { 200: json(CompanySchema, 'the signed-in company user’s company'), ...refusals },
  }),
  async (c) => c.json(await myCompany(servicesOf(c), actorOf(c)), 200),
);

applicationRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/companies/me',
    tags: ['companies'],
    ...secured,
    middleware: [requireRole('company')],
    request: { body: { content: { 'application/json': { schema: CompanyProfileInputSchema } }, required: true } },
    responses: { 200: json(CompanySchema, 'the profile as saved (法人番号 and municipality code check digits validated)'), ...refusals },
  }),
  async (c) => c.json(await updateMyCompany(servicesOf(c), actorOf(c), c.req.valid('json')), 200),
);

// ───────────── applications ─────────────

applicationRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/applications',
    tags: ['applications'],
    ...secured,
    middleware: [requireRole('company')],
    request: { body: { content: { 'application/json': { schema: ApplicationInputSchema } }, required: true } },
    responses: { 201: json(ApplicationCreated, 'a draft, kept until the company submits it'), ...refusals },
  }),
  async (c) => {
    const app = await createApplication(servicesOf(c), actorOf(c), c.req.valid('json'));
    return c.json({ applicationId: app.id, status: 'draft' as const }, 201);
  },
);

applicationRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/applications',
    tags: ['applications'],
    ...secured,
    request: { query: ApplicationListQuery },
    responses: { 200: json(z.object({ applications: z.array(ApplicationSchema) }), 'company: its own; reviewer: those naming its towns (once submitted); admin: all. Newest first'), ...refusals },
  }),
  async (c) => c.json({ applications: (await listApplications(servicesOf(c), actorOf(c), c.req.valid('query'))).map((a) => applicationJson(a)) }, 200),
);

applicationRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/applications/{id}',
    tags: ['applications'],
    ...secured,
    request: { params: IdParam('app-0123456789ab') },
    responses: { 200: json(ApplicationSchema, 'the application with its review history'), ...refusals },
  }),
  async (c) => {
    const { application, reviews } = await readApplication(servicesOf(c), actorOf(c), c.req.valid('param').id);
    return c.json(applicationJson(application, reviews), 200);
  },
);

for (const method of ['put', 'patch'] as const) {
  applicationRoutes.openapi(
    createRoute({
      method,
      path: '/applications/{id}',
      tags: ['applications'],
      ...secured,
      description: method === 'put' ? 'replace the whole draft' : 'change only the fields given',
      middleware: [requireRole('company')],
      request: {
        params: IdParam('app-0123456789ab'),
        body: { content: { 'application/json': { schema: method === 'put' ? ApplicationInputSchema : ApplicationPatchSchema } }, required: true },
      },
      responses: { 200: json(ApplicationSchema, 'the application as saved (only a draft or one returned for changes can be edited)'), ...refusals },
    }),
    async (c) => {
      const app = await editApplication(servicesOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json'), method === 'put' ? 'replace' : 'merge');
      return c.json(applicationJson(app), 200);
    },
  );
}

applicationRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/applications/{id}/submit',
    tags: ['applications'],
    ...secured,
    middleware: [requireRole('company')],
    request: { params: IdParam('app-0123456789ab') },
    responses: { 200: json(ApplicationSchema, 'submitted: a new review round starts and the named towns’ reviewers are emailed'), ...refusals },
  }),
  async (c) => c.json(applicationJson(await submitApplication(servicesOf(c), actorOf(c), c.req.valid('param').id)), 200),
);

applicationRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/applications/{id}/reviews',
    tags: ['applications'],
    ...secured,
    middleware: [requireRole('reviewer')],
    request: { params: IdParam('app-0123456789ab'), body: { content: { 'application/json': { schema: ReviewInputSchema } }, required: true } },
    responses: {
      201: json(z.object({ applicationId: z.string(), status: ApplicationSchema.shape.status, review: ReviewSchema }), 'the review, and the application’s status after it'),
      ...refusals,
    },
  }),
  async (c) => {
    const { application, review } = await reviewApplication(servicesOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json'));
    return c.json({ applicationId: application.id, status: application.status, review }, 201);
  },
);

// ───────────── challenges from adopted applications ─────────────

applicationRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/applications/{id}/challenge',
    tags: ['challenges'],
    ...secured,
    middleware: [requireRole('reviewer')],
    request: { params: IdParam('app-0123456789ab'), body: { content: { 'application/json': { schema: ChallengeDraftSchema } }, required: true } },
    responses: { 201: json(ChallengeStateSchema, 'a draft challenge (not public until published)'), ...refusals },
  }),
  async (c) => c.json(challengeState(await createChallenge(servicesOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json'))), 201),
);

applicationRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/challenges/{id}',
    tags: ['challenges'],
    ...secured,
    middleware: [requireRole('reviewer')],
    request: { params: IdParam('ch-0123456789ab'), body: { content: { 'application/json': { schema: ChallengeDraftSchema } }, required: true } },
    responses: { 200: json(ChallengeStateSchema, 'the draft as saved (lead town reviewer; drafts only)'), ...refusals },
  }),
  async (c) => c.json(challengeState(await editChallenge(servicesOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json'))), 200),
);

applicationRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/challenges/{id}/publish',
    tags: ['challenges'],
    ...secured,
    middleware: [requireRole('reviewer')],
    request: { params: IdParam('ch-0123456789ab') },
    responses: { 200: json(ChallengeStateSchema, 'open: listed publicly and taking donations until its deadline'), ...refusals },
  }),
  async (c) => c.json(challengeState(await publishChallenge(servicesOf(c), actorOf(c), c.req.valid('param').id)), 200),
);

applicationRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/challenges/{id}/status',
    tags: ['challenges'],
    ...secured,
    middleware: [requireRole('company', 'reviewer')],
    request: { params: IdParam('ch-0123456789ab'), body: { content: { 'application/json': { schema: ChallengeMoveSchema } }, required: true } },
    responses: { 200: json(ChallengeStateSchema, 'closed → in_progress → completed, by the operating company or the lead town’s reviewer'), ...refusals },
  }),
  async (c) => c.json(challengeState(await moveChallenge(servicesOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json').status)), 200),
);

applicationRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/challenges/{id}/updates',
    tags: ['challenges'],
    ...secured,
    middleware: [requireRole('company')],
    request: { params: IdParam('ch-0123456789ab'), body: { content: { 'application/json': { schema: UpdateInputSchema } }, required: true } },
    responses: { 201: json(z.object({ updateId: z.string(), mailed: z.number().int() }), 'the update, emailed to the donors who opted in'), ...refusals },
  }),
  async (c) => {
    const { update, mailed } = await postUpdate(servicesOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json'));
    return c.json({ updateId: update.id, mailed }, 201);
  },
);

applicationRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/challenges/{id}/updates',
    tags: ['challenges'],
    request: { params: IdParam('ch-0123456789ab') },
    responses: { 200: json(z.object({ updates: z.array(UpdateSchema) }), 'progress updates of a published challenge, newest first'), 400: errorResponses[400], 404: errorResponses[404] },
  }),
  async (c) => {
    const updates = await publicUpdates(servicesOf(c), c.req.valid('param').id);
    return c.json({ updates: updates.map(updateJson) }, 200);
  },
);
