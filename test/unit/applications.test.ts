/** The pure rules of co-creation applications, challenge lifecycle and company profiles. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applicationIssues,
  canRead,
  normalizeInput,
  outcomeOf,
  reviewIssues,
  submissionIssues,
  visibleReview,
  type ApplicationInput,
  type Review,
  type ReviewDecision,
} from '../../functions/domain/applications.js';
import { acceptsDonations, canMove, challengeDraftIssues, isDueToClose, nextStatus } from '../../functions/domain/challenge-lifecycle.js';
import { companyProfileIssues, normalizeDigits } from '../../functions/domain/company.js';
import type { Issue } from '../../functions/domain/errors.js';
import { t, type Lang, type MessageKey } from '../../functions/i18n/index.js';

/** An issue's sentence as a reader sees it: domain rules return codes and catalog keys, not words. */
const say = (lang: Lang, i: Issue) => t(lang, `error.${i.key ?? i.code}` as MessageKey, i.params);

const YOKOZE = '113611';
const BANDAI = '074071';
const AMA = '325252';
const NETWORK = new Set([YOKOZE, BANDAI, AMA]);

const input = (over: Partial<ApplicationInput> = {}): ApplicationInput => ({
  title: '提案',
  summary: '概要',
  problem: '課題',
  proposal: '提案内容',
  towns: [YOKOZE, BANDAI],
  requestedAmount: 1_000_000,
  budget: [
    { item: 'a', amount: 700_000 },
    { item: 'b', amount: 300_000 },
  ],
  kpis: ['利用者 300人'],
  startDate: '2027-04-01',
  endDate: '2028-03-31',
  corporateVersion: false,
  ...over,
});

const codes = (over: Partial<ApplicationInput>, network: ReadonlySet<string> | null = NETWORK) => applicationIssues(input(over), network ?? undefined).map((i) => i.code);

describe('application rules', () => {
  it('accepts a complete application', () => {
    expect(applicationIssues(input(), NETWORK)).toEqual([]);
    expect(submissionIssues(input(), NETWORK)).toEqual([]);
  });

  it('needs budget lines that add up to the requested amount, to the yen', () => {
    expect(codes({ requestedAmount: 1_000_001 })).toEqual(['budget_mismatch']);
    const issue = applicationIssues(input({ requestedAmount: 999_999 }), NETWORK)[0]!;
    expect(issue.path).toBe('budget');
    expect(say('en', issue)).toMatch(/¥1,000,000.*¥999,999/);
    expect(say('ja', issue)).toMatch(/一致しません/);
  });

  it('holds for any split: lines that sum to the amount pass, any other amount fails', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5_000_000 }), { minLength: 1, maxLength: 10 }), fc.integer({ min: -1000, max: 1000 }), (amounts, delta) => {
        const total = amounts.reduce((a, b) => a + b, 0);
        const budget = amounts.map((amount, i) => ({ item: `line ${i}`, amount }));
        const requested = total + delta;
        const issues = applicationIssues(input({ budget, requestedAmount: requested }), NETWORK).map((i) => i.code);
        if (requested <= 0) expect(issues).toContain('invalid_amount');
        else if (delta === 0) expect(issues).toEqual([]);
        else expect(issues).toEqual(['budget_mismatch']);
      }),
    );
  });

  it('refuses non-integer, zero and negative yen', () => {
    expect(codes({ requestedAmount: 1000.5, budget: [{ item: 'a', amount: 1000.5 }] })).toEqual(['invalid_amount', 'invalid_amount']);
    expect(codes({ requestedAmount: 0, budget: [{ item: 'a', amount: 0 }] })).toEqual(['invalid_amount', 'invalid_amount']);
    expect(codes({ requestedAmount: 100, budget: [{ item: 'a', amount: 200 }, { item: 'b', amount: -100 }] })).toEqual(['invalid_amount']);
  });

  it('needs the end date on or after the start date', () => {
    expect(codes({ startDate: '2027-04-01', endDate: '2027-04-01' })).toEqual([]);
    expect(codes({ startDate: '2027-04-01', endDate: '2027-03-31' })).toEqual(['end_before_start']);
    expect(codes({ startDate: '2027-02-29' })).toEqual(['invalid_date']);
  });

  it('needs a title and at least one KPI', () => {
    expect(codes({ title: ' ' })).toEqual(['required']);
    expect(codes({ kpis: [] })).toEqual(['required']);
    expect(codes({ kpis: ['', ''] })).toContain('required');
  });

  it('names only valid, distinct network towns', () => {
    expect(codes({ towns: [] })).toEqual(['required']);
    expect(codes({ towns: ['113612'] })).toEqual(['invalid_town_code']);
    expect(codes({ towns: [YOKOZE, '131130'] })).toEqual(['unknown_town']);
    expect(codes({ towns: [YOKOZE, '131130'] }, null)).toEqual([]);
    expect(codes({ towns: [YOKOZE, YOKOZE] })).toEqual(['duplicate_town']);
  });

  it('lets a draft be unfinished prose but not a submission', () => {
    const d = input({ summary: '', problem: '', proposal: '' });
    expect(applicationIssues(d, NETWORK)).toEqual([]);
    expect(submissionIssues(d, NETWORK).map((i) => i.path)).toEqual(['summary', 'problem', 'proposal']);
  });

  it('trims what people type and drops empty KPI lines', () => {
    const n = normalizeInput(input({ title: '  提案  ', kpis: [' a ', '', '  '] }));
    expect(n.title).toBe('提案');
    expect(n.kpis).toEqual(['a']);
  });
});

describe('review outcome', () => {
  const towns = [YOKOZE, BANDAI];
  it('is adopted only when every named town accepted', () => {
    expect(outcomeOf(towns, {})).toBe('submitted');
    expect(outcomeOf(towns, { [YOKOZE]: 'accepted' })).toBe('submitted');
    expect(outcomeOf(towns, { [YOKOZE]: 'accepted', [BANDAI]: 'accepted' })).toBe('adopted');
    // A decision by a town that is not named does not count.
    expect(outcomeOf(towns, { [YOKOZE]: 'accepted', [AMA]: 'accepted' })).toBe('submitted');
  });

  it('is rejected by any one rejection, returned by any request for changes', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom<ReviewDecision | undefined>('accepted', 'rejected', 'changes_requested', undefined), { minLength: 1, maxLength: 5 }), (ds) => {
        const ts = ds.map((_, i) => `t${i}`);
        const decisions = Object.fromEntries(ds.flatMap((d, i) => (d ? [[ts[i]!, d]] : [])));
        const out = outcomeOf(ts, decisions);
        if (ds.includes('rejected')) expect(out).toBe('rejected');
        else if (ds.includes('changes_requested')) expect(out).toBe('changes_requested');
        else if (ds.every((d) => d === 'accepted')) expect(out).toBe('adopted');
        else expect(out).toBe('submitted');
      }),
    );
  });

  it('scores are integers 1–5 and the public answer is required', () => {
    const ok = { decision: 'accepted', scores: { proposer: 1, residents: 5, town: 3 }, publicAnswer: 'ok' };
    expect(reviewIssues(ok)).toEqual([]);
    expect(reviewIssues({ ...ok, scores: { proposer: 0, residents: 6, town: 2.5 } }).map((i) => i.path)).toEqual(['scores.proposer', 'scores.residents', 'scores.town']);
    expect(reviewIssues({ ...ok, publicAnswer: ' ' }).map((i) => i.path)).toEqual(['publicAnswer']);
    expect(reviewIssues({ ...ok, decision: 'maybe' }).map((i) => i.path)).toEqual(['decision']);
  });
});

describe('who reads what', () => {
  const app = { companyId: 'company1', towns: [YOKOZE, BANDAI], round: 1 };
  const company1 = { sub: 'u1', roles: ['company'], companyId: 'company1' };
  const other = { sub: 'u2', roles: ['company'], companyId: 'company-yokoze' };
  const yokoze = { sub: 'r1', roles: [`reviewer:${YOKOZE}`] };
  const ama = { sub: 'r3', roles: [`reviewer:${AMA}`] };
  const treasurer = { sub: 't1', roles: [`treasurer:${YOKOZE}`] };

  it('owner, admin and named towns’ reviewers (once submitted) read it; nobody else', () => {
    expect(canRead(app, company1)).toBe(true);
    expect(canRead(app, { sub: 'a', roles: ['admin'] })).toBe(true);
    expect(canRead(app, yokoze)).toBe(true);
    expect(canRead({ ...app, round: 0 }, yokoze)).toBe(false);
    expect(canRead(app, other)).toBe(false);
    expect(canRead(app, ama)).toBe(false);
    expect(canRead(app, treasurer)).toBe(false);
    expect(canRead(app, undefined)).toBe(false);
  });

  it('shows a private note only to its own town’s reviewers', () => {
    const r: Review = { applicationId: 'a', round: 1, town: YOKOZE, decision: 'accepted', scores: { proposer: 3, residents: 3, town: 3 }, publicAnswer: 'pub', privateNote: 'secret', reviewerId: 'r1', at: 'x' };
    expect(visibleReview(r, yokoze).privateNote).toBe('secret');
    expect(visibleReview(r, company1).privateNote).toBeUndefined();
    expect(visibleReview(r, { sub: 'r2', roles: [`reviewer:${BANDAI}`] }).privateNote).toBeUndefined();
    expect(visibleReview(r, company1).publicAnswer).toBe('pub');
  });
});

describe('challenge lifecycle', () => {
  // 2026-12-31 ends at 2026-12-31T14:59:59.999Z (JST midnight).
  const lastMoment = new Date('2026-12-31T14:59:59.999Z');
  const after = new Date('2026-12-31T15:00:00.000Z');

  it('accepts donations only while open and through the whole deadline day in JST', () => {
    const ch = { status: 'open' as const, deadline: '2026-12-31' };
    expect(acceptsDonations(ch, lastMoment)).toBe(true);
    expect(acceptsDonations(ch, after)).toBe(false);
    for (const status of ['draft', 'closed', 'in_progress', 'completed'] as const) expect(acceptsDonations({ ...ch, status }, lastMoment)).toBe(false);
  });

  it('is due to close only when open and past the deadline', () => {
    expect(isDueToClose({ status: 'open', deadline: '2026-12-31' }, after)).toBe(true);
    expect(isDueToClose({ status: 'open', deadline: '2026-12-31' }, lastMoment)).toBe(false);
    expect(isDueToClose({ status: 'closed', deadline: '2026-12-31' }, after)).toBe(false);
  });

  it('moves only forward, one step at a time', () => {
    expect(nextStatus('draft')).toBe('open');
    expect(canMove('closed', 'in_progress')).toBe(true);
    expect(canMove('in_progress', 'completed')).toBe(true);
    expect(canMove('open', 'in_progress')).toBe(false);
    expect(canMove('completed', 'open')).toBe(false);
    expect(canMove('draft', 'completed')).toBe(false);
  });

  it('makes a challenge only with the adopting towns, a participating lead and a future deadline', () => {
    const ok = { title: 't', summary: 's', description: 'd', towns: [YOKOZE, BANDAI], leadTown: YOKOZE, target: 1_000_000, deadline: '2027-01-31' };
    const ctx = { applicationTowns: [YOKOZE, BANDAI], now: new Date('2026-12-01T00:00:00Z') };
    expect(challengeDraftIssues(ok, ctx)).toEqual([]);
    const c = (over: object) => challengeDraftIssues({ ...ok, ...over }, ctx).map((i) => i.code);
    expect(c({ towns: [YOKOZE, AMA] })).toEqual(['town_not_in_application']);
    expect(c({ leadTown: AMA })).toEqual(['lead_not_participating']);
    expect(c({ deadline: '2026-11-30' })).toEqual(['deadline_past']);
    expect(c({ target: 0 })).toEqual(['invalid_amount']);
  });
});

describe('company profile', () => {
  const ok = {
    corporateNumber: '2011001012345',
    name: '株式会社共創テック',
    nameKana: 'カブシキガイシャキョウソウテック',
    headOfficeAddress: '東京都渋谷区渋谷2-1-1',
    headOfficeTown: '131130',
    contactName: '山田 花子',
    contactEmail: 'hanako@kyoso-tech.example',
  };
  it('validates the 法人番号 and municipality check digits, in both languages', () => {
    expect(companyProfileIssues(ok)).toEqual([]);
    const bad = companyProfileIssues({ ...ok, corporateNumber: '3011001012345', headOfficeTown: '131139' });
    expect(bad.map((i) => i.path)).toEqual(['corporateNumber', 'headOfficeTown']);
    expect(say('ja', bad[0]!)).toMatch(/法人番号/);
    expect(say('en', bad[0]!)).toMatch(/check digit/);
    // A town's own 法人番号 (5000020113611 for Yokoze) is a valid number too.
    expect(companyProfileIssues({ ...ok, corporateNumber: '5000020113611' })).toEqual([]);
  });
  it('reads full-width digits and hyphens as people paste them', () => {
    expect(normalizeDigits('２０１１-００１０-１２３４５')).toBe('2011001012345');
  });
});
