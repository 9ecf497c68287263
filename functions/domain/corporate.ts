/**
 * Corporate-version hometown tax (企業版ふるさと納税, 地方創生応援税制): the rules a pledge (寄附の申出) must
 * pass, the estimated tax relief, the receipt (受領証) and what may be disclosed. Facts and sources are in
 * shared/domain.md §2; each rule below names the fact it enforces.
 */
import { hasRole, isAdmin, type Actor } from './actor.js';
import type { ErrorParams, Issue } from './errors.js';
import { accounts } from './ledger/accounts.js';
import { transfer, type JournalEntry } from './ledger/entry.js';
import { fiscalYear, toWareki } from './jst.js';
import type { Yen } from './money.js';
import type { TownCode } from './municipality.js';
import { planStanding, type PlanTarget, type RegionalPlan } from './regional-plans.js';

/** Minimum per donation (domain.md §2: city.fukagawa.lg.jp; town.shikaoi.lg.jp). */
export const CORPORATE_MIN: Yen = 100_000;
/** A sanity ceiling on one pledge (the whole country gave ¥63.1bn in FY2024); above it is a typo. */
export const CORPORATE_MAX: Yen = 10_000_000_000;
/** The FY2025 reform extended the scheme to FY2027, i.e. 31 March 2028 (domain.md §2: zeikei-news 0700219). */
export const SCHEME_END = '2028-03-31';

export const PLEDGE_STATUSES = ['pledged', 'paid', 'cancelled', 'expired'] as const;
export type PledgeStatus = (typeof PLEDGE_STATUSES)[number];

export interface Disclosure {
  /** The company's name may be published (on the challenge/fund page and the public ledger). */
  name: boolean;
  /** The amount may be published next to the name. */
  amount: boolean;
}

export interface Pledge {
  id: string;
  companyId: string;
  /** The company as it was when it pledged: the receipt is addressed to this. */
  companyName: string;
  corporateNumber: string;
  companyAddress: string;
  headOfficeTown: TownCode;
  /** Where the receipt and notices go (the company's contact when it pledged). */
  contactEmail: string;
  target: PlanTarget;
  targetTitle: string;
  targetTitleEn: string;
  receivingTown: TownCode;
  amount: Yen;
  noEconomicBenefit: true;
  disclose: Disclosure;
  status: PledgeStatus;
  /** JST day of the pledge; the plan had to cover it. */
  pledgedOn: string;
  /** Unpaid pledges expire after this day: the covering plan's end, or the scheme's end if earlier. */
  expiresOn: string;
  planId: string;
  planName: string;
  projectName: string;
  /** Fiscal year of receipt once paid, else of the pledge: what the accountant and the town report by. */
  fiscalYear: number;
  createdAt: string;
  createdBy: string;
  receivedOn?: string;
  receiptNumber?: string;
  entryId?: string;
  paidAt?: string;
  confirmedBy?: string;
  cancelledAt?: string;
  cancelledBy?: string;
  cancelReason?: string;
  expiredAt?: string;
}

/**
 * A rule a request broke: a stable code, the field it is about, and the catalog sentence (`error.<key>`)
 * with its placeholders.
 */
export type Refusal = Issue & { path: string };

export interface PledgeRequest {
  target: PlanTarget;
  receivingTown: TownCode;
  amount: Yen;
  noEconomicBenefit: boolean;
  disclose: Disclosure;
}

export interface PledgeFacts {
  company: { id: string; headOfficeTown: TownCode };
  /** The receiving town as the network knows it; undefined when it is not a member town. */
  town?: { code: TownCode; name: string; nameEn: string; corporateVersionExcluded?: boolean };
  target: {
    kind: 'challenge' | 'fund';
    id: string;
    /** Challenge participants or fund members. */
    towns: TownCode[];
    status?: string;
    deadlinePassed?: boolean;
    operatorCompanyId?: string;
  };
  /** The receiving town's registered plans. */
  plans: RegionalPlan[];
  today: string;
}

const r = (code: string, path: string, key: string, params?: ErrorParams): Refusal => ({ code, path, key, ...(params ? { params } : {}) });

/**
 * Every rule the pledge breaks, most fundamental first (the first one is the answer's code). Nothing is
 * checked against the company's finances: the caps on the credit limit the relief, not the donation.
 */
export function pledgeRefusals(req: PledgeRequest, facts: PledgeFacts): Refusal[] {
  const out: Refusal[] = [];
  const targetPath = req.target.kind === 'challenge' ? 'challengeId' : 'fundId';
  // "This challenge" and "this fund" are different sentences.
  const forChallenge = req.target.kind === 'challenge';

  if (req.amount < CORPORATE_MIN) out.push(r('below_minimum', 'amount', 'corporate.below_minimum'));
  if (req.noEconomicBenefit !== true) out.push(r('economic_benefit_not_declared', 'noEconomicBenefit', 'corporate.economic_benefit_not_declared'));
  if (!facts.town) {
    out.push(r('unknown_town', 'receivingTown', 'corporate.unknown_town'));
    return out;
  }
  if (facts.town.corporateVersionExcluded) out.push(r('town_excluded', 'receivingTown', 'corporate.town_excluded'));
  if (req.receivingTown === facts.company.headOfficeTown) out.push(r('head_office_town', 'receivingTown', 'corporate.head_office_town'));
  if (!facts.target.towns.includes(req.receivingTown)) {
    out.push(r('town_not_participant', 'receivingTown', forChallenge ? 'corporate.town_not_participant.challenge' : 'corporate.town_not_participant.fund'));
  }
  if (facts.target.kind === 'challenge' && facts.target.operatorCompanyId && facts.target.operatorCompanyId === facts.company.id) {
    out.push(r('operator_conflict', targetPath, 'corporate.operator_conflict'));
  }
  if (facts.target.kind === 'challenge' && (facts.target.status !== 'open' || facts.target.deadlinePassed)) out.push(r('challenge_not_open', targetPath, 'corporate.challenge_not_open'));
  if (facts.today > SCHEME_END) {
    out.push(r('scheme_ended', targetPath, 'corporate.scheme_ended'));
    return out;
  }
  if (facts.target.towns.includes(req.receivingTown)) {
    const standing = planStanding(facts.plans, req.target, facts.today);
    if (standing.kind === 'none') out.push(r('not_in_regional_plan', targetPath, forChallenge ? 'corporate.not_in_regional_plan.challenge' : 'corporate.not_in_regional_plan.fund'));
    else if (standing.kind === 'period' && standing.ended) {
      out.push(r('plan_period_ended', targetPath, forChallenge ? 'corporate.plan_period_ended.challenge' : 'corporate.plan_period_ended.fund', { end: standing.latestEnd }));
    } else if (standing.kind === 'period') {
      out.push(r('plan_period_not_started', targetPath, forChallenge ? 'corporate.plan_period_not_started.challenge' : 'corporate.plan_period_not_started.fund'));
    }
  }
  return out;
}

/** Unpaid pledges expire after the covering plan's end, or the scheme's end if that comes first. */
export function expiryFor(planEnd: string): string {
  return planEnd < SCHEME_END ? planEnd : SCHEME_END;
}

// ---------------------------------------------------------------- estimated relief

export interface EstimatedRelief {
  amount: Yen;
  /** The 60% tax credit (税額控除) by tax, assuming no cap binds. */
  taxCredit: { inhabitantTax: Yen; corporateTax: Yen; enterpriseTax: Yen; total: Yen };
  /** What corporate tax may take over when the inhabitant-tax cap binds: up to 10% of the donation. */
  corporateTaxMax: Yen;
  /** The whole donation is a deductible expense (損金算入); worth about 30% at a ~30% effective rate. */
  lossDeduction: Yen;
  total: Yen;
  /** What the donation costs the company after relief (about 10%). */
  netCost: Yen;
  rates: { inhabitantTax: number; corporateTaxMax: number; enterpriseTax: number; taxCredit: number; lossDeduction: number; total: number };
  /** What the estimate assumes, as catalog keys `corporate.caveat.<code>`. */
  caveats: readonly ReliefCaveat[];
}

/** The caveats of every estimate, in reading order. */
export const RELIEF_CAVEATS = ['estimate', 'inhabitantTax', 'corporateTax', 'enterpriseTax', 'lossDeduction', 'schemeEnd'] as const;
export type ReliefCaveat = (typeof RELIEF_CAVEATS)[number];

const pct = (amount: Yen, percent: number) => Math.floor((amount * percent) / 100);

/**
 * Up to ~90%: a 60% credit plus ~30% from the loss deduction (domain.md §2, city.fukagawa.lg.jp). The
 * split: inhabitant tax 40%, enterprise tax 20%, and corporate tax only for what the inhabitant tax cannot
 * absorb, at most 10% — which is why 40 + 10 + 20 is not added up: the credit never exceeds 60%. The caps
 * (20% of 法人税割, 5% of corporate tax, 20% of enterprise tax) are not in domain.md; they are the
 * prefectural guidance (pref.yamanashi.jp 企業版ふるさと納税) and are shown as caveats, not computed, since
 * they depend on the company's own tax bill.
 */
export function estimateRelief(amount: Yen): EstimatedRelief {
  const inhabitantTax = pct(amount, 40);
  const enterpriseTax = pct(amount, 20);
  const creditTotal = inhabitantTax + enterpriseTax;
  const lossDeduction = pct(amount, 30);
  const total = creditTotal + lossDeduction;
  return {
    amount,
    taxCredit: { inhabitantTax, corporateTax: 0, enterpriseTax, total: creditTotal },
    corporateTaxMax: pct(amount, 10),
    lossDeduction,
    total,
    netCost: amount - total,
    rates: { inhabitantTax: 40, corporateTaxMax: 10, enterpriseTax: 20, taxCredit: 60, lossDeduction: 30, total: 90 },
    caveats: RELIEF_CAVEATS,
  };
}

// ---------------------------------------------------------------- payment by bank transfer

export interface ReceiptInput {
  receivedOn: string;
  amount: Yen;
}

/**
 * A treasurer records the transfer. A different amount is refused, not booked as a partial receipt: the
 * pledge (寄附の申出) names the amount, the receipt must state what was received, and one pledge posts one
 * entry; a short or excess transfer is settled with the company and re-pledged (or refunded) instead.
 */
export function receiptRefusals(p: Pledge, input: ReceiptInput, today: string): Refusal[] {
  const out: Refusal[] = [];
  if (input.amount !== p.amount) out.push(r('amount_mismatch', 'amount', 'corporate.amount_mismatch', { amount: p.amount.toLocaleString('en-US') }));
  if (input.receivedOn > today) out.push(r('received_in_future', 'receivedOn', 'corporate.received_in_future'));
  else if (input.receivedOn < p.pledgedOn) out.push(r('received_before_pledge', 'receivedOn', 'corporate.received_before_pledge', { pledgedOn: p.pledgedOn }));
  if (input.receivedOn > p.expiresOn) out.push(r('received_after_plan_end', 'receivedOn', 'corporate.received_after_plan_end', { expiresOn: p.expiresOn }));
  return out;
}

/** The reference a company quotes on its bank transfer, so the town can match the money to the pledge. */
export const transferReference = (pledgeId: string) => `KF${pledgeId.replace(/^pl-/, '').slice(0, 8).toUpperCase()}`;

/** The one journal entry of a received pledge: the town's bank account → the challenge or the fund share. */
export const receivedEntryId = (pledgeId: string) => `pledge:${pledgeId}:received`;

export function receivedEntry(p: Pledge, receivedOn: string): JournalEntry {
  const credit = p.target.kind === 'challenge' ? accounts.challengeAvailable(p.target.id) : accounts.fundShare(p.target.id, p.receivingTown);
  return transfer(
    {
      id: receivedEntryId(p.id),
      date: receivedOn,
      // Memos are public on the JSON ledger: no name here; the counterpart carries it only with consent.
      memo: '企業版ふるさと納税の受領 / corporate-version donation received',
      channel: 'corporate',
      town: p.receivingTown,
      counterpart: publicCounterpart(p),
    },
    accounts.bank(p.receivingTown),
    credit,
    p.amount,
  );
}

/**
 * The public ledger shows each movement's amount, so naming the company there would publish its amount
 * too: the name goes on the entry only when both the name and the amount may be published.
 */
export function publicCounterpart(p: Pick<Pledge, 'companyName' | 'disclose'>): string | undefined {
  return p.disclose.name && p.disclose.amount ? p.companyName : undefined;
}

/**
 * `C2026-074071-00001`: numbered per receiving town per FISCAL year (April–March) of the receipt date,
 * the year towns report corporate donations by; the C keeps them apart from individual receipt numbers.
 */
export function corporateReceiptNumber(fy: number, town: TownCode, seq: number): string {
  if (!Number.isInteger(seq) || seq < 1 || seq > 99_999) throw new RangeError('corporate receipt sequence must be 1–99999');
  return `C${fy}-${town}-${String(seq).padStart(5, '0')}`;
}

export const receiptFiscalYear = (receivedOn: string) => fiscalYear(receivedOn);

/** 令和8年度 / FY2026 */
export function fiscalYearLabel(fy: number, lang: 'ja' | 'en'): string {
  if (lang === 'en') return `FY${fy}`;
  // A fiscal year is named in the era in which it ends (FY2019, begun under Heisei, is 令和元年度).
  const m = /^(\D+)(元|\d+)年/.exec(toWareki(`${fy + 1}-03-31`));
  const n = m ? (m[2] === '元' ? 1 : Number(m[2])) - 1 : 0;
  if (!m || n < 1) return `${toWareki(`${fy}-04-01`).replace(/年.*$/, '')}年度`;
  return `${m[1]}${n === 1 ? '元' : n}年度`;
}

// ---------------------------------------------------------------- who may do what

export const isPledgeCompany = (p: Pledge, who: Actor) => hasRole(who, 'company') && who.companyId === p.companyId;
export const isPledgeTreasurer = (p: Pledge, who: Actor) => hasRole(who, 'treasurer', p.receivingTown);
export const canViewPledge = (p: Pledge, who: Actor) => isPledgeCompany(p, who) || isPledgeTreasurer(p, who) || isAdmin(who);
/** Money received is the receiving town's act alone: not another town's treasurer, not the network admin. */
export const canConfirmPledge = (p: Pledge, who: Actor) => isPledgeTreasurer(p, who);
export const canCancelPledge = (p: Pledge, who: Actor) => isPledgeCompany(p, who) || isPledgeTreasurer(p, who);

export function isDueToExpire(p: Pick<Pledge, 'status' | 'expiresOn'>, today: string): boolean {
  return p.status === 'pledged' && today > p.expiresOn;
}

// ---------------------------------------------------------------- disclosure and summaries

export interface CorporateDonor {
  name: string;
  /** Present only when the company consented to publishing its amount. */
  amount?: Yen;
}

export interface CorporateDonorYear {
  fiscalYear: number;
  /** Companies that consented to their name, in order of receipt. */
  donors: CorporateDonor[];
  /** Donations whose company did not consent to its name: counted, never named. */
  anonymousCount: number;
  /** The sum of every amount not shown next to a name (anonymous ones and names without amounts). */
  anonymousTotal: Yen;
  count: number;
  total: Yen;
}

/** Per fiscal year of receipt, newest first; only money actually received counts. */
export function corporateDonorYears(pledges: Pick<Pledge, 'status' | 'receivedOn' | 'amount' | 'disclose' | 'companyName' | 'id' | 'paidAt'>[]): CorporateDonorYear[] {
  const years = new Map<number, CorporateDonorYear>();
  const paid = pledges
    .filter((p) => p.status === 'paid' && p.receivedOn)
    .sort((a, b) => a.receivedOn!.localeCompare(b.receivedOn!) || (a.paidAt ?? '').localeCompare(b.paidAt ?? '') || a.id.localeCompare(b.id));
  for (const p of paid) {
    const fy = fiscalYear(p.receivedOn!);
    const y = years.get(fy) ?? { fiscalYear: fy, donors: [], anonymousCount: 0, anonymousTotal: 0, count: 0, total: 0 };
    years.set(fy, y);
    y.count += 1;
    y.total += p.amount;
    if (!p.disclose.name) {
      y.anonymousCount += 1;
      y.anonymousTotal += p.amount;
      continue;
    }
    if (p.disclose.amount) y.donors.push({ name: p.companyName, amount: p.amount });
    else {
      y.donors.push({ name: p.companyName });
      y.anonymousTotal += p.amount;
    }
  }
  return [...years.values()].sort((a, b) => b.fiscalYear - a.fiscalYear);
}

export interface CompanyYearSummary {
  fiscalYear: number;
  paidCount: number;
  paidAmount: Yen;
  /** Estimated relief on what was paid (sum of the per-donation estimates). */
  estimatedRelief: Yen;
  estimatedTaxCredit: Yen;
  pendingCount: number;
  pendingAmount: Yen;
}

export function companyYearSummaries(pledges: Pledge[]): CompanyYearSummary[] {
  const years = new Map<number, CompanyYearSummary>();
  for (const p of pledges) {
    if (p.status !== 'paid' && p.status !== 'pledged') continue;
    const y = years.get(p.fiscalYear) ?? { fiscalYear: p.fiscalYear, paidCount: 0, paidAmount: 0, estimatedRelief: 0, estimatedTaxCredit: 0, pendingCount: 0, pendingAmount: 0 };
    years.set(p.fiscalYear, y);
    if (p.status === 'paid') {
      const e = estimateRelief(p.amount);
      y.paidCount += 1;
      y.paidAmount += p.amount;
      y.estimatedRelief += e.total;
      y.estimatedTaxCredit += e.taxCredit.total;
    } else {
      y.pendingCount += 1;
      y.pendingAmount += p.amount;
    }
  }
  return [...years.values()].sort((a, b) => b.fiscalYear - a.fiscalYear);
}
