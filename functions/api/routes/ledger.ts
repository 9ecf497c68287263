import { createRoute, z } from '@hono/zod-openapi';
import { requireRole } from '../auth.js';
import { createRouter } from '../router.js';
import { errorResponses, IdParam, json } from '../schemas/common.js';
import { notFound } from '../errors.js';
import { accountActivity, verifyLedger } from '../../store/ledger.js';
import { getChallenge, getFund } from '../../store/catalog.js';
import { accounts } from '../../domain/ledger/accounts.js';
import { movementsOf } from '../../domain/ledger/summary.js';
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

const MovementSchema = z.object({
  date: z.string(),
  amount: z.number().int().openapi({ description: 'change of the account: inflow > 0, outflow < 0' }),
  channel: z.string(),
  town: z.string(),
  memo: z.string(),
  counterpart: z.string().optional().openapi({ description: 'a donor’s name, only where the donor allowed it' }),
  entryId: z.string(),
});
const FlowSchema = z.object({ inflow: z.number().int(), outflow: z.number().int() });
const PublicLedgerSchema = z
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

function publicLedger(account: string, activity: Awaited<ReturnType<typeof accountActivity>>) {
  return {
    account,
    balance: activity.rows.reduce((a, r) => a + r.delta, 0),
    summary: activity.summary,
    // One movement per journal entry, newest first (a posting may be split over balance shards).
    movements: movementsOf(activity.rows).reverse().map((m) => ({ date: m.date, amount: m.amount, channel: m.channel, town: m.town, memo: m.memo, counterpart: m.counterpart, entryId: m.entryId })),
  };
}

ledgerRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/challenges/{id}/ledger',
    tags: ['ledger'],
    request: { params: IdParam('yokoze-bandai-dx') },
    responses: { 200: json(PublicLedgerSchema, 'the public ledger of a challenge: every movement and its totals'), 400: errorResponses[400], 404: errorResponses[404] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const ch = await getChallenge(c.var.deps.db, id);
    if (!ch || ch.status === 'draft') throw notFound('challenge');
    const account = accounts.challengeAvailable(id);
    return c.json(publicLedger(account, await accountActivity(c.var.deps.db, account)), 200);
  },
);

ledgerRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/funds/{id}/ledger',
    tags: ['ledger'],
    request: { params: IdParam('kyoso-kikin') },
    responses: { 200: json(z.object({ shares: z.array(PublicLedgerSchema) }), 'the public ledger of each member town’s share'), 400: errorResponses[400], 404: errorResponses[404] },
  }),
  async (c) => {
    const fund = await getFund(c.var.deps.db, c.req.valid('param').id);
    if (!fund) throw notFound('fund');
    const shares = await Promise.all(
      fund.members.map(async (town) => {
        const account = accounts.fundShare(fund.id, town);
        return publicLedger(account, await accountActivity(c.var.deps.db, account));
      }),
    );
    return c.json({ shares }, 200);
  },
);
