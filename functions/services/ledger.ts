/**
 * The public ledger of challenges and fund shares, and the admins' check of the whole journal. What the
 * public sees of an account is one movement per journal entry (a posting may be split over balance
 * shards) with only the donor-approved counterpart; memos are there for the API's readers of the
 * journal, and the pages leave them out.
 */
import { accounts } from '../domain/ledger/accounts.js';
import { movementsOf, type LedgerMovement, type PostingSummary } from '../domain/ledger/summary.js';
import { isAdmin, type Actor } from '../domain/actor.js';
import { refuse } from '../domain/errors.js';
import type { Yen } from '../domain/money.js';
import type { TownCode } from '../domain/municipality.js';
import { getChallenge, getFund } from '../store/catalog.js';
import { accountActivity, verifyLedger, type VerifyReport } from '../store/ledger.js';
import { verifyAuditChains } from '../store/audit.js';
import type { ServiceContext } from './context.js';

/** One account as the public sees it: movements newest first, their totals and the balance. */
export interface PublicActivity {
  account: string;
  balance: Yen;
  summary: PostingSummary;
  movements: LedgerMovement[];
}

async function publicActivity(ctx: ServiceContext, account: string): Promise<PublicActivity> {
  const { rows, summary } = await accountActivity(ctx.db, account);
  return { account, balance: rows.reduce((a, r) => a + r.delta, 0), summary, movements: movementsOf(rows).reverse() };
}

/**
 * The public ledger of a published challenge; drafts are not_found like a missing id.
 * @example const { movements } = await challengeLedger(ctx, 'ch-yokoze-forest')
 */
export async function challengeLedger(ctx: ServiceContext, id: string): Promise<PublicActivity> {
  const ch = await getChallenge(ctx.db, id);
  if (!ch || ch.status === 'draft') throw refuse.notFound();
  return publicActivity(ctx, accounts.challengeAvailable(id));
}

/**
 * The public ledger of each member town's share of a fund, in member order.
 * @example const shares = await fundLedgers(ctx, 'kyoso-kikin')
 */
export async function fundLedgers(ctx: ServiceContext, id: string): Promise<(PublicActivity & { town: TownCode })[]> {
  const fund = await getFund(ctx.db, id);
  if (!fund) throw refuse.notFound();
  return Promise.all(fund.members.map(async (town) => ({ town, ...(await publicActivity(ctx, accounts.fundShare(fund.id, town))) })));
}

/**
 * Every balance recomputed from the journal and every audit chain checked; for admins only.
 * @example const { ok } = await verifyBooks(ctx, admin)
 */
export async function verifyBooks(ctx: ServiceContext, actor: Actor | undefined): Promise<VerifyReport & { audit: Awaited<ReturnType<typeof verifyAuditChains>> }> {
  if (!actor) throw refuse.unauthenticated();
  if (!isAdmin(actor)) throw refuse.forbidden();
  const [ledger, audit] = await Promise.all([verifyLedger(ctx.db), verifyAuditChains(ctx.db)]);
  return { ...ledger, ok: ledger.ok && audit.ok, audit };
}
