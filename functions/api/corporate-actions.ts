/**
 * The corporate version as actions by a signed-in person: who may pledge, confirm, cancel or register a
 * plan, which legal rule refuses it (domain/corporate.ts), and what is written with its audit record and
 * mail. The JSON routes and the HTML pages both call these, so a rule cannot hold on one and not the other.
 */
import { createHash, randomBytes } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { canonicalJson } from '../domain/audit.js';
import type { Municipality } from '../domain/catalog.js';
import {
  canCancelPledge,
  canConfirmPledge,
  canViewPledge,
  corporateDonorYears,
  estimateRelief,
  expiryFor,
  isPledgeCompany,
  pledgeRefusals,
  receiptRefusals,
  type CorporateDonorYear,
  type Disclosure,
  type EstimatedRelief,
  type Party,
  type Pledge,
  type Refusal,
} from '../domain/corporate.js';
import { fiscalYear, isPastDeadline, jstDate } from '../domain/jst.js';
import { formatYen } from '../domain/money.js';
import {
  eligibleTargets,
  normalizePlanInput,
  normalizeProject,
  planCovers,
  planIssues,
  planStanding,
  type PlanIssue,
  type PlanProject,
  type PlanTarget,
  type RegionalPlan,
  type RegionalPlanInput,
} from '../domain/regional-plans.js';
import { getChallenge, getFund, getTown, listChallenges, listFunds, listTowns } from '../store/catalog.js';
import type { Db } from '../store/db.js';
import { getTownBankAccount } from '../store/disbursements.js';
import { StateConflictError } from '../store/errors.js';
import type { Mail } from '../store/outbox.js';
import {
  cancelPledge,
  confirmPledgePayment,
  createPledge,
  expirePledge,
  getPledge,
  listPledges,
  pledgeIdFor,
  pledgesDueToExpire,
  PledgeReplayConflictError,
  receivedPledgesFor,
} from '../store/pledges.js';
import { createPlan, getPlan, listPlans, replaceProjects } from '../store/regional-plans.js';
import { getCompany, usersWithRole, type Company } from '../store/users.js';
import { hasRole, requirePrincipal, townsWithRole, type Principal } from './auth.js';
import { ApiError, type ErrorDetail } from './errors.js';

export interface CorpCtx {
  db: Db;
  baseUrl: string;
  requestId?: string;
}

const nowOf = (db: Db) => (db.now ? db.now() : new Date());

// ---------------------------------------------------------------- errors

type BilingualDetail = ErrorDetail & { en: string; ja: string };

/** A legal refusal: the first rule's stable code, and every broken rule as a detail in both languages. */
export class RefusalError extends ApiError {
  constructor(
    status: 400 | 422,
    readonly refusals: (Refusal | PlanIssue)[],
    code = refusals[0]?.code ?? 'rule_violation',
  ) {
    const first = refusals[0]!;
    const more = refusals.length > 1 ? ` (+${refusals.length - 1} more / ほか${refusals.length - 1}件)` : '';
    const details: BilingualDetail[] = refusals.map((r) => ({ path: r.path, code: r.code, message: `${r.en} / ${r.ja}`, en: r.en, ja: r.ja }));
    super(status, code, `${first.en} / ${first.ja}${more}`, details);
  }
}

/** Any other refusal, with one message in both languages. */
export class BilingualError extends ApiError {
  constructor(
    status: 401 | 403 | 404 | 409 | 422,
    code: string,
    readonly en: string,
    readonly ja: string,
  ) {
    super(status, code, `${en} / ${ja}`);
  }
}

const pledgeHidden = () => new BilingualError(404, 'not_found', 'pledge not found', '寄附の申出が見つかりません');

// ---------------------------------------------------------------- who is acting

export function partyOf(p: Principal | undefined): Party {
  const principal = requirePrincipal(p);
  return {
    sub: principal.sub,
    companyId: principal.companyId,
    isCompany: hasRole(principal, 'company'),
    treasurerTowns: townsWithRole(principal, 'treasurer'),
    isAdmin: hasRole(principal, 'admin'),
  };
}

function roleOf(p: Pledge | undefined, who: Party, town: string): string {
  if (who.treasurerTowns.includes(town)) return `treasurer:${town}`;
  if (p && isPledgeCompany(p, who)) return 'company';
  return who.isAdmin ? 'admin' : 'company';
}

export async function companyOf(db: Db, p: Principal | undefined): Promise<Company> {
  const principal = requirePrincipal(p);
  if (!principal.companyId || !hasRole(principal, 'company')) throw new BilingualError(403, 'forbidden', 'only a company user can make a corporate-version pledge', '企業アカウントでサインインしてください');
  const company = await getCompany(db, principal.companyId);
  if (!company) throw new BilingualError(404, 'not_found', 'your company profile was not found', '企業情報が見つかりません');
  return company;
}

// ---------------------------------------------------------------- targets

export interface TargetInfo {
  target: PlanTarget;
  title: string;
  titleEn: string;
  towns: string[];
  status?: string;
  deadlinePassed?: boolean;
  operatorCompanyId?: string;
}

export async function loadTarget(db: Db, target: PlanTarget, now: Date): Promise<TargetInfo> {
  if (target.kind === 'challenge') {
    const ch = await getChallenge(db, target.id);
    if (!ch || ch.status === 'draft') throw new BilingualError(404, 'not_found', 'challenge not found', 'チャレンジが見つかりません');
    return { target, title: ch.title, titleEn: ch.titleEn, towns: ch.towns, status: ch.status, deadlinePassed: isPastDeadline(ch.deadline, now), operatorCompanyId: ch.operatorCompanyId };
  }
  const fund = await getFund(db, target.id);
  if (!fund) throw new BilingualError(404, 'not_found', 'fund not found', '基金が見つかりません');
  return { target, title: fund.name, titleEn: fund.nameEn, towns: fund.members };
}

export const targetOf = (input: { challengeId?: string; fundId?: string }): PlanTarget =>
  input.challengeId ? { kind: 'challenge', id: input.challengeId } : { kind: 'fund', id: input.fundId ?? '' };

// ---------------------------------------------------------------- pledging

export interface PledgeInput {
  challengeId?: string;
  fundId?: string;
  receivingTown: string;
  amount: number;
  noEconomicBenefit: boolean;
  disclose: Disclosure;
}

export interface BankTransfer {
  payee: { ja: string; en: string };
  amount: number;
  reference: string;
  dueBy: string;
  account?: { bankCode: string; bankNameKana: string; branchCode: string; branchNameKana: string; accountType: string; accountNumber: string; holderKana: string };
  instructions: { ja: string; en: string };
}

/** What the company needs to pay: the town's account (if registered), a reference to quote, the last day. */
export async function bankTransferFor(db: Db, p: Pledge, town?: Municipality): Promise<BankTransfer> {
  const t = town ?? (await getTown(db, p.receivingTown));
  const bank = await getTownBankAccount(db, p.receivingTown);
  const reference = `KF${p.id.replace(/^pl-/, '').slice(0, 8).toUpperCase()}`;
  const nameJa = t?.name ?? p.receivingTown;
  const nameEn = t?.nameEn ?? p.receivingTown;
  const account = bank
    ? { bankCode: bank.bankCode, bankNameKana: bank.bankNameKana, branchCode: bank.branchCode, branchNameKana: bank.branchNameKana, accountType: bank.accountType, accountNumber: bank.accountNumber, holderKana: bank.requesterNameKana }
    : undefined;
  return {
    payee: { ja: `${nameJa} 会計管理者`, en: `Treasurer of ${nameEn}` },
    amount: p.amount,
    reference,
    dueBy: p.expiresOn,
    account,
    instructions: {
      ja: `${account ? '上記の口座へ' : `${nameJa}から届く振込先(納付書)により、`}${p.expiresOn}までに${formatYen(p.amount)}を一括でお振り込みください。振込依頼人名の前に参照番号「${reference}」を付けてください。申出額と異なる金額は受領できません。振込手数料はご負担ください。`,
      en: `Please transfer ${formatYen(p.amount)} in one payment by ${p.expiresOn}${account ? ' to the account above' : `, using the payment details ${nameEn} will send you`}. Put the reference “${reference}” before the remitter name. A different amount cannot be accepted. Bank charges are yours.`,
    },
  };
}

const requestHashOf = (companyId: string, input: PledgeInput) => createHash('sha256').update(`${companyId}|${canonicalJson(input)}`).digest('hex');

export interface PledgeOutcome {
  pledge: Pledge;
  replayed: boolean;
  estimatedRelief: EstimatedRelief;
  bankTransfer: BankTransfer;
}

export async function createPledgeAs(ctx: CorpCtx, principal: Principal | undefined, input: PledgeInput, idempotencyKey?: string): Promise<PledgeOutcome> {
  const { db } = ctx;
  const company = await companyOf(db, principal);
  const now = nowOf(db);
  const today = jstDate(now);
  const target = targetOf(input);
  const info = await loadTarget(db, target, now);
  const town = await getTown(db, input.receivingTown);
  const plans = town ? await listPlans(db, town.code) : [];
  const disclose: Disclosure = { name: input.disclose.name, amount: input.disclose.name && input.disclose.amount };
  const refusals = pledgeRefusals(
    { target, receivingTown: input.receivingTown, amount: input.amount, noEconomicBenefit: input.noEconomicBenefit, disclose },
    {
      company: { id: company.id, headOfficeTown: company.headOfficeTown },
      town,
      target: { kind: target.kind, id: target.id, towns: info.towns, status: info.status, deadlinePassed: info.deadlinePassed, operatorCompanyId: info.operatorCompanyId },
      plans,
      today,
    },
  );
  if (refusals.length) throw new RefusalError(422, refusals);
  const standing = planStanding(plans, target, today);
  if (standing.kind !== 'eligible') throw new StateConflictError('the regional plan changed while pledging; please retry');
  const { plan, project } = standing.match;
  const createdAt = now.toISOString();
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
    amount: input.amount,
    noEconomicBenefit: true,
    disclose,
    status: 'pledged',
    pledgedOn: today,
    expiresOn: expiryFor(plan.periodEnd),
    planId: plan.id,
    planName: plan.name,
    projectName: project.name,
    fiscalYear: fiscalYear(today),
    createdAt,
    createdBy: principal!.sub,
  };
  const bankTransfer = await bankTransferFor(db, pledge, town);
  const treasurers = await usersWithRole(db, `treasurer:${pledge.receivingTown}`);
  const mails: Mail[] = [pledgeAcceptedMail(ctx, pledge, town!, bankTransfer), ...treasurers.map((u) => newPledgeMail(ctx, pledge, town!, u.email))];
  let result: { pledge: Pledge; replayed: boolean };
  try {
    result = await createPledge(db, pledge, {
      requestHash: idempotencyKey ? requestHashOf(company.id, { ...input, disclose }) : undefined,
      mails,
      audit: {
        chain: `town:${pledge.receivingTown}`,
        input: {
          actor: principal!.sub,
          role: 'company',
          action: 'corporate_pledge.create',
          target: `corporate-pledge:${pledge.id}`,
          after: { companyId: company.id, target, receivingTown: pledge.receivingTown, amount: pledge.amount, disclose, planId: plan.id, project: project.name },
          requestId: ctx.requestId,
        },
      },
    });
  } catch (e) {
    if (e instanceof PledgeReplayConflictError) throw new BilingualError(409, 'idempotency_conflict', 'this request key was already used for a different pledge', 'この申出キーは別の内容の申出で使用済みです');
    throw e;
  }
  const stored = result.pledge;
  return { pledge: stored, replayed: result.replayed, estimatedRelief: estimateRelief(stored.amount), bankTransfer: result.replayed ? await bankTransferFor(db, stored) : bankTransfer };
}

export async function readPledgeAs(ctx: CorpCtx, principal: Principal | undefined, id: string): Promise<Pledge> {
  const who = partyOf(principal);
  const p = await getPledge(ctx.db, id);
  if (!p || !canViewPledge(p, who)) throw pledgeHidden();
  return p;
}

export async function listPledgesAs(ctx: CorpCtx, principal: Principal | undefined, q: { town?: string; fy?: number }): Promise<Pledge[]> {
  const who = partyOf(principal);
  if (who.isAdmin) return listPledges(ctx.db, { town: q.town, fiscalYear: q.fy });
  if (who.treasurerTowns.length && (!q.town || who.treasurerTowns.includes(q.town))) {
    const towns = q.town ? [q.town] : who.treasurerTowns;
    return (await Promise.all(towns.map((town) => listPledges(ctx.db, { town, fiscalYear: q.fy })))).flat();
  }
  if (who.isCompany && who.companyId) return listPledges(ctx.db, { companyId: who.companyId, town: q.town, fiscalYear: q.fy });
  throw new BilingualError(403, 'forbidden', 'only a company, a treasurer of the town or the admin can list pledges', '寄附の申出を一覧できるのは、企業・町の会計管理者・運営者のみです');
}

// ---------------------------------------------------------------- bank receipt

export interface ConfirmInput {
  receivedOn: string;
  amount: number;
}

export async function confirmPaymentAs(ctx: CorpCtx, principal: Principal | undefined, id: string, input: ConfirmInput): Promise<{ pledge: Pledge; alreadyConfirmed: boolean }> {
  const { db } = ctx;
  const who = partyOf(principal);
  const p = await getPledge(db, id);
  if (!p) throw pledgeHidden();
  if (!canConfirmPledge(p, who)) {
    throw new BilingualError(403, 'forbidden', `only a treasurer of the receiving town (${p.receivingTown}) can record this payment`, `この入金を記録できるのは、寄附を受領する町(${p.receivingTown})の会計管理者のみです`);
  }
  if (p.status === 'paid') {
    if (p.receivedOn === input.receivedOn && p.amount === input.amount) return { pledge: p, alreadyConfirmed: true };
    throw new BilingualError(409, 'already_confirmed', `this pledge was already recorded as received on ${p.receivedOn} (receipt ${p.receiptNumber})`, `この申出は${p.receivedOn}に受領済みとして記録されています(受領証番号 ${p.receiptNumber})`);
  }
  if (p.status !== 'pledged') throw new BilingualError(409, 'pledge_not_payable', `the pledge is ${p.status}, so no payment can be recorded`, `この申出は${p.status === 'cancelled' ? '取り消し' : '期限切れ'}のため、入金を記録できません`);
  const today = jstDate(nowOf(db));
  const refusals = receiptRefusals(p, input, today);
  if (refusals.length) throw new RefusalError(422, refusals);
  const town = await getTown(db, p.receivingTown);
  const result = await confirmPledgePayment(db, p, {
    receivedOn: input.receivedOn,
    by: who.sub,
    mails: (receiptNumber) => [receiptMail(ctx, { ...p, receivedOn: input.receivedOn, receiptNumber }, town)],
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

export async function cancelPledgeAs(ctx: CorpCtx, principal: Principal | undefined, id: string, reason?: string): Promise<Pledge> {
  const { db } = ctx;
  const who = partyOf(principal);
  const p = await getPledge(db, id);
  if (!p || !canViewPledge(p, who)) throw pledgeHidden();
  if (!canCancelPledge(p, who)) throw new BilingualError(403, 'forbidden', 'only the company or a treasurer of the receiving town can cancel this pledge', 'この申出を取り消せるのは、申出企業または受領する町の会計管理者のみです');
  if (p.status !== 'pledged') throw new BilingualError(409, 'pledge_not_cancellable', `the pledge is ${p.status}; only an unpaid pledge can be cancelled`, '入金前の申出のみ取り消せます');
  const town = await getTown(db, p.receivingTown);
  const treasurers = await usersWithRole(db, `treasurer:${p.receivingTown}`);
  const text = reason?.trim() || undefined;
  return cancelPledge(db, p, {
    by: who.sub,
    reason: text,
    mails: [p.contactEmail, ...treasurers.map((u) => u.email)].map((to) => closedMail(ctx, p, town, to, 'cancelled', text)),
    audit: {
      chain: `town:${p.receivingTown}`,
      input: { actor: who.sub, role: roleOf(p, who, p.receivingTown), action: 'corporate_pledge.cancel', target: `corporate-pledge:${p.id}`, before: { status: p.status }, after: { status: 'cancelled', reason: text }, requestId: ctx.requestId },
    },
  });
}

/** The scheduled task: unpaid pledges past their plan's (or the scheme's) end become expired. Idempotent. */
export async function expireDuePledges(ctx: { db: Db; baseUrl?: string }, now: Date): Promise<{ expired: number }> {
  const today = jstDate(now);
  let expired = 0;
  for (const p of await pledgesDueToExpire(ctx.db, today)) {
    const town = await getTown(ctx.db, p.receivingTown);
    try {
      await expirePledge(ctx.db, p, {
        mails: [closedMail({ baseUrl: ctx.baseUrl ?? '' }, p, town, p.contactEmail, 'expired')],
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

export async function corporateDonorsFor(db: Db, target: PlanTarget): Promise<CorporateDonorYear[]> {
  if (target.kind === 'challenge') {
    const ch = await getChallenge(db, target.id);
    if (!ch || ch.status === 'draft') throw new BilingualError(404, 'not_found', 'challenge not found', 'チャレンジが見つかりません');
  } else if (!(await getFund(db, target.id))) throw new BilingualError(404, 'not_found', 'fund not found', '基金が見つかりません');
  return corporateDonorYears(await receivedPledgesFor(db, target));
}

export async function myPledges(ctx: CorpCtx, principal: Principal | undefined, fy?: number): Promise<{ company: Company; pledges: Pledge[] }> {
  const company = await companyOf(ctx.db, principal);
  return { company, pledges: await listPledges(ctx.db, { companyId: company.id, fiscalYear: fy }) };
}

const STATUS_JA: Record<Pledge['status'], string> = { pledged: '入金待ち', paid: '受領済み', cancelled: '取消', expired: '期限切れ' };

/** For the company's accountant: one row per pledge, UTF-8 with BOM so Excel opens it in Japanese. */
export async function companyPledgesCsv(ctx: CorpCtx, principal: Principal | undefined, fy?: number): Promise<string> {
  const { pledges } = await myPledges(ctx, principal, fy);
  const towns = new Map((await listTowns(ctx.db)).map((t) => [t.code, t]));
  const rows = [...pledges]
    .sort((a, b) => (a.receivedOn ?? a.pledgedOn).localeCompare(b.receivedOn ?? b.pledgedOn) || a.id.localeCompare(b.id))
    .map((p) => {
      const e = estimateRelief(p.amount);
      const paid = p.status === 'paid';
      return [
        p.fiscalYear,
        p.id,
        STATUS_JA[p.status],
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
        p.disclose.name ? '可' : '否',
        p.disclose.amount ? '可' : '否',
      ];
    });
  const header = [
    '年度 / fiscal year',
    '申出番号 / pledge id',
    '状態 / status',
    '申出日 / pledged on',
    '受領日 / received on',
    '受領証番号 / receipt no.',
    '寄附先 / receiving town',
    '団体コード / town code',
    '事業 / project',
    '地域再生計画 / regional plan',
    '計画上の事業 / plan project',
    '寄附額 / amount',
    '法人住民税控除見込 / inhabitant tax credit (est.)',
    '法人事業税控除見込 / enterprise tax credit (est.)',
    '法人税控除上限 / corporate tax credit max',
    '損金算入効果見込 / loss deduction (est.)',
    '軽減額見込計 / total relief (est.)',
    '社名公表 / name public',
    '金額公表 / amount public',
  ];
  return stringify([header, ...rows], { bom: true, record_delimiter: '\r\n' });
}

// ---------------------------------------------------------------- the pledge form

export interface PledgeOption {
  target: PlanTarget;
  title: string;
  titleEn: string;
  towns: string[];
  /** Towns through which this target can take corporate donations today. */
  eligibleTowns: string[];
  operatorCompanyId?: string;
}

/** Open challenges and funds with the towns whose current plans make them eligible. */
export async function pledgeOptions(db: Db): Promise<PledgeOption[]> {
  const now = nowOf(db);
  const today = jstDate(now);
  const [towns, challenges, funds] = await Promise.all([listTowns(db), listChallenges(db), listFunds(db)]);
  const eligible = new Map(await Promise.all(towns.map(async (t) => [t.code, eligibleTargets(await listPlans(db, t.code), today)] as const)));
  const open = challenges.filter((c) => c.status === 'open' && !isPastDeadline(c.deadline, now)).sort((a, b) => a.deadline.localeCompare(b.deadline));
  return [
    ...open.map((c) => ({
      target: { kind: 'challenge' as const, id: c.id },
      title: c.title,
      titleEn: c.titleEn,
      towns: c.towns,
      eligibleTowns: c.towns.filter((t) => eligible.get(t)?.challengeIds.has(c.id)),
      operatorCompanyId: c.operatorCompanyId,
    })),
    ...funds.map((f) => ({
      target: { kind: 'fund' as const, id: f.id },
      title: f.name,
      titleEn: f.nameEn,
      towns: f.members,
      eligibleTowns: f.members.filter((t) => eligible.get(t)?.fundIds.has(f.id)),
    })),
  ];
}

// ---------------------------------------------------------------- regional plans

const PLAN_CROSS_CHECKS = new Set(['unknown_challenge', 'challenge_not_of_town', 'unknown_fund', 'fund_not_of_town', 'approval_in_future', 'approved_after_period']);

function refusePlan(issues: PlanIssue[]): never {
  const cross = issues.find((i) => PLAN_CROSS_CHECKS.has(i.code));
  throw cross ? new RefusalError(422, issues, cross.code) : new RefusalError(400, issues, 'validation_failed');
}

function assertPlanEditor(principal: Principal | undefined, town: string): Party {
  const who = partyOf(principal);
  if (!who.treasurerTowns.includes(town) && !who.isAdmin) {
    throw new BilingualError(403, 'forbidden', `only a treasurer of ${town} or the admin can register its regional plans`, `地域再生計画を登録できるのは、その町の会計管理者または運営者のみです`);
  }
  return who;
}

async function planTargets(db: Db) {
  const [challenges, funds] = await Promise.all([listChallenges(db), listFunds(db)]);
  return { challenges: challenges.map((c) => ({ id: c.id, towns: c.towns })), funds: funds.map((f) => ({ id: f.id, members: f.members })) };
}

async function requireTown(db: Db, code: string): Promise<Municipality> {
  const town = await getTown(db, code);
  if (!town) throw new BilingualError(404, 'not_found', 'municipality not found', '団体が見つかりません');
  return town;
}

export async function createPlanAs(ctx: CorpCtx, principal: Principal | undefined, town: string, raw: RegionalPlanInput): Promise<RegionalPlan> {
  const who = assertPlanEditor(principal, town);
  await requireTown(ctx.db, town);
  const input = normalizePlanInput(raw);
  const issues = planIssues(town, input, await planTargets(ctx.db), jstDate(nowOf(ctx.db)));
  if (issues.length) refusePlan(issues);
  const id = `plan-${randomBytes(6).toString('hex')}`;
  return createPlan(ctx.db, town, id, input, who.sub, {
    chain: `town:${town}`,
    input: { actor: who.sub, role: roleOf(undefined, who, town), action: 'regional_plan.create', target: `regional-plan:${town}:${id}`, after: input, requestId: ctx.requestId },
  });
}

export async function replacePlanProjectsAs(ctx: CorpCtx, principal: Principal | undefined, town: string, id: string, projects: PlanProject[]): Promise<RegionalPlan> {
  const who = assertPlanEditor(principal, town);
  const plan = await getPlan(ctx.db, town, id);
  if (!plan) throw new BilingualError(404, 'not_found', 'regional plan not found', '地域再生計画が見つかりません');
  const normalized = projects.map(normalizeProject);
  const { projects: _old, ...rest } = plan;
  const issues = planIssues(town, { ...rest, projects: normalized }, await planTargets(ctx.db), jstDate(nowOf(ctx.db))).filter((i) => i.path.startsWith('projects'));
  if (issues.length) refusePlan(issues);
  return replaceProjects(ctx.db, plan, normalized, {
    chain: `town:${town}`,
    input: { actor: who.sub, role: roleOf(undefined, who, town), action: 'regional_plan.replace_projects', target: `regional-plan:${town}:${id}`, before: plan.projects, after: normalized, requestId: ctx.requestId },
  });
}

/** Approved plans are public (the Cabinet Office publishes them); `current` says whether today is in the period. */
export async function plansOf(db: Db, town: string): Promise<(RegionalPlan & { current: boolean })[]> {
  await requireTown(db, town);
  const today = jstDate(nowOf(db));
  return (await listPlans(db, town)).map((p) => ({ ...p, current: planCovers(p, today) }));
}

// ---------------------------------------------------------------- mail (Japanese first, English below)

const targetPath = (p: Pledge) => (p.target.kind === 'challenge' ? `/challenges/${p.target.id}` : `/funds/${p.target.id}`);

function pledgeAcceptedMail(ctx: CorpCtx, p: Pledge, town: Municipality, bank: BankTransfer): Mail {
  const acct = bank.account;
  const acctJa = acct ? `振込先: ${acct.bankNameKana}(${acct.bankCode}) ${acct.branchNameKana}(${acct.branchCode}) ${acct.accountType === 'current' ? '当座' : '普通'} ${acct.accountNumber} ${acct.holderKana}` : `振込先: ${town.name}から別途ご連絡します`;
  const acctEn = acct ? `Account: ${acct.bankNameKana} (${acct.bankCode}) ${acct.branchNameKana} (${acct.branchCode}) ${acct.accountType} ${acct.accountNumber} ${acct.holderKana}` : `Account: ${town.nameEn} will send you the payment details`;
  return {
    to: p.contactEmail,
    kind: 'corporate_pledge.accepted',
    subject: `【共創ファンド】企業版ふるさと納税の寄附申出を受け付けました / Corporate-version pledge accepted`,
    text: [
      `${p.companyName} 御中`,
      '',
      `企業版ふるさと納税の寄附の申出を受け付けました。`,
      `寄附先事業: ${p.targetTitle}(${p.planName} ${p.projectName})`,
      `受領する団体: ${town.name}`,
      `寄附額: ${formatYen(p.amount)}`,
      acctJa,
      `参照番号: ${bank.reference}(振込依頼人名の前に付けてください)`,
      `お振込期限: ${p.expiresOn}`,
      `入金を${town.name}が確認すると、受領証を発行します。`,
      `${ctx.baseUrl}/company/pledges/${p.id}`,
      '',
      '---',
      `Your corporate-version pledge was accepted.`,
      `Project: ${p.targetTitleEn} — receiving town: ${town.nameEn} — amount: ${formatYen(p.amount)}`,
      acctEn,
      `Reference: ${bank.reference} (put it before the remitter name). Pay by ${p.expiresOn}.`,
      `${town.nameEn} will issue your receipt once it confirms the transfer.`,
      `${ctx.baseUrl}/company/pledges/${p.id}`,
    ].join('\n'),
  };
}

function newPledgeMail(ctx: CorpCtx, p: Pledge, town: Municipality, to: string): Mail {
  return {
    to,
    kind: 'corporate_pledge.new',
    subject: `【共創ファンド】企業版ふるさと納税の寄附申出がありました / New corporate-version pledge`,
    text: [
      `${p.companyName}(法人番号 ${p.corporateNumber})から、${town.name}を受領団体とする寄附の申出がありました。`,
      `事業: ${p.targetTitle} / 寄附額: ${formatYen(p.amount)} / 期限: ${p.expiresOn}`,
      `入金を確認したら、次のページで受領を記録してください: ${ctx.baseUrl}/treasurer/pledges`,
      '',
      '---',
      `${p.companyName} pledged ${formatYen(p.amount)} to ${p.targetTitleEn} with ${town.nameEn} receiving. Record the transfer when it arrives: ${ctx.baseUrl}/treasurer/pledges`,
    ].join('\n'),
  };
}

function receiptMail(ctx: CorpCtx, p: Pledge, town: Municipality | undefined): Mail {
  const url = `${ctx.baseUrl}/api/corporate-pledges/${p.id}/receipt`;
  return {
    to: p.contactEmail,
    kind: 'corporate_pledge.receipt',
    subject: `【共創ファンド】寄附金の受領証を発行しました / Your corporate-version receipt`,
    text: [
      `${p.companyName} 御中`,
      '',
      `${town?.name ?? p.receivingTown}は、${p.receivedOn}に${formatYen(p.amount)}の寄附金を受領しました。受領証(番号 ${p.receiptNumber})は次のページから印刷できます。`,
      url,
      '',
      '---',
      `${town?.nameEn ?? p.receivingTown} received your donation of ${formatYen(p.amount)} on ${p.receivedOn}. Print receipt ${p.receiptNumber} here:`,
      url,
    ].join('\n'),
  };
}

function closedMail(ctx: { baseUrl: string }, p: Pledge, town: Municipality | undefined, to: string, how: 'cancelled' | 'expired', reason?: string): Mail {
  const ja = how === 'cancelled' ? '取り消されました' : '入金がないまま期限を過ぎたため、失効しました';
  const en = how === 'cancelled' ? 'was cancelled' : 'expired unpaid after its deadline';
  return {
    to,
    kind: `corporate_pledge.${how}`,
    subject: `【共創ファンド】寄附の申出が${how === 'cancelled' ? '取り消されました' : '失効しました'} / Corporate-version pledge ${how}`,
    text: [
      `${p.companyName}による${town?.name ?? p.receivingTown}への寄附の申出(${formatYen(p.amount)}、${p.targetTitle})は${ja}。${reason ? `理由: ${reason}` : ''}`,
      `${ctx.baseUrl}${targetPath(p)}`,
      '',
      '---',
      `The pledge by ${p.companyName} of ${formatYen(p.amount)} to ${p.targetTitleEn} (${town?.nameEn ?? p.receivingTown}) ${en}.${reason ? ` Reason: ${reason}` : ''}`,
    ].join('\n'),
  };
}
