import { createRoute, z } from '@hono/zod-openapi';
import { requireRole } from '../auth.js';
import { createRouter } from '../router.js';
import { servicesOf } from '../services.js';
import { challengeLedger, fundLedgers, verifyBooks } from '../../services/ledger.js';
import { publicLedgerJson } from '../presenters/catalog.js';
import { verificationJson } from '../presenters/ledger.js';
import { errorResponses, IdParam, json } from '../schemas/common.js';
import { PublicLedgerSchema, VerifySchema } from '../schemas/ledger.js';

export const ledgerRoutes = createRouter();

ledgerRoutes.use('/ledger/verify', requireRole('admin'));
ledgerRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/ledger/verify',
    tags: ['ledger'],
    security: [{ bearer: [] }],
    responses: { 200: json(VerifySchema, 'balances recomputed from the journal, and the audit chains checked'), 401: errorResponses[401], 403: errorResponses[403] },
  }),
  async (c) => c.json(verificationJson(await verifyBooks(servicesOf(c), c.var.principal)), 200),
);

ledgerRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/challenges/{id}/ledger',
    tags: ['ledger'],
    request: { params: IdParam('yokoze-bandai-dx') },
    responses: { 200: json(PublicLedgerSchema, 'the public ledger of a challenge: every movement and its totals'), 400: errorResponses[400], 404: errorResponses[404] },
  }),
  async (c) => c.json(publicLedgerJson(await challengeLedger(servicesOf(c), c.req.valid('param').id)), 200),
);

ledgerRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/funds/{id}/ledger',
    tags: ['ledger'],
    request: { params: IdParam('kyoso-kikin') },
    responses: { 200: json(z.object({ shares: z.array(PublicLedgerSchema) }), 'the public ledger of each member town’s share'), 400: errorResponses[400], 404: errorResponses[404] },
  }),
  async (c) => c.json({ shares: (await fundLedgers(servicesOf(c), c.req.valid('param').id)).map(publicLedgerJson) }, 200),
);
