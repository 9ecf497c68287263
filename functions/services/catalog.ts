/**
 * The public catalog read side: towns, pooled funds and published challenges, each with what the ledger
 * says about it (raised, allocated, shares) and which towns may take corporate-version donations for it
 * today. The API and the pages both read through here; they differ only in how they present it.
 */
import { progressOf, publicChallengeFilter, type Challenge, type ChallengeListFilter, type Fund, type Municipality } from '../domain/catalog.js';
import { refuse } from '../domain/errors.js';
import { daysLeft, jstDate } from '../domain/jst.js';
import type { Yen } from '../domain/money.js';
import type { TownCode } from '../domain/municipality.js';
import type { CorporateDonorYear } from '../domain/corporate.js';
import { eligibleTargets } from '../domain/regional-plans.js';
import { challengeTotals, fundShares, getChallenge, getFund, getTown, listChallenges, listFunds, listTowns } from '../store/catalog.js';
import { listChallengeUpdates, type ChallengeUpdate } from '../store/challenges.js';
import { listPlans } from '../store/regional-plans.js';
import { nowOf, type ServiceContext } from './context.js';
import { challengeLedger, fundLedgers, type PublicActivity } from './ledger.js';
import { corporateDonors } from './pledges.js';

/** A published challenge with its ledger totals, as of the context's clock. */
export interface ChallengeStanding extends Challenge {
  raised: Yen;
  donorCount: number;
  percent: number;
  /** Money the pooled funds allocated to it, shown beside what the public raised. */
  allocated: Yen;
  daysLeft: number;
  /** Towns whose approved 地域再生計画 cover it today. */
  corporateEligible: TownCode[];
}

/** A pooled fund with each member town's available share. */
export interface FundStanding extends Fund {
  shares: { town: TownCode; available: Yen }[];
  total: Yen;
  /** Member towns whose approved 地域再生計画 cover it today. */
  corporateEligible: TownCode[];
}

type Eligibility = Awaited<ReturnType<typeof corporateEligibility>>;

/**
 * Which towns may take corporate-version donations for a challenge or fund today. The approved
 * 地域再生計画 registered by each town are the legal source (the same check a pledge passes), so the
 * catalog shows what the plans say rather than what an application once asked for.
 */
async function corporateEligibility(ctx: ServiceContext, towns: readonly string[]) {
  const today = jstDate(nowOf(ctx));
  const byTown = new Map(await Promise.all([...new Set(towns)].map(async (t) => [t, eligibleTargets(await listPlans(ctx.db, t), today)] as const)));
  return {
    challenge: (id: string, its: readonly string[]) => its.filter((t) => byTown.get(t)?.challengeIds.has(id)),
    fund: (id: string, its: readonly string[]) => its.filter((t) => byTown.get(t)?.fundIds.has(id)),
  };
}

async function standingOf(ctx: ServiceContext, ch: Challenge, eligibility?: Eligibility): Promise<ChallengeStanding> {
  const [totals, eligible] = await Promise.all([challengeTotals(ctx.db, ch.id), eligibility ?? corporateEligibility(ctx, ch.towns)]);
  return {
    ...ch,
    ...progressOf(ch.targetAmount, totals.raised, totals.donorCount),
    allocated: totals.allocated,
    daysLeft: daysLeft(ch.deadline, nowOf(ctx)),
    corporateEligible: eligible.challenge(ch.id, ch.towns),
  };
}

async function fundStandingOf(ctx: ServiceContext, fund: Fund): Promise<FundStanding> {
  const [shares, eligible] = await Promise.all([fundShares(ctx.db, fund), corporateEligibility(ctx, fund.members)]);
  return { ...fund, corporateEligible: eligible.fund(fund.id, fund.members), shares, total: shares.reduce((a, s) => a + s.available, 0) };
}

/**
 * Member towns in official code order (north to south), the order Japanese public lists use.
 * @example const towns = await listMemberTowns(ctx)
 */
export async function listMemberTowns(ctx: ServiceContext): Promise<Municipality[]> {
  return (await listTowns(ctx.db)).sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * One member town; refused as not_found when the code is not in the network.
 * @example const town = await memberTown(ctx, '113611')
 */
export async function memberTown(ctx: ServiceContext, code: string): Promise<Municipality> {
  const town = await getTown(ctx.db, code);
  if (!town) throw refuse.notFound();
  return town;
}

/**
 * Published (non-draft) challenges matching the filter: open ones first, soonest deadline first; then the
 * rest, most recent deadline first.
 * @example const open = await listChallengeStandings(ctx, { status: 'open' })
 */
export async function listChallengeStandings(ctx: ServiceContext, filter: ChallengeListFilter = {}): Promise<ChallengeStanding[]> {
  const q = filter.q?.trim().toLowerCase();
  const all = (await listChallenges(ctx.db))
    .filter((c) => c.status !== 'draft')
    .filter((c) => !filter.status || c.status === filter.status)
    .filter((c) => !filter.town || c.towns.includes(filter.town))
    .filter((c) => !q || [c.title, c.titleEn, c.theme, c.summary].some((s) => s.toLowerCase().includes(q)));
  const eligibility = await corporateEligibility(ctx, all.flatMap((c) => c.towns));
  const standings = await Promise.all(all.map((c) => standingOf(ctx, c, eligibility)));
  return standings.sort((a, b) =>
    (a.status === 'open') !== (b.status === 'open') ? (a.status === 'open' ? -1 : 1) : a.status === 'open' ? a.deadline.localeCompare(b.deadline) : b.deadline.localeCompare(a.deadline),
  );
}

/**
 * A published challenge; drafts are not public, so they are not_found like a missing id.
 * @example const ch = await challengeStanding(ctx, 'ch-yokoze-forest')
 */
export async function challengeStanding(ctx: ServiceContext, id: string): Promise<ChallengeStanding> {
  const ch = await getChallenge(ctx.db, id);
  if (!ch || ch.status === 'draft') throw refuse.notFound();
  return standingOf(ctx, ch);
}

/**
 * Every pooled fund with its shares.
 * @example const funds = await listFundStandings(ctx)
 */
export async function listFundStandings(ctx: ServiceContext): Promise<FundStanding[]> {
  return Promise.all((await listFunds(ctx.db)).map((f) => fundStandingOf(ctx, f)));
}

/**
 * One pooled fund with its shares; not_found when there is no such fund.
 * @example const fund = await fundStanding(ctx, 'kyoso-kikin')
 */
export async function fundStanding(ctx: ServiceContext, id: string): Promise<FundStanding> {
  const fund = await getFund(ctx.db, id);
  if (!fund) throw refuse.notFound();
  return fundStandingOf(ctx, fund);
}

// ---------------------------------------------------------------- what each public page shows

/** The home page: open challenges, the funds and the member towns. */
export async function homeOverview(ctx: ServiceContext) {
  const [challenges, funds, towns] = await Promise.all([listChallengeStandings(ctx, { status: 'open' }), listFundStandings(ctx), listMemberTowns(ctx)]);
  return { challenges, funds, towns };
}

/**
 * The challenge list page. Its query comes from a URL a person may have edited: an unknown town or
 * status just does not filter (a page should not answer 400), unlike the API's validated query.
 */
export async function browseChallenges(ctx: ServiceContext, raw: { town?: string; status?: string; q?: string }) {
  const towns = await listMemberTowns(ctx);
  const filter = publicChallengeFilter(raw, towns);
  return { towns, filter, challenges: await listChallengeStandings(ctx, filter) };
}

/** A challenge's page: the challenge, its public ledger, its progress updates and its corporate donors. */
export async function challengeDetail(
  ctx: ServiceContext,
  id: string,
): Promise<{ challenge: ChallengeStanding; towns: Municipality[]; ledger: PublicActivity; updates: ChallengeUpdate[]; corporateDonors: CorporateDonorYear[] }> {
  const challenge = await challengeStanding(ctx, id);
  const [towns, ledger, updates, donors] = await Promise.all([listMemberTowns(ctx), challengeLedger(ctx, id), listChallengeUpdates(ctx.db, id), corporateDonors(ctx, { kind: 'challenge', id })]);
  return { challenge, towns, ledger, updates, corporateDonors: donors };
}

/** The funds page. */
export async function fundsOverview(ctx: ServiceContext) {
  const [funds, towns] = await Promise.all([listFundStandings(ctx), listMemberTowns(ctx)]);
  return { funds, towns };
}

/** A fund's page: the fund, the public ledger of each member town's share and its corporate donors. */
export async function fundDetail(ctx: ServiceContext, id: string) {
  const fund = await fundStanding(ctx, id);
  const [towns, ledgers, donors] = await Promise.all([listMemberTowns(ctx), fundLedgers(ctx, id), corporateDonors(ctx, { kind: 'fund', id })]);
  return { fund, towns, ledgers, corporateDonors: donors };
}

/** A town's page: the town, the challenges it takes part in and its share of each fund it belongs to. */
export async function townDetail(ctx: ServiceContext, code: string) {
  if (!/^\d{6}$/.test(code)) throw refuse.notFound();
  const town = await memberTown(ctx, code);
  const [towns, challenges, funds] = await Promise.all([listMemberTowns(ctx), listChallengeStandings(ctx, { town: code }), listFunds(ctx.db)]);
  const shares = await Promise.all(
    funds
      .filter((f) => f.members.includes(code))
      .map(async (f) => {
        const fund = await fundStandingOf(ctx, f);
        return { fund, available: fund.shares.find((s) => s.town === code)?.available ?? 0 };
      }),
  );
  return { town, towns, challenges, shares };
}
