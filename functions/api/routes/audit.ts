import { createRoute } from '@hono/zod-openapi';
import { requireRole } from '../auth.js';
import { createRouter } from '../router.js';
import { servicesOf } from '../services.js';
import { searchAuditLog } from '../../services/audit.js';
import { AuditQuery, AuditSearchSchema } from '../schemas/audit.js';
import { errorResponses, json } from '../schemas/common.js';

export const auditRoutes = createRouter();

auditRoutes.use('/audit', requireRole('treasurer', 'admin'));
auditRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/audit',
    tags: ['ledger'],
    security: [{ bearer: [] }],
    request: { query: AuditQuery },
    responses: {
      200: json(AuditSearchSchema, 'audit records newest first, with the chain check'),
      400: errorResponses[400],
      401: errorResponses[401],
      403: errorResponses[403],
    },
  }),
  async (c) => c.json(await searchAuditLog(servicesOf(c), c.var.principal, c.req.valid('query')), 200),
);
