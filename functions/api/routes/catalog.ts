import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../router.js';
import { servicesOf } from '../services.js';
import { challengeStanding, fundStanding, listChallengeStandings, listFundStandings, listMemberTowns, memberTown } from '../../services/catalog.js';
import { challengeJson, fundJson } from '../presenters/catalog.js';
import { ChallengeListQuery, ChallengeSchema, FundSchema, MunicipalitySchema } from '../schemas/catalog.js';
import { errorResponses, IdParam, json, TownCode } from '../schemas/common.js';

export const catalogRoutes = createRouter();

catalogRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/municipalities',
    tags: ['catalog'],
    responses: { 200: json(z.object({ municipalities: z.array(MunicipalitySchema) }), 'member towns of the network') },
  }),
  async (c) => c.json({ municipalities: await listMemberTowns(servicesOf(c)) }, 200),
);

catalogRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/municipalities/{code}',
    tags: ['catalog'],
    request: { params: z.object({ code: TownCode.openapi({ param: { name: 'code', in: 'path' } }) }) },
    responses: { 200: json(MunicipalitySchema, 'a member town'), 400: errorResponses[400], 404: errorResponses[404] },
  }),
  async (c) => c.json(await memberTown(servicesOf(c), c.req.valid('param').code), 200),
);

catalogRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/funds',
    tags: ['catalog'],
    responses: { 200: json(z.object({ funds: z.array(FundSchema) }), 'pooled funds with each member town’s available share') },
  }),
  async (c) => c.json({ funds: (await listFundStandings(servicesOf(c))).map(fundJson) }, 200),
);

catalogRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/funds/{id}',
    tags: ['catalog'],
    request: { params: IdParam('kyoso-kikin') },
    responses: { 200: json(FundSchema, 'a pooled fund'), 400: errorResponses[400], 404: errorResponses[404] },
  }),
  async (c) => c.json(fundJson(await fundStanding(servicesOf(c), c.req.valid('param').id)), 200),
);

catalogRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/challenges',
    tags: ['catalog'],
    request: { query: ChallengeListQuery },
    responses: { 200: json(z.object({ challenges: z.array(ChallengeSchema) }), 'published challenges, open first'), 400: errorResponses[400] },
  }),
  async (c) => c.json({ challenges: (await listChallengeStandings(servicesOf(c), c.req.valid('query'))).map(challengeJson) }, 200),
);

catalogRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/challenges/{id}',
    tags: ['catalog'],
    request: { params: IdParam('ch-yokoze-forest') },
    responses: { 200: json(ChallengeSchema, 'a challenge with its progress'), 400: errorResponses[400], 404: errorResponses[404] },
  }),
  async (c) => c.json(challengeJson(await challengeStanding(servicesOf(c), c.req.valid('param').id)), 200),
);
