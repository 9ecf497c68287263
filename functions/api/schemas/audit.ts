import { z } from '@hono/zod-openapi';

export const AuditRecordSchema = z
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

export const AuditSearchSchema = z.object({ records: z.array(AuditRecordSchema), chainsOk: z.boolean() });
