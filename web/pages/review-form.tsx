/** A reviewer reads the application and records their town's decision, scores, answer and private note. */
import { REVIEW_DECISIONS, SCORE_CRITERIA, type Application, type Review } from '../../functions/domain/applications.js';
import type { Municipality } from '../../functions/domain/catalog.js';
import { ApplicationFacts, Decisions, ReviewHistory } from '../components/application-detail.js';
import { at, type AppKey, type FlashKey } from '../components/applications-i18n.js';
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

const SCORE_LABEL: Record<(typeof SCORE_CRITERIA)[number], AppKey> = { proposer: 'review.scoreProposer', residents: 'review.scoreResidents', town: 'review.scoreTown' };

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
    <Layout ctx={ctx} title={`${at(lang, 'review.title')}: ${app.title}`}>
      <WorkspaceStyles />
      <WorkspaceNav lang={lang} reviewer company={props.company} active="review" />
      <header class="page-head">
        <p class="breadcrumb">
          <a href="/review">{at(lang, 'ws.review')}</a> /
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
            {at(lang, app.challengeId ? 'review.openChallenge' : 'review.makeChallenge')}
          </a>
        </p>
      ) : null}
      <Decisions lang={lang} app={app} towns={towns} />

      {props.reviewFor.length > 0 ? (
        open ? (
          <section aria-labelledby="review-heading" class="panel">
            <h2 id="review-heading">{at(lang, 'review.formTitle', { town: props.reviewFor.map((c) => townName(lang, towns, c)).join('・') })}</h2>
            <ErrorSummary lang={lang} errors={errors} />
            <form method="post" action={`/review/applications/${app.id}`} class="form" novalidate>
              {props.reviewFor.length === 1 ? (
                <input type="hidden" name="town" value={props.reviewFor[0]} />
              ) : (
                <Group legend={at(lang, 'col.towns')} name="town" errors={errors}>
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
              <Group legend={at(lang, 'review.decision')} name="decision" errors={errors}>
                <div class="choices">
                  {REVIEW_DECISIONS.map((d) => (
                    <label>
                      <input type="radio" name="decision" value={d} checked={v.decision === d} data-decision={d} />
                      {at(lang, `decision.${d}` as AppKey)}
                    </label>
                  ))}
                </div>
              </Group>
              <Group legend={at(lang, 'review.scores')}>
                {SCORE_CRITERIA.map((k) => (
                  <div class={`field${errors[`scores.${k}`] ? ' invalid' : ''}`} id={`f-scores-${k}`}>
                    <span class="small">
                      <strong>{at(lang, SCORE_LABEL[k])}</strong>
                    </span>
                    <div class="choices" role="radiogroup" aria-label={at(lang, SCORE_LABEL[k])}>
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
              <Field lang={lang} name="publicAnswer" label={at(lang, 'review.publicAnswer')} hint={at(lang, 'review.publicAnswerHint')} value={v.publicAnswer} errors={errors} multiline rows={5} required />
              <Field lang={lang} name="privateNote" label={at(lang, 'review.privateNote')} value={v.privateNote} errors={errors} multiline rows={3} />
              <div class="form-actions">
                <button class="btn" type="submit">
                  {at(lang, 'review.record')}
                </button>
              </div>
            </form>
          </section>
        ) : (
          <p class="notice warn">{at(lang, 'review.notOpen', { status: at(lang, `appStatus.${app.status}` as AppKey) })}</p>
        )
      ) : null}

      <ReviewHistory lang={lang} reviews={props.reviews} towns={towns} />
      <ApplicationFacts lang={lang} app={app} towns={towns} />
    </Layout>
  );
}
