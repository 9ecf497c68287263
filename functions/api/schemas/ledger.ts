import { z } from '@hono/zod-openapi';

export const MovementSchema = z.object({
  date: z.string(),
  amount: z.number().int().openapi({ description: 'change of the account: inflow > 0, outflow < 0' }),
  channel: z.string(),
  town: z.string(),
  memo: z.string(),
  counterpart: z.string().optional().openapi({ description: 'a donor’s name, only where the donor allowed it' }),
  entryId: z.string(),
});
const FlowSchema = z.object({ inflow: z.number().int(), outflow: z.number().int() });
export const PublicLedgerSchema = z
  .object({
    account: z.string(),
    balance: z.number().int(),
    summary: z.object({
      total: FlowSchema,
      byTown: z.record(z.string(), FlowSchema),
      byChannel: z.record(z.string(), FlowSchema),
      byMonth: z.record(z.string(), z.record(z.string(), FlowSchema)),
      byCalendarYear: z.record(z.string(), FlowSchema),
      byFiscalYear: z.record(z.string(), FlowSchema),
    }),
    movements: z.array(MovementSchema),
  })
  .openapi('PublicLedger');

export const VerifySchema = z
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
