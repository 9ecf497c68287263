/**
 * The co-creation workspaces as server-rendered pages (/company/…, /review/…): the company's dashboard,
 * application form and progress updates; the reviewer's queue, review form and challenge editor. Plain
 * POST forms that redirect on success and re-render with each error next to its field; every rule is the
 * same service the JSON API calls, and the presenters (presenters/cocreation.ts) shape forms and errors.
 */
import type { Context } from 'hono';
import { hasRole, townsWithRole, type Actor } from '../../domain/actor.js';
import { contentOf, isEditable, submissionIssues, type Application } from '../../domain/applications.js';
import { MANUAL_MOVES } from '../../domain/challenge-lifecycle.js';
import type { Challenge } from '../../domain/catalog.js';
import { DomainError } from '../../domain/errors.js';
import { t } from '../../i18n/index.js';
import { createApplication, editApplication, networkTowns, readApplication, reviewApplication, submitApplication } from '../../services/applications.js';
import { applicationIdOfChallenge, challengeEditor, moveChallenge, publishChallenge, saveChallengeDraft } from '../../services/challenges.js';
import { myCompany, updateMyCompany } from '../../services/companies.js';
import { cocreationRefusal } from '../../services/cocreation-refusals.js';
import { companyDashboard, reviewerQueue } from '../../services/cocreation-workspaces.js';
import { nowOf } from '../../services/context.js';
import { operatorUpdates, postUpdate } from '../../services/progress-updates.js';
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
import { ReviewerQueuePage } from '../../../web/pages/reviewer-queue.js';
import type { AppEnv } from '../context.js';
import { errorMessage, STATUS_OF } from '../errors.js';
import { pageCtx, renderPersonalPage as render, signInRedirect } from '../page-context.js';
import {
  applicationValues,
  challengeValues,
  defaultChallengeValues,
  emptyApplicationValues,
  emptyReviewValues,
  emptyUpdateValues,
  fieldErrors,
  issueErrors,
  queueFilter,
  readApplicationForm,
  readChallengeForm,
  readProfileForm,
  readReviewForm,
  readUpdateForm,
  str,
  type Form,
} from '../presenters/cocreation.js';
import { createRouter } from '../router.js';
import { servicesOf } from '../services.js';
import { renderNotFound } from './pages.js';

type C = Context<AppEnv>;
type FormStatus = 200 | 400 | 403 | 409 | 422;

export const applicationPages = createRouter();

// ---------------------------------------------------------------- helpers

const isReviewer = (p?: Actor) => townsWithRole(p, 'reviewer').length > 0 || hasRole(p, 'admin');
const isCompany = (p?: Actor) => hasRole(p, 'company') && Boolean(p?.companyId);
const parseForm = async (c: C) => (await c.req.parseBody({ all: true })) as Form;

function flashOf(c: C): FlashKey | undefined {
  const done = c.req.query('done');
  return FLASHES.find((f) => f === done);
}

/** A refusal as the status a form page answers with (a page never says 401/404 this way: see `refusal`). */
function statusOf(e: DomainError): 400 | 403 | 409 | 422 {
  const s = STATUS_OF[e.kind];
  return s === 403 || s === 409 || s === 422 ? s : 400;
}

/** A refusal that names fields (shown next to them) rather than saying one thing. */
const hasIssues = (e: unknown): e is DomainError => e instanceof DomainError && e.issues.length > 0;
const isKind = (e: unknown, ...kinds: DomainError['kind'][]): e is DomainError => e instanceof DomainError && kinds.includes(e.kind);

function SimpleMessage(props: { ctx: PageCtx; title: string; message: string }) {
  return (
    <Layout ctx={props.ctx} title={props.title}>
      <h1>{props.title}</h1>
      <p>{props.message}</p>
      <p>
        <a href="/">{t(props.ctx.lang, 'cocreation.ws.home')}</a>
      </p>
    </Layout>
  );
}

/** The usual refusals, as pages: sign in, not found, not allowed; anything else bubbles to the error handler. */
function refusal(c: C, e: unknown) {
  if (!(e instanceof DomainError)) throw e;
  if (e.kind === 'unauthenticated') return signInRedirect(c);
  if (e.kind === 'not_found') return renderNotFound(c);
  return render(c, <SimpleMessage ctx={pageCtx(c)} title={t(c.var.lang, e.kind === 'forbidden' ? 'cocreation.ws.forbidden' : 'cocreation.ws.refused')} message={errorMessage(c.var.lang, e)} />, statusOf(e));
}

/** Re-renders a form page after a refusal; if even that is refused (the reader lost access), says so instead. */
async function rerender(c: C, page: () => Promise<Response>) {
  try {
    return await page();
  } catch (e) {
    return refusal(c, e);
  }
}

/** A refused form post: field errors next to their fields, the other refusals named as the page's problem. */
function refusedForm<V>(c: C, e: unknown, values: V, again: (opts: { values: V; errors?: Errors; problem?: string; status: FormStatus }) => Promise<Response>, problems: DomainError['kind'][]) {
  if (hasIssues(e)) return rerender(c, () => again({ values, errors: fieldErrors(c.var.lang, e), status: statusOf(e) }));
  if (isKind(e, ...problems)) return rerender(c, () => again({ values, problem: errorMessage(c.var.lang, e), status: statusOf(e) }));
  throw e;
}

/** Signed in with the role the workspace needs, or a redirect to sign in / a 403 page. */
async function gate(c: C, need: 'company' | 'reviewer'): Promise<Actor | Response> {
  const p = c.var.principal;
  if (!p) return signInRedirect(c);
  const ok = need === 'company' ? isCompany(p) || hasRole(p, 'admin') : isReviewer(p);
  if (!ok) return render(c, <SimpleMessage ctx={pageCtx(c)} title={t(c.var.lang, 'cocreation.ws.forbidden')} message={t(c.var.lang, 'cocreation.ws.forbidden')} />, 403);
  return p;
}

/** A workspace page: gated by role, with the usual refusals answered as pages. */
function workspace(need: 'company' | 'reviewer', handler: (c: C, actor: Actor) => Promise<Response>) {
  return async (c: C) => {
    const p = await gate(c, need);
    if (p instanceof Response) return p;
    try {
      return await handler(c, p);
    } catch (e) {
      return refusal(c, e);
    }
  };
}

// ---------------------------------------------------------------- assets

applicationPages.get(WORKSPACE_CSS_PATH, (c) => {
  c.header('Content-Type', 'text/css; charset=utf-8');
  c.header('Cache-Control', c.req.query('v') === WORKSPACE_CSS_HASH ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate');
  return c.body(WORKSPACE_CSS);
});

// ---------------------------------------------------------------- company workspace

applicationPages.get(
  '/company',
  workspace('company', async (c, p) => {
    const { company, applications, challenges, towns } = await companyDashboard(servicesOf(c), p);
    return render(c, <CompanyDashboardPage ctx={pageCtx(c)} company={company} applications={applications} challenges={challenges} towns={towns} reviewer={isReviewer(p)} flash={flashOf(c)} />);
  }),
);

async function renderApplicationForm(
  c: C,
  p: Actor,
  opts: { mode: 'new' | 'edit'; id?: string; values: ApplicationFormValues; errors?: Errors; status?: 200 | 400 | 409 | 422; errorLead?: string; app?: Application },
) {
  const ctx = servicesOf(c);
  const reviews = opts.app ? (await readApplication(ctx, p, opts.app.id)).reviews : undefined;
  return render(
    c,
    <ApplicationFormPage
      ctx={pageCtx(c)}
      mode={opts.mode}
      id={opts.id}
      values={opts.values}
      errors={opts.errors ?? {}}
      towns={await networkTowns(ctx)}
      reviews={reviews}
      flash={flashOf(c)}
      errorLead={opts.errorLead}
      reviewer={isReviewer(p)}
    />,
    opts.status ?? 200,
  );
}

applicationPages.get(
  '/company/applications/new',
  workspace('company', async (c, p) => renderApplicationForm(c, p, { mode: 'new', values: emptyApplicationValues(await myCompany(servicesOf(c), p)) })),
);

/** The stored draft again, with what still stands between it and submitting. */
async function notSubmitted(c: C, p: Actor, id: string, e: DomainError) {
  const { application } = await readApplication(servicesOf(c), p, id);
  return renderApplicationForm(c, p, { mode: 'edit', id, values: applicationValues(application), app: application, errors: fieldErrors(c.var.lang, e), status: 400, errorLead: t(c.var.lang, 'cocreation.form.savedButNotSubmitted') });
}

/**
 * Save, and when asked, submit. A draft that is stored but not yet complete enough to submit stays
 * saved: the company lands on its edit page with what is missing.
 */
async function saveAndMaybeSubmit(c: C, p: Actor, mode: 'new' | 'edit', id: string | undefined) {
  const form = await parseForm(c);
  const { values, input } = readApplicationForm(form);
  const ctx = servicesOf(c);
  let saved: Application;
  try {
    saved = mode === 'new' ? await createApplication(ctx, p, input) : await editApplication(ctx, p, id!, input, 'replace');
  } catch (e) {
    if (hasIssues(e)) return renderApplicationForm(c, p, { mode, id, values, errors: fieldErrors(c.var.lang, e), status: statusOf(e) as 400 | 422 });
    if (isKind(e, 'conflict')) return c.redirect(`/company/applications/${id}`, 303);
    return refusal(c, e);
  }
  if (str(form, 'action') !== 'submit') return c.redirect(`/company/applications/${saved.id}/edit?done=saved`, 303);
  try {
    await submitApplication(ctx, p, saved.id);
  } catch (e) {
    if (hasIssues(e)) return notSubmitted(c, p, saved.id, e);
    return refusal(c, e);
  }
  return c.redirect(`/company/applications/${saved.id}?done=submitted`, 303);
}

applicationPages.post(
  '/company/applications/new',
  workspace('company', (c, p) => saveAndMaybeSubmit(c, p, 'new', undefined)),
);

async function renderStatus(c: C, p: Actor, id: string, problem?: string) {
  const ctx = servicesOf(c);
  const { application, reviews } = await readApplication(ctx, p, id);
  if (application.companyId !== p.companyId && !hasRole(p, 'admin')) return renderNotFound(c);
  const page = <ApplicationStatusPage ctx={pageCtx(c)} app={application} reviews={reviews} towns={await networkTowns(ctx)} flash={problem ? undefined : flashOf(c)} problem={problem} reviewer={problem ? undefined : isReviewer(p)} />;
  return render(c, page, problem ? 409 : 200);
}

applicationPages.get(
  '/company/applications/:id',
  workspace('company', (c, p) => renderStatus(c, p, c.req.param('id')!)),
);

applicationPages.get(
  '/company/applications/:id/edit',
  workspace('company', async (c, p) => {
    const { application } = await readApplication(servicesOf(c), p, c.req.param('id')!);
    if (application.companyId !== p.companyId && !hasRole(p, 'admin')) return renderNotFound(c);
    if (!isEditable(application.status)) return c.redirect(`/company/applications/${application.id}`, 303);
    // Show at once what still stands between this draft and submitting it.
    const pending = c.req.query('done') === 'saved' ? issueErrors(c.var.lang, submissionIssues(contentOf(application))) : {};
    return renderApplicationForm(c, p, { mode: 'edit', id: application.id, values: applicationValues(application), app: application, errors: pending });
  }),
);

applicationPages.post(
  '/company/applications/:id/edit',
  workspace('company', (c, p) => saveAndMaybeSubmit(c, p, 'edit', c.req.param('id'))),
);

applicationPages.post(
  '/company/applications/:id/submit',
  workspace('company', async (c, p) => {
    const id = c.req.param('id')!;
    try {
      await submitApplication(servicesOf(c), p, id);
      return c.redirect(`/company/applications/${id}?done=submitted`, 303);
    } catch (e) {
      if (hasIssues(e)) return notSubmitted(c, p, id, e);
      if (isKind(e, 'conflict')) return renderStatus(c, p, id, errorMessage(c.var.lang, e));
      throw e;
    }
  }),
);

applicationPages.get(
  '/company/profile',
  workspace('company', async (c, p) => {
    const { id: _id, ...values } = await myCompany(servicesOf(c), p);
    return render(c, <CompanyProfilePage ctx={pageCtx(c)} values={values} errors={{}} flash={flashOf(c)} reviewer={isReviewer(p)} />);
  }),
);

applicationPages.post(
  '/company/profile',
  workspace('company', async (c, p) => {
    const values = readProfileForm(await parseForm(c));
    try {
      await updateMyCompany(servicesOf(c), p, values);
      return c.redirect('/company?done=profileSaved', 303);
    } catch (e) {
      if (hasIssues(e)) return render(c, <CompanyProfilePage ctx={pageCtx(c)} values={values} errors={fieldErrors(c.var.lang, e)} reviewer={isReviewer(p)} />, 400);
      throw e;
    }
  }),
);

async function renderUpdates(c: C, p: Actor, id: string, opts: { values?: UpdateFormValues; errors?: Errors; problem?: string; status?: FormStatus } = {}) {
  const ctx = servicesOf(c);
  const { challenge, updates, canPost } = await operatorUpdates(ctx, p, id);
  return render(
    c,
    <ChallengeUpdatesPage
      ctx={pageCtx(c)}
      challenge={challenge}
      updates={updates}
      values={opts.values ?? emptyUpdateValues(nowOf(ctx))}
      errors={opts.errors ?? {}}
      flash={flashOf(c)}
      problem={opts.problem}
      canPost={canPost}
      reviewer={isReviewer(p)}
    />,
    opts.status ?? 200,
  );
}

applicationPages.get(
  '/company/challenges/:id/updates',
  workspace('company', (c, p) => renderUpdates(c, p, c.req.param('id')!)),
);

applicationPages.post(
  '/company/challenges/:id/updates',
  workspace('company', async (c, p) => {
    const id = c.req.param('id')!;
    const values = readUpdateForm(await parseForm(c));
    try {
      await postUpdate(servicesOf(c), p, id, values);
      return c.redirect(`/company/challenges/${id}/updates?done=posted`, 303);
    } catch (e) {
      return refusedForm(c, e, values, (opts) => renderUpdates(c, p, id, opts), ['conflict']);
    }
  }),
);

/** closed → in_progress → completed from a page's button; back to where the button was. */
function moveFromPage(need: 'company' | 'reviewer', back: (ch: Challenge) => string) {
  return workspace(need, async (c, p) => {
    const asked = str(await parseForm(c), 'status');
    const to = MANUAL_MOVES.find((m) => m === asked);
    if (!to) throw cocreationRefusal('conflict', 'state_conflict', 'cocreation.unknown_move');
    const ch = await moveChallenge(servicesOf(c), p, c.req.param('id')!, to);
    return c.redirect(`${back(ch)}?done=moved`, 303);
  });
}

applicationPages.post(
  '/company/challenges/:id/status',
  moveFromPage('company', (ch) => `/company/challenges/${ch.id}/updates`),
);

// ---------------------------------------------------------------- reviewer workspace

applicationPages.get(
  '/review',
  workspace('reviewer', async (c, p) => {
    const { applications, myTowns, towns, filter } = await reviewerQueue(servicesOf(c), p, queueFilter((k) => c.req.query(k)));
    return render(c, <ReviewerQueuePage ctx={pageCtx(c)} applications={applications} myTowns={myTowns} towns={towns} filter={filter} company={isCompany(p)} />);
  }),
);

async function renderReview(c: C, p: Actor, id: string, opts: { values?: ReviewFormValues; errors?: Errors; problem?: string; status?: FormStatus } = {}) {
  const ctx = servicesOf(c);
  const { application, reviews, reviewFor } = await readApplication(ctx, p, id);
  return render(
    c,
    <ReviewFormPage
      ctx={pageCtx(c)}
      app={application}
      reviews={reviews}
      towns={await networkTowns(ctx)}
      reviewFor={reviewFor}
      values={opts.values ?? emptyReviewValues(reviewFor[0] ?? '')}
      errors={opts.errors ?? {}}
      flash={flashOf(c)}
      problem={opts.problem}
      company={isCompany(p)}
    />,
    opts.status ?? 200,
  );
}

applicationPages.get(
  '/review/applications/:id',
  workspace('reviewer', (c, p) => renderReview(c, p, c.req.param('id')!)),
);

applicationPages.post(
  '/review/applications/:id',
  workspace('reviewer', async (c, p) => {
    const id = c.req.param('id')!;
    const { values, input } = readReviewForm(await parseForm(c));
    try {
      await reviewApplication(servicesOf(c), p, id, input);
      return c.redirect(`/review/applications/${id}?done=reviewed`, 303);
    } catch (e) {
      return refusedForm(c, e, values, (opts) => renderReview(c, p, id, opts), ['forbidden', 'conflict', 'rule']);
    }
  }),
);

async function renderEditor(c: C, p: Actor, appId: string, opts: { values?: ChallengeFormValues; errors?: Errors; problem?: string; status?: FormStatus } = {}) {
  const ctx = servicesOf(c);
  const { application, challenge, leadOptions } = await challengeEditor(ctx, p, appId);
  const values = opts.values ?? (challenge ? challengeValues(challenge) : defaultChallengeValues(application, leadOptions[0]!, nowOf(ctx)));
  return render(
    c,
    <ChallengeEditorPage
      ctx={pageCtx(c)}
      app={application}
      challenge={challenge}
      values={values}
      errors={opts.errors ?? {}}
      towns={await networkTowns(ctx)}
      leadOptions={leadOptions}
      flash={flashOf(c)}
      problem={opts.problem}
      company={isCompany(p)}
    />,
    opts.status ?? 200,
  );
}

applicationPages.get(
  '/review/applications/:id/challenge',
  workspace('reviewer', (c, p) => renderEditor(c, p, c.req.param('id')!)),
);

applicationPages.post(
  '/review/applications/:id/challenge',
  workspace('reviewer', async (c, p) => {
    const id = c.req.param('id')!;
    const { values, input } = readChallengeForm(await parseForm(c));
    try {
      const { created } = await saveChallengeDraft(servicesOf(c), p, id, input);
      return c.redirect(`/review/applications/${id}/challenge?done=${created ? 'created' : 'challengeSaved'}`, 303);
    } catch (e) {
      return refusedForm(c, e, values, (opts) => renderEditor(c, p, id, opts), ['forbidden', 'conflict', 'rule']);
    }
  }),
);

applicationPages.post(
  '/review/challenges/:id/publish',
  workspace('reviewer', async (c, p) => {
    const ctx = servicesOf(c);
    const id = c.req.param('id')!;
    try {
      const published = await publishChallenge(ctx, p, id);
      return c.redirect(published.applicationId ? `/review/applications/${published.applicationId}/challenge?done=published` : `/challenges/${published.id}`, 303);
    } catch (e) {
      const appId = isKind(e, 'forbidden', 'conflict', 'rule') ? await applicationIdOfChallenge(ctx, id) : undefined;
      if (appId) return rerender(c, () => renderEditor(c, p, appId, { problem: errorMessage(c.var.lang, e as DomainError), status: statusOf(e as DomainError) }));
      throw e;
    }
  }),
);

applicationPages.post(
  '/review/challenges/:id/status',
  moveFromPage('reviewer', (ch) => (ch.applicationId ? `/review/applications/${ch.applicationId}/challenge` : `/challenges/${ch.id}`)),
);
