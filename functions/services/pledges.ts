/**
 * Corporate-version pledges (企業版ふるさと納税) as workflows: who may pledge, confirm, cancel or read, which
 * legal rule refuses it (domain/corporate.ts), and what is written with its audit record and mail. The JSON
 * routes and the HTML pages both call these, so a rule cannot hold on one and not the other.
 */
import { createHash } from 'node:crypto';
import { hasRole, isAdmin, townsWithRole, type Actor } from '../domain/actor.js';
import { canonicalJson } from '../domain/audit.js';
import type { Challenge, Fund, Municipality } from '../domain/catalog.js';
import {
  canCancelPledge,
  canConfirmPledge,
  canViewPledge,
  companyYearSummaries,
  corporateDonorYears,
  estimateRelief,
  expiryFor,
  isPledgeCompany,
  pledgeRefusals,
  receiptRefusals,
  transferReference,
  type CompanyYearSummary,
  type CorporateDonorYear,
  type Disclosure,
  type EstimatedRelief,
  type Pledge,
  type Refusal,
} from '../domain/corporate.js';
import { DomainError, refuse, type ErrorKind } from '../domain/errors.js';
import { fiscalYear, isPastDeadline, jstDate } from '../domain/jst.js';
import { eligibleTargets, planStanding, type PlanTarget } from '../domain/regional-plans.js';
import { t } from '../i18n/index.js';
import { getChallenge, getFund, getTown, listChallenges, listFunds, listTowns } from '../store/catalog.js';
import type { Db } from '../store/db.js';
import { getTownBankAccount } from '../store/disbursements.js';
import { StateConflictError } from '../store/errors.js';
import {
  cancelPledge as storeCancel,
  confirmPledgePayment,
  createPledge as storeCreate,
  expirePledge,
  getPledge,
  listPledges,
  pledgeIdFor,
  pledgesDueToExpire,
  receivedPledgesFor,
} from '../store/pledges.js';
import { listPlans } from '../store/regional-plans.js';
import { getCompany, usersWithRole, type Company } from '../store/users.js';
import { closedMail, newPledgeMail, pledgeAcceptedMail, receiptMail } from './corporate-mail.js';
import { nowOf, type ServiceContext } from './context.js';
import { csvText } from './exports.js';

// ---------------------------------------------------------------- refusals

/** A refusal whose sentence is the corporate area's own (`error.<key>`, e.g. `error.corporate.pledge_not_found`). */
const refusal = (kind: ErrorKind, code: string, key: string, params?: Record<string, string | number>) => new DomainError(kind, code, code, { key, params });

/** Every broken rule as one refusal: the first rule's code, and each rule as an issue. */
export function refusalOf(kind: ErrorKind, issues: Refusal[], code = issues[0]?.code ?? 'rule_violation'): DomainError {
  const first = issues[0];
  return new DomainError(kind, code, code, { key: first?.key ?? code, params: first?.params, issues });
}

const pledgeHidden = () => refusal('not_found', 'not_found', 'corporate.pledge_not_found');

function signedIn(actor: Actor | undefined): Actor {
  if (!actor) throw refuse.unauthenticated();
  return actor;
}

/** The acting person's company, or a refusal: only company users pledge. */
async function companyOf(db: Db, actor: Actor | undefined): Promise<Company> {
  const who = signedIn(actor);
  if (!who.companyId || !hasRole(who, 'company')) throw refusal('forbidden', 'forbidden', 'corporate.company_only');
  const company = await getCompany(db, who.companyId);
  if (!company) throw refusal('not_found', 'not_found', 'corporate.company_not_found');
  return company;
}

/** The audit role of a change to a pledge: the town's treasurer, the pledging company, or the admin. */
function roleOf(p: Pledge, who: Actor): string {
  if (hasRole(who, 'treasurer', p.receivingTown)) return `treasurer:${p.receivingTown}`;
  if (isPledgeCompany(p, who)) return 'company';
  return isAdmin(who) ? 'admin' : 'company';
}

// ---------------------------------------------------------------- targets

interface TargetInfo {
  target: PlanTarget;
  title: string;
  titleEn: string;
  towns: string[];
  status?: string;
  deadlinePassed?: boolean;
  operatorCompanyId?: string;
}

async function loadTarget(db: Db, target: PlanTarget, now: Date): Promise<TargetInfo> {
  if (target.kind === 'challenge') {
    const ch = await getChallenge(db, target.id);
    if (!ch || ch.status === 'draft') throw refusal('not_found', 'not_found', 'corporate.challenge_not_found');
    return { target, title: ch.title, titleEn: ch.titleEn, towns: ch.towns, status: ch.status, deadlinePassed: isPastDeadline(ch.deadline, now), operatorCompanyId: ch.operatorCompanyId };
  }
  const fund = await getFund(db, target.id);
  if (!fund) throw refusal('not_found', 'not_found', 'corporate.fund_not_found');
  return { target, title: fund.name, titleEn: fund.nameEn, towns: fund.members };
}

const targetOf = (input: { challengeId?: string; fundId?: string }): PlanTarget =>
  input.challengeId ? { kind: 'challenge', id: input.challengeId } : { kind: 'fund', id: input.fundId ?? '' };

// ---------------------------------------------------------------- bank transfer

/** How to pay, in no language: presenters word it (the API in both, a page in the reader's). */
export interface BankTransfer {
  town: { code: string; name: string; nameEn: string };
  amount: number;
  reference: string;
  dueBy: string;
  account?: { bankCode: string; bankNameKana: string; branchCode: string; branchNameKana: string; accountType: string; accountNumber: string; holderKana: string };
}

async function bankTransferFor(db: Db, p: Pledge, town?: Municipality): Promise<BankTransfer> {
  const t = town ?? (await getTown(db, p.receivingTown));
  const bank = await getTownBankAccount(db, p.receivingTown);
  return {
    town: { code: p.receivingTown, name: t?.name ?? p.receivingTown, nameEn: t?.nameEn ?? p.receivingTown },
    amount: p.amount,
    reference: transferReference(p.id),
    dueBy: p.expiresOn,
    account: bank
      ? { bankCode: bank.bankCode, bankNameKana: bank.bankNameKana, branchCode: bank.branchCode, branchNameKana: bank.branchNameKana, accountType: bank.accountType, accountNumber: bank.accountNumber, holderKana: bank.requesterNameKana }
      : undefined,
  };
}

/** A pledge with what its parties need beside it: how to pay while it is unpaid. */
export interface PledgeRecord {
  pledge: Pledge;
  bankTransfer?: BankTransfer;
}

async function recordsOf(db: Db, pledges: Pledge[]): Promise<PledgeRecord[]> {
  const towns = new Map<string, Promise<Municipality | undefined>>();
  const townOf = (code: string) => towns.get(code) ?? towns.set(code, getTown(db, code)).get(code)!;
  return Promise.all(pledges.map(async (pledge) => ({ pledge, bankTransfer: pledge.status === 'pledged' ? await bankTransferFor(db, pledge, await townOf(pledge.receivingTown)) : undefined })));
}

// ---------------------------------------------------------------- pledging

export interface PledgeInput {
  challengeId?: string;
  fundId?: string;
  receivingTown: string;
  amount: number;
  noEconomicBenefit: boolean;
  disclose: Disclosure;
  /** Form nonce or Idempotency-Key: the same request maps to the same pledge. */
  idempotencyKey?: string;
}

export interface PledgeOutcome {
  pledge: Pledge;
  replayed: boolean;
  estimatedRelief: EstimatedRelief;
  bankTransfer: BankTransfer;
}

const requestHashOf = (companyId: string, input: Omit<PledgeInput, 'idempotencyKey'>) => createHash('sha256').update(`${companyId}|${canonicalJson(input)}`).digest('hex');

/**
 * A company pledges; refused with every broken legal rule (422) before anything is written.
 * @example const { pledge } = await createPledge(ctx, actor, { challengeId: 'yokoze-bandai-dx', receivingTown: '074071', amount: 1_000_000, noEconomicBenefit: true, disclose: { name: true, amount: true } })
 */
export async function createPledge(ctx: ServiceContext, actor: Actor | undefined, input: PledgeInput): Promise<PledgeOutcome> {
  const { db } = ctx;
  const { idempotencyKey, ...request } = input;
  const company = await companyOf(db, actor);
  const now = nowOf(ctx);
  const today = jstDate(now);
  const target = targetOf(request);
  const info = await loadTarget(db, target, now);
  const town = await getTown(db, request.receivingTown);
  const plans = town ? await listPlans(db, town.code) : [];
  // The amount is published only next to a published name.
  const disclose: Disclosure = { name: request.disclose.name, amount: request.disclose.name && request.disclose.amount };
  const refusals = pledgeRefusals(
    { target, receivingTown: request.receivingTown, amount: request.amount, noEconomicBenefit: request.noEconomicBenefit, disclose },
    {
      company: { id: company.id, headOfficeTown: company.headOfficeTown },
      town,
      target: { kind: target.kind, id: target.id, towns: info.towns, status: info.status, deadlinePassed: info.deadlinePassed, operatorCompanyId: info.operatorCompanyId },
      plans,
      today,
    },
  );
  if (refusals.length) throw refusalOf('rule', refusals);
  const standing = planStanding(plans, target, today);
  if (standing.kind !== 'eligible') throw refusal('conflict', 'state_conflict', 'corporate.plan_changed');
  const { plan, project } = standing.match;
  const pledge: Pledge = {
    id: pledgeIdFor(company.id, idempotencyKey),
    companyId: company.id,
    companyName: company.name,
    corporateNumber: company.corporateNumber,
    companyAddress: company.headOfficeAddress,
    headOfficeTown: company.headOfficeTown,
    contactEmail: company.contactEmail,
    target,
    targetTitle: info.title,
    targetTitleEn: info.titleEn,
    receivingTown: town!.code,
    amount: request.amount,
    noEconomicBenefit: true,
    disclose,
    status: 'pledged',
    pledgedOn: today,
    expiresOn: expiryFor(plan.periodEnd),
    planId: plan.id,
    planName: plan.name,
    projectName: project.name,
    fiscalYear: fiscalYear(today),
    createdAt: now.toISOString(),
    createdBy: actor!.sub,
  };
  const bankTransfer = await bankTransferFor(db, pledge, town);
  const treasurers = await usersWithRole(db, `treasurer:${pledge.receivingTown}`);
  const result = await storeCreate(db, pledge, {
    requestHash: idempotencyKey ? requestHashOf(company.id, { ...request, disclose }) : undefined,
    mails: [pledgeAcceptedMail(ctx.baseUrl, pledge, town!, bankTransfer), ...treasurers.map((u) => newPledgeMail(ctx.baseUrl, pledge, town!, u.email))],
    audit: {
      chain: `town:${pledge.receivingTown}`,
      input: {
        actor: actor!.sub,
        role: 'company',
        action: 'corporate_pledge.create',
        target: `corporate-pledge:${pledge.id}`,
        after: { companyId: company.id, target, receivingTown: pledge.receivingTown, amount: pledge.amount, disclose, planId: plan.id, project: project.name },
        requestId: ctx.requestId,
      },
    },
  });
  const stored = result.pledge;
  return { pledge: stored, replayed: result.replayed, estimatedRelief: estimateRelief(stored.amount), bankTransfer: result.replayed ? await bankTransferFor(db, stored) : bankTransfer };
}

/** One pledge, for its company, the receiving town's treasurers and the admin; hidden (404) from others. */
export async function readPledge(ctx: ServiceContext, actor: Actor | undefined, id: string): Promise<PledgeRecord> {
  const who = signedIn(actor);
  const p = await getPledge(ctx.db, id);
  if (!p || !canViewPledge(p, who)) throw pledgeHidden();
  return (await recordsOf(ctx.db, [p]))[0]!;
}

/** The printable receipt's facts: only once the town has recorded the money. */
export async function pledgeReceipt(ctx: ServiceContext, actor: Actor | undefined, id: string): Promise<{ pledge: Pledge; town?: Municipality }> {
  const who = signedIn(actor);
  const p = await getPledge(ctx.db, id);
  if (!p || !canViewPledge(p, who)) throw pledgeHidden();
  if (p.status !== 'paid') throw refusal('conflict', 'not_received', 'corporate.not_received');
  return { pledge: p, town: await getTown(ctx.db, p.receivingTown) };
}

/** Company: its own; treasurer: its towns'; admin: all. Newest first. */
export async function listPledgesFor(ctx: ServiceContext, actor: Actor | undefined, q: { town?: string; fy?: number }): Promise<PledgeRecord[]> {
  const who = signedIn(actor);
  const { db } = ctx;
  const treasurerTowns = townsWithRole(who, 'treasurer');
  let pledges: Pledge[];
  if (isAdmin(who)) pledges = await listPledges(db, { town: q.town, fiscalYear: q.fy });
  else if (treasurerTowns.length && (!q.town || treasurerTowns.includes(q.town))) {
    const towns = q.town ? [q.town] : treasurerTowns;
    pledges = (await Promise.all(towns.map((town) => listPledges(db, { town, fiscalYear: q.fy })))).flat();
  } else if (hasRole(who, 'company') && who.companyId) pledges = await listPledges(db, { companyId: who.companyId, town: q.town, fiscalYear: q.fy });
  else throw refusal('forbidden', 'forbidden', 'corporate.list_forbidden');
  return recordsOf(db, pledges);
}

// ---------------------------------------------------------------- bank receipt

export interface ConfirmInput {
  receivedOn: string;
  amount: number;
}

/**
 * The receiving town's treasurer records the transfer: one journal entry and the receipt, once. A repeat
 * with the same date and amount answers alreadyConfirmed.
 * @example await confirmPayment(ctx, treasurer, 'pl-0123', { receivedOn: '2026-11-30', amount: 1_000_000 })
 */
export async function confirmPayment(ctx: ServiceContext, actor: Actor | undefined, id: string, input: ConfirmInput): Promise<{ pledge: Pledge; alreadyConfirmed: boolean }> {
  const { db } = ctx;
  const who = signedIn(actor);
  const p = await getPledge(db, id);
  if (!p) throw pledgeHidden();
  if (!canConfirmPledge(p, who)) throw refusal('forbidden', 'forbidden', 'corporate.confirm_forbidden', { town: p.receivingTown });
  if (p.status === 'paid') {
    if (p.receivedOn === input.receivedOn && p.amount === input.amount) return { pledge: p, alreadyConfirmed: true };
    throw refusal('conflict', 'already_confirmed', 'corporate.already_confirmed', { receivedOn: p.receivedOn ?? '', receiptNumber: p.receiptNumber ?? '' });
  }
  if (p.status !== 'pledged') throw refusal('conflict', 'pledge_not_payable', p.status === 'cancelled' ? 'corporate.pledge_not_payable.cancelled' : 'corporate.pledge_not_payable.expired');
  const refusals = receiptRefusals(p, input, jstDate(nowOf(ctx)));
  if (refusals.length) throw refusalOf('rule', refusals);
  const town = await getTown(db, p.receivingTown);
  const result = await confirmPledgePayment(db, p, {
    receivedOn: input.receivedOn,
    by: who.sub,
    mails: (receiptNumber) => [receiptMail(ctx.baseUrl, { ...p, receivedOn: input.receivedOn, receiptNumber }, town)],
    audit: {
      chain: `town:${p.receivingTown}`,
      input: {
        actor: who.sub,
        role: `treasurer:${p.receivingTown}`,
        action: 'corporate_pledge.confirm_payment',
        target: `corporate-pledge:${p.id}`,
        before: { status: p.status },
        after: { status: 'paid', receivedOn: input.receivedOn, amount: input.amount },
        requestId: ctx.requestId,
      },
    },
  });
  return { pledge: result.pledge, alreadyConfirmed: result.duplicate };
}

/** The company or the receiving town's treasurer cancels an unpaid pledge. */
export async function cancelPledge(ctx: ServiceContext, actor: Actor | undefined, id: string, reason?: string): Promise<PledgeRecord> {
  const { db } = ctx;
  const who = signedIn(actor);
  const p = await getPledge(db, id);
  if (!p || !canViewPledge(p, who)) throw pledgeHidden();
  if (!canCancelPledge(p, who)) throw refusal('forbidden', 'forbidden', 'corporate.cancel_forbidden');
  if (p.status !== 'pledged') throw refusal('conflict', 'pledge_not_cancellable', 'corporate.pledge_not_cancellable', { status: p.status });
  const town = await getTown(db, p.receivingTown);
  const treasurers = await usersWithRole(db, `treasurer:${p.receivingTown}`);
  const text = reason?.trim() || undefined;
  const pledge = await storeCancel(db, p, {
    by: who.sub,
    reason: text,
    mails: [p.contactEmail, ...treasurers.map((u) => u.email)].map((to) => closedMail(ctx.baseUrl, p, town, to, 'cancelled', text)),
    audit: {
      chain: `town:${p.receivingTown}`,
      input: { actor: who.sub, role: roleOf(p, who), action: 'corporate_pledge.cancel', target: `corporate-pledge:${p.id}`, before: { status: p.status }, after: { status: 'cancelled', reason: text }, requestId: ctx.requestId },
    },
  });
  return { pledge };
}

/**
 * The scheduled task: unpaid pledges past their plan's (or the scheme's) end become expired. Idempotent.
 * @example await expireDuePledges({ db, baseUrl }, new Date())
 */
export async function expireDuePledges(ctx: { db: Db; baseUrl?: string }, now: Date): Promise<{ expired: number }> {
  const today = jstDate(now);
  let expired = 0;
  for (const p of await pledgesDueToExpire(ctx.db, today)) {
    const town = await getTown(ctx.db, p.receivingTown);
    try {
      await expirePledge(ctx.db, p, {
        mails: [closedMail(ctx.baseUrl ?? '', p, town, p.contactEmail, 'expired')],
        audit: { chain: `town:${p.receivingTown}`, input: { actor: 'system:schedule', role: 'system', action: 'corporate_pledge.expire', target: `corporate-pledge:${p.id}`, before: { status: 'pledged' }, after: { status: 'expired', expiresOn: p.expiresOn } } },
      });
      expired++;
    } catch (e) {
      // Paid or cancelled a moment ago: nothing to expire.
      if (!(e instanceof StateConflictError)) throw e;
    }
  }
  return { expired };
}

// ---------------------------------------------------------------- disclosure and the company's records

/**
 * The public disclosure of a challenge's or fund's corporate donors, per fiscal year of receipt.
 * @example const years = await corporateDonors(ctx, { kind: 'challenge', id: 'yokoze-bandai-dx' })
 */
export async function corporateDonors(ctx: Pick<ServiceContext, 'db'>, target: PlanTarget): Promise<CorporateDonorYear[]> {
  const { db } = ctx;
  if (target.kind === 'challenge') {
    const ch = await getChallenge(db, target.id);
    if (!ch || ch.status === 'draft') throw refusal('not_found', 'not_found', 'corporate.challenge_not_found');
  } else if (!(await getFund(db, target.id))) throw refusal('not_found', 'not_found', 'corporate.fund_not_found');
  return corporateDonorYears(await receivedPledgesFor(db, target));
}

/** The company's page: its pledges, each fiscal year's totals, and the towns to name them by. */
export async function companyPledges(ctx: ServiceContext, actor: Actor | undefined): Promise<{ company: Company; pledges: Pledge[]; summaries: CompanyYearSummary[]; towns: Municipality[] }> {
  const company = await companyOf(ctx.db, actor);
  const [pledges, towns] = await Promise.all([listPledges(ctx.db, { companyId: company.id }), listTowns(ctx.db)]);
  return { company, pledges, summaries: companyYearSummaries(pledges), towns };
}

const CSV_COLUMNS = [
  'fiscalYear',
  'pledgeId',
  'status',
  'pledgedOn',
  'receivedOn',
  'receiptNumber',
  'town',
  'townCode',
  'project',
  'plan',
  'planProject',
  'amount',
  'inhabitantTax',
  'enterpriseTax',
  'corporateTaxMax',
  'lossDeduction',
  'total',
  'namepublic',
  'amountPublic',
] as const;

/** For the company's accountant: one row per pledge, UTF-8 with BOM so Excel opens it in Japanese. */
export async function companyPledgesCsv(ctx: ServiceContext, actor: Actor | undefined, fy?: number): Promise<string> {
  const company = await companyOf(ctx.db, actor);
  const [pledges, townList] = await Promise.all([listPledges(ctx.db, { companyId: company.id, fiscalYear: fy }), listTowns(ctx.db)]);
  const towns = new Map(townList.map((x) => [x.code, x]));
  const yesNo = (b: boolean) => t('ja', b ? 'corporate.csv.yes' : 'corporate.csv.no');
  const rows = [...pledges]
    .sort((a, b) => (a.receivedOn ?? a.pledgedOn).localeCompare(b.receivedOn ?? b.pledgedOn) || a.id.localeCompare(b.id))
    .map((p) => {
      const e = estimateRelief(p.amount);
      const paid = p.status === 'paid';
      return [
        p.fiscalYear,
        p.id,
        t('ja', `corporate.status.${p.status}`),
        p.pledgedOn,
        p.receivedOn ?? '',
        p.receiptNumber ?? '',
        towns.get(p.receivingTown)?.name ?? p.receivingTown,
        p.receivingTown,
        p.targetTitle,
        p.planName,
        p.projectName,
        p.amount,
        paid ? e.taxCredit.inhabitantTax : '',
        paid ? e.taxCredit.enterpriseTax : '',
        paid ? e.corporateTaxMax : '',
        paid ? e.lossDeduction : '',
        paid ? e.total : '',
        yesNo(p.disclose.name),
        yesNo(p.disclose.amount),
      ];
    });
  const header = CSV_COLUMNS.map((c) => `${t('ja', `corporate.csv.${c}`)} / ${t('en', `corporate.csv.${c}`)}`);
  return `\uFEFF${csvText([header, ...rows])}`;
}

// ---------------------------------------------------------------- pages

export interface PledgeOption {
  target: PlanTarget;
  title: string;
  titleEn: string;
  towns: string[];
  /** Towns through which this target can take corporate donations today. */
  eligibleTowns: string[];
  operatorCompanyId?: string;
}

function pledgeOptions(challenges: Challenge[], funds: Fund[], plans: Map<string, ReturnType<typeof eligibleTargets>>, now: Date): PledgeOption[] {
  const open = challenges.filter((c) => c.status === 'open' && !isPastDeadline(c.deadline, now)).sort((a, b) => a.deadline.localeCompare(b.deadline));
  return [
    ...open.map((c) => ({
      target: { kind: 'challenge' as const, id: c.id },
      title: c.title,
      titleEn: c.titleEn,
      towns: c.towns,
      eligibleTowns: c.towns.filter((t) => plans.get(t)?.challengeIds.has(c.id)),
      operatorCompanyId: c.operatorCompanyId,
    })),
    ...funds.map((f) => ({
      target: { kind: 'fund' as const, id: f.id },
      title: f.name,
      titleEn: f.nameEn,
      towns: f.members,
      eligibleTowns: f.members.filter((t) => plans.get(t)?.fundIds.has(f.id)),
    })),
  ];
}

/** The pledge form: the company, the open challenges and funds with the towns whose current plans make them eligible. */
export async function pledgeForm(ctx: ServiceContext, actor: Actor | undefined): Promise<{ company: Company; options: PledgeOption[]; towns: Municipality[] }> {
  const { db } = ctx;
  const company = await companyOf(db, actor);
  const now = nowOf(ctx);
  const today = jstDate(now);
  const [towns, challenges, funds] = await Promise.all([listTowns(db), listChallenges(db), listFunds(db)]);
  const eligible = new Map(await Promise.all(towns.map(async (x) => [x.code, eligibleTargets(await listPlans(db, x.code), today)] as const)));
  return { company, options: pledgeOptions(challenges, funds, eligible, now), towns };
}

/** A pledge's page: the pledge, its relief, how to pay, and what the reader may do with it. */
export async function pledgePage(
  ctx: ServiceContext,
  actor: Actor | undefined,
  id: string,
): Promise<PledgeRecord & { relief: EstimatedRelief; towns: Municipality[]; asCompany: boolean; mayCancel: boolean }> {
  const record = await readPledge(ctx, actor, id);
  const who = actor!;
  return { ...record, relief: estimateRelief(record.pledge.amount), towns: await listTowns(ctx.db), asCompany: isPledgeCompany(record.pledge, who), mayCancel: canCancelPledge(record.pledge, who) };
}

/** The treasurer's page: their towns' unpaid pledges (oldest first) and the latest closed ones. */
export async function treasurerPledges(ctx: ServiceContext, actor: Actor | undefined): Promise<{ myTowns: string[]; towns: Municipality[]; pending: Pledge[]; others: Pledge[]; today: string }> {
  const { db } = ctx;
  const myTowns = townsWithRole(signedIn(actor), 'treasurer');
  if (!myTowns.length) throw refusal('forbidden', 'forbidden', 'corporate.not_treasurer');
  const [towns, ...perTown] = await Promise.all([listTowns(db), ...myTowns.map((town) => listPledges(db, { town }))]);
  const all = perTown.flat();
  return {
    myTowns,
    towns,
    pending: all.filter((p) => p.status === 'pledged').sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    others: all.filter((p) => p.status !== 'pledged').slice(0, 100),
    today: jstDate(nowOf(ctx)),
  };
}
