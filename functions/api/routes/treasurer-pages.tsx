/**
 * The treasurers' back office as server-rendered pages, and the operating company's disbursement request
 * form. Plain POST forms that redirect (with a notice, or the refusal's code) on completion and re-render
 * with each error beside its field; every rule is the same service call the JSON API makes.
 */
import type { Context } from 'hono';
import type { Actor } from '../../domain/actor.js';
import type { TownBankAccount } from '../../domain/disbursements.js';
import { isDomainError, type DomainError, type Issue } from '../../domain/errors.js';
import { fiscalYear, isValidDateString } from '../../domain/jst.js';
import { t, errorText, isMessageKey, pick, type Lang } from '../../i18n/index.js';
import { approveAllocation, getAllocation, proposeAllocation, rejectAllocation } from '../../services/allocations.js';
import { listMemberTowns } from '../../services/catalog.js';
import type { ServiceContext } from '../../services/context.js';
import {
  approveDisbursement,
  disbursementForTreasurer,
  disbursementRequestBoard,
  getTownBankAccount,
  markDisbursementPaid,
  rejectDisbursement,
  requestDisbursement,
  setTownBankAccount,
} from '../../services/disbursements.js';
import { allocationFormOptions, fiscalReport, treasurerDashboard, treasurerDesk, type TreasurerDesk } from '../../services/reports.js';
import { BACK_OFFICE_CSS, BACK_OFFICE_CSS_HASH, BACK_OFFICE_CSS_PATH, type FieldErrors } from '../../../web/components/back-office-ui.js';
import { indexTowns } from '../../../web/components/town-badge.js';
import { AllocationDetailPage } from '../../../web/pages/allocation-detail.js';
import { AllocationFormPage, type AllocationFormValues } from '../../../web/pages/allocation-form.js';
import { DisbursementDetailPage } from '../../../web/pages/disbursement-detail.js';
import { DisbursementRequestPage, type DisbursementRequestValues } from '../../../web/pages/disbursement-request.js';
import { FiscalReportPage } from '../../../web/pages/fiscal-report.js';
import { BankAccountPage, NotAllowedPage, TreasurerDashboardPage } from '../../../web/pages/treasurer-dashboard.js';
import type { AppEnv } from '../context.js';
import { pageCtx, renderPersonalPage, safeBack, signInRedirect } from '../page-context.js';
import { challengeBalances, challengeTitles, chartView, fiscalReportView } from '../presenters/treasury.js';
import { createRouter } from '../router.js';
import { BankAccountSchema, RequestDisbursementRequest } from '../schemas/disbursements.js';
import { servicesOf } from '../services.js';
import { renderNotFound } from './pages.js';

type C = Context<AppEnv>;

export const treasurerPages = createRouter();

// ---------------------------------------------------------------- helpers

/** Back-office pages are personal: nobody but the reader's browser keeps them. */
const render = renderPersonalPage;

function refuse(c: C, message: string) {
  return render(c, <NotAllowedPage ctx={pageCtx(c)} message={message} />, 403);
}

interface TreasurerGate extends TreasurerDesk {
  actor: Actor;
  ctx: ServiceContext;
}

/** Signed in as a treasurer; the town is ?town= when it is one of theirs, else their first. */
async function treasurerGate(c: C): Promise<TreasurerGate | Response> {
  const actor = c.var.principal;
  if (!actor) return signInRedirect(c);
  const ctx = servicesOf(c);
  try {
    return { actor, ctx, ...treasurerDesk(ctx, actor, c.req.query('town')) };
  } catch (e) {
    if (isDomainError(e) && e.kind === 'forbidden') return refuse(c, t(c.var.lang, 'treasury.bo.forbidden'));
    throw e;
  }
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

/**
 * What to retype, in the reader's language: the refusal's sentence for the field (the issue's catalog
 * sentence, or a treasury form helper such as the kana rule), else what the field expects.
 */
function fieldMessage(lang: Lang, path: string, issue?: Issue): string {
  if (issue && (isMessageKey(`error.${issue.key ?? issue.code}`) || isMessageKey(`treasury.err.${issue.code}`))) return errorText(lang, issue);
  if (/holderKana|NameKana/.test(path)) return t(lang, 'treasury.err.kana');
  const digits: Record<string, number> = { bankCode: 4, branchCode: 3, accountNumber: 7, requesterCode: 10 };
  const key = path.split('.').pop()!;
  if (digits[key]) return t(lang, 'treasury.err.digits', { n: digits[key]! });
  if (key === 'amount' || key === 'total') return t(lang, 'treasury.err.yen');
  return t(lang, 'treasury.err.required');
}

/** A refusal a form shows beside its fields; anything else (a fault, or "busy, retry") goes to the app's handler. */
const formRefusal = (e: unknown): e is DomainError => isDomainError(e) && e.kind !== 'unavailable';

async function towns(ctx: ServiceContext) {
  return indexTowns(await listMemberTowns(ctx));
}

// ---------------------------------------------------------------- assets

treasurerPages.get(BACK_OFFICE_CSS_PATH, (c) => {
  c.header('Content-Type', 'text/css; charset=utf-8');
  c.header('Cache-Control', c.req.query('v') === BACK_OFFICE_CSS_HASH ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate');
  return c.body(BACK_OFFICE_CSS);
});

// ---------------------------------------------------------------- dashboard

treasurerPages.get('/treasurer', async (c) => {
  const g = await treasurerGate(c);
  if (g instanceof Response) return g;
  const lang = c.var.lang;
  const [index, board] = await Promise.all([towns(g.ctx), treasurerDashboard(g.ctx, g.actor, g.town)]);
  return render(
    c,
    <TreasurerDashboardPage
      ctx={pageCtx(c)}
      town={g.town}
      myTowns={g.myTowns}
      towns={index}
      today={g.today}
      notice={noticeOf(c)}
      problem={problemOf(c)}
      awaiting={board.awaiting}
      waitingOthers={board.waitingOthers}
      disbursements={board.disbursements}
      scheduled={board.scheduled}
      challengeTitles={challengeTitles(board.challenges)}
      funds={board.funds}
      challenges={challengeBalances(lang, board.challenges)}
      charts={chartView(lang, board.comparison, board.fy)}
      hasBankAccount={board.hasBankAccount}
    />,
  );
});

// ---------------------------------------------------------------- annual report

treasurerPages.get('/treasurer/report', async (c) => {
  const g = await treasurerGate(c);
  if (g instanceof Response) return g;
  const current = fiscalYear(g.today);
  const asked = Number(c.req.query('fy'));
  const fy = Number.isInteger(asked) && asked >= 2000 && asked <= current + 1 ? asked : current;
  const [index, report] = await Promise.all([towns(g.ctx), fiscalReport(g.ctx, g.actor, g.town, fy)]);
  return render(c, <FiscalReportPage ctx={pageCtx(c)} towns={index} myTowns={g.myTowns} report={fiscalReportView(report)} today={g.today} years={[current - 2, current - 1, current]} />);
});

// ---------------------------------------------------------------- bank account

const BANK_FIELDS = ['bankCode', 'bankNameKana', 'branchCode', 'branchNameKana', 'accountType', 'accountNumber', 'requesterCode', 'requesterNameKana'] as const;

/** The town's account, or nothing yet (the form starts empty). */
async function bankAccountOrNone(g: TreasurerGate): Promise<Partial<TownBankAccount>> {
  try {
    return await getTownBankAccount(g.ctx, g.actor, g.town);
  } catch (e) {
    if (isDomainError(e) && e.kind === 'not_found') return {};
    throw e;
  }
}

treasurerPages.get('/treasurer/bank-account', async (c) => {
  const g = await treasurerGate(c);
  if (g instanceof Response) return g;
  const [index, account] = await Promise.all([towns(g.ctx), bankAccountOrNone(g)]);
  return render(c, <BankAccountPage ctx={pageCtx(c)} town={g.town} myTowns={g.myTowns} towns={index} values={{ ...account }} errors={{}} notice={noticeOf(c)} />);
});

treasurerPages.post('/treasurer/bank-account', async (c) => {
  const g = await treasurerGate(c);
  if (g instanceof Response) return g;
  const form = await c.req.parseBody();
  const values = Object.fromEntries(BANK_FIELDS.map((k) => [k, str(form, k)])) as Record<keyof TownBankAccount, string>;
  const errors: FieldErrors = {};
  const parsed = BankAccountSchema.safeParse(values);
  if (!parsed.success) for (const i of parsed.error.issues) errors[String(i.path[0])] ??= fieldMessage(c.var.lang, String(i.path[0]));
  if (parsed.success) {
    try {
      await setTownBankAccount(g.ctx, g.actor, g.town, parsed.data);
      return c.redirect(`/treasurer/bank-account?town=${g.town}&notice=bank.saved`, 303);
    } catch (e) {
      if (!formRefusal(e)) throw e;
      for (const d of e.issues) errors[d.path ?? 'form'] ??= fieldMessage(c.var.lang, d.path ?? '', d);
    }
  }
  return render(c, <BankAccountPage ctx={pageCtx(c)} town={g.town} myTowns={g.myTowns} towns={await towns(g.ctx)} values={values} errors={errors} />, 400);
});

// ---------------------------------------------------------------- allocations

treasurerPages.get('/treasurer/allocations/new', async (c) => {
  const g = await treasurerGate(c);
  if (g instanceof Response) return g;
  const [index, data] = await Promise.all([towns(g.ctx), allocationFormOptions(g.ctx, g.actor, g.town)]);
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
  const lang = c.var.lang;
  const form = await c.req.parseBody();
  const data = await allocationFormOptions(g.ctx, g.actor, g.town);
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
    if (!draws.length && !Object.keys(errors).length) errors.draws = t(lang, 'error.allocation_no_draws');
  } else {
    total = parseYen(values.total);
    if (!total) errors.total = t(lang, 'treasury.err.yen');
  }
  if (fund && !Object.keys(errors).length) {
    try {
      const a = await proposeAllocation(
        g.ctx,
        g.actor,
        values.mode === 'draws'
          ? { fundId: fund.id, challengeId: values.challengeId, draws, comment: values.comment || undefined }
          : { fundId: fund.id, challengeId: values.challengeId, split: 'by_share', amount: total, comment: values.comment || undefined },
      );
      return c.redirect(`/treasurer/allocations/${a.id}?town=${g.town}&notice=allocation.proposed`, 303);
    } catch (e) {
      if (!formRefusal(e)) throw e;
      mapAllocationErrors(lang, e, draws, values.mode, errors);
      if (!Object.keys(errors).length) problem = errorText(lang, e);
    }
  }
  const index = await towns(g.ctx);
  return render(
    c,
    <AllocationFormPage ctx={pageCtx(c)} town={g.town} towns={index} funds={data.funds} challenges={data.challenges.map((ch) => ({ id: ch.id, title: ch.title }))} values={values} errors={errors} problem={problem} />,
    e422(errors, problem),
  );
});

const e422 = (errors: FieldErrors, problem?: string) => (Object.keys(errors).length || problem ? 422 : 200);

function mapAllocationErrors(lang: Lang, e: DomainError, draws: { town: string }[], mode: string, errors: FieldErrors) {
  for (const d of e.issues) {
    const m = /^draws\.(\d+)\.(amount|town)$/.exec(d.path ?? '');
    if (m && draws[Number(m[1])]) errors[`amount_${draws[Number(m[1])]!.town}`] = fieldMessage(lang, 'amount', d);
    else if (d.path === 'amount' && mode === 'split') errors.total = fieldMessage(lang, 'total', d);
    else if (d.path === 'challengeId') errors.challengeId = errorText(lang, e);
  }
}

treasurerPages.get('/treasurer/allocations/:id', async (c) => {
  const g = await treasurerGate(c);
  if (g instanceof Response) return g;
  try {
    const a = await getAllocation(g.ctx, g.actor, c.req.param('id'));
    const canDecideFor = a.status === 'proposed' && !a.approvers.includes(g.actor.sub) ? a.requirement.eligible.filter((t) => g.myTowns.includes(t) && !a.approvedTowns.includes(t)) : [];
    return render(c, <AllocationDetailPage ctx={pageCtx(c)} towns={await towns(g.ctx)} allocation={a} canDecideFor={canDecideFor} backTown={g.town} notice={noticeOf(c)} problem={problemOf(c)} />);
  } catch (e) {
    if (isDomainError(e) && e.kind === 'not_found') return renderNotFound(c);
    if (isDomainError(e) && e.kind === 'forbidden') return refuse(c, t(c.var.lang, 'treasury.bo.forbidden'));
    throw e;
  }
});

/** A page's own check of a decision form (a missing reason, a bad date): the treasury form helper's code, not a refusal. */
class FormProblem extends Error {
  constructor(readonly code: 'date' | 'required') {
    super(code);
  }
}

/** Runs a decision from a form and goes back where the form was, with a notice or the refusal's code. */
async function decide(c: C, fallback: string, run: (form: Form, g: TreasurerGate) => Promise<string>) {
  const g = await treasurerGate(c);
  if (g instanceof Response) return g;
  const form = await c.req.parseBody();
  const back = safeBack(str(form, 'back') || fallback);
  try {
    return c.redirect(withParam(back, 'notice', await run(form, g)), 303);
  } catch (e) {
    if (isDomainError(e) && e.kind === 'not_found') return renderNotFound(c);
    if (formRefusal(e) || e instanceof FormProblem) return c.redirect(withParam(back, 'problem', e.code), 303);
    throw e;
  }
}

const decision = (form: Form) => ({ comment: str(form, 'comment') || undefined, town: str(form, 'town') || undefined });

treasurerPages.post('/treasurer/allocations/:id/approve', (c) =>
  decide(c, `/treasurer/allocations/${c.req.param('id')}`, async (form, g) => {
    const r = await approveAllocation(g.ctx, g.actor, c.req.param('id'), decision(form));
    return r.executed ? 'allocation.executed' : 'allocation.approved';
  }),
);

treasurerPages.post('/treasurer/allocations/:id/reject', (c) =>
  decide(c, `/treasurer/allocations/${c.req.param('id')}`, async (form, g) => {
    await rejectAllocation(g.ctx, g.actor, c.req.param('id'), decision(form));
    return 'allocation.rejected';
  }),
);

// ---------------------------------------------------------------- disbursements (treasurer side)

treasurerPages.get('/treasurer/disbursements/:id', async (c) => {
  const g = await treasurerGate(c);
  if (g instanceof Response) return g;
  try {
    const v = await disbursementForTreasurer(g.ctx, g.actor, c.req.param('id'));
    return render(
      c,
      <DisbursementDetailPage
        ctx={pageCtx(c)}
        disbursement={v.disbursement}
        challengeTitle={v.challengeTitle}
        today={g.today}
        canApprove={v.canApprove}
        canReject={v.canReject}
        canMarkPaid={v.canMarkPaid}
        notice={noticeOf(c)}
        problem={problemOf(c)}
      />,
    );
  } catch (e) {
    if (isDomainError(e) && e.kind === 'not_found') return renderNotFound(c);
    if (isDomainError(e) && e.kind === 'forbidden') return refuse(c, t(c.var.lang, 'treasury.bo.forbidden'));
    throw e;
  }
});

const dateOrUndefined = (s: string) => (s && isValidDateString(s) ? s : undefined);
const badDate = () => new FormProblem('date');

treasurerPages.post('/treasurer/disbursements/:id/approve', (c) =>
  decide(c, `/treasurer/disbursements/${c.req.param('id')}`, async (form, g) => {
    const paymentDate = str(form, 'paymentDate');
    if (paymentDate && !isValidDateString(paymentDate)) throw badDate();
    const r = await approveDisbursement(g.ctx, g.actor, c.req.param('id'), { comment: str(form, 'comment') || undefined, paymentDate: dateOrUndefined(paymentDate) });
    return r.scheduled ? 'disbursement.scheduled' : 'disbursement.approved';
  }),
);

treasurerPages.post('/treasurer/disbursements/:id/reject', (c) =>
  decide(c, `/treasurer/disbursements/${c.req.param('id')}`, async (form, g) => {
    const reason = str(form, 'reason').slice(0, 1000);
    if (!reason) throw new FormProblem('required');
    await rejectDisbursement(g.ctx, g.actor, c.req.param('id'), reason);
    return 'disbursement.rejected';
  }),
);

treasurerPages.post('/treasurer/disbursements/:id/paid', (c) =>
  decide(c, `/treasurer/disbursements/${c.req.param('id')}`, async (form, g) => {
    const paidOn = str(form, 'paidOn');
    if (!isValidDateString(paidOn)) throw badDate();
    await markDisbursementPaid(g.ctx, g.actor, c.req.param('id'), paidOn);
    return 'disbursement.paid';
  }),
);

// ---------------------------------------------------------------- disbursement request (operating company)

/** The operating company of a published challenge; else sign in, the 404 page, or the 403 page. */
async function companyGate(c: C) {
  const actor = c.var.principal;
  if (!actor) return signInRedirect(c);
  const ctx = servicesOf(c);
  try {
    return { actor, ctx, board: await disbursementRequestBoard(ctx, actor, c.req.param('id') ?? '') };
  } catch (e) {
    if (isDomainError(e) && e.kind === 'not_found') return renderNotFound(c);
    if (isDomainError(e) && e.kind === 'forbidden') return refuse(c, t(c.var.lang, 'treasury.bo.companyOnly'));
    throw e;
  }
}

const EMPTY_REQUEST: DisbursementRequestValues = { amount: '', milestone: '', invoiceNumber: '', bankCode: '', branchCode: '', accountType: 'ordinary', accountNumber: '', holderKana: '' };

treasurerPages.get('/company/challenges/:id/disbursements/new', async (c) => {
  const g = await companyGate(c);
  if (g instanceof Response) return g;
  const { challenge, limit, requests } = g.board;
  const title = pick(c.var.lang, challenge.title, challenge.titleEn);
  return render(c, <DisbursementRequestPage ctx={pageCtx(c)} challenge={{ id: challenge.id, title }} limit={limit} values={EMPTY_REQUEST} errors={{}} notice={noticeOf(c)} requests={requests} />);
});

treasurerPages.post('/company/challenges/:id/disbursements/new', async (c) => {
  const g = await companyGate(c);
  if (g instanceof Response) return g;
  const lang = c.var.lang;
  const challenge = g.board.challenge;
  const form = await c.req.parseBody();
  const values = Object.fromEntries(Object.keys(EMPTY_REQUEST).map((k) => [k, str(form, k)])) as unknown as DisbursementRequestValues;
  const errors: FieldErrors = {};
  let problem: string | undefined;
  const amount = parseYen(values.amount);
  const digits = (s: string) => s.normalize('NFKC').replace(/[\s-]/g, '');
  const input = {
    challengeId: challenge.id,
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
      await requestDisbursement(g.ctx, g.actor, parsed.data);
      return c.redirect(`/company/challenges/${challenge.id}/disbursements/new?notice=disbursement.requested`, 303);
    } catch (e) {
      if (!formRefusal(e)) throw e;
      for (const d of e.issues) errors[(d.path ?? 'form').split('.').pop()!] ??= fieldMessage(lang, d.path ?? '', d);
      if (!Object.keys(errors).length) problem = errorText(lang, e);
    }
  }
  const { limit, requests } = await disbursementRequestBoard(g.ctx, g.actor, challenge.id);
  const title = pick(lang, challenge.title, challenge.titleEn);
  return render(c, <DisbursementRequestPage ctx={pageCtx(c)} challenge={{ id: challenge.id, title }} limit={limit} values={values} errors={errors} problem={problem} requests={requests} />, 422);
});
