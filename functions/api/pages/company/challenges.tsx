/**
 * The operating company's side of a published challenge (/company/challenges/:id/…): progress updates and
 * moving it closed → in progress → completed.
 * Plain POST forms that redirect on success and re-render with each error next to its field; every rule is
 * the same service the JSON API calls, and the presenters (presenters/cocreation.ts) shape forms and errors.
 */
import type { Context } from 'hono';
import type { Actor } from '../../../domain/actor.js';
import { nowOf } from '../../../services/context.js';
import { operatorUpdates, postUpdate } from '../../../services/progress-updates.js';
import type { Errors } from '../../../../web/components/workspace.js';
import { ChallengeUpdatesPage, type UpdateFormValues } from '../../../../web/pages/challenge-updates.js';
import type { AppEnv } from '../../context.js';
import { pageCtx, renderPersonalPage as render } from '../../page-context.js';
import { emptyUpdateValues, readUpdateForm } from '../../presenters/cocreation.js';
import { createRouter } from '../../router.js';
import { servicesOf } from '../../services.js';
import { flashOf, isReviewer, moveFromPage, parseForm, refusedForm, workspace, type FormStatus } from '../shared/cocreation.js';

type C = Context<AppEnv>;

export const companyChallengePages = createRouter();

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

companyChallengePages.get(
  '/challenges/:id/updates',
  workspace('company', (c, p) => renderUpdates(c, p, c.req.param('id')!)),
);

companyChallengePages.post(
  '/challenges/:id/updates',
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

companyChallengePages.post(
  '/challenges/:id/status',
  moveFromPage('company', (ch) => `/company/challenges/${ch.id}/updates`),
);
