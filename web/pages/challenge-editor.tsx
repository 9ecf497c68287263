/** The lead town's reviewer turns an adopted application into a challenge, saves the draft and publishes it. */
import type { Application } from '../../functions/domain/applications.js';
import { nextStatus } from '../../functions/domain/challenge-lifecycle.js';
import type { Challenge, Municipality } from '../../functions/domain/catalog.js';
import { t, type MessageKey, pick } from '../../functions/i18n/index.js';
import { type FlashKey } from '../components/flash.js';
import { townName, indexTowns } from '../components/town-badge.js';
import { ErrorSummary, Field, Flash, Group, Problem, WorkspaceNav, WorkspaceStyles, type Errors } from '../components/workspace.js';
import { Layout, type PageCtx } from '../layout.js';

export interface ChallengeFormValues {
  title: string;
  titleEn: string;
  summary: string;
  summaryEn: string;
  description: string;
  descriptionEn: string;
  theme: string;
  towns: string[];
  leadTown: string;
  target: string;
  deadline: string;
}

export function ChallengeEditorPage(props: {
  ctx: PageCtx;
  app: Application;
  challenge?: Challenge;
  values: ChallengeFormValues;
  errors: Errors;
  towns: Municipality[];
  /** Towns the signed-in reviewer may lead. */
  leadOptions: string[];
  flash?: FlashKey;
  problem?: string;
  company?: boolean;
}) {
  const { ctx, app, challenge: ch, values: v, errors } = props;
  const { lang } = ctx;
  const towns = indexTowns(props.towns);
  const appTowns = props.towns.filter((t) => app.towns.includes(t.code));
  const editing = !ch || ch.status === 'draft';
  const next = ch ? nextStatus(ch.status) : undefined;
  return (
    <Layout ctx={ctx} title={t(lang, 'cocreation.editor.title')}>
      <WorkspaceStyles />
      <WorkspaceNav lang={lang} reviewer company={props.company} active="review" />
      <header class="page-head">
        <p class="breadcrumb">
          <a href="/review">{t(lang, 'cocreation.ws.review')}</a> / <a href={`/review/applications/${app.id}`}>{app.title}</a> /
        </p>
        <h1>{t(lang, 'cocreation.editor.title')}</h1>
        <p class="lead">{t(lang, 'cocreation.editor.lead')}</p>
      </header>
      <Flash lang={lang} flash={props.flash} />
      <Problem message={props.problem} />
      {app.status !== 'adopted' ? <p class="notice warn">{t(lang, 'cocreation.editor.notAdopted')}</p> : null}

      {ch && ch.status !== 'draft' ? (
        <section class="panel" data-challenge={ch.id}>
          <p>{t(lang, 'cocreation.editor.published', { status: t(lang, `cocreation.chStatus.${ch.status}` as MessageKey) })}</p>
          <p>
            <a href={`/challenges/${ch.id}`}>{t(lang, 'cocreation.editor.viewPublic')}</a>
          </p>
          {next === 'in_progress' || next === 'completed' ? (
            <form method="post" action={`/review/challenges/${ch.id}/status`}>
              <input type="hidden" name="status" value={next} />
              <button class="btn btn-secondary" type="submit">
                {t(lang, `cocreation.move.${next}`)}
              </button>
            </form>
          ) : null}
        </section>
      ) : null}

      {app.status === 'adopted' && editing ? (
        <>
          <ErrorSummary lang={lang} errors={errors} />
          <form method="post" action={`/review/applications/${app.id}/challenge`} class="form" novalidate>
            <Field lang={lang} name="title" label={t(lang, 'cocreation.editor.titleJa')} value={v.title} errors={errors} required maxlength={200} />
            <Field lang={lang} name="titleEn" label={t(lang, 'cocreation.editor.titleEn')} value={v.titleEn} errors={errors} maxlength={200} />
            <Field lang={lang} name="summary" label={t(lang, 'cocreation.editor.summary')} value={v.summary} errors={errors} multiline rows={3} required />
            <Field lang={lang} name="summaryEn" label={t(lang, 'cocreation.editor.summaryEn')} value={v.summaryEn} errors={errors} multiline rows={3} />
            <Field lang={lang} name="description" label={t(lang, 'cocreation.editor.description')} value={v.description} errors={errors} multiline rows={8} required />
            <Field lang={lang} name="descriptionEn" label={t(lang, 'cocreation.editor.descriptionEn')} value={v.descriptionEn} errors={errors} multiline rows={6} />
            <Field lang={lang} name="theme" label={t(lang, 'cocreation.editor.theme')} value={v.theme} errors={errors} maxlength={100} />
            <Group legend={t(lang, 'cocreation.editor.towns')} name="towns" errors={errors}>
              <div class="choices">
                {appTowns.map((t) => (
                  <label>
                    <input type="checkbox" name="towns" value={t.code} checked={v.towns.includes(t.code)} />
                    {pick(lang, t.name, t.nameEn)}
                  </label>
                ))}
              </div>
            </Group>
            <Group legend={t(lang, 'cocreation.editor.leadTown')} name="leadTown" errors={errors}>
              <div class="choices">
                {props.leadOptions.map((code) => (
                  <label>
                    <input type="radio" name="leadTown" value={code} checked={v.leadTown === code} />
                    {townName(lang, towns, code)}
                  </label>
                ))}
              </div>
            </Group>
            <div class="pair">
              <Field lang={lang} name="target" label={t(lang, 'cocreation.editor.target')} value={v.target} errors={errors} inputmode="numeric" required />
              <Field lang={lang} name="deadline" type="date" label={t(lang, 'cocreation.editor.deadline')} value={v.deadline} errors={errors} required />
            </div>
            <p class="muted">{t(lang, 'cocreation.editor.corporate')}</p>
            <div class="form-actions">
              <button class="btn btn-secondary" type="submit">
                {t(lang, ch ? 'cocreation.editor.save' : 'cocreation.editor.create')}
              </button>
            </div>
          </form>
          {ch ? (
            <section class="panel" aria-labelledby="publish-heading">
              <h2 id="publish-heading">{t(lang, 'cocreation.editor.publish')}</h2>
              <p class="hint">{t(lang, 'cocreation.editor.publishHint')}</p>
              <form method="post" action={`/review/challenges/${ch.id}/publish`}>
                <button class="btn" type="submit" data-publish={ch.id}>
                  {t(lang, 'cocreation.editor.publish')}
                </button>
              </form>
            </section>
          ) : null}
        </>
      ) : null}
    </Layout>
  );
}
