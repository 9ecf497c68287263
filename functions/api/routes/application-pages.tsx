/**
 * The co-creation workspaces as server-rendered pages: the company's dashboard, application form and
 * progress updates; the reviewer's queue, review form and challenge editor. Plain POST forms that
 * redirect on success and re-render with each error next to its field; every rule is the same action
 * the JSON API calls (applications-actions.ts).
 */
import type { Context } from 'hono';
import { APPLICATION_STATUSES, contentOf, isEditable, submissionIssues, type Application, type ApplicationInput, type Issue, type ReviewDecision, type Scores } from '../../domain/applications.js';
import { acceptsUpdates, MANUAL_MOVES, type ManualMove } from '../../domain/challenge-lifecycle.js';
import type { Challenge, Municipality } from '../../domain/catalog.js';
import { normalizeDigits } from '../../domain/company.js';
import { isValidDateString, jstDate } from '../../domain/jst.js';
import { listTowns } from '../../store/catalog.js';
import { getChallengeConsistent, listChallengeUpdates } from '../../store/challenges.js';
import type { Db } from '../../store/db.js';
import { t } from '../../i18n/index.js';
import { FLASHES, type FlashKey } from '../../../web/components/flash.js';
import { WORKSPACE_CSS, WORKSPACE_CSS_HASH, WORKSPACE_CSS_PATH, type Errors } from '../../../web/components/workspace.js';
import { Layout, type PageCtx } from '../../../web/layout.js';
import { ApplicationFormPage, type ApplicationFormValues } from '../../../web/pages/application-form.js';
import { ApplicationStatusPage } from '../../../web/pages/application-status.js';
import { ChallengeEditorPage, type ChallengeFormValues } from '../../../web/pages/challenge-editor.js';
import { ChallengeUpdatesPage, type UpdateFormValues } from '../../../web/pages/challenge-updates.js';
import { CompanyDashboardPage } from '../../../web/pages/company-dashboard.js';
import { CompanyProfilePage } from '../../../web/pages/company-profile.js';
import { ReviewFormPage, type ReviewFormValues } from '../../../web/pages/review-form.js';
import { ReviewerQueuePage, type QueueFilter } from '../../../web/pages/reviewer-queue.js';
import {
  BilingualError,
  createApplicationAs,
  createChallengeAs,
  editApplicationAs,
  editChallengeAs,
  IssuesError,
  listApplicationsAs,
  manageableChallenge,
  moveChallengeAs,
  myCompany,
  operatedChallenges,
  postUpdateAs,
  publishChallengeAs,
  readApplicationAs,
  reviewApplicationAs,
  submitApplicationAs,
  updateMyCompany,
  type ActionCtx,
  type ChallengeInput,
} from '../applications-actions.js';
import { hasRole, townsWithRole, type Principal } from '../auth.js';
import type { AppEnv } from '../context.js';
import { ApiError } from '../errors.js';
import { pageCtx, renderPersonalPage, signInRedirect } from '../page-context.js';
import { createRouter } from '../router.js';
import { renderNotFound } from './pages.js';

type C = Context<AppEnv>;

export const applicationPages = createRouter();

// ---------------------------------------------------------------- helpers

const render = renderPersonalPage;

const actx = (c: C): ActionCtx => ({ db: c.var.deps.db, baseUrl: c.var.deps.baseUrl, requestId: c.get('requestId') });
const isReviewer = (p?: Principal) => townsWithRole(p, 'reviewer').length > 0 || hasRole(p, 'admin');
const isCompany = (p?: Principal) => hasRole(p, 'company') && Boolean(p?.companyId);

function flashOf(c: C): FlashKey | undefined {
  const done = c.req.query('done');
  return FLASHES.find((f) => f === done);
}

function messageOf(c: C, e: ApiError): string {
  return e instanceof BilingualError ? (c.var.lang === 'ja' ? e.ja : e.en) : e.message;
}

/** Issue paths → the field whose error they show under (every town's problem shows under the towns). */
function errorsOf(c: C, issues: Issue[]): Errors {
  const out: Errors = {};
  for (const i of issues) {
    const key = /^(towns|kpis)\.\d+$/.test(i.path) ? i.path.split('.')[0]! : i.path;
    out[key] ??= c.var.lang === 'ja' ? i.ja : i.en;
  }
  return out;
}

function statusOf(e: ApiError): 400 | 403 | 409 | 422 {
  return e.status === 403 || e.status === 409 || e.status === 422 ? e.status : 400;
}

function SimpleMessage(props: { ctx: PageCtx; title: string; message: string }) {
  return (
    <Layout ctx={props.ctx} title={props.title}>
      <h1>{props.title}</h1>
      <p>{props.message}</p>
      <p>
        <a href="/">{props.ctx.lang === 'ja' ? 'トップページへ' : 'Back to the home page'}</a>
      </p>
    </Layout>
  );
}

/** The usual refusals, as pages: sign in, not found, not allowed; anything else bubbles to the error handler. */
function refusal(c: C, e: unknown) {
  if (!(e instanceof ApiError)) throw e;
  if (e.status === 401) return signInRedirect(c);
  if (e.status === 404) return renderNotFound(c);
  return render(c, <SimpleMessage ctx={pageCtx(c)} title={t(c.var.lang, e.status === 403 ? 'cocreation.ws.forbidden' : 'cocreation.ws.refused')} message={messageOf(c, e)} />, statusOf(e));
}

/** Signed in with the role the workspace needs, or a redirect to sign in / a 403 page. */
async function gate(c: C, need: 'company' | 'reviewer'): Promise<Principal | Response> {
  const p = c.var.principal;
  if (!p) return signInRedirect(c);
  const ok = need === 'company' ? isCompany(p) || hasRole(p, 'admin') : isReviewer(p);
  if (!ok) return render(c, <SimpleMessage ctx={pageCtx(c)} title={t(c.var.lang, 'cocreation.ws.forbidden')} message={t(c.var.lang, 'cocreation.ws.forbidden')} />, 403);
  return p;
}

async function sortedTowns(db: Db): Promise<Municipality[]> {
  return (await listTowns(db)).sort((a, b) => a.code.localeCompare(b.code));
}

type Form = Record<string, string | File | (string | File)[]>;
const str = (f: Form, k: string): string => {
  const v = f[k];
  const x = Array.isArray(v) ? v[0] : v;
  return typeof x === 'string' ? x : '';
};
const strs = (f: Form, k: string): string[] => {
  const v = f[k];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
};

/** Yen as people type them: "1,000,000", "１０００円", "¥5000". Anything else is NaN and refused by the rules. */
export function parseYen(text: string): number {
  const s = text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[,，¥￥円\s]/g, '');
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}

// ---------------------------------------------------------------- application form <-> input

function formValuesOf(app: ApplicationInput): ApplicationFormValues {
  return {
    title: app.title,
    summary: app.summary,
    problem: app.problem,
    proposal: app.proposal,
    towns: app.towns,
    requestedAmount: String(app.requestedAmount),
    budget: app.budget.map((l) => ({ item: l.item, amount: String(l.amount) })),
    kpis: app.kpis.join('\n'),
    startDate: app.startDate,
    endDate: app.endDate,
    corporateVersion: app.corporateVersion,
    contactName: app.contact?.name ?? '',
    contactEmail: app.contact?.email ?? '',
  };
}

/** Empty budget rows are dropped, so error paths (budget.2.amount) point at the rows shown again. */
function readApplicationForm(f: Form): { values: ApplicationFormValues; input: ApplicationInput } {
  const items = strs(f, 'budgetItem');
  const amounts = strs(f, 'budgetAmount');
  const budget = items.map((item, i) => ({ item: item.trim(), amount: (amounts[i] ?? '').trim() })).filter((l) => l.item || l.amount);
  const values: ApplicationFormValues = {
    title: str(f, 'title'),
    summary: str(f, 'summary'),
    problem: str(f, 'problem'),
    proposal: str(f, 'proposal'),
    towns: strs(f, 'towns'),
    requestedAmount: str(f, 'requestedAmount').trim(),
    budget,
    kpis: str(f, 'kpis'),
    startDate: str(f, 'startDate').trim(),
    endDate: str(f, 'endDate').trim(),
    corporateVersion: str(f, 'corporateVersion') === 'yes',
    contactName: str(f, 'contactName'),
    contactEmail: str(f, 'contactEmail').trim(),
  };
  const contact = values.contactName.trim() || values.contactEmail ? { name: values.contactName, email: values.contactEmail } : undefined;
  const input: ApplicationInput = {
    title: values.title,
    summary: values.summary,
    problem: values.problem,
    proposal: values.proposal,
    towns: values.towns,
    requestedAmount: parseYen(values.requestedAmount),
    budget: budget.map((l) => ({ item: l.item, amount: parseYen(l.amount) })),
    kpis: values.kpis.split(/\r?\n/),
    startDate: values.startDate,
    endDate: values.endDate,
    corporateVersion: values.corporateVersion,
    ...(contact ? { contact } : {}),
  };
  return { values, input };
}

// ---------------------------------------------------------------- assets

applicationPages.get(WORKSPACE_CSS_PATH, (c) => {
  c.header('Content-Type', 'text/css; charset=utf-8');
  c.header('Cache-Control', c.req.query('v') === WORKSPACE_CSS_HASH ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate');
  return c.body(WORKSPACE_CSS);
});

// ---------------------------------------------------------------- company workspace

applicationPages.get('/company', async (c) => {
  const p = await gate(c, 'company');
  if (p instanceof Response) return p;
  try {
    const ctx = actx(c);
    const company = await myCompany(ctx, p);
    const [applications, challenges, towns] = await Promise.all([listApplicationsAs(ctx, p), operatedChallenges(ctx, p), sortedTowns(ctx.db)]);
    return render(
      c,
      <CompanyDashboardPage
        ctx={pageCtx(c)}
        company={company}
        applications={applications.filter((a) => a.companyId === company.id)}
        challenges={challenges}
        towns={towns}
        reviewer={isReviewer(p)}
        flash={flashOf(c)}
      />,
    );
  } catch (e) {
    return refusal(c, e);
  }
});

async function renderApplicationForm(
  c: C,
  p: Principal,
  opts: { mode: 'new' | 'edit'; id?: string; values: ApplicationFormValues; errors?: Errors; status?: 200 | 400 | 409 | 422; errorLead?: string; problem?: string; app?: Application },
) {
  const db = c.var.deps.db;
  const reviews = opts.app ? (await readApplicationAs(actx(c), p, opts.app.id)).reviews : undefined;
  return render(
    c,
    <ApplicationFormPage
      ctx={pageCtx(c)}
      mode={opts.mode}
      id={opts.id}
      values={opts.values}
      errors={opts.errors ?? {}}
      towns={await sortedTowns(db)}
      reviews={reviews}
      flash={flashOf(c)}
      errorLead={opts.errorLead}
      problem={opts.problem}
      reviewer={isReviewer(p)}
    />,
    opts.status ?? 200,
  );
}

applicationPages.get('/company/applications/new', async (c) => {
  const p = await gate(c, 'company');
  if (p instanceof Response) return p;
  try {
    const company = await myCompany(actx(c), p);
    const values: ApplicationFormValues = {
      title: '',
      summary: '',
      problem: '',
      proposal: '',
      towns: [],
      requestedAmount: '',
      budget: [],
      kpis: '',
      startDate: '',
      endDate: '',
      corporateVersion: false,
      contactName: company.contactName,
      contactEmail: company.contactEmail,
    };
    return renderApplicationForm(c, p, { mode: 'new', values });
  } catch (e) {
    return refusal(c, e);
  }
});

/**
 * Save, and when asked, submit. A draft that is stored but not yet complete enough to submit stays
 * saved: the company lands on its edit page with what is missing.
 */
async function saveAndMaybeSubmit(c: C, p: Principal, mode: 'new' | 'edit', id: string | undefined) {
  const form = (await c.req.parseBody({ all: true })) as Form;
  const { values, input } = readApplicationForm(form);
  const submit = str(form, 'action') === 'submit';
  const ctx = actx(c);
  let saved: Application;
  try {
    saved = mode === 'new' ? await createApplicationAs(ctx, p, input) : await editApplicationAs(ctx, p, id!, input, 'replace');
  } catch (e) {
    if (e instanceof IssuesError) return renderApplicationForm(c, p, { mode, id, values, errors: errorsOf(c, e.issues), status: e.status as 400 | 422 });
    if (e instanceof BilingualError && e.status === 409) return c.redirect(`/company/applications/${id}`, 303);
    return refusal(c, e);
  }
  if (!submit) return c.redirect(`/company/applications/${saved.id}/edit?done=saved`, 303);
  try {
    await submitApplicationAs(ctx, p, saved.id);
  } catch (e) {
    if (e instanceof IssuesError) {
      return renderApplicationForm(c, p, {
        mode: 'edit',
        id: saved.id,
        values: formValuesOf(saved),
        errors: errorsOf(c, e.issues),
        status: 400,
        errorLead: t(c.var.lang, 'cocreation.form.savedButNotSubmitted'),
      });
    }
    return refusal(c, e);
  }
  return c.redirect(`/company/applications/${saved.id}?done=submitted`, 303);
}

applicationPages.post('/company/applications/new', async (c) => {
  const p = await gate(c, 'company');
  if (p instanceof Response) return p;
  return saveAndMaybeSubmit(c, p, 'new', undefined);
});

applicationPages.get('/company/applications/:id', async (c) => {
  const p = await gate(c, 'company');
  if (p instanceof Response) return p;
  try {
    const { application, reviews } = await readApplicationAs(actx(c), p, c.req.param('id'));
    if (application.companyId !== p.companyId && !hasRole(p, 'admin')) return renderNotFound(c);
    return render(c, <ApplicationStatusPage ctx={pageCtx(c)} app={application} reviews={reviews} towns={await sortedTowns(c.var.deps.db)} flash={flashOf(c)} reviewer={isReviewer(p)} />);
  } catch (e) {
    return refusal(c, e);
  }
});

applicationPages.get('/company/applications/:id/edit', async (c) => {
  const p = await gate(c, 'company');
  if (p instanceof Response) return p;
  try {
    const { application } = await readApplicationAs(actx(c), p, c.req.param('id'));
    if (application.companyId !== p.companyId && !hasRole(p, 'admin')) return renderNotFound(c);
    if (!isEditable(application.status)) return c.redirect(`/company/applications/${application.id}`, 303);
    // Show at once what still stands between this draft and submitting it.
    const pending = c.req.query('done') === 'saved' ? errorsOf(c, submissionIssues(contentOf(application))) : {};
    return renderApplicationForm(c, p, { mode: 'edit', id: application.id, values: formValuesOf(application), app: application, errors: pending });
  } catch (e) {
    return refusal(c, e);
  }
});

applicationPages.post('/company/applications/:id/edit', async (c) => {
  const p = await gate(c, 'company');
  if (p instanceof Response) return p;
  return saveAndMaybeSubmit(c, p, 'edit', c.req.param('id'));
});

applicationPages.post('/company/applications/:id/submit', async (c) => {
  const p = await gate(c, 'company');
  if (p instanceof Response) return p;
  const id = c.req.param('id');
  try {
    await submitApplicationAs(actx(c), p, id);
    return c.redirect(`/company/applications/${id}?done=submitted`, 303);
  } catch (e) {
    if (e instanceof IssuesError) {
      const { application } = await readApplicationAs(actx(c), p, id);
      return renderApplicationForm(c, p, { mode: 'edit', id, values: formValuesOf(application), app: application, errors: errorsOf(c, e.issues), status: 400, errorLead: t(c.var.lang, 'cocreation.form.savedButNotSubmitted') });
    }
    if (e instanceof BilingualError && e.status === 409) {
      const { application, reviews } = await readApplicationAs(actx(c), p, id);
      return render(c, <ApplicationStatusPage ctx={pageCtx(c)} app={application} reviews={reviews} towns={await sortedTowns(c.var.deps.db)} problem={messageOf(c, e)} />, 409);
    }
    return refusal(c, e);
  }
});

applicationPages.get('/company/profile', async (c) => {
  const p = await gate(c, 'company');
  if (p instanceof Response) return p;
  try {
    const { id: _id, ...values } = await myCompany(actx(c), p);
    return render(c, <CompanyProfilePage ctx={pageCtx(c)} values={values} errors={{}} flash={flashOf(c)} reviewer={isReviewer(p)} />);
  } catch (e) {
    return refusal(c, e);
  }
});

applicationPages.post('/company/profile', async (c) => {
  const p = await gate(c, 'company');
  if (p instanceof Response) return p;
  const f = (await c.req.parseBody({ all: true })) as Form;
  const values = {
    corporateNumber: normalizeDigits(str(f, 'corporateNumber')),
    name: str(f, 'name'),
    nameKana: str(f, 'nameKana'),
    headOfficeAddress: str(f, 'headOfficeAddress'),
    headOfficeTown: normalizeDigits(str(f, 'headOfficeTown')),
    contactName: str(f, 'contactName'),
    contactEmail: str(f, 'contactEmail'),
  };
  try {
    await updateMyCompany(actx(c), p, values);
    return c.redirect('/company?done=profileSaved', 303);
  } catch (e) {
    if (e instanceof IssuesError) return render(c, <CompanyProfilePage ctx={pageCtx(c)} values={values} errors={errorsOf(c, e.issues)} reviewer={isReviewer(p)} />, 400);
    return refusal(c, e);
  }
});

async function renderUpdates(c: C, p: Principal, id: string, opts: { values?: UpdateFormValues; errors?: Errors; problem?: string; status?: 200 | 400 | 409 } = {}) {
  const ctx = actx(c);
  const { challenge, asOperator } = await manageableChallenge(ctx, p, id);
  if (!asOperator) return refusal(c, new BilingualError(403, 'forbidden', 'only the operating company posts progress updates', '活動報告を投稿できるのは運営企業だけです'));
  const updates = challenge.status === 'draft' ? [] : await listChallengeUpdates(ctx.db, id);
  return render(
    c,
    <ChallengeUpdatesPage
      ctx={pageCtx(c)}
      challenge={challenge}
      updates={updates}
      values={opts.values ?? { title: '', date: jstDate(ctx.db.now ? ctx.db.now() : new Date()), text: '' }}
      errors={opts.errors ?? {}}
      flash={flashOf(c)}
      problem={opts.problem}
      canPost={acceptsUpdates(challenge.status)}
      reviewer={isReviewer(p)}
    />,
    opts.status ?? 200,
  );
}

applicationPages.get('/company/challenges/:id/updates', async (c) => {
  const p = await gate(c, 'company');
  if (p instanceof Response) return p;
  try {
    return await renderUpdates(c, p, c.req.param('id'));
  } catch (e) {
    return refusal(c, e);
  }
});

applicationPages.post('/company/challenges/:id/updates', async (c) => {
  const p = await gate(c, 'company');
  if (p instanceof Response) return p;
  const id = c.req.param('id');
  const f = (await c.req.parseBody({ all: true })) as Form;
  const values = { title: str(f, 'title'), date: str(f, 'date').trim(), text: str(f, 'text') };
  try {
    await postUpdateAs(actx(c), p, id, values);
    return c.redirect(`/company/challenges/${id}/updates?done=posted`, 303);
  } catch (e) {
    try {
      if (e instanceof IssuesError) return await renderUpdates(c, p, id, { values, errors: errorsOf(c, e.issues), status: 400 });
      if (e instanceof BilingualError && e.status === 409) return await renderUpdates(c, p, id, { values, problem: messageOf(c, e), status: 409 });
      return refusal(c, e);
    } catch (e2) {
      return refusal(c, e2);
    }
  }
});

async function moveFromPage(c: C, p: Principal, back: (ch: Challenge) => string) {
  const id = c.req.param('id')!;
  const f = (await c.req.parseBody({ all: true })) as Form;
  const to = MANUAL_MOVES.find((m) => m === str(f, 'status'));
  try {
    if (!to) throw new BilingualError(409, 'state_conflict', 'unknown status', '不明な状況です');
    const ch = await moveChallengeAs(actx(c), p, id, to as ManualMove);
    return c.redirect(`${back(ch)}?done=moved`, 303);
  } catch (e) {
    return refusal(c, e);
  }
}

applicationPages.post('/company/challenges/:id/status', async (c) => {
  const p = await gate(c, 'company');
  if (p instanceof Response) return p;
  return moveFromPage(c, p, (ch) => `/company/challenges/${ch.id}/updates`);
});

// ---------------------------------------------------------------- reviewer workspace

function queueFilter(c: C, myTowns: string[]): QueueFilter {
  // A hand-edited URL with a value we do not know just does not filter: a page should not answer 400.
  const status = APPLICATION_STATUSES.find((s) => s === c.req.query('status'));
  const town = myTowns.find((t) => t === c.req.query('town'));
  const from = c.req.query('from');
  const to = c.req.query('to');
  return { status, town, from: isValidDateString(from) ? from : undefined, to: isValidDateString(to) ? to : undefined };
}

applicationPages.get('/review', async (c) => {
  const p = await gate(c, 'reviewer');
  if (p instanceof Response) return p;
  try {
    const ctx = actx(c);
    const myTowns = hasRole(p, 'admin') ? (await sortedTowns(ctx.db)).map((t) => t.code) : townsWithRole(p, 'reviewer');
    const filter = queueFilter(c, myTowns);
    const applications = await listApplicationsAs(ctx, p, filter as Parameters<typeof listApplicationsAs>[2]);
    // A reviewer's queue is the towns' work, not the reviewer's own company drafts.
    const queue = applications.filter((a) => a.round > 0 && a.towns.some((t) => myTowns.includes(t)));
    return render(c, <ReviewerQueuePage ctx={pageCtx(c)} applications={queue} myTowns={myTowns} towns={await sortedTowns(ctx.db)} filter={filter} company={isCompany(p)} />);
  } catch (e) {
    return refusal(c, e);
  }
});

async function renderReview(c: C, p: Principal, id: string, opts: { values?: ReviewFormValues; errors?: Errors; problem?: string; status?: 200 | 400 | 403 | 409 | 422 } = {}) {
  const ctx = actx(c);
  const { application, reviews, reviewFor } = await readApplicationAs(ctx, p, id);
  const values = opts.values ?? { town: reviewFor[0] ?? '', decision: '', scores: {}, publicAnswer: '', privateNote: '' };
  return render(
    c,
    <ReviewFormPage
      ctx={pageCtx(c)}
      app={application}
      reviews={reviews}
      towns={await sortedTowns(ctx.db)}
      reviewFor={reviewFor}
      values={values}
      errors={opts.errors ?? {}}
      flash={flashOf(c)}
      problem={opts.problem}
      company={isCompany(p)}
    />,
    opts.status ?? 200,
  );
}

applicationPages.get('/review/applications/:id', async (c) => {
  const p = await gate(c, 'reviewer');
  if (p instanceof Response) return p;
  try {
    return await renderReview(c, p, c.req.param('id'));
  } catch (e) {
    return refusal(c, e);
  }
});

applicationPages.post('/review/applications/:id', async (c) => {
  const p = await gate(c, 'reviewer');
  if (p instanceof Response) return p;
  const id = c.req.param('id');
  const f = (await c.req.parseBody({ all: true })) as Form;
  const values: ReviewFormValues = {
    town: str(f, 'town'),
    decision: str(f, 'decision'),
    scores: { proposer: str(f, 'score-proposer'), residents: str(f, 'score-residents'), town: str(f, 'score-town') },
    publicAnswer: str(f, 'publicAnswer'),
    privateNote: str(f, 'privateNote'),
  };
  const score = (s: string | undefined) => (s ? Number(s) : Number.NaN);
  try {
    await reviewApplicationAs(actx(c), p, id, {
      town: values.town,
      decision: values.decision as ReviewDecision,
      scores: { proposer: score(values.scores.proposer), residents: score(values.scores.residents), town: score(values.scores.town) } as Scores,
      publicAnswer: values.publicAnswer,
      privateNote: values.privateNote,
    });
    return c.redirect(`/review/applications/${id}?done=reviewed`, 303);
  } catch (e) {
    try {
      if (e instanceof IssuesError) return await renderReview(c, p, id, { values, errors: errorsOf(c, e.issues), status: e.status as 400 | 422 });
      if (e instanceof BilingualError && e.status !== 404) return await renderReview(c, p, id, { values, problem: messageOf(c, e), status: e.status as 403 | 409 | 422 });
      return refusal(c, e);
    } catch (e2) {
      return refusal(c, e2);
    }
  }
});

function challengeValuesOf(ch: Challenge): ChallengeFormValues {
  return {
    title: ch.title,
    titleEn: ch.titleEn,
    summary: ch.summary,
    summaryEn: ch.summaryEn,
    description: ch.description,
    descriptionEn: ch.descriptionEn,
    theme: ch.theme,
    towns: ch.towns,
    leadTown: ch.leadTown,
    target: String(ch.targetAmount),
    deadline: ch.deadline,
  };
}

/** A new challenge starts from the application: its title, summary, proposal, towns and amount; 60 days to fund it. */
function defaultChallengeValues(app: Application, lead: string, today: Date): ChallengeFormValues {
  return {
    title: app.title,
    titleEn: '',
    summary: app.summary,
    summaryEn: '',
    description: app.proposal,
    descriptionEn: '',
    theme: '',
    towns: app.towns,
    leadTown: lead,
    target: String(app.requestedAmount),
    deadline: jstDate(new Date(today.getTime() + 60 * 24 * 3600_000)),
  };
}

async function renderEditor(c: C, p: Principal, appId: string, opts: { values?: ChallengeFormValues; errors?: Errors; problem?: string; status?: 200 | 400 | 403 | 409 | 422 } = {}) {
  const ctx = actx(c);
  const { application, reviewFor } = await readApplicationAs(ctx, p, appId);
  const leadOptions = hasRole(p, 'admin') ? application.towns : reviewFor;
  if (leadOptions.length === 0) return refusal(c, new BilingualError(403, 'forbidden', 'only a reviewer of a town that adopted it can make its challenge', 'チャレンジを作成できるのは採択した町の審査担当だけです'));
  const challenge = application.challengeId ? await getChallengeConsistent(ctx.db, application.challengeId) : undefined;
  const values = opts.values ?? (challenge ? challengeValuesOf(challenge) : defaultChallengeValues(application, leadOptions[0]!, ctx.db.now ? ctx.db.now() : new Date()));
  return render(
    c,
    <ChallengeEditorPage
      ctx={pageCtx(c)}
      app={application}
      challenge={challenge}
      values={values}
      errors={opts.errors ?? {}}
      towns={await sortedTowns(ctx.db)}
      leadOptions={leadOptions}
      flash={flashOf(c)}
      problem={opts.problem}
      company={isCompany(p)}
    />,
    opts.status ?? 200,
  );
}

applicationPages.get('/review/applications/:id/challenge', async (c) => {
  const p = await gate(c, 'reviewer');
  if (p instanceof Response) return p;
  try {
    return await renderEditor(c, p, c.req.param('id'));
  } catch (e) {
    return refusal(c, e);
  }
});

applicationPages.post('/review/applications/:id/challenge', async (c) => {
  const p = await gate(c, 'reviewer');
  if (p instanceof Response) return p;
  const id = c.req.param('id');
  const f = (await c.req.parseBody({ all: true })) as Form;
  const values: ChallengeFormValues = {
    title: str(f, 'title'),
    titleEn: str(f, 'titleEn'),
    summary: str(f, 'summary'),
    summaryEn: str(f, 'summaryEn'),
    description: str(f, 'description'),
    descriptionEn: str(f, 'descriptionEn'),
    theme: str(f, 'theme'),
    towns: strs(f, 'towns'),
    leadTown: str(f, 'leadTown'),
    target: str(f, 'target').trim(),
    deadline: str(f, 'deadline').trim(),
  };
  const input: ChallengeInput = { ...values, target: parseYen(values.target) };
  const ctx = actx(c);
  try {
    const { application } = await readApplicationAs(ctx, p, id);
    if (application.challengeId) {
      await editChallengeAs(ctx, p, application.challengeId, input);
      return c.redirect(`/review/applications/${id}/challenge?done=challengeSaved`, 303);
    }
    await createChallengeAs(ctx, p, id, input);
    return c.redirect(`/review/applications/${id}/challenge?done=created`, 303);
  } catch (e) {
    try {
      if (e instanceof IssuesError) return await renderEditor(c, p, id, { values, errors: errorsOf(c, e.issues), status: e.status as 400 | 422 });
      if (e instanceof BilingualError && e.status !== 404) return await renderEditor(c, p, id, { values, problem: messageOf(c, e), status: e.status as 403 | 409 | 422 });
      return refusal(c, e);
    } catch (e2) {
      return refusal(c, e2);
    }
  }
});

applicationPages.post('/review/challenges/:id/publish', async (c) => {
  const p = await gate(c, 'reviewer');
  if (p instanceof Response) return p;
  const ctx = actx(c);
  const ch = await getChallengeConsistent(ctx.db, c.req.param('id'));
  try {
    const published = await publishChallengeAs(ctx, p, c.req.param('id'));
    return c.redirect(published.applicationId ? `/review/applications/${published.applicationId}/challenge?done=published` : `/challenges/${published.id}`, 303);
  } catch (e) {
    try {
      if (e instanceof BilingualError && e.status !== 404 && ch?.applicationId) return await renderEditor(c, p, ch.applicationId, { problem: messageOf(c, e), status: e.status as 403 | 409 | 422 });
      return refusal(c, e);
    } catch (e2) {
      return refusal(c, e2);
    }
  }
});

applicationPages.post('/review/challenges/:id/status', async (c) => {
  const p = await gate(c, 'reviewer');
  if (p instanceof Response) return p;
  return moveFromPage(c, p, (ch) => (ch.applicationId ? `/review/applications/${ch.applicationId}/challenge` : `/challenges/${ch.id}`));
});
