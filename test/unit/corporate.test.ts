/**
 * The corporate-version rules as pure functions: each refusal on its own, the relief estimate and its
 * bounds, receipt checks and numbering, disclosure, and the regional plan rules.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CORPORATE_MIN,
  companyYearSummaries,
  corporateDonorYears,
  corporateReceiptNumber,
  estimateRelief,
  expiryFor,
  fiscalYearLabel,
  isDueToExpire,
  pledgeRefusals,
  publicCounterpart,
  receiptRefusals,
  receivedEntry,
  SCHEME_END,
  type Pledge,
  type PledgeFacts,
  type PledgeRequest,
} from '../../functions/domain/corporate.js';
import { planIssues, planStanding, type RegionalPlan } from '../../functions/domain/regional-plans.js';
import { isMessageKey, t, type Lang } from '../../functions/i18n/index.js';

const textOf = (lang: Lang, r: { key?: string; code: string; params?: Record<string, string | number> }) => {
  const key = `error.${r.key ?? r.code}`;
  if (!isMessageKey(key)) throw new Error(`no catalog sentence ${key}`);
  return t(lang, key, r.params);
};

const YOKOZE = '113611';
const BANDAI = '074071';
const AMA = '325252';
const TODAY = '2026-11-29';

const plan = (over: Partial<RegionalPlan> = {}): RegionalPlan => ({
  id: 'plan-1',
  town: BANDAI,
  name: '磐梯町計画',
  approvedOn: '2025-03-20',
  periodStart: '2025-04-01',
  periodEnd: '2028-03-31',
  projects: [{ name: '共創事業', challengeIds: ['dx'], fundIds: ['kikin'] }],
  createdAt: '2025-03-20T00:00:00Z',
  createdBy: 'seed',
  version: 1,
  ...over,
});

const req = (over: Partial<PledgeRequest> = {}): PledgeRequest => ({
  target: { kind: 'challenge', id: 'dx' },
  receivingTown: BANDAI,
  amount: 1_000_000,
  noEconomicBenefit: true,
  disclose: { name: true, amount: true },
  ...over,
});

const facts = (over: Partial<PledgeFacts> = {}): PledgeFacts => ({
  company: { id: 'company-yokoze', headOfficeTown: YOKOZE },
  town: { code: BANDAI, name: '磐梯町', nameEn: 'Bandai' },
  target: { kind: 'challenge', id: 'dx', towns: [YOKOZE, BANDAI], status: 'open', operatorCompanyId: 'company1' },
  plans: [plan()],
  today: TODAY,
  ...over,
});

const codes = (r: PledgeRequest, f: PledgeFacts) => pledgeRefusals(r, f).map((x) => x.code);

describe('pledge refusals, one rule at a time', () => {
  it('accepts a pledge that breaks no rule', () => {
    expect(pledgeRefusals(req(), facts())).toEqual([]);
  });

  it('minimum ¥100,000 per donation (¥99,999 refused, ¥100,000 accepted)', () => {
    expect(codes(req({ amount: CORPORATE_MIN - 1 }), facts())).toEqual(['below_minimum']);
    expect(codes(req({ amount: CORPORATE_MIN }), facts())).toEqual([]);
  });

  it('the head-office municipality cannot receive the company’s donation', () => {
    const f = facts({ town: { code: YOKOZE, name: '横瀬町', nameEn: 'Yokoze' }, plans: [plan({ town: YOKOZE })] });
    expect(codes(req({ receivingTown: YOKOZE }), f)).toEqual(['head_office_town']);
  });

  it('an excluded town cannot receive', () => {
    expect(codes(req(), facts({ town: { code: BANDAI, name: '磐梯町', nameEn: 'Bandai', corporateVersionExcluded: true } }))).toEqual(['town_excluded']);
  });

  it('a town outside the network cannot receive', () => {
    expect(codes(req(), facts({ town: undefined }))).toEqual(['unknown_town']);
  });

  it('the town must take part in the challenge', () => {
    expect(codes(req({ receivingTown: AMA }), facts({ town: { code: AMA, name: '海士町', nameEn: 'Ama' } }))).toEqual(['town_not_participant']);
  });

  it('the project must be in an approved plan of the receiving town', () => {
    expect(codes(req(), facts({ plans: [] }))).toEqual(['not_in_regional_plan']);
    expect(codes(req(), facts({ plans: [plan({ projects: [{ name: 'x', challengeIds: ['other'], fundIds: [] }] })] }))).toEqual(['not_in_regional_plan']);
  });

  it('the plan period must cover the pledge day (ended; not yet started)', () => {
    expect(codes(req(), facts({ plans: [plan({ periodEnd: '2026-03-31' })] }))).toEqual(['plan_period_ended']);
    expect(codes(req(), facts({ plans: [plan({ periodStart: '2027-04-01' })] }))).toEqual(['plan_period_not_started']);
    // an ended plan does not hide a current one
    expect(codes(req(), facts({ plans: [plan({ id: 'old', periodEnd: '2025-03-31', periodStart: '2020-04-01' }), plan()] }))).toEqual([]);
  });

  it('nothing after the scheme’s end (31 March 2028)', () => {
    expect(SCHEME_END).toBe('2028-03-31');
    expect(codes(req(), facts({ today: '2028-04-01' }))).toEqual(['scheme_ended']);
    expect(codes(req(), facts({ today: '2028-03-31' }))).toEqual([]);
  });

  it('the no-economic-benefit declaration is required', () => {
    expect(codes(req({ noEconomicBenefit: false }), facts())).toEqual(['economic_benefit_not_declared']);
  });

  it('the operator of the challenge cannot pledge to it, but may to a fund', () => {
    expect(codes(req(), facts({ company: { id: 'company1', headOfficeTown: '131130' } }))).toEqual(['operator_conflict']);
    const fund = facts({ company: { id: 'company1', headOfficeTown: '131130' }, target: { kind: 'fund', id: 'kikin', towns: [YOKOZE, BANDAI, AMA] } });
    expect(codes(req({ target: { kind: 'fund', id: 'kikin' } }), fund)).toEqual([]);
  });

  it('a challenge that is not open, or past its deadline, takes no pledge', () => {
    expect(codes(req(), facts({ target: { ...facts().target, status: 'closed' } }))).toEqual(['challenge_not_open']);
    expect(codes(req(), facts({ target: { ...facts().target, deadlinePassed: true } }))).toEqual(['challenge_not_open']);
  });

  it('every refusal has a stable code, a field, and text in Japanese and English', () => {
    const all = pledgeRefusals(req({ amount: 1, noEconomicBenefit: false, receivingTown: YOKOZE }), facts({ town: { code: YOKOZE, name: '横瀬町', nameEn: 'Yokoze', corporateVersionExcluded: true }, plans: [], company: { id: 'company1', headOfficeTown: YOKOZE } }));
    expect(all.map((r) => r.code)).toEqual(['below_minimum', 'economic_benefit_not_declared', 'town_excluded', 'head_office_town', 'operator_conflict', 'not_in_regional_plan']);
    for (const x of all) {
      // The words are the catalog's: the refusal names its sentence and fills it.
      const r = { ...x, ja: textOf('ja', x), en: textOf('en', x) };
      expect(r.code).toMatch(/^[a-z_]+$/);
      expect(r.path).toBeTruthy();
      expect(r.ja).toMatch(/[ぁ-んァ-ン一-龥]/);
      expect(r.en).toMatch(/[a-z]{3}/);
      expect(r.en).not.toMatch(/[ぁ-ん]/);
      expect(r.ja + r.en).not.toMatch(/\{\w+\}/);
    }
  });
});

describe('estimated relief', () => {
  it('¥1,000,000: inhabitant 40%, enterprise 20%, corporate 0 (up to 10%), loss deduction 30%: ~90%', () => {
    const relief = estimateRelief(1_000_000);
    const e = { ...relief, caveats: { ja: relief.caveats.map((c) => t('ja', `corporate.caveat.${c}`)), en: relief.caveats.map((c) => t('en', `corporate.caveat.${c}`)) } };
    expect(e.taxCredit).toEqual({ inhabitantTax: 400_000, corporateTax: 0, enterpriseTax: 200_000, total: 600_000 });
    expect(e.corporateTaxMax).toBe(100_000);
    expect(e.lossDeduction).toBe(300_000);
    expect(e.total).toBe(900_000);
    expect(e.netCost).toBe(100_000);
    expect(e.caveats.ja).toHaveLength(e.caveats.en.length);
    expect(e.caveats.ja.join('')).toContain('法人税割額の20%');
    expect(e.caveats.ja.join('')).toContain('法人税額の5%');
  });

  it('is integer yen, the credit never exceeds 60% nor the total 90%, and parts add up', () => {
    fc.assert(
      fc.property(fc.integer({ min: CORPORATE_MIN, max: 10_000_000_000 }), (amount) => {
        const e = estimateRelief(amount);
        for (const v of [e.taxCredit.inhabitantTax, e.taxCredit.enterpriseTax, e.lossDeduction, e.total, e.netCost]) expect(Number.isSafeInteger(v)).toBe(true);
        expect(e.taxCredit.total * 100).toBeLessThanOrEqual(amount * 60);
        expect(e.total * 100).toBeLessThanOrEqual(amount * 90);
        expect(e.taxCredit.total).toBe(e.taxCredit.inhabitantTax + e.taxCredit.corporateTax + e.taxCredit.enterpriseTax);
        expect(e.total + e.netCost).toBe(amount);
        expect(amount * 90 - e.total * 100).toBeLessThan(300); // floors lose less than ¥3
      }),
    );
  });
});

const pledge = (over: Partial<Pledge> = {}): Pledge => ({
  id: 'pl-1',
  companyId: 'company-yokoze',
  companyName: '横瀬林業株式会社',
  corporateNumber: '4030001067890',
  companyAddress: '埼玉県',
  headOfficeTown: YOKOZE,
  contactEmail: 'a@example.jp',
  target: { kind: 'challenge', id: 'dx' },
  targetTitle: 'DX',
  targetTitleEn: 'DX',
  receivingTown: BANDAI,
  amount: 500_000,
  noEconomicBenefit: true,
  disclose: { name: true, amount: true },
  status: 'pledged',
  pledgedOn: '2026-10-01',
  expiresOn: '2028-03-31',
  planId: 'plan-1',
  planName: '計画',
  projectName: '事業',
  fiscalYear: 2026,
  createdAt: '2026-10-01T00:00:00Z',
  createdBy: 'company-yokoze',
  ...over,
});

describe('bank receipt', () => {
  it('refuses a different amount (no partial receipts), future dates, dates before the pledge or after the plan', () => {
    const p = pledge();
    expect(receiptRefusals(p, { receivedOn: '2026-11-01', amount: 500_000 }, TODAY)).toEqual([]);
    expect(receiptRefusals(p, { receivedOn: '2026-11-01', amount: 400_000 }, TODAY).map((r) => r.code)).toEqual(['amount_mismatch']);
    expect(receiptRefusals(p, { receivedOn: '2026-12-01', amount: 500_000 }, TODAY).map((r) => r.code)).toEqual(['received_in_future']);
    expect(receiptRefusals(p, { receivedOn: '2026-09-30', amount: 500_000 }, TODAY).map((r) => r.code)).toEqual(['received_before_pledge']);
    expect(receiptRefusals(pledge({ expiresOn: '2026-10-31' }), { receivedOn: '2026-11-01', amount: 500_000 }, TODAY).map((r) => r.code)).toEqual(['received_after_plan_end']);
  });

  it('posts bank → challenge or fund share, channel corporate, dated the day received', () => {
    const e = receivedEntry(pledge(), '2026-11-02');
    expect(e).toMatchObject({ id: 'pledge:pl-1:received', date: '2026-11-02', channel: 'corporate', town: BANDAI, counterpart: '横瀬林業株式会社' });
    expect(e.postings).toEqual([
      { account: 'town:074071:bank', amount: 500_000 },
      { account: 'challenge:dx:available', amount: -500_000 },
    ]);
    expect(receivedEntry(pledge({ target: { kind: 'fund', id: 'kikin' } }), '2026-11-02').postings[1]).toEqual({ account: 'fund:kikin:share:074071', amount: -500_000 });
  });

  it('names the company on the public ledger only with consent to both name and amount', () => {
    expect(publicCounterpart(pledge({ disclose: { name: true, amount: true } }))).toBe('横瀬林業株式会社');
    expect(publicCounterpart(pledge({ disclose: { name: true, amount: false } }))).toBeUndefined();
    expect(publicCounterpart(pledge({ disclose: { name: false, amount: true } }))).toBeUndefined();
  });

  it('numbers receipts per town per fiscal year', () => {
    expect(corporateReceiptNumber(2026, BANDAI, 1)).toBe('C2026-074071-00001');
    expect(() => corporateReceiptNumber(2026, BANDAI, 0)).toThrow();
    expect(fiscalYearLabel(2026, 'ja')).toBe('令和8年度');
    expect(fiscalYearLabel(2019, 'ja')).toBe('令和元年度');
    expect(fiscalYearLabel(2026, 'en')).toBe('FY2026');
  });

  it('expires unpaid pledges after the plan’s end, capped at the scheme’s end', () => {
    expect(expiryFor('2030-03-31')).toBe(SCHEME_END);
    expect(expiryFor('2027-03-31')).toBe('2027-03-31');
    expect(isDueToExpire(pledge(), '2028-03-31')).toBe(false);
    expect(isDueToExpire(pledge(), '2028-04-01')).toBe(true);
    expect(isDueToExpire(pledge({ status: 'paid' }), '2028-04-01')).toBe(false);
  });
});

describe('disclosure', () => {
  it('per fiscal year of receipt: consenting names, amounts only with consent, unpaid never', () => {
    const years = corporateDonorYears([
      pledge({ id: 'a', status: 'paid', receivedOn: '2026-05-01', companyName: 'A社', amount: 100_000, disclose: { name: true, amount: true } }),
      pledge({ id: 'b', status: 'paid', receivedOn: '2026-06-01', companyName: 'B社', amount: 200_000, disclose: { name: true, amount: false } }),
      pledge({ id: 'c', status: 'paid', receivedOn: '2027-03-31', companyName: 'C社', amount: 300_000, disclose: { name: false, amount: true } }),
      pledge({ id: 'd', status: 'paid', receivedOn: '2027-04-01', companyName: 'D社', amount: 400_000 }),
      pledge({ id: 'e', status: 'pledged', companyName: 'E社', amount: 999_000 }),
    ]);
    expect(years.map((y) => y.fiscalYear)).toEqual([2027, 2026]);
    expect(years[1]).toEqual({ fiscalYear: 2026, donors: [{ name: 'A社', amount: 100_000 }, { name: 'B社' }], anonymousCount: 1, anonymousTotal: 500_000, count: 3, total: 600_000 });
    expect(JSON.stringify(years)).not.toContain('C社');
    expect(JSON.stringify(years)).not.toContain('E社');
  });

  it('never names a company that did not consent, and totals every paid donation', () => {
    const arb = fc.array(
      fc.record({ name: fc.boolean(), amount: fc.boolean(), paid: fc.boolean(), yen: fc.integer({ min: 100_000, max: 5_000_000 }), day: fc.integer({ min: 0, max: 700 }) }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(arb, (rows) => {
        const list = rows.map((r, i) =>
          pledge({
            id: `p${i}`,
            companyName: `社${i}号`,
            amount: r.yen,
            status: r.paid ? 'paid' : 'pledged',
            receivedOn: r.paid ? new Date(Date.UTC(2026, 0, 1) + r.day * 86_400_000).toISOString().slice(0, 10) : undefined,
            disclose: { name: r.name, amount: r.name && r.amount },
          }),
        );
        const years = corporateDonorYears(list);
        const named = new Set(years.flatMap((y) => y.donors.map((d) => d.name)));
        list.forEach((p) => expect(named.has(p.companyName)).toBe(p.status === 'paid' && p.disclose.name));
        const shownAmounts = years.flatMap((y) => y.donors).reduce((a, d) => a + (d.amount ?? 0), 0);
        const total = years.reduce((a, y) => a + y.total, 0);
        expect(total).toBe(list.filter((p) => p.status === 'paid').reduce((a, p) => a + p.amount, 0));
        expect(shownAmounts + years.reduce((a, y) => a + y.anonymousTotal, 0)).toBe(total);
      }),
    );
  });

  it('sums a company’s years: paid with estimated relief, pending apart', () => {
    const s = companyYearSummaries([pledge({ status: 'paid', fiscalYear: 2026, amount: 1_000_000 }), pledge({ id: 'x', status: 'pledged', fiscalYear: 2026 }), pledge({ id: 'y', status: 'cancelled' })]);
    expect(s).toEqual([{ fiscalYear: 2026, paidCount: 1, paidAmount: 1_000_000, estimatedRelief: 900_000, estimatedTaxCredit: 600_000, pendingCount: 1, pendingAmount: 500_000 }]);
  });
});

describe('regional plans', () => {
  const targets = { challenges: [{ id: 'dx', towns: [YOKOZE, BANDAI] }, { id: 'forest', towns: [YOKOZE] }], funds: [{ id: 'kikin', members: [YOKOZE, BANDAI, AMA] }] };
  const input = { name: '計画', approvedOn: '2025-03-20', periodStart: '2025-04-01', periodEnd: '2028-03-31', projects: [{ name: '事業', challengeIds: ['dx'], fundIds: ['kikin'] }] };

  it('accepts a plan that lists only the town’s own challenges and funds', () => {
    expect(planIssues(BANDAI, input, targets, TODAY)).toEqual([]);
  });

  it('refuses other towns’ challenges, unknown ids, reversed periods, future approval and blank names', () => {
    const codesOf = (over: Partial<typeof input>, town = BANDAI) => planIssues(town, { ...input, ...over }, targets, TODAY).map((i) => i.code);
    expect(codesOf({ projects: [{ name: 'x', challengeIds: ['forest'], fundIds: [] }] })).toEqual(['challenge_not_of_town']);
    expect(codesOf({ projects: [{ name: 'x', challengeIds: ['nope'], fundIds: ['nofund'] }] })).toEqual(['unknown_challenge', 'unknown_fund']);
    expect(codesOf({ periodStart: '2028-04-01' })).toEqual(['period_reversed']);
    expect(codesOf({ approvedOn: '2027-01-01' })).toEqual(['approval_in_future']);
    expect(codesOf({ name: ' ' })).toEqual(['required']);
    expect(codesOf({ projects: [] })).toEqual(['required']);
    expect(codesOf({ approvedOn: '2025-02-30' })).toEqual(['invalid_date']);
  });

  it('finds where a target stands on a date', () => {
    expect(planStanding([plan()], { kind: 'challenge', id: 'dx' }, TODAY).kind).toBe('eligible');
    expect(planStanding([plan()], { kind: 'fund', id: 'kikin' }, TODAY).kind).toBe('eligible');
    expect(planStanding([plan()], { kind: 'fund', id: 'other' }, TODAY).kind).toBe('none');
    expect(planStanding([plan()], { kind: 'challenge', id: 'dx' }, '2028-04-01')).toEqual({ kind: 'period', ended: true, latestEnd: '2028-03-31' });
  });
});
