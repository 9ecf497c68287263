import { createRoute, z } from '@hono/zod-openapi';
import { requireRole } from '../auth.js';
import { createRouter } from '../router.js';
import { errorResponses, json } from '../schemas/common.js';
import { verifyLedger } from '../../store/ledger.js';
import { verifyAuditChains } from '../../store/audit.js';

export const ledgerRoutes = createRouter();

const VerifySchema = z
  .object({
    ok: z.boolean(),
    entries: z.number().int(),
    postings: z.number().int(),
    unbalancedEntries: z.array(z.object({ id: z.string(), sum: z.number().int() })),
    mismatches: z.array(z.object({ account: z.string(), shard: z.number().int(), stored: z.number().int(), recomputed: z.number().int() })),
    negative: z.array(z.object({ account: z.string(), shard: z.number().int(), balance: z.number().int() })),
    missingPostings: z.array(z.object({ entryId: z.string(), account: z.string(), shard: z.number().int() })),
    totalsByKind: z.record(z.string(), z.number().int()),
    audit: z.object({ ok: z.boolean(), chains: z.number().int(), problems: z.array(z.object({ chain: z.string(), seq: z.number().int(), problem: z.string(), message: z.string() })) }),
  })
  .openapi('LedgerVerification');

ledgerRoutes.use('/ledger/verify', requireRole('admin'));
ledgerRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/ledger/verify',
    tags: ['ledger'],
    security: [{ bearer: [] }],
    responses: { 200: json(VerifySchema, 'balances recomputed from the journal, and the audit chains checked'), 401: errorResponses[401], 403: errorResponses[403] },
  }),
  async (c) => {
    const db = c.var.deps.db;
    const [ledger, audit] = await Promise.all([verifyLedger(db), verifyAuditChains(db)]);
    return c.json({ ...ledger, ok: ledger.ok && audit.ok, audit }, 200);
  },
);
