/** The operating company reports progress on its challenge and moves it on once it has closed. */
import { nextStatus } from '../../functions/domain/challenge-lifecycle.js';
import type { Challenge } from '../../functions/domain/catalog.js';
import { t, type MessageKey, pick } from '../../functions/i18n/index.js';
import { type FlashKey } from '../components/flash.js';
import { ChallengeUpdates, type UpdateView } from '../components/challenge-updates.js';
import { ErrorSummary, Field, Flash, Problem, WorkspaceNav, WorkspaceStyles, type Errors } from '../components/workspace.js';
import { Layout, type PageCtx } from '../layout.js';

export interface UpdateFormValues {
  title: string;
  date: string;
  text: string;
}

export function ChallengeUpdatesPage(props: {
  ctx: PageCtx;
  challenge: Challenge;
  updates: UpdateView[];
  values: UpdateFormValues;
  errors: Errors;
  flash?: FlashKey;
  problem?: string;
  canPost: boolean;
  reviewer?: boolean;
}) {
  const { ctx, challenge: ch, values: v, errors } = props;
  const { lang } = ctx;
  const next = nextStatus(ch.status);
  const title = pick(lang, ch.title, ch.titleEn);
  return (
    <Layout ctx={ctx} title={`${t(lang, 'cocreation.updates.title')}: ${title}`}>
      <WorkspaceStyles />
      <WorkspaceNav lang={lang} company reviewer={props.reviewer} active="company" />
      <header class="page-head">
        <p class="breadcrumb">
          <a href="/company">{t(lang, 'cocreation.ws.company')}</a> /
        </p>
        <h1>{title}</h1>
        <p class="lead">{t(lang, 'cocreation.updates.lead')}</p>
      </header>
      <Flash lang={lang} flash={props.flash} />
      <Problem message={props.problem} />
      <section class="panel" aria-labelledby="status-heading">
        <h2 id="status-heading">{t(lang, 'cocreation.updates.status')}</h2>
        <p data-challenge-status={ch.status}>{t(lang, `cocreation.chStatus.${ch.status}` as MessageKey)}</p>
        {ch.status !== 'draft' ? (
          <p>
            <a href={`/challenges/${ch.id}`}>{t(lang, 'cocreation.editor.viewPublic')}</a>
          </p>
        ) : null}
        {next === 'in_progress' || next === 'completed' ? (
          <form method="post" action={`/company/challenges/${ch.id}/status`}>
            <input type="hidden" name="status" value={next} />
            <button class="btn btn-secondary" type="submit">
              {t(lang, `cocreation.move.${next}`)}
            </button>
          </form>
        ) : null}
      </section>
      {props.canPost ? (
        <section aria-labelledby="form-heading">
          <h2 id="form-heading">{t(lang, 'cocreation.updates.formTitle')}</h2>
          <ErrorSummary lang={lang} errors={errors} />
          <form method="post" action={`/company/challenges/${ch.id}/updates`} class="form" novalidate>
            <Field lang={lang} name="title" label={t(lang, 'cocreation.updates.itemTitle')} value={v.title} errors={errors} required maxlength={200} />
            <Field lang={lang} name="date" type="date" label={t(lang, 'cocreation.updates.date')} value={v.date} errors={errors} required />
            <Field lang={lang} name="text" label={t(lang, 'cocreation.updates.text')} value={v.text} errors={errors} multiline rows={8} required />
            <div class="form-actions">
              <button class="btn" type="submit">
                {t(lang, 'cocreation.updates.post')}
              </button>
            </div>
          </form>
        </section>
      ) : (
        <p class="notice warn">{t(lang, 'cocreation.updates.draft')}</p>
      )}
      <ChallengeUpdates lang={lang} updates={props.updates} />
    </Layout>
  );
}
