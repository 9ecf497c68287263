/**
 * Co-creation JSON API: company profiles, applications and their reviews, and the challenges made from
 * adopted applications (creation, publishing, status moves, progress updates). Handlers parse, call an
 * action (applications-actions.ts, which holds who-may-do-what) and answer.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Application, Review } from '../../domain/applications.js';
import type { Challenge } from '../../domain/catalog.js';
import {
  createApplicationAs,
  createChallengeAs,
  editApplicationAs,
  editChallengeAs,
  listApplicationsAs,
  moveChallengeAs,
  myCompany,
  postUpdateAs,
  publicUpdates,
  publishChallengeAs,
  readApplicationAs,
  reviewApplicationAs,
  submitApplicationAs,
  updateMyCompany,
  type ActionCtx,
} from '../applications-actions.js';
import { requireRole } from '../auth.js';
import type { AppEnv } from '../context.js';
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

export const applicationRoutes = createRouter();

const ctxOf = (c: Context<AppEnv>): ActionCtx => ({ db: c.var.deps.db, baseUrl: c.var.deps.baseUrl, requestId: c.get('requestId') });
const secured = { security: [{ bearer: [] }] };
const refusals = { 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404], 409: errorResponses[409], 422: errorResponses[422] };

/** What goes over the wire: the bookkeeping fields (lock version, author id) stay inside. */
export function applicationJson(app: Application, reviews?: Review[]) {
  const { version: _v, createdBy: _c, ...rest } = app;
  return { ...rest, decisions: rest.decisions as Record<string, Review['decision']>, ...(reviews ? { reviews } : {}) };
}

function challengeState(ch: Challenge) {
  return {
    challengeId: ch.id,
    status: ch.status,
    applicationId: ch.applicationId,
    title: ch.title,
    towns: ch.towns,
    leadTown: ch.leadTown,
    target: ch.targetAmount,
    deadline: ch.deadline,
    operatorCompanyId: ch.operatorCompanyId,
  };
}

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
  async (c) => c.json(await myCompany(ctxOf(c), c.var.principal), 200),
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
  async (c) => c.json(await updateMyCompany(ctxOf(c), c.var.principal, c.req.valid('json')), 200),
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
    const app = await createApplicationAs(ctxOf(c), c.var.principal, c.req.valid('json'));
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
  async (c) => c.json({ applications: (await listApplicationsAs(ctxOf(c), c.var.principal, c.req.valid('query'))).map((a) => applicationJson(a)) }, 200),
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
    const { application, reviews } = await readApplicationAs(ctxOf(c), c.var.principal, c.req.valid('param').id);
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
      const app = await editApplicationAs(ctxOf(c), c.var.principal, c.req.valid('param').id, c.req.valid('json'), method === 'put' ? 'replace' : 'merge');
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
  async (c) => c.json(applicationJson(await submitApplicationAs(ctxOf(c), c.var.principal, c.req.valid('param').id)), 200),
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
    const { application, review } = await reviewApplicationAs(ctxOf(c), c.var.principal, c.req.valid('param').id, c.req.valid('json'));
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
  async (c) => c.json(challengeState(await createChallengeAs(ctxOf(c), c.var.principal, c.req.valid('param').id, c.req.valid('json'))), 201),
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
  async (c) => c.json(challengeState(await editChallengeAs(ctxOf(c), c.var.principal, c.req.valid('param').id, c.req.valid('json'))), 200),
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
  async (c) => c.json(challengeState(await publishChallengeAs(ctxOf(c), c.var.principal, c.req.valid('param').id)), 200),
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
  async (c) => c.json(challengeState(await moveChallengeAs(ctxOf(c), c.var.principal, c.req.valid('param').id, c.req.valid('json').status)), 200),
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
    const { update, mailed } = await postUpdateAs(ctxOf(c), c.var.principal, c.req.valid('param').id, c.req.valid('json'));
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
    const updates = await publicUpdates(ctxOf(c), c.req.valid('param').id);
    return c.json({ updates: updates.map(({ id, challengeId, title, text, date, createdAt }) => ({ id, challengeId, title, text, date, createdAt })) }, 200);
  },
);
