/**
 * Read models for a town's treasurer: the dashboard (queues, balances, flows) and the council's
 * fiscal-year statement. Everything is computed from ledger postings and the back-office records by the
 * pure functions in domain/reports.ts; this module gathers the rows and decides who may see them.
 */
import { townsWithRole, type Actor } from '../domain/actor.js';
import type { Allocation } from '../domain/allocations.js';
import type { Challenge, Fund } from '../domain/catalog.js';
import type { Disbursement } from '../domain/disbursements.js';
import { DomainError } from '../domain/errors.js';
import { fiscalYear, jstDate } from '../domain/jst.js';
import { accounts } from '../domain/ledger/accounts.js';
import { fiscalComparison, periodOf, statement, sumStatements, townFlows, type FlowFact, type Period, type Statement } from '../domain/reports.js';
import { listAllocations } from '../store/allocations.js';
import { challengeTotals, fundShares, listChallenges, listFunds } from '../store/catalog.js';
import type { Db } from '../store/db.js';
import { getTownBankAccount, listTownDisbursements } from '../store/disbursements.js';
import { allPostings, readShards } from '../store/ledger.js';
import type { ServiceContext } from './context.js';

/** Challenges a town takes part in, lead ones first. */
async function townChallenges(db: Db, town: string): Promise<Challenge[]> {
  return (await listChallenges(db))
    .filter((c) => c.status !== 'draft' && c.towns.includes(town))
    .sort((a, b) => Number(b.leadTown === town) - Number(a.leadTown === town) || a.id.localeCompare(b.id));
}

async function townFunds(db: Db, town: string): Promise<Fund[]> {
  return (await listFunds(db)).filter((f) => f.members.includes(town));
}

/** The town's flows for the dashboard charts (classified in domain/reports.ts). */
async function townFlowFacts(db: Db, town: string): Promise<FlowFact[]> {
  const led = (await townChallenges(db, town)).filter((c) => c.leadTown === town);
  const [clearing, bank, ...challengeRows] = await Promise.all([
    allPostings(db, accounts.clearing(town)),
    allPostings(db, accounts.bank(town)),
    ...led.map((c) => allPostings(db, accounts.challengeAvailable(c.id))),
  ]);
  return townFlows(clearing, bank, challengeRows.flat());
}

export interface ChallengeStatement {
  challenge: Challenge;
  lead: boolean;
  /** The challenge's money not yet committed (available account). */
  available: Statement;
  /** Approved disbursements awaiting transfer (payable account): its outflow is what was paid. */
  payable: Statement;
}

export interface FiscalReport {
  town: string;
  period: Period;
  funds: { fund: Fund; share: Statement }[];
  challenges: ChallengeStatement[];
  totals: { shares: Statement; available: Statement; paid: number };
}

/**
 * The council's statement of one fiscal year for a town the actor is treasurer of.
 * @example const report = await fiscalReport(ctx, actor, '113611', 2026)
 */
export async function fiscalReport(ctx: ServiceContext, actor: Actor, town: string, fy: number): Promise<FiscalReport> {
  assertTreasurerOf(actor, town);
  const db = ctx.db;
  const period = periodOf(fy, 'fiscal');
  const [funds, challenges] = await Promise.all([townFunds(db, town), townChallenges(db, town)]);
  const fundRows = await Promise.all(funds.map(async (fund) => ({ fund, share: statement(await allPostings(db, accounts.fundShare(fund.id, town)), period) })));
  const challengeRows = await Promise.all(
    challenges.map(async (challenge) => {
      const [available, payable] = await Promise.all([allPostings(db, accounts.challengeAvailable(challenge.id)), allPostings(db, accounts.challengePayable(challenge.id))]);
      return { challenge, lead: challenge.leadTown === town, available: statement(available, period), payable: statement(payable, period) };
    }),
  );
  return {
    town,
    period,
    funds: fundRows,
    challenges: challengeRows,
    totals: {
      shares: sumStatements(fundRows.map((f) => f.share)),
      available: sumStatements(challengeRows.map((c) => c.available)),
      paid: challengeRows.reduce((a, c) => a + (c.payable.outflowByChannel.disbursement ?? 0), 0),
    },
  };
}


function assertTreasurerOf(actor: Actor, town: string): void {
  if (!townsWithRole(actor, 'treasurer').includes(town)) throw new DomainError('forbidden', 'forbidden', `only a treasurer of ${town} can see its back office`, { key: 'back_office_town_forbidden', params: { town } });
}

export interface TreasurerDesk {
  /** The towns the actor is treasurer of, in code order (never empty). */
  myTowns: string[];
  /** The town the pages act for: the one asked for when it is theirs, else their first. */
  town: string;
  /** Today in Japan, by the context's clock. */
  today: string;
}

/**
 * Who sits at the back office, and for which town; refused for anyone who is no town's treasurer.
 * @example const desk = treasurerDesk(ctx, actor, '074071')
 */
export function treasurerDesk(ctx: Pick<ServiceContext, 'now'>, actor: Actor, asked?: string): TreasurerDesk {
  const myTowns = townsWithRole(actor, 'treasurer').sort();
  if (!myTowns.length) throw new DomainError('forbidden', 'forbidden', 'only town treasurers can use the back office', { key: 'back_office_treasurers_only' });
  return { myTowns, town: asked && myTowns.includes(asked) ? asked : myTowns[0]!, today: jstDate(ctx.now()) };
}

export interface ChallengeBalance {
  challenge: Challenge;
  lead: boolean;
  raised: number;
  allocated: number;
  available: number;
  payable: number;
}

export interface TreasurerDashboard {
  fy: number;
  /** Open allocations that wait for this person's town, and those that wait for other towns. */
  awaiting: Allocation[];
  waitingOthers: Allocation[];
  /** Requests this person may still approve, and transfers scheduled. */
  disbursements: Disbursement[];
  scheduled: Disbursement[];
  funds: { id: string; name: string; shares: { town: string; available: number }[]; total: number }[];
  challenges: ChallengeBalance[];
  comparison: ReturnType<typeof fiscalComparison>;
  hasBankAccount: boolean;
}

/** What waits for this person as treasurer of `town`. */
function allocationQueue(all: Allocation[], memberOf: (fundId: string) => boolean, town: string, sub: string) {
  const open = all.filter((a) => a.status === 'proposed' && memberOf(a.fundId));
  const awaiting = open.filter((a) => a.requirement.eligible.includes(town) && !a.approvedTowns.includes(town) && !a.approvers.includes(sub));
  const waitingOthers = open.filter((a) => !awaiting.includes(a) && (a.approvedTowns.includes(town) || a.proposerTown === town));
  return { awaiting, waitingOthers };
}

/**
 * The treasurer's dashboard for one of their towns: queues, balances and this fiscal year's flows.
 * @example const board = await treasurerDashboard(ctx, actor, '113611')
 */
export async function treasurerDashboard(ctx: ServiceContext, actor: Actor, town: string): Promise<TreasurerDashboard> {
  assertTreasurerOf(actor, town);
  const db = ctx.db;
  const fy = fiscalYear(jstDate(ctx.now()));
  const [fundList, challenges, allocations, disbursements, bank, facts] = await Promise.all([
    listFunds(db),
    townChallenges(db, town),
    listAllocations(db, { open: true }),
    listTownDisbursements(db, town),
    getTownBankAccount(db, town),
    townFlowFacts(db, town),
  ]);
  const myFunds = fundList.filter((f) => f.members.includes(town));
  const funds = await Promise.all(
    myFunds.map(async (f) => {
      const shares = await fundShares(db, f);
      return { id: f.id, name: f.name, shares, total: shares.reduce((a, s) => a + s.available, 0) };
    }),
  );
  const balances = await Promise.all(
    challenges.map(async (ch) => {
      const [totals, payable] = await Promise.all([challengeTotals(db, ch.id), readShards(db, accounts.challengePayable(ch.id))]);
      return { challenge: ch, lead: ch.leadTown === town, raised: totals.raised, allocated: totals.allocated, available: totals.available, payable: payable.total };
    }),
  );
  const { awaiting, waitingOthers } = allocationQueue(allocations, (id) => myFunds.some((f) => f.id === id), town, actor.sub);
  return {
    fy,
    awaiting,
    waitingOthers,
    disbursements: disbursements.filter((d) => d.status === 'requested' && d.requestedBy !== actor.sub && !d.approvers.includes(actor.sub)),
    scheduled: disbursements.filter((d) => d.status === 'scheduled'),
    funds,
    challenges: balances,
    comparison: fiscalComparison(facts, fy),
    hasBankAccount: Boolean(bank),
  };
}

/**
 * What the allocation form offers a treasurer of `town`: the funds it is a member of with their
 * shares, and the published, running challenges in those funds' towns.
 * @example const { funds, challenges } = await allocationFormOptions(ctx, actor, '113611')
 */
export async function allocationFormOptions(ctx: ServiceContext, actor: Actor, town: string) {
  assertTreasurerOf(actor, town);
  const db = ctx.db;
  const funds = await townFunds(db, town);
  const withShares = await Promise.all(funds.map(async (f) => ({ id: f.id, name: f.name, members: f.members, shares: await fundShares(db, f) })));
  const memberTowns = new Set(funds.flatMap((f) => f.members));
  const challenges = (await listChallenges(db))
    .filter((ch) => ch.status !== 'draft' && ch.status !== 'completed' && ch.towns.some((t) => memberTowns.has(t)))
    .sort((a, b) => a.id.localeCompare(b.id));
  return { funds: withShares, challenges };
}
