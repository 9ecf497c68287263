/**
 * Corporate-version hometown tax (企業版ふるさと納税, 地方創生応援税制): the rules a pledge (寄附の申出) must
 * pass, the estimated tax relief, the receipt (受領証) and what may be disclosed. Facts and sources are in
 * shared/domain.md §2; each rule below names the fact it enforces.
 */
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

/** A rule a request broke: a stable code, the field it is about, and the reason in Japanese and English. */
export interface Refusal {
  code: string;
  path: string;
  ja: string;
  en: string;
}

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

const r = (code: string, path: string, en: string, ja: string): Refusal => ({ code, path, en, ja });

/**
 * Every rule the pledge breaks, most fundamental first (the first one is the answer's code). Nothing is
 * checked against the company's finances: the caps on the credit limit the relief, not the donation.
 */
export function pledgeRefusals(req: PledgeRequest, facts: PledgeFacts): Refusal[] {
  const out: Refusal[] = [];
  const targetPath = req.target.kind === 'challenge' ? 'challengeId' : 'fundId';
  const what = req.target.kind === 'challenge' ? { en: 'this challenge', ja: 'このチャレンジ' } : { en: 'this fund', ja: 'この基金' };
  const townEn = facts.town?.nameEn ?? req.receivingTown;
  const townJa = facts.town?.name ?? req.receivingTown;

  if (req.amount < CORPORATE_MIN) {
    out.push(r('below_minimum', 'amount', 'the corporate version requires at least ¥100,000 per donation', '企業版ふるさと納税は1回あたり10万円以上の寄附が対象です'));
  }
  if (req.noEconomicBenefit !== true) {
    out.push(
      r(
        'economic_benefit_not_declared',
        'noEconomicBenefit',
        'the company must declare that it receives no economic benefit in return for the donation (such as subsidies, cheap loans, or favours in bidding or permits)',
        '寄附の代償として経済的な利益(補助金の交付、低利融資、入札・許認可での便宜など)を受けないことの確認が必要です',
      ),
    );
  }
  if (!facts.town) {
    out.push(r('unknown_town', 'receivingTown', 'the receiving town is not a member of this network', '受領する町がこのネットワークに参加していません'));
    return out;
  }
  if (facts.town.corporateVersionExcluded) {
    out.push(
      r(
        'town_excluded',
        'receivingTown',
        `${townEn} is excluded from the corporate version (for example a non-grant municipality in a metropolitan built-up area)`,
        `${townJa}は企業版ふるさと納税の対象外の団体です(地方交付税の不交付団体で三大都市圏の既成市街地等に所在する団体など)`,
      ),
    );
  }
  if (req.receivingTown === facts.company.headOfficeTown) {
    out.push(
      r(
        'head_office_town',
        'receivingTown',
        `your head office is in ${townEn}: a donation to the municipality of the company's head office does not qualify for the corporate version`,
        `貴社の本社は${townJa}に所在しています。本社が所在する地方公共団体への寄附は企業版ふるさと納税の対象になりません`,
      ),
    );
  }
  if (!facts.target.towns.includes(req.receivingTown)) {
    out.push(
      r(
        'town_not_participant',
        'receivingTown',
        `${townEn} does not take part in ${what.en}, so it cannot receive a donation for it`,
        `${townJa}は${what.ja}に参加していないため、寄附を受領できません`,
      ),
    );
  }
  if (facts.target.kind === 'challenge' && facts.target.operatorCompanyId && facts.target.operatorCompanyId === facts.company.id) {
    out.push(
      r(
        'operator_conflict',
        targetPath,
        'your company operates this challenge: the donation would flow back to you as project money, an economic benefit in return, so you cannot donate to it',
        '貴社はこのチャレンジの運営事業者です。寄附が事業費として貴社に還流し、寄附の代償としての経済的利益にあたるため、このチャレンジには寄附できません',
      ),
    );
  }
  if (facts.target.kind === 'challenge' && (facts.target.status !== 'open' || facts.target.deadlinePassed)) {
    out.push(r('challenge_not_open', targetPath, 'this challenge is not taking donations now (it is closed or not yet published)', 'このチャレンジは現在寄附を受け付けていません(募集終了または公開前です)'));
  }
  if (facts.today > SCHEME_END) {
    out.push(
      r(
        'scheme_ended',
        targetPath,
        'the corporate version runs until FY2027 (31 March 2028); donations after that do not qualify',
        '企業版ふるさと納税(地方創生応援税制)の適用期限は令和9年度末(2028年3月31日)までです',
      ),
    );
    return out;
  }
  if (facts.target.towns.includes(req.receivingTown)) {
    const standing = planStanding(facts.plans, req.target, facts.today);
    if (standing.kind === 'none') {
      out.push(
        r(
          'not_in_regional_plan',
          targetPath,
          `${what.en} is not a project in ${townEn}'s approved regional revitalization plan (地域再生計画), so it cannot take corporate-version donations through ${townEn}`,
          `${what.ja}は${townJa}の認定を受けた地域再生計画に記載された事業ではないため、${townJa}を通じた企業版ふるさと納税の対象になりません`,
        ),
      );
    } else if (standing.kind === 'period') {
      out.push(
        standing.ended
          ? r(
              'plan_period_ended',
              targetPath,
              `the period of ${townEn}'s regional revitalization plan for ${what.en} ended on ${standing.latestEnd}`,
              `${what.ja}を含む${townJa}の地域再生計画は、計画期間が${standing.latestEnd}に終了しています`,
            )
          : r(
              'plan_period_not_started',
              targetPath,
              `the period of ${townEn}'s regional revitalization plan for ${what.en} has not started yet`,
              `${what.ja}を含む${townJa}の地域再生計画は、まだ計画期間が始まっていません`,
            ),
      );
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
  caveats: { ja: string[]; en: string[] };
}

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
    caveats: {
      ja: [
        'これは上限に達しない場合の概算です。実際の軽減額は貴社の税額と税率により異なります。税理士等にご確認ください。',
        '法人住民税の税額控除は寄附額の40%で、法人税割額の20%が上限です。',
        '法人税の税額控除は、法人住民税で40%に達しない場合にその不足分を控除するもので、寄附額の10%かつ法人税額の5%が上限です。税額控除の合計は最大60%です。',
        '法人事業税の税額控除は寄附額の20%で、法人事業税額の20%が上限です。',
        '寄附額の全額が損金算入されます。約30%の軽減は実効税率を約30%とした場合の目安です。',
        '税額控除は、令和9年度末(2028年3月31日)までの寄附が対象です。',
      ],
      en: [
        'This is an estimate assuming no cap is reached. The actual relief depends on your company’s tax bill and rates; please confirm with your tax adviser.',
        'Inhabitant tax (法人住民税) credit: 40% of the donation, capped at 20% of the corporate-tax-based portion (法人税割額).',
        'Corporate tax (法人税) credit: only the shortfall when the inhabitant-tax credit does not reach 40%, at most 10% of the donation and 5% of the corporate tax. The credits total at most 60%.',
        'Enterprise tax (法人事業税) credit: 20% of the donation, capped at 20% of the enterprise tax.',
        'The whole donation is a deductible expense (損金算入); the ~30% assumes an effective tax rate of about 30%.',
        'The credit applies to donations made by the end of FY2027 (31 March 2028).',
      ],
    },
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
  if (input.amount !== p.amount) {
    out.push(
      r(
        'amount_mismatch',
        'amount',
        `the amount received must equal the pledged amount (¥${p.amount.toLocaleString('en-US')}); partial or excess transfers are not recorded: settle the difference with the company, then cancel and re-pledge if needed`,
        `受領額は申出額(${p.amount.toLocaleString('ja-JP')}円)と一致する必要があります。一部入金・過入金は記録できません。差額を企業と調整し、必要なら申出を取り消して改めて申出を受けてください`,
      ),
    );
  }
  if (input.receivedOn > today) {
    out.push(r('received_in_future', 'receivedOn', 'the date received cannot be in the future', '受領日に未来の日付は指定できません'));
  } else if (input.receivedOn < p.pledgedOn) {
    out.push(r('received_before_pledge', 'receivedOn', `the date received cannot be before the pledge (${p.pledgedOn})`, `受領日は寄附の申出日(${p.pledgedOn})より前にできません`));
  }
  if (input.receivedOn > p.expiresOn) {
    out.push(
      r(
        'received_after_plan_end',
        'receivedOn',
        `the money was received after the regional revitalization plan period (or the scheme) ended on ${p.expiresOn}, so it does not qualify`,
        `受領日が地域再生計画の計画期間(または制度の適用期限)の終了日(${p.expiresOn})より後のため、対象になりません`,
      ),
    );
  }
  return out;
}

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

export interface Party {
  sub: string;
  companyId?: string;
  isCompany: boolean;
  treasurerTowns: TownCode[];
  isAdmin: boolean;
}

export const isPledgeCompany = (p: Pledge, who: Party) => who.isCompany && who.companyId === p.companyId;
export const isPledgeTreasurer = (p: Pledge, who: Party) => who.treasurerTowns.includes(p.receivingTown);
export const canViewPledge = (p: Pledge, who: Party) => isPledgeCompany(p, who) || isPledgeTreasurer(p, who) || who.isAdmin;
/** Money received is the receiving town's act alone: not another town's treasurer, not the network admin. */
export const canConfirmPledge = (p: Pledge, who: Party) => isPledgeTreasurer(p, who);
export const canCancelPledge = (p: Pledge, who: Party) => isPledgeCompany(p, who) || isPledgeTreasurer(p, who);

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
