/** Catalog read models shared by the JSON API and the pages: a challenge with its ledger totals. */
import { progressOf, type Challenge, type Fund } from '../domain/catalog.js';
import { daysLeft, jstDate } from '../domain/jst.js';
import { eligibleTargets } from '../domain/regional-plans.js';
import type { Db } from '../store/db.js';
import { challengeTotals, fundShares, getChallenge, getFund, listChallenges } from '../store/catalog.js';
import { listPlans } from '../store/regional-plans.js';

/**
 * Which towns may take corporate-version donations for a challenge or fund today. The approved
 * 地域再生計画 registered by each town are the legal source (the same check a pledge passes), so the
 * catalog shows what the plans say rather than what an application once asked for.
 */
async function corporateEligibility(db: Db, towns: readonly string[], now: Date) {
  const today = jstDate(now);
  const byTown = new Map(await Promise.all([...new Set(towns)].map(async (t) => [t, eligibleTargets(await listPlans(db, t), today)] as const)));
  return {
    challenge: (id: string, its: readonly string[]) => its.filter((t) => byTown.get(t)?.challengeIds.has(id)),
    fund: (id: string, its: readonly string[]) => its.filter((t) => byTown.get(t)?.fundIds.has(id)),
  };
}

export interface ChallengeView extends Omit<Challenge, 'targetAmount' | 'createdAt' | 'applicationId'> {
  target: number;
  raised: number;
  donorCount: number;
  percent: number;
  daysLeft: number;
  /** Money the pooled funds allocated to it, shown beside what the public raised. */
  allocated: number;
  /** Towns whose approved 地域再生計画 cover it today. */
  corporateEligible: string[];
}

export async function challengeView(db: Db, ch: Challenge, now = new Date(), eligibility?: Awaited<ReturnType<typeof corporateEligibility>>): Promise<ChallengeView> {
  const [totals, eligible] = await Promise.all([challengeTotals(db, ch.id), eligibility ?? corporateEligibility(db, ch.towns, now)]);
  const { targetAmount, createdAt: _c, applicationId: _a, ...rest } = ch;
  return {
    ...rest,
    corporateEligible: eligible.challenge(ch.id, ch.towns),
    target: targetAmount,
    ...progressOf(targetAmount, totals.raised, totals.donorCount),
    allocated: totals.allocated,
    daysLeft: daysLeft(ch.deadline, now),
  };
}

export async function challengeViews(
  db: Db,
  filter: { status?: string; town?: string; q?: string } = {},
  now = new Date(),
): Promise<ChallengeView[]> {
  const q = filter.q?.trim().toLowerCase();
  const all = (await listChallenges(db))
    .filter((c) => c.status !== 'draft')
    .filter((c) => !filter.status || c.status === filter.status)
    .filter((c) => !filter.town || c.towns.includes(filter.town))
    .filter((c) => !q || [c.title, c.titleEn, c.theme, c.summary].some((s) => s.toLowerCase().includes(q)));
  const eligibility = await corporateEligibility(db, all.flatMap((c) => c.towns), now);
  const views = await Promise.all(all.map((c) => challengeView(db, c, now, eligibility)));
  // Open challenges first, soonest deadline first; then the rest, most recent deadline first.
  return views.sort((a, b) => (a.status === 'open') !== (b.status === 'open') ? (a.status === 'open' ? -1 : 1) : a.status === 'open' ? a.deadline.localeCompare(b.deadline) : b.deadline.localeCompare(a.deadline));
}

export async function findChallengeView(db: Db, id: string, now = new Date()): Promise<ChallengeView | undefined> {
  const ch = await getChallenge(db, id);
  return ch && ch.status !== 'draft' ? challengeView(db, ch, now) : undefined;
}

export async function fundView(db: Db, fund: Fund, now = new Date()) {
  const [shares, eligible] = await Promise.all([fundShares(db, fund), corporateEligibility(db, fund.members, now)]);
  return { ...fund, corporateEligible: eligible.fund(fund.id, fund.members), shares, total: shares.reduce((a, s) => a + s.available, 0) };
}

export async function findFundView(db: Db, id: string) {
  const fund = await getFund(db, id);
  return fund && fundView(db, fund);
}
