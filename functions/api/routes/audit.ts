import { createRoute, z } from '@hono/zod-openapi';
import type { Principal } from '../auth.js';
import { hasRole, requireRole, townsWithRole } from '../auth.js';
import { createRouter } from '../router.js';
import { errorResponses, json } from '../schemas/common.js';
import { auditChains, searchAudit, verifyAuditChains } from '../../store/audit.js';
import type { Db } from '../../store/db.js';

export const auditRoutes = createRouter();

const AuditRecordSchema = z
  .object({
    chain: z.string(),
    seq: z.number().int(),
    at: z.string(),
    actor: z.string(),
    role: z.string(),
    action: z.string(),
    target: z.string(),
    before: z.unknown().optional(),
    after: z.unknown().optional(),
    requestId: z.string().optional(),
    prevHash: z.string(),
    hash: z.string(),
  })
  .openapi('AuditRecord');

export const AuditQuery = z.object({
  target: z.string().max(200).optional().openapi({ param: { name: 'target', in: 'query' }, description: 'target prefix, e.g. allocation:' }),
  actor: z.string().max(100).optional().openapi({ param: { name: 'actor', in: 'query' } }),
  town: z.string().regex(/^\d{6}$/).optional().openapi({ param: { name: 'town', in: 'query' } }),
});

/** Treasurers read their towns' chains; admins read every chain. */
export async function readableChains(db: Db, p: Principal, town?: string): Promise<string[]> {
  const all = await auditChains(db);
  const allowed = hasRole(p, 'admin') ? all : all.filter((c) => townsWithRole(p, 'treasurer').some((t) => c === `town:${t}`));
  return town ? allowed.filter((c) => c === `town:${town}`) : allowed;
}

auditRoutes.use('/audit', requireRole('treasurer', 'admin'));
auditRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/audit',
    tags: ['ledger'],
    security: [{ bearer: [] }],
    request: { query: AuditQuery },
    responses: {
      200: json(z.object({ records: z.array(AuditRecordSchema), chainsOk: z.boolean() }), 'audit records newest first, with the chain check'),
      400: errorResponses[400],
      401: errorResponses[401],
      403: errorResponses[403],
    },
  }),
  async (c) => {
    const db = c.var.deps.db;
    const q = c.req.valid('query');
    const chains = await readableChains(db, c.var.principal!, q.town);
    const [records, check] = await Promise.all([searchAudit(db, chains, q), verifyAuditChains(db)]);
    const chainsOk = !check.problems.some((p) => chains.includes(p.chain));
    return c.json({ records, chainsOk }, 200);
  },
);
