/**
 * Corporate-version pages (no client JavaScript): the company's pledges, the pledge form and a pledge's
 * page; the treasurer's payment confirmations and regional plans. Forms post here, then redirect (303); a
 * refusal re-renders the form with each reason next to its field, in the reader's language. The rules are
 * the same services the JSON API calls (services/pledges.ts, services/regional-plans.ts).
 */
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { normalizeDigits } from '../../domain/company.js';
import { isDomainError, type DomainError } from '../../domain/errors.js';
import { isValidDateString } from '../../domain/jst.js';
import { t } from '../../i18n/index.js';
import { cancelPledge, companyPledges, confirmPayment, createPledge, pledgeForm, pledgePage, treasurerPledges, type PledgeInput } from '../../services/pledges.js';
import { createPlan, planEditorPage } from '../../services/regional-plans.js';
import { indexTowns } from '../../../web/components/town-badge.js';
import { CorporateStyles, Notice, type FieldProblem } from '../../../web/components/corporate-ui.js';
import { Layout, type PageCtx } from '../../../web/layout.js';
import { CompanyPledgesPage } from '../../../web/pages/company-pledges.js';
import { PledgeDetailPage } from '../../../web/pages/pledge-detail.js';
import { PledgeFormPage, type PledgeFormValues } from '../../../web/pages/pledge-form.js';
import { TreasurerPledgesPage, type TreasurerPledgesProps } from '../../../web/pages/treasurer-pledges.js';
import { PROJECT_SLOTS, RegionalPlansPage, type PlanFormValues } from '../../../web/pages/regional-plans.js';
import type { AppEnv } from '../context.js';
import { errorMessage, STATUS_OF } from '../errors.js';
import { pageCtx, renderPersonalPage as render, signInRedirect as signIn } from '../page-context.js';
import { bankTransferView, formProblem, planChoices, problemsOf } from '../presenters/corporate.js';
import { createRouter } from '../router.js';
import { servicesOf } from '../services.js';

type C = Context<AppEnv>;

export const corporatePages = createRouter();

function ErrorPage(props: { ctx: PageCtx; message: string }) {
  return (
    <Layout ctx={props.ctx} title={t(props.ctx.lang, 'corporate.corp.name')}>
      <CorporateStyles />
      <h1>{t(props.ctx.lang, 'corporate.corp.name')}</h1>
      <Notice kind="error">{props.message}</Notice>
      <p>
        <a href="/">共創ファンド / Kyoso Fund</a>
      </p>
    </Layout>
  );
}

const statusOf = (e: DomainError) => STATUS_OF[e.kind];

/** A refusal as a page, in the reader's language; anything else is a fault for the app's handler. */
function renderError(c: C, e: unknown) {
  if (isDomainError(e)) return render(c, <ErrorPage ctx={pageCtx(c)} message={errorMessage(c.var.lang, e)} />, statusOf(e));
  throw e;
}

/** Refusals that name fields go back into the form; the rest are a page of their own. */
const hasIssues = (e: unknown): e is DomainError => isDomainError(e) && e.issues.length > 0;

const str = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

/** Amounts typed by people: full-width digits, commas and a trailing 円 are fine; anything else is not. */
function parseYen(raw: string): number | undefined {
  const s = normalizeDigits(raw).replace(/[,，円¥￥]/g, '');
  if (!/^\d{1,13}$/.test(s)) return undefined;
  return Number(s);
}

// ---------------------------------------------------------------- company

corporatePages.get('/company/pledges', async (c) => {
  if (!c.var.principal) return signIn(c);
  try {
    const { company, pledges, summaries, towns } = await companyPledges(servicesOf(c), c.var.principal);
    return render(c, <CompanyPledgesPage ctx={pageCtx(c)} towns={indexTowns(towns)} companyName={company.name} pledges={pledges} summaries={summaries} />);
  } catch (e) {
    return renderError(c, e);
  }
});

async function renderForm(c: C, target: { challengeId?: string; fundId?: string }, values: PledgeFormValues | undefined, problems: FieldProblem[], status: ContentfulStatusCode = 200) {
  const { company, options, towns } = await pledgeForm(servicesOf(c), c.var.principal);
  const selected = options.find((o) => (target.challengeId ? o.target.kind === 'challenge' && o.target.id === target.challengeId : target.fundId ? o.target.kind === 'fund' && o.target.id === target.fundId : false));
  // The first town that may receive it and is not the head office's, so the default is a pledge that can succeed.
  const defaultTown = selected ? (selected.eligibleTowns.find((x) => x !== company.headOfficeTown) ?? selected.eligibleTowns[0] ?? selected.towns[0]) : undefined;
  return render(
    c,
    <PledgeFormPage
      ctx={pageCtx(c)}
      towns={indexTowns(towns)}
      options={options}
      selected={selected}
      companyId={company.id}
      headOfficeTown={company.headOfficeTown}
      values={values ?? { receivingTown: defaultTown, noEconomicBenefit: false, discloseName: true, discloseAmount: true }}
      problems={problems}
      nonce={randomBytes(12).toString('hex')}
    />,
    status,
  );
}

corporatePages.get('/company/pledges/new', async (c) => {
  if (!c.var.principal) return signIn(c);
  try {
    return await renderForm(c, { challengeId: c.req.query('challengeId'), fundId: c.req.query('fundId') }, undefined, []);
  } catch (e) {
    return renderError(c, e);
  }
});

corporatePages.post('/company/pledges', async (c) => {
  if (!c.var.principal) return signIn(c);
  const form = await c.req.parseBody();
  const target = { challengeId: str(form.challengeId) || undefined, fundId: str(form.fundId) || undefined };
  const values: PledgeFormValues = {
    receivingTown: str(form.receivingTown),
    amount: str(form.amount),
    noEconomicBenefit: str(form.noEconomicBenefit) === 'true',
    discloseName: str(form.discloseName) === 'true',
    discloseAmount: str(form.discloseAmount) === 'true',
  };
  try {
    const amount = parseYen(values.amount ?? '');
    if (amount === undefined || amount <= 0) return await renderForm(c, target, values, [formProblem(c.var.lang, 'amount', 'invalid_amount', 'error.corporate.invalid_amount')], 400);
    const nonce = str(form.nonce);
    const input: PledgeInput = {
      ...target,
      receivingTown: values.receivingTown ?? '',
      amount,
      noEconomicBenefit: Boolean(values.noEconomicBenefit),
      disclose: { name: Boolean(values.discloseName), amount: Boolean(values.discloseAmount) },
      idempotencyKey: /^[0-9a-f]{24}$/.test(nonce) ? `form:${nonce}` : undefined,
    };
    const out = await createPledge(servicesOf(c), c.var.principal, input);
    return c.redirect(`/company/pledges/${out.pledge.id}?accepted=1`, 303);
  } catch (e) {
    if (hasIssues(e)) return renderForm(c, target, values, problemsOf(c.var.lang, e), statusOf(e));
    return renderError(c, e);
  }
});

corporatePages.get('/company/pledges/:id', async (c) => {
  if (!c.var.principal) return signIn(c);
  try {
    const lang = c.var.lang;
    const view = await pledgePage(servicesOf(c), c.var.principal, c.req.param('id'));
    const p = view.pledge;
    const back = view.asCompany ? { href: '/company/pledges', label: t(lang, 'corporate.pledges.title') } : { href: '/treasurer/pledges', label: t(lang, 'corporate.treasurer.title') };
    const cancelAction = view.mayCancel ? (view.asCompany ? `/company/pledges/${p.id}/cancel` : `/treasurer/pledges/${p.id}/cancel`) : undefined;
    return render(
      c,
      <PledgeDetailPage
        ctx={pageCtx(c)}
        towns={indexTowns(view.towns)}
        pledge={p}
        relief={view.relief}
        bank={view.bankTransfer ? bankTransferView(lang, view.bankTransfer) : undefined}
        accepted={c.req.query('accepted') === '1'}
        cancelAction={cancelAction}
        back={back}
      />,
    );
  } catch (e) {
    return renderError(c, e);
  }
});

corporatePages.post('/company/pledges/:id/cancel', async (c) => {
  if (!c.var.principal) return signIn(c);
  try {
    const form = await c.req.parseBody();
    const { pledge } = await cancelPledge(servicesOf(c), c.var.principal, c.req.param('id'), str(form.reason).slice(0, 500));
    return c.redirect(`/company/pledges/${pledge.id}`, 303);
  } catch (e) {
    return renderError(c, e);
  }
});

// ---------------------------------------------------------------- treasurer: payments

async function renderTreasurer(c: C, extra: Pick<TreasurerPledgesProps, 'flash' | 'failed'> = {}, status: ContentfulStatusCode = 200) {
  try {
    const view = await treasurerPledges(servicesOf(c), c.var.principal);
    return render(c, <TreasurerPledgesPage ctx={pageCtx(c)} {...view} towns={indexTowns(view.towns)} {...extra} />, status);
  } catch (e) {
    return renderError(c, e);
  }
}

function flashFromQuery(c: C): TreasurerPledgesProps['flash'] {
  const done = c.req.query('done');
  const no = c.req.query('no') ?? '';
  const lang = c.var.lang;
  if (done === 'confirmed') return { kind: 'ok', text: t(lang, 'corporate.treasurer.confirmed', { no }) };
  if (done === 'already') return { kind: 'ok', text: t(lang, 'corporate.treasurer.alreadyConfirmed', { no }) };
  if (done === 'cancelled') return { kind: 'ok', text: t(lang, 'corporate.treasurer.cancelledDone') };
  return undefined;
}

corporatePages.get('/treasurer/pledges', async (c) => {
  if (!c.var.principal) return signIn(c);
  return renderTreasurer(c, { flash: flashFromQuery(c) });
});

corporatePages.post('/treasurer/pledges/:id/confirm', async (c) => {
  if (!c.var.principal) return signIn(c);
  const lang = c.var.lang;
  const id = c.req.param('id');
  const form = await c.req.parseBody();
  const values = { receivedOn: str(form.receivedOn), amount: str(form.amount) };
  const amount = parseYen(values.amount);
  const problems = [
    ...(isValidDateString(values.receivedOn) ? [] : [formProblem(lang, 'receivedOn', 'invalid_date', 'error.corporate.invalid_received_on')]),
    ...(amount === undefined || amount <= 0 ? [formProblem(lang, 'amount', 'invalid_amount', 'error.corporate.invalid_amount')] : []),
  ];
  if (problems.length) return renderTreasurer(c, { failed: { pledgeId: id, values, problems } }, 400);
  try {
    const { pledge, alreadyConfirmed } = await confirmPayment(servicesOf(c), c.var.principal, id, { receivedOn: values.receivedOn, amount: amount! });
    return c.redirect(`/treasurer/pledges?done=${alreadyConfirmed ? 'already' : 'confirmed'}&no=${encodeURIComponent(pledge.receiptNumber ?? '')}`, 303);
  } catch (e) {
    if (hasIssues(e)) return renderTreasurer(c, { failed: { pledgeId: id, values, problems: problemsOf(lang, e) } }, statusOf(e));
    if (isDomainError(e)) return renderTreasurer(c, { flash: { kind: 'error', text: errorMessage(lang, e) } }, statusOf(e));
    throw e;
  }
});

corporatePages.post('/treasurer/pledges/:id/cancel', async (c) => {
  if (!c.var.principal) return signIn(c);
  try {
    const form = await c.req.parseBody();
    await cancelPledge(servicesOf(c), c.var.principal, c.req.param('id'), str(form.reason).slice(0, 500));
    return c.redirect('/treasurer/pledges?done=cancelled', 303);
  } catch (e) {
    if (isDomainError(e)) return renderTreasurer(c, { flash: { kind: 'error', text: errorMessage(c.var.lang, e) } }, statusOf(e));
    throw e;
  }
});

// ---------------------------------------------------------------- treasurer: regional plans

async function renderPlans(c: C, extra: { flash?: string; failed?: { town: string; values: PlanFormValues; problems: FieldProblem[] } } = {}, status: ContentfulStatusCode = 200) {
  try {
    const view = await planEditorPage(servicesOf(c), c.var.principal);
    return render(c, <RegionalPlansPage ctx={pageCtx(c)} towns={indexTowns(view.towns)} editableTowns={view.editable} plansByTown={view.plansByTown} choices={planChoices(view)} {...extra} />, status);
  } catch (e) {
    return renderError(c, e);
  }
}

corporatePages.get('/treasurer/regional-plans', async (c) => {
  if (!c.var.principal) return signIn(c);
  return renderPlans(c, { flash: c.req.query('done') === '1' ? t(c.var.lang, 'corporate.plans.saved') : undefined });
});

corporatePages.post('/treasurer/regional-plans', async (c) => {
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
