/** The company's view of one application: where it stands, every town's answer, and what it can do next. */
import type { Application, Review } from '../../functions/domain/applications.js';
import type { Municipality } from '../../functions/domain/catalog.js';
import { ApplicationFacts, Decisions, ReviewHistory } from '../components/application-detail.js';
import { t } from '../../functions/i18n/index.js';
import { type FlashKey } from '../components/flash.js';
import { indexTowns } from '../components/town-badge.js';
import { ErrorSummary, Flash, Problem, WorkspaceNav, WorkspaceStyles, type Errors } from '../components/workspace.js';
import { Layout, type PageCtx } from '../layout.js';

export function ApplicationStatusPage(props: {
  ctx: PageCtx;
  app: Application;
  reviews: Review[];
  towns: Municipality[];
  flash?: FlashKey;
  problem?: string;
  errors?: Errors;
  reviewer?: boolean;
}) {
  const { ctx, app, reviews } = props;
  const { lang } = ctx;
  const towns = indexTowns(props.towns);
  const editable = app.status === 'draft' || app.status === 'changes_requested';
  const rejection = app.status === 'rejected' ? [...reviews].reverse().find((r) => r.decision === 'rejected') : undefined;
  return (
    <Layout ctx={ctx} title={app.title}>
      <WorkspaceStyles />
      <WorkspaceNav lang={lang} company reviewer={props.reviewer} active="company" />
      <header class="page-head">
        <p class="breadcrumb">
          <a href="/company">{t(lang, 'cocreation.ws.company')}</a> / {t(lang, 'cocreation.view.title')}
        </p>
        <h1>{app.title}</h1>
      </header>
      <Flash lang={lang} flash={props.flash} />
      <Problem message={props.problem} />
      <ErrorSummary lang={lang} errors={props.errors ?? {}} />
      {app.status === 'changes_requested' ? <p class="notice warn">{t(lang, 'cocreation.view.changesRequested')}</p> : null}
      {rejection ? (
        <p class="notice warn" data-rejection>
          <strong>{t(lang, 'cocreation.view.rejectedReason')}:</strong> {rejection.publicAnswer}
        </p>
      ) : null}
      {editable ? (
        <div class="form-actions">
          <a class="btn btn-secondary" href={`/company/applications/${app.id}/edit`}>
            {t(lang, app.status === 'changes_requested' ? 'cocreation.view.resubmit' : 'cocreation.view.edit')}
          </a>
          <form method="post" action={`/company/applications/${app.id}/submit`} class="inline-form">
            <button class="btn" type="submit">
              {t(lang, 'cocreation.view.submit')}
            </button>
          </form>
        </div>
      ) : null}
      {app.challengeId ? (
        <p>
          {t(lang, 'cocreation.view.challenge')}: <a href={`/company/challenges/${app.challengeId}/updates`}>{app.challengeId}</a>
        </p>
      ) : null}
      <Decisions lang={lang} app={app} towns={towns} />
      <ReviewHistory lang={lang} reviews={reviews} towns={towns} />
      <ApplicationFacts lang={lang} app={app} towns={towns} />
    </Layout>
  );
}
