/**
 * The towns' regional plans (/treasurer/regional-plans) that corporate pledges are made under. Forms post here, then redirect (303); a refusal re-renders
 * the form with each reason next to its field, in the reader's language. The rules are the same services
 * the JSON API calls
 * (services/regional-plans.ts).
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { t } from '../../../i18n/index.js';
import { createPlan, planEditorPage } from '../../../services/regional-plans.js';
import { indexTowns } from '../../../../web/components/town-badge.js';
import type { FieldProblem } from '../../../../web/components/corporate-ui.js';
import { PROJECT_SLOTS, RegionalPlansPage, type PlanFormValues } from '../../../../web/pages/regional-plans.js';
import type { AppEnv } from '../../context.js';
import { pageCtx, renderPersonalPage as render, signInRedirect as signIn } from '../../page-context.js';
import { planChoices, problemsOf } from '../../presenters/corporate.js';
import { createRouter } from '../../router.js';
import { servicesOf } from '../../services.js';
import { hasIssues, list, renderError, statusOf, str } from '../shared/corporate.js';

type C = Context<AppEnv>;

export const regionalPlanPages = createRouter();

// ---------------------------------------------------------------- treasurer: regional plans

async function renderPlans(c: C, extra: { flash?: string; failed?: { town: string; values: PlanFormValues; problems: FieldProblem[] } } = {}, status: ContentfulStatusCode = 200) {
  try {
    const view = await planEditorPage(servicesOf(c), c.var.principal);
    return render(c, <RegionalPlansPage ctx={pageCtx(c)} towns={indexTowns(view.towns)} editableTowns={view.editable} plansByTown={view.plansByTown} choices={planChoices(view)} {...extra} />, status);
  } catch (e) {
    return renderError(c, e);
  }
}

regionalPlanPages.get('/regional-plans', async (c) => {
  if (!c.var.principal) return signIn(c);
  return renderPlans(c, { flash: c.req.query('done') === '1' ? t(c.var.lang, 'corporate.plans.saved') : undefined });
});

regionalPlanPages.post('/regional-plans', async (c) => {
  if (!c.var.principal) return signIn(c);
  const form = await c.req.parseBody({ all: true });
  const town = str(form.town);
  const values: PlanFormValues = {
    name: str(form.name),
    approvedOn: str(form.approvedOn),
    periodStart: str(form.periodStart),
    periodEnd: str(form.periodEnd),
    projects: Array.from({ length: PROJECT_SLOTS }, (_, i) => ({ name: str(form[`projects.${i}.name`]), targets: list(form[`projects.${i}.targets`]) })),
  };
  // Blank project slots are simply unused; a slot with targets but no name is reported by the rules.
  const used = values.projects.filter((p) => p.name?.trim() || p.targets.length);
  try {
    await createPlan(servicesOf(c), c.var.principal, town, {
      name: values.name ?? '',
      approvedOn: values.approvedOn ?? '',
      periodStart: values.periodStart ?? '',
      periodEnd: values.periodEnd ?? '',
      projects: used.map((p) => ({
        name: p.name ?? '',
        challengeIds: p.targets.filter((x) => x.startsWith('challenge:')).map((x) => x.slice('challenge:'.length)),
        fundIds: p.targets.filter((x) => x.startsWith('fund:')).map((x) => x.slice('fund:'.length)),
      })),
    });
    return c.redirect('/treasurer/regional-plans?done=1', 303);
  } catch (e) {
    if (hasIssues(e)) {
      // Issues name projects by their position among the used slots; map them back to the form's slots.
      const slotOf = used.map((p) => values.projects.indexOf(p));
      const problems = problemsOf(c.var.lang, e).map((p) => ({ ...p, path: p.path.replace(/^projects\.(\d+)/, (_, n: string) => `projects.${slotOf[Number(n)] ?? n}`) }));
      return renderPlans(c, { failed: { town, values, problems } }, statusOf(e));
    }
    return renderError(c, e);
  }
});
