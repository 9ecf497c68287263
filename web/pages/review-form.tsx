/** A reviewer reads the application and records their town's decision, scores, answer and private note. */
import { REVIEW_DECISIONS, SCORE_CRITERIA, type Application, type Review } from '../../functions/domain/applications.js';
import type { Municipality } from '../../functions/domain/catalog.js';
import { ApplicationFacts, Decisions, ReviewHistory } from '../components/application-detail.js';
import { t, type MessageKey } from '../../functions/i18n/index.js';
import { type FlashKey } from '../components/flash.js';
import { indexTowns, townName } from '../components/town-badge.js';
import { AppStatusBadge, ErrorSummary, Field, Flash, Group, Problem, WorkspaceNav, WorkspaceStyles, type Errors } from '../components/workspace.js';
import { Layout, type PageCtx } from '../layout.js';

export interface ReviewFormValues {
  town: string;
  decision: string;
  scores: Record<string, string>;
  publicAnswer: string;
  privateNote: string;
}

const SCORE_LABEL: Record<(typeof SCORE_CRITERIA)[number], MessageKey> = { proposer: 'cocreation.review.scoreProposer', residents: 'cocreation.review.scoreResidents', town: 'cocreation.review.scoreTown' };

export function ReviewFormPage(props: {
  ctx: PageCtx;
  app: Application;
  reviews: Review[];
  towns: Municipality[];
  /** Named towns this reviewer reviews for. */
  reviewFor: string[];
  values: ReviewFormValues;
  errors: Errors;
  flash?: FlashKey;
  problem?: string;
  company?: boolean;
}) {
  const { ctx, app, values: v, errors } = props;
  const { lang } = ctx;
  const towns = indexTowns(props.towns);
  const open = app.status === 'submitted';
  return (
    <Layout ctx={ctx} title={`${t(lang, 'cocreation.review.title')}: ${app.title}`}>
      <WorkspaceStyles />
      <WorkspaceNav lang={lang} reviewer company={props.company} active="review" />
      <header class="page-head">
        <p class="breadcrumb">
          <a href="/review">{t(lang, 'cocreation.ws.review')}</a> /
        </p>
        <h1>{app.title}</h1>
        <p>
          <AppStatusBadge lang={lang} status={app.status} /> <span class="muted">{app.companyName}</span>
        </p>
      </header>
      <Flash lang={lang} flash={props.flash} />
      <Problem message={props.problem} />
      {app.status === 'adopted' && props.reviewFor.length > 0 ? (
        <p>
          <a class="btn" href={`/review/applications/${app.id}/challenge`}>
            {t(lang, app.challengeId ? 'cocreation.review.openChallenge' : 'cocreation.review.makeChallenge')}
          </a>
        </p>
      ) : null}
      <Decisions lang={lang} app={app} towns={towns} />

      {props.reviewFor.length > 0 ? (
        open ? (
          <section aria-labelledby="review-heading" class="panel">
            <h2 id="review-heading">{t(lang, 'cocreation.review.formTitle', { town: props.reviewFor.map((c) => townName(lang, towns, c)).join(t(lang, 'cocreation.townSep')) })}</h2>
            <ErrorSummary lang={lang} errors={errors} />
            <form method="post" action={`/review/applications/${app.id}`} class="form" novalidate>
              {props.reviewFor.length === 1 ? (
                <input type="hidden" name="town" value={props.reviewFor[0]} />
              ) : (
                <Group legend={t(lang, 'cocreation.col.towns')} name="town" errors={errors}>
                  <div class="choices">
                    {props.reviewFor.map((code) => (
                      <label>
                        <input type="radio" name="town" value={code} checked={v.town === code} />
                        {townName(lang, towns, code)}
                      </label>
                    ))}
                  </div>
                </Group>
              )}
              <Group legend={t(lang, 'cocreation.review.decision')} name="decision" errors={errors}>
                <div class="choices">
                  {REVIEW_DECISIONS.map((d) => (
                    <label>
                      <input type="radio" name="decision" value={d} checked={v.decision === d} data-decision={d} />
                      {t(lang, `cocreation.decision.${d}` as MessageKey)}
                    </label>
                  ))}
                </div>
              </Group>
              <Group legend={t(lang, 'cocreation.review.scores')}>
                {SCORE_CRITERIA.map((k) => (
                  <div class={`field${errors[`scores.${k}`] ? ' invalid' : ''}`} id={`f-scores-${k}`}>
                    <span class="small">
                      <strong>{t(lang, SCORE_LABEL[k])}</strong>
                    </span>
                    <div class="choices" role="radiogroup" aria-label={t(lang, SCORE_LABEL[k])}>
                      {[1, 2, 3, 4, 5].map((n) => (
                        <label>
                          <input type="radio" name={`score-${k}`} value={String(n)} checked={v.scores[k] === String(n)} />
                          {n}
                        </label>
                      ))}
                    </div>
                    {errors[`scores.${k}`] ? <p class="field-error">{errors[`scores.${k}`]}</p> : null}
                  </div>
                ))}
              </Group>
              <Field lang={lang} name="publicAnswer" label={t(lang, 'cocreation.review.publicAnswer')} hint={t(lang, 'cocreation.review.publicAnswerHint')} value={v.publicAnswer} errors={errors} multiline rows={5} required />
              <Field lang={lang} name="privateNote" label={t(lang, 'cocreation.review.privateNote')} value={v.privateNote} errors={errors} multiline rows={3} />
              <div class="form-actions">
                <button class="btn" type="submit">
                  {t(lang, 'cocreation.review.record')}
                </button>
              </div>
            </form>
          </section>
        ) : (
          <p class="notice warn">{t(lang, 'cocreation.review.notOpen', { status: t(lang, `cocreation.appStatus.${app.status}` as MessageKey) })}</p>
        )
      ) : null}

      <ReviewHistory lang={lang} reviews={props.reviews} towns={towns} />
      <ApplicationFacts lang={lang} app={app} towns={towns} />
    </Layout>
  );
}
