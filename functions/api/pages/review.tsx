/**
 * The reviewer's workspace, mounted at /review: the queue, the review form and the challenge editor
 * (save a draft, publish, move).
 * Plain POST forms that redirect on success and re-render with each error next to its field; every rule is
 * the same service the JSON API calls, and the presenters (presenters/cocreation.ts) shape forms and errors.
 */
import type { Context } from 'hono';
import type { Actor } from '../../domain/actor.js';
import { DomainError } from '../../domain/errors.js';
import { networkTowns, readApplication, reviewApplication } from '../../services/applications.js';
import { applicationIdOfChallenge, challengeEditor, publishChallenge, saveChallengeDraft } from '../../services/challenges.js';
import { reviewerQueue } from '../../services/cocreation-workspaces.js';
import { nowOf } from '../../services/context.js';
import type { Errors } from '../../../web/components/workspace.js';
import { ChallengeEditorPage, type ChallengeFormValues } from '../../../web/pages/challenge-editor.js';
import { ReviewFormPage, type ReviewFormValues } from '../../../web/pages/review-form.js';
import { ReviewerQueuePage } from '../../../web/pages/reviewer-queue.js';
import type { AppEnv } from '../context.js';
import { errorMessage } from '../errors.js';
import { pageCtx, renderPersonalPage as render } from '../page-context.js';
import { challengeValues, defaultChallengeValues, emptyReviewValues, queueFilter, readChallengeForm, readReviewForm } from '../presenters/cocreation.js';
import { createRouter } from '../router.js';
import { servicesOf } from '../services.js';
import { flashOf, isCompany, isKind, moveFromPage, parseForm, refusedForm, rerender, statusOf, workspace, type FormStatus } from './shared/cocreation.js';

type C = Context<AppEnv>;

export const reviewPages = createRouter();

reviewPages.get(
  '/',
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

reviewPages.get(
  '/applications/:id',
  workspace('reviewer', (c, p) => renderReview(c, p, c.req.param('id')!)),
);

reviewPages.post(
  '/applications/:id',
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

reviewPages.get(
  '/applications/:id/challenge',
  workspace('reviewer', (c, p) => renderEditor(c, p, c.req.param('id')!)),
);

reviewPages.post(
  '/applications/:id/challenge',
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

reviewPages.post(
  '/challenges/:id/publish',
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

reviewPages.post(
  '/challenges/:id/status',
  moveFromPage('reviewer', (ch) => (ch.applicationId ? `/review/applications/${ch.applicationId}/challenge` : `/challenges/${ch.id}`)),
);
