/**
 * The treasurers' back office as server-rendered pages, and the operating company's disbursement request
 * form. Plain POST forms that redirect (with a notice, or the refusal's code) on completion and re-render
 * with each error beside its field; every rule is the same store call the JSON API makes.
 */
import type { Context } from 'hono';
import { accounts } from '../../domain/ledger/accounts.js';
import type { Allocation } from '../../domain/allocations.js';
import type { Disbursement, TownBankAccount } from '../../domain/disbursements.js';
import { RuleError, type RuleErrorDetail } from '../../domain/governance.js';
import { fiscalYear, isValidDateString, jstDate } from '../../domain/jst.js';
import { fiscalComparison } from '../../domain/reports.js';
import { chart, compactYen } from '../../domain/svg-chart.js';
import { approveAllocation, getAllocation, listAllocations, proposeAllocation, rejectAllocation } from '../../store/allocations.js';
import { challengeTotals, fundShares, getChallenge, getFund, listChallenges, listFunds, listTowns } from '../../store/catalog.js';
import type { Db } from '../../store/db.js';
import {
  approveDisbursement,
  getDisbursement,
  getTownBankAccount,
  listTownDisbursements,
  markDisbursementPaid,
  putTownBankAccount,
  rejectDisbursement,
  requestDisbursement,
} from '../../store/disbursements.js';
import { NotFoundError } from '../../store/errors.js';
import { readShards } from '../../store/ledger.js';
import { BACK_OFFICE_CSS, BACK_OFFICE_CSS_HASH, BACK_OFFICE_CSS_PATH, type FieldErrors } from '../../../web/components/back-office-ui.js';
import { t, errorText, isMessageKey, type Lang } from '../../i18n/index.js';
import { indexTowns } from '../../../web/components/town-badge.js';
import { AllocationDetailPage } from '../../../web/pages/allocation-detail.js';
import { AllocationFormPage, type AllocationFormValues } from '../../../web/pages/allocation-form.js';
import { DisbursementDetailPage } from '../../../web/pages/disbursement-detail.js';
import { DisbursementRequestPage, type DisbursementRequestValues } from '../../../web/pages/disbursement-request.js';
import { FiscalReportPage } from '../../../web/pages/fiscal-report.js';
import { BankAccountPage, NotAllowedPage, TreasurerDashboardPage, type ChartView } from '../../../web/pages/treasurer-dashboard.js';
import { actorOf } from '../back-office.js';
import { hasRole, townsWithRole, type Principal } from '../auth.js';
import type { AppEnv } from '../context.js';
import { pageCtx, renderPage, signInRedirect } from '../page-context.js';
import { createRouter } from '../router.js';
import { BankAccountSchema, RequestDisbursementRequest } from '../schemas/disbursements.js';
import { fiscalReport, townChallenges, townFlowFacts } from '../treasurer-reports.js';
import { renderNotFound } from './pages.js';
import { safeBack } from '../page-context.js';

type C = Context<AppEnv>;

export const treasurerPages = createRouter();

// ---------------------------------------------------------------- helpers

const today = (db: Db) => jstDate(db.now ? db.now() : new Date());

/** Back-office pages are personal: nobody but the reader's browser keeps them. */
async function render(c: C, page: Parameters<typeof renderPage>[1], status: Parameters<typeof renderPage>[2] = 200): Promise<Response> {
  const res = await renderPage(c, page, status);
  res.headers.set('Cache-Control', 'private, no-store');
  return res;
}

function signIn(c: C): Response {
  return signInRedirect(c);
}

function refuse(c: C, message: string) {
  return render(c, <NotAllowedPage ctx={pageCtx(c)} message={message} />, 403);
}

interface TreasurerGate {
  principal: Principal;
  myTowns: string[];
  town: string;
}

/** Signed in as a treasurer; the town is ?town= when it is one of theirs, else their first. */
async function treasurerGate(c: C): Promise<TreasurerGate | Response> {
  const principal = c.var.principal;
  if (!principal) return signIn(c);
  const myTowns = townsWithRole(principal, 'treasurer').sort();
  if (!myTowns.length) return refuse(c, t(c.var.lang, 'treasury.bo.forbidden'));
  const asked = c.req.query('town');
  return { principal, myTowns, town: asked && myTowns.includes(asked) ? asked : myTowns[0]! };
}

function withParam(path: string, key: string, value: string): string {
  const url = new URL(path, 'http://x');
  url.searchParams.delete('notice');
  url.searchParams.delete('problem');
  url.searchParams.set(key, value);
  return url.pathname + url.search;
}

const noticeOf = (c: C) => {
  const n = c.req.query('notice');
  return n && isMessageKey(`treasury.notice.${n}`) ? n : undefined;
};
const problemOf = (c: C) => {
  const code = c.req.query('problem');
  return code ? errorText(c.var.lang, code) : undefined;
};

type Form = Record<string, string | File | (string | File)[]>;
const str = (f: Form, k: string): string => {
  const v = f[k];
  const x = Array.isArray(v) ? v[0] : v;
  return typeof x === 'string' ? x.trim() : '';
};

/** Yen as people type them: 1,000 / １０００ / 1000円. Undefined when it is not a whole number. */
function parseYen(text: string): number | undefined {
  const s = text.normalize('NFKC').replace(/[,\s円¥]/g, '');
  if (!/^\d+$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Codes the user must retype differently, in the reader's language. */
function fieldMessage(lang: Lang, path: string, code?: string): string {
  if (code && isMessageKey(`treasury.err.${code}`)) return errorText(lang, code);
  if (/holderKana|NameKana/.test(path)) return t(lang, 'treasury.err.kana');
  const digits: Record<string, number> = { bankCode: 4, branchCode: 3, accountNumber: 7, requesterCode: 10 };
  const key = path.split('.').pop()!;
  if (digits[key]) return t(lang, 'treasury.err.digits', { n: digits[key]! });
  if (key === 'amount' || key === 'total') return t(lang, 'treasury.err.yen');
  return t(lang, 'treasury.err.required');
}

async function towns(db: Db) {
  return indexTowns((await listTowns(db)).sort((a, b) => a.code.localeCompare(b.code)));
}

// ---------------------------------------------------------------- assets

treasurerPages.get(BACK_OFFICE_CSS_PATH, (c) => {
  c.header('Content-Type', 'text/css; charset=utf-8');
  c.header('Cache-Control', c.req.query('v') === BACK_OFFICE_CSS_HASH ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate');
  return c.body(BACK_OFFICE_CSS);
});

// ---------------------------------------------------------------- dashboard

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

async function charts(db: Db, town: string, lang: Lang, fy: number): Promise<ChartView> {
  const cmp = fiscalComparison(await townFlowFacts(db, town), fy);
  const labels = cmp.current.months.map((m) => (lang === 'ja' ? `${Number(m.slice(5))}月` : MONTHS_EN[Number(m.slice(5)) - 1]!));
  const format = compactYen(lang);
  const inflowSvg = chart({
    id: 'chart-inflow',
    title: t(lang, 'treasury.bo.chart.inflow', { fy }),
    description: t(lang, 'treasury.bo.chart.inflowDesc'),
    categories: labels,
    bars: [
      { name: t(lang, 'treasury.bo.series.individual'), values: cmp.current.series.individual, color: '#1d4e89' },
      { name: t(lang, 'treasury.bo.series.corporate'), values: cmp.current.series.corporate, color: '#a93a24' },
      { name: t(lang, 'treasury.bo.series.allocation'), values: cmp.current.series.allocation, color: '#1f6b45' },
    ],
    lines: [{ name: t(lang, 'treasury.bo.series.inflowLast'), values: cmp.inflowPrevious, color: '#4b5563', dashed: true }],
    formatValue: format,
    minTop: 100_000,
    minStep: 1,
  });
  const outflowSvg = chart({
    id: 'chart-outflow',
    title: t(lang, 'treasury.bo.chart.outflow'),
    description: t(lang, 'treasury.bo.chart.outflowDesc'),
    categories: labels,
    lines: [
      { name: t(lang, 'treasury.bo.series.outThis', { fy }), values: cmp.current.series.outflow, color: '#a93a24' },
      { name: t(lang, 'treasury.bo.series.outLast', { fy: fy - 1 }), values: cmp.previous.series.outflow, color: '#4b5563', dashed: true },
    ],
    formatValue: format,
    minTop: 100_000,
    minStep: 1,
  });
  return {
    fy,
    inflowSvg,
    outflowSvg,
    months: cmp.current.months,
    rows: cmp.current.months.map((_, i) => ({
      individual: cmp.current.series.individual[i]!,
      corporate: cmp.current.series.corporate[i]!,
      allocation: cmp.current.series.allocation[i]!,
      inflowLast: cmp.inflowPrevious[i]!,
      outflow: cmp.current.series.outflow[i]!,
      outflowLast: cmp.previous.series.outflow[i]!,
    })),
  };
}

/** What waits for this person as treasurer of `town`. */
function allocationQueue(all: Allocation[], memberOf: (fundId: string) => boolean, town: string, sub: string) {
  const open = all.filter((a) => a.status === 'proposed' && memberOf(a.fundId));
  const awaiting = open.filter((a) => a.requirement.eligible.includes(town) && !a.approvedTowns.includes(town) && !a.approvers.includes(sub));
  const waitingOthers = open.filter((a) => !awaiting.includes(a) && (a.approvedTowns.includes(town) || a.proposerTown === town));
  return { awaiting, waitingOthers };
}

treasurerPages.get('/treasurer', async (c) => {
  const g = await treasurerGate(c);
  if (g instanceof Response) return g;
  const db = c.var.deps.db;
  const day = today(db);
  const [index, fundList, challenges, allocations, disbursements, bank] = await Promise.all([
    towns(db),
    listFunds(db),
    townChallenges(db, g.town),
    listAllocations(db, { open: true }),
    listTownDisbursements(db, g.town),
    getTownBankAccount(db, g.town),
  ]);
  const myFunds = fundList.filter((f) => f.members.includes(g.town));
  const funds = await Promise.all(
    myFunds.map(async (f) => {
      const shares = await fundShares(db, f);
      return { id: f.id, name: f.name, shares, total: shares.reduce((a, s) => a + s.available, 0) };
    }),
  );
  const balances = await Promise.all(
    challenges.map(async (ch) => {
      const [totals, payable] = await Promise.all([challengeTotals(db, ch.id), readShards(db, accounts.challengePayable(ch.id))]);
      return { id: ch.id, title: c.var.lang === 'en' && ch.titleEn ? ch.titleEn : ch.title, lead: ch.leadTown === g.town, raised: totals.raised, allocated: totals.allocated, available: totals.available, payable: payable.total };
    }),
  );
  const { awaiting, waitingOthers } = allocationQueue(allocations, (id) => myFunds.some((f) => f.id === id), g.town, g.principal.sub);
  const titles = Object.fromEntries(challenges.map((ch) => [ch.id, ch.title]));
  return render(
    c,
    <TreasurerDashboardPage
      ctx={pageCtx(c)}
      town={g.town}
      myTowns={g.myTowns}
      towns={index}
      today={day}
      notice={noticeOf(c)}
      problem={problemOf(c)}
      awaiting={awaiting}
      waitingOthers={waitingOthers}
      disbursements={disbursements.filter((d) => d.status === 'requested' && d.requestedBy !== g.principal.sub && !d.approvers.includes(g.principal.sub))}
      scheduled={disbursements.filter((d) => d.status === 'scheduled')}
      challengeTitles={titles}
      funds={funds}
      challenges={balances}
      charts={await charts(db, g.town, c.var.lang, fiscalYear(day))}
      hasBankAccount={Boolean(bank)}
    />,
  );
});

// ---------------------------------------------------------------- annual report

treasurerPages.get('/treasurer/report', async (c) => {
  const g = await treasurerGate(c);
  if (g instanceof Response) return g;
  const db = c.var.deps.db;
  const day = today(db);
  const current = fiscalYear(day);
  const asked = Number(c.req.query('fy'));
  const fy = Number.isInteger(asked) && asked >= 2000 && asked <= current + 1 ? asked : current;
  const [index, report] = await Promise.all([towns(db), fiscalReport(db, g.town, fy)]);
  return render(c, <FiscalReportPage ctx={pageCtx(c)} towns={index} myTowns={g.myTowns} report={report} today={day} years={[current - 2, current - 1, current]} />);
});

// ---------------------------------------------------------------- bank account

const BANK_FIELDS = ['bankCode', 'bankNameKana', 'branchCode', 'branchNameKana', 'accountType', 'accountNumber', 'requesterCode', 'requesterNameKana'] as const;

treasurerPages.get('/treasurer/bank-account', async (c) => {
  const g = await treasurerGate(c);
  if (g instanceof Response) return g;
  const db = c.var.deps.db;
  const [index, account] = await Promise.all([towns(db), getTownBankAccount(db, g.town)]);
  return render(c, <BankAccountPage ctx={pageCtx(c)} town={g.town} myTowns={g.myTowns} towns={index} values={{ ...(account ?? {}) }} errors={{}} notice={noticeOf(c)} />);
});

treasurerPages.post('/treasurer/bank-account', async (c) => {
  const g = await treasurerGate(c);
  if (g instanceof Response) return g;
  const db = c.var.deps.db;
  const form = await c.req.parseBody();
  const values = Object.fromEntries(BANK_FIELDS.map((k) => [k, str(form, k)])) as Record<keyof TownBankAccount, string>;
  const errors: FieldErrors = {};
  const parsed = BankAccountSchema.safeParse(values);
  if (!parsed.success) for (const i of parsed.error.issues) errors[String(i.path[0])] ??= fieldMessage(c.var.lang, String(i.path[0]));
  if (parsed.success) {
    try {
      await putTownBankAccount(db, g.town, parsed.data, { sub: g.principal.sub }, { requestId: c.var.requestId });
      return c.redirect(`/treasurer/bank-account?town=${g.town}&notice=bank.saved`, 303);
    } catch (e) {
      if (!(e instanceof RuleError)) throw e;
      for (const d of e.details) errors[d.path ?? 'form'] ??= fieldMessage(c.var.lang, d.path ?? '', d.code);
    }
  }
  return render(c, <BankAccountPage ctx={pageCtx(c)} town={g.town} myTowns={g.myTowns} towns={await towns(db)} values={values} errors={errors} />, 400);
});

// ---------------------------------------------------------------- allocations

async function allocationFormData(db: Db, town: string) {
  const funds = (await listFunds(db)).filter((f) => f.members.includes(town));
  const withShares = await Promise.all(funds.map(async (f) => ({ id: f.id, name: f.name, members: f.members, shares: await fundShares(db, f) })));
  const memberTowns = new Set(funds.flatMap((f) => f.members));
  const challenges = (await townChallengesAll(db)).filter((ch) => ch.towns.some((t) => memberTowns.has(t)));
  return { funds: withShares, challenges };
}

async function townChallengesAll(db: Db) {
  return (await listChallenges(db)).filter((ch) => ch.status !== 'draft' && ch.status !== 'completed').sort((a, b) => a.id.localeCompare(b.id));
}

treasurerPages.get('/treasurer/allocations/new', async (c) => {
  const g = await treasurerGate(c);
  if (g instanceof Response) return g;
  const db = c.var.deps.db;
  const [index, data] = await Promise.all([towns(db), allocationFormData(db, g.town)]);
  const asked = c.req.query('challenge');
  const values: AllocationFormValues = {
    fundId: data.funds[0]?.id ?? '',
    challengeId: data.challenges.find((ch) => ch.id === asked)?.id ?? data.challenges[0]?.id ?? '',
    mode: 'draws',
    amounts: {},
    total: '',
    comment: '',
  };
  return render(c, <AllocationFormPage ctx={pageCtx(c)} town={g.town} towns={index} funds={data.funds} challenges={data.challenges.map((ch) => ({ id: ch.id, title: ch.title }))} values={values} errors={{}} />);
});

treasurerPages.post('/treasurer/allocations', async (c) => {
  const g = await treasurerGate(c);
  if (g instanceof Response) return g;
  const db = c.var.deps.db;
  const lang = c.var.lang;
  const form = await c.req.parseBody();
  const data = await allocationFormData(db, g.town);
  const fund = data.funds.find((f) => f.id === str(form, 'fundId')) ?? data.funds[0];
  const values: AllocationFormValues = {
    fundId: fund?.id ?? '',
    challengeId: str(form, 'challengeId'),
    mode: str(form, 'mode') === 'split' ? 'split' : 'draws',
    amounts: Object.fromEntries((fund?.members ?? []).map((t) => [t, str(form, `amount_${t}`)])),
    total: str(form, 'total'),
    comment: str(form, 'comment').slice(0, 1000),
  };
  const errors: FieldErrors = {};
  let problem: string | undefined;
  const draws: { town: string; amount: number }[] = [];
  let total: number | undefined;
  if (values.mode === 'draws') {
    for (const [town, text] of Object.entries(values.amounts)) {
      if (!text) continue;
      const n = parseYen(text);
      if (!n) errors[`amount_${town}`] = t(lang, 'treasury.err.yen');
      else draws.push({ town, amount: n });
    }
    if (!draws.length && !Object.keys(errors).length) errors.draws = t(lang, 'treasury.err.empty');
  } else {
    total = parseYen(values.total);
    if (!total) errors.total = t(lang, 'treasury.err.yen');
  }
  if (fund && !Object.keys(errors).length) {
    try {
      const a = await proposeAllocation(
        db,
        values.mode === 'draws'
          ? { fundId: fund.id, challengeId: values.challengeId, draws, comment: values.comment || undefined }
          : { fundId: fund.id, challengeId: values.challengeId, split: 'by_share', amount: total, comment: values.comment || undefined },
        actorOf(g.principal),
        { requestId: c.var.requestId },
      );
      return c.redirect(`/treasurer/allocations/${a.id}?town=${g.town}&notice=allocation.proposed`, 303);
    } catch (e) {
      if (!(e instanceof RuleError)) throw e;
      mapAllocationErrors(lang, e, draws, values.mode, errors);
      if (!Object.keys(errors).length) problem = errorText(lang, e.code);
    }
  }
  const index = await towns(db);
  return render(
    c,
    <AllocationFormPage ctx={pageCtx(c)} town={g.town} towns={index} funds={data.funds} challenges={data.challenges.map((ch) => ({ id: ch.id, title: ch.title }))} values={values} errors={errors} problem={problem} />,
    e422(errors, problem),
  );
});

const e422 = (errors: FieldErrors, problem?: string) => (Object.keys(errors).length || problem ? 422 : 200);

function mapAllocationErrors(lang: Lang, e: RuleError, draws: { town: string }[], mode: string, errors: FieldErrors) {
  for (const d of e.details) {
    const m = /^draws\.(\d+)\.(amount|town)$/.exec(d.path ?? '');
    if (m && draws[Number(m[1])]) errors[`amount_${draws[Number(m[1])]!.town}`] = fieldMessage(lang, 'amount', d.code ?? e.code);
    else if (d.path === 'amount' && mode === 'split') errors.total = fieldMessage(lang, 'total', d.code ?? e.code);
    else if (d.path === 'challengeId') errors.challengeId = errorText(lang, e.code);
  }
}

treasurerPages.get('/treasurer/allocations/:id', async (c) => {
  const g = await treasurerGate(c);
  if (g instanceof Response) return g;
  const db = c.var.deps.db;
  let a: Allocation;
  try {
    a = await getAllocation(db, c.req.param('id'));
  } catch (e) {
    if (e instanceof NotFoundError) return renderNotFound(c);
    throw e;
  }
  const fund = await getFund(db, a.fundId);
  if (!hasRole(g.principal, 'admin') && !fund?.members.some((t) => g.myTowns.includes(t))) return refuse(c, t(c.var.lang, 'treasury.bo.forbidden'));
  const canDecideFor =
    a.status === 'proposed' && !a.approvers.includes(g.principal.sub) ? a.requirement.eligible.filter((t) => g.myTowns.includes(t) && !a.approvedTowns.includes(t)) : [];
  return render(c, <AllocationDetailPage ctx={pageCtx(c)} towns={await towns(db)} allocation={a} canDecideFor={canDecideFor} backTown={g.town} notice={noticeOf(c)} problem={problemOf(c)} />);
});

/** Runs a decision from a form and goes back where the form was, with a notice or the refusal's code. */
async function decide(c: C, fallback: string, run: (form: Form, g: TreasurerGate) => Promise<string>) {
  const g = await treasurerGate(c);
  if (g instanceof Response) return g;
  const form = await c.req.parseBody();
  const back = safeBack(str(form, 'back') || fallback);
  try {
    return c.redirect(withParam(back, 'notice', await run(form, g)), 303);
  } catch (e) {
    if (e instanceof NotFoundError) return renderNotFound(c);
    if (e instanceof RuleError) return c.redirect(withParam(back, 'problem', e.code), 303);
    throw e;
  }
}

treasurerPages.post('/treasurer/allocations/:id/approve', (c) =>
  decide(c, `/treasurer/allocations/${c.req.param('id')}`, async (form, g) => {
    const r = await approveAllocation(c.var.deps.db, c.req.param('id'), actorOf(g.principal), { comment: str(form, 'comment') || undefined, town: str(form, 'town') || undefined, requestId: c.var.requestId });
    return r.executed ? 'allocation.executed' : 'allocation.approved';
  }),
);

treasurerPages.post('/treasurer/allocations/:id/reject', (c) =>
  decide(c, `/treasurer/allocations/${c.req.param('id')}`, async (form, g) => {
    await rejectAllocation(c.var.deps.db, c.req.param('id'), actorOf(g.principal), { comment: str(form, 'comment') || undefined, town: str(form, 'town') || undefined, requestId: c.var.requestId });
    return 'allocation.rejected';
  }),
);

// ---------------------------------------------------------------- disbursements (treasurer side)

treasurerPages.get('/treasurer/disbursements/:id', async (c) => {
  const g = await treasurerGate(c);
  if (g instanceof Response) return g;
  const db = c.var.deps.db;
  let d: Disbursement;
  try {
    d = await getDisbursement(db, c.req.param('id'));
  } catch (e) {
    if (e instanceof NotFoundError) return renderNotFound(c);
    throw e;
  }
  if (!g.myTowns.includes(d.town)) return refuse(c, t(c.var.lang, 'treasury.bo.forbidden'));
  const me = g.principal.sub;
  const challenge = await getChallenge(db, d.challengeId);
  return render(
    c,
    <DisbursementDetailPage
      ctx={pageCtx(c)}
      disbursement={d}
      challengeTitle={challenge?.title ?? d.challengeId}
      today={today(db)}
      canApprove={d.status === 'requested' && d.requestedBy !== me && !d.approvers.includes(me)}
      canReject={d.status === 'requested'}
      canMarkPaid={d.status === 'scheduled'}
      notice={noticeOf(c)}
      problem={problemOf(c)}
    />,
  );
});

const dateOrUndefined = (s: string) => (s && isValidDateString(s) ? s : undefined);

treasurerPages.post('/treasurer/disbursements/:id/approve', (c) =>
  decide(c, `/treasurer/disbursements/${c.req.param('id')}`, async (form, g) => {
    const paymentDate = str(form, 'paymentDate');
    if (paymentDate && !isValidDateString(paymentDate)) throw new RuleError('invalid', 'date', 'bad date');
    const r = await approveDisbursement(c.var.deps.db, c.req.param('id'), actorOf(g.principal), { comment: str(form, 'comment') || undefined, paymentDate: dateOrUndefined(paymentDate), requestId: c.var.requestId });
    return r.scheduled ? 'disbursement.scheduled' : 'disbursement.approved';
  }),
);

treasurerPages.post('/treasurer/disbursements/:id/reject', (c) =>
  decide(c, `/treasurer/disbursements/${c.req.param('id')}`, async (form, g) => {
    const reason = str(form, 'reason').slice(0, 1000);
    if (!reason) throw new RuleError('invalid', 'required', 'a reason is required');
    await rejectDisbursement(c.var.deps.db, c.req.param('id'), actorOf(g.principal), reason, { requestId: c.var.requestId });
    return 'disbursement.rejected';
  }),
);

treasurerPages.post('/treasurer/disbursements/:id/paid', (c) =>
  decide(c, `/treasurer/disbursements/${c.req.param('id')}`, async (form, g) => {
    const paidOn = str(form, 'paidOn');
    if (!isValidDateString(paidOn)) throw new RuleError('invalid', 'date', 'bad date');
    await markDisbursementPaid(c.var.deps.db, c.req.param('id'), actorOf(g.principal), paidOn, { requestId: c.var.requestId });
    return 'disbursement.paid';
  }),
);

// ---------------------------------------------------------------- disbursement request (operating company)

async function companyGate(c: C) {
  const principal = c.var.principal;
  if (!principal) return signIn(c);
  const db = c.var.deps.db;
  const challenge = await getChallenge(db, c.req.param('id') ?? '');
  if (!challenge || challenge.status === 'draft') return renderNotFound(c);
  if (!hasRole(principal, 'company') || !principal.companyId || principal.companyId !== challenge.operatorCompanyId) return refuse(c, t(c.var.lang, 'treasury.bo.companyOnly'));
  return { principal, challenge };
}

async function requestPageData(db: Db, challenge: { id: string; leadTown: string }, companyId: string) {
  const [limit, list] = await Promise.all([readShards(db, accounts.challengeAvailable(challenge.id)), listTownDisbursements(db, challenge.leadTown)]);
  return { limit: limit.total, requests: list.filter((d) => d.challengeId === challenge.id && d.companyId === companyId) };
}

const EMPTY_REQUEST: DisbursementRequestValues = { amount: '', milestone: '', invoiceNumber: '', bankCode: '', branchCode: '', accountType: 'ordinary', accountNumber: '', holderKana: '' };

treasurerPages.get('/company/challenges/:id/disbursements/new', async (c) => {
  const g = await companyGate(c);
  if (g instanceof Response) return g;
  const { limit, requests } = await requestPageData(c.var.deps.db, g.challenge, g.principal.companyId!);
  const title = c.var.lang === 'en' && g.challenge.titleEn ? g.challenge.titleEn : g.challenge.title;
  return render(c, <DisbursementRequestPage ctx={pageCtx(c)} challenge={{ id: g.challenge.id, title }} limit={limit} values={EMPTY_REQUEST} errors={{}} notice={noticeOf(c)} requests={requests} />);
});

treasurerPages.post('/company/challenges/:id/disbursements/new', async (c) => {
  const g = await companyGate(c);
  if (g instanceof Response) return g;
  const db = c.var.deps.db;
  const lang = c.var.lang;
  const form = await c.req.parseBody();
  const values = Object.fromEntries(Object.keys(EMPTY_REQUEST).map((k) => [k, str(form, k)])) as unknown as DisbursementRequestValues;
  const errors: FieldErrors = {};
  let problem: string | undefined;
  const amount = parseYen(values.amount);
  const digits = (s: string) => s.normalize('NFKC').replace(/[\s-]/g, '');
  const input = {
    challengeId: g.challenge.id,
    amount: amount ?? -1,
    milestone: values.milestone,
    invoiceNumber: values.invoiceNumber,
    payee: { bankCode: digits(values.bankCode), branchCode: digits(values.branchCode), accountType: values.accountType, accountNumber: digits(values.accountNumber), holderKana: values.holderKana },
  };
  const parsed = RequestDisbursementRequest.safeParse(input);
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const key = String(i.path[i.path.length - 1]);
      const msg = key === 'holderKana' && /30/.test(i.message) ? t(lang, 'treasury.err.kana_length') : fieldMessage(lang, i.path.join('.'));
      errors[key] ??= msg;
    }
  } else {
    try {
      await requestDisbursement(db, parsed.data, actorOf(g.principal), { requestId: c.var.requestId });
      return c.redirect(`/company/challenges/${g.challenge.id}/disbursements/new?notice=disbursement.requested`, 303);
    } catch (e) {
      if (!(e instanceof RuleError)) throw e;
      for (const d of e.details as RuleErrorDetail[]) errors[(d.path ?? 'form').split('.').pop()!] ??= fieldMessage(lang, d.path ?? '', d.code ?? e.code);
      if (!Object.keys(errors).length) problem = errorText(lang, e.code);
    }
  }
  const { limit, requests } = await requestPageData(db, g.challenge, g.principal.companyId!);
  const title = lang === 'en' && g.challenge.titleEn ? g.challenge.titleEn : g.challenge.title;
  return render(c, <DisbursementRequestPage ctx={pageCtx(c)} challenge={{ id: g.challenge.id, title }} limit={limit} values={values} errors={errors} problem={problem} requests={requests} />, 422);
});
