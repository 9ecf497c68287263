/**
 * Allocations from a pooled fund (/treasurer/allocations/…): the proposal form, an allocation's page and
 * the member towns' approve / reject forms; every rule is the same service call the JSON API makes.
 */
import { isDomainError, type DomainError } from '../../../domain/errors.js';
import { t, type Lang } from '../../../i18n/index.js';
import { approveAllocation, getAllocation, proposeAllocation, rejectAllocation } from '../../../services/allocations.js';
import { allocationFormOptions } from '../../../services/reports.js';
import type { FieldErrors } from '../../../../web/components/back-office-ui.js';
import { AllocationDetailPage } from '../../../../web/pages/allocation-detail.js';
import { AllocationFormPage, type AllocationFormValues } from '../../../../web/pages/allocation-form.js';
import { pageCtx } from '../../page-context.js';
import { createRouter } from '../../router.js';
import { renderNotFound } from '../not-found.js';
import { decide, errorText, fieldMessage, formRefusal, noticeOf, parseYen, problemOf, refuse, render, str, towns, treasurerGate, type Form } from '../shared/back-office.js';

export const allocationPages = createRouter();

// ---------------------------------------------------------------- allocations

allocationPages.get('/allocations/new', async (c) => {
  const g = await treasurerGate(c);
  if (g instanceof Response) return g;
  const [index, data] = await Promise.all([towns(g.ctx), allocationFormOptions(g.ctx, g.actor, g.town)]);
  const asked = c.req.query('challenge');
  const values: AllocationFormValues = {
    fundId: data.funds[0]?.id ?? '',
    challengeId: data.challenges.find((ch) => ch.id === asked)?.id ?? data.challenges[0]?.id ?? '',
    mode: 'draws',
    amounts: {},
    total: '',
    comment: '',
  };
  return render(c, <AllocationFormPage ctx={pageCtx(c)} town={g.town} towns={index} funds={data.funds} challenges={data.challenges.map((ch) => ({ id: ch.id, title: ch.title }))} values={values} errors={{}} />);
});

allocationPages.post('/allocations', async (c) => {
  const g = await treasurerGate(c);
  if (g instanceof Response) return g;
  const lang = c.var.lang;
  const form = await c.req.parseBody();
  const data = await allocationFormOptions(g.ctx, g.actor, g.town);
  const fund = data.funds.find((f) => f.id === str(form, 'fundId')) ?? data.funds[0];
  const values: AllocationFormValues = {
    fundId: fund?.id ?? '',
    challengeId: str(form, 'challengeId'),
    mode: str(form, 'mode') === 'split' ? 'split' : 'draws',
    amounts: Object.fromEntries((fund?.members ?? []).map((t) => [t, str(form, `amount_${t}`)])),
    total: str(form, 'total'),
    comment: str(form, 'comment').slice(0, 1000),
  };
  const errors: FieldErrors = {};
  let problem: string | undefined;
  const draws: { town: string; amount: number }[] = [];
  let total: number | undefined;
  if (values.mode === 'draws') {
    for (const [town, text] of Object.entries(values.amounts)) {
      if (!text) continue;
      const n = parseYen(text);
      if (!n) errors[`amount_${town}`] = t(lang, 'treasury.err.yen');
      else draws.push({ town, amount: n });
    }
    if (!draws.length && !Object.keys(errors).length) errors.draws = t(lang, 'error.allocation_no_draws');
  } else {
    total = parseYen(values.total);
    if (!total) errors.total = t(lang, 'treasury.err.yen');
  }
  if (fund && !Object.keys(errors).length) {
    try {
      const a = await proposeAllocation(
        g.ctx,
        g.actor,
        values.mode === 'draws'
          ? { fundId: fund.id, challengeId: values.challengeId, draws, comment: values.comment || undefined }
          : { fundId: fund.id, challengeId: values.challengeId, split: 'by_share', amount: total, comment: values.comment || undefined },
      );
      return c.redirect(`/treasurer/allocations/${a.id}?town=${g.town}&notice=allocation.proposed`, 303);
    } catch (e) {
      if (!formRefusal(e)) throw e;
      mapAllocationErrors(lang, e, draws, values.mode, errors);
      if (!Object.keys(errors).length) problem = errorText(lang, e);
    }
  }
  const index = await towns(g.ctx);
  return render(
    c,
    <AllocationFormPage ctx={pageCtx(c)} town={g.town} towns={index} funds={data.funds} challenges={data.challenges.map((ch) => ({ id: ch.id, title: ch.title }))} values={values} errors={errors} problem={problem} />,
    e422(errors, problem),
  );
});

const e422 = (errors: FieldErrors, problem?: string) => (Object.keys(errors).length || problem ? 422 : 200);

function mapAllocationErrors(lang: Lang, e: DomainError, draws: { town: string }[], mode: string, errors: FieldErrors) {
  for (const d of e.issues) {
    const m = /^draws\.(\d+)\.(amount|town)$/.exec(d.path ?? '');
    if (m && draws[Number(m[1])]) errors[`amount_${draws[Number(m[1])]!.town}`] = fieldMessage(lang, 'amount', d);
    else if (d.path === 'amount' && mode === 'split') errors.total = fieldMessage(lang, 'total', d);
    else if (d.path === 'challengeId') errors.challengeId = errorText(lang, e);
  }
}

allocationPages.get('/allocations/:id', async (c) => {
  const g = await treasurerGate(c);
  if (g instanceof Response) return g;
  try {
    const a = await getAllocation(g.ctx, g.actor, c.req.param('id'));
    const canDecideFor = a.status === 'proposed' && !a.approvers.includes(g.actor.sub) ? a.requirement.eligible.filter((t) => g.myTowns.includes(t) && !a.approvedTowns.includes(t)) : [];
    return render(c, <AllocationDetailPage ctx={pageCtx(c)} towns={await towns(g.ctx)} allocation={a} canDecideFor={canDecideFor} backTown={g.town} notice={noticeOf(c)} problem={problemOf(c)} />);
  } catch (e) {
    if (isDomainError(e) && e.kind === 'not_found') return renderNotFound(c);
    if (isDomainError(e) && e.kind === 'forbidden') return refuse(c, t(c.var.lang, 'treasury.bo.forbidden'));
    throw e;
  }
});


const decision = (form: Form) => ({ comment: str(form, 'comment') || undefined, town: str(form, 'town') || undefined });

allocationPages.post('/allocations/:id/approve', (c) =>
  decide(c, `/treasurer/allocations/${c.req.param('id')}`, async (form, g) => {
    const r = await approveAllocation(g.ctx, g.actor, c.req.param('id'), decision(form));
    return r.executed ? 'allocation.executed' : 'allocation.approved';
  }),
);

allocationPages.post('/allocations/:id/reject', (c) =>
  decide(c, `/treasurer/allocations/${c.req.param('id')}`, async (form, g) => {
    await rejectAllocation(g.ctx, g.actor, c.req.param('id'), decision(form));
    return 'allocation.rejected';
  }),
);
