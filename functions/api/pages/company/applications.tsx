/**
 * The company's applications (/company/applications/…): the form (new and edit), save and submit, and an
 * application's status page.
 * Plain POST forms that redirect on success and re-render with each error next to its field; every rule is
 * the same service the JSON API calls, and the presenters (presenters/cocreation.ts) shape forms and errors.
 */
import type { Context } from 'hono';
import type { Actor } from '../../../domain/actor.js';
import { contentOf, isEditable, submissionIssues, type Application } from '../../../domain/applications.js';
import { DomainError } from '../../../domain/errors.js';
import { t } from '../../../i18n/index.js';
import { createApplication, editApplication, networkTowns, readOwnApplication, submitApplication } from '../../../services/applications.js';
import { myCompany } from '../../../services/companies.js';
import type { Errors } from '../../../../web/components/workspace.js';
import { ApplicationFormPage, type ApplicationFormValues } from '../../../../web/pages/application-form.js';
import { ApplicationStatusPage } from '../../../../web/pages/application-status.js';
import type { AppEnv } from '../../context.js';
import { errorMessage } from '../../errors.js';
import { pageCtx, renderPersonalPage as render } from '../../page-context.js';
import { applicationValues, emptyApplicationValues, fieldErrors, issueErrors, readApplicationForm, str } from '../../presenters/cocreation.js';
import { createRouter } from '../../router.js';
import { servicesOf } from '../../services.js';
import { flashOf, hasIssues, isKind, isReviewer, parseForm, refusal, statusOf, workspace } from '../shared/cocreation.js';

type C = Context<AppEnv>;

export const companyApplicationPages = createRouter();

async function renderApplicationForm(
  c: C,
  p: Actor,
  opts: { mode: 'new' | 'edit'; id?: string; values: ApplicationFormValues; errors?: Errors; status?: 200 | 400 | 409 | 422; errorLead?: string; app?: Application },
) {
  const ctx = servicesOf(c);
  const reviews = opts.app ? (await readOwnApplication(ctx, p, opts.app.id)).reviews : undefined;
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

companyApplicationPages.get(
  '/applications/new',
  workspace('company', async (c, p) => renderApplicationForm(c, p, { mode: 'new', values: emptyApplicationValues(await myCompany(servicesOf(c), p)) })),
);

/** The stored draft again, with what still stands between it and submitting. */
async function notSubmitted(c: C, p: Actor, id: string, e: DomainError) {
  const { application } = await readOwnApplication(servicesOf(c), p, id);
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

companyApplicationPages.post(
  '/applications/new',
  workspace('company', (c, p) => saveAndMaybeSubmit(c, p, 'new', undefined)),
);

async function renderStatus(c: C, p: Actor, id: string, problem?: string) {
  const ctx = servicesOf(c);
  const { application, reviews } = await readOwnApplication(ctx, p, id);
  const page = <ApplicationStatusPage ctx={pageCtx(c)} app={application} reviews={reviews} towns={await networkTowns(ctx)} flash={problem ? undefined : flashOf(c)} problem={problem} reviewer={problem ? undefined : isReviewer(p)} />;
  return render(c, page, problem ? 409 : 200);
}

companyApplicationPages.get(
  '/applications/:id',
  workspace('company', (c, p) => renderStatus(c, p, c.req.param('id')!)),
);

companyApplicationPages.get(
  '/applications/:id/edit',
  workspace('company', async (c, p) => {
    const { application } = await readOwnApplication(servicesOf(c), p, c.req.param('id')!);
    if (!isEditable(application.status)) return c.redirect(`/company/applications/${application.id}`, 303);
    // Show at once what still stands between this draft and submitting it.
    const pending = c.req.query('done') === 'saved' ? issueErrors(c.var.lang, submissionIssues(contentOf(application))) : {};
    return renderApplicationForm(c, p, { mode: 'edit', id: application.id, values: applicationValues(application), app: application, errors: pending });
  }),
);

companyApplicationPages.post(
  '/applications/:id/edit',
  workspace('company', (c, p) => saveAndMaybeSubmit(c, p, 'edit', c.req.param('id'))),
);

companyApplicationPages.post(
  '/applications/:id/submit',
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
