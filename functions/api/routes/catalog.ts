import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../router.js';
import { notFound } from '../errors.js';
import { challengeViews, findChallengeView, findFundView, fundView } from '../catalog-views.js';
import { getTown, listFunds, listTowns } from '../../store/catalog.js';
import { ChallengeListQuery, ChallengeSchema, FundSchema, MunicipalitySchema } from '../schemas/catalog.js';
import { errorResponses, IdParam, json } from '../schemas/common.js';
import { TownCode } from '../schemas/common.js';

export const catalogRoutes = createRouter();

catalogRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/municipalities',
    tags: ['catalog'],
    responses: { 200: json(z.object({ municipalities: z.array(MunicipalitySchema) }), 'member towns of the network') },
  }),
  async (c) => c.json({ municipalities: await listTowns(c.var.deps.db) }, 200),
);

catalogRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/municipalities/{code}',
    tags: ['catalog'],
    request: { params: z.object({ code: TownCode.openapi({ param: { name: 'code', in: 'path' } }) }) },
    responses: { 200: json(MunicipalitySchema, 'a member town'), 400: errorResponses[400], 404: errorResponses[404] },
  }),
  async (c) => {
    const town = await getTown(c.var.deps.db, c.req.valid('param').code);
    if (!town) throw notFound('municipality');
    return c.json(town, 200);
  },
);

catalogRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/funds',
    tags: ['catalog'],
    responses: { 200: json(z.object({ funds: z.array(FundSchema) }), 'pooled funds with each member town’s available share') },
  }),
  async (c) => {
    const db = c.var.deps.db;
    return c.json({ funds: await Promise.all((await listFunds(db)).map((f) => fundView(db, f))) }, 200);
  },
);

catalogRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/funds/{id}',
    tags: ['catalog'],
    request: { params: IdParam('kyoso-kikin') },
    responses: { 200: json(FundSchema, 'a pooled fund'), 400: errorResponses[400], 404: errorResponses[404] },
  }),
  async (c) => {
    const fund = await findFundView(c.var.deps.db, c.req.valid('param').id);
    if (!fund) throw notFound('fund');
    return c.json(fund, 200);
  },
);

catalogRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/challenges',
    tags: ['catalog'],
    request: { query: ChallengeListQuery },
    responses: { 200: json(z.object({ challenges: z.array(ChallengeSchema) }), 'published challenges, open first'), 400: errorResponses[400] },
  }),
  async (c) => c.json({ challenges: await challengeViews(c.var.deps.db, c.req.valid('query')) }, 200),
);

catalogRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/challenges/{id}',
    tags: ['catalog'],
    request: { params: IdParam('ch-yokoze-forest') },
    responses: { 200: json(ChallengeSchema, 'a challenge with its progress'), 400: errorResponses[400], 404: errorResponses[404] },
  }),
  async (c) => {
    const ch = await findChallengeView(c.var.deps.db, c.req.valid('param').id);
    if (!ch) throw notFound('challenge');
    return c.json(ch, 200);
  },
);
