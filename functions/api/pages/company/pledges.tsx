/**
 * The company's pledges (/company/pledges/…): the list, the pledge form and a pledge's page. Forms post here, then redirect (303); a refusal re-renders
 * the form with each reason next to its field, in the reader's language. The rules are the same services
 * the JSON API calls (services/pledges.ts).
 */
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { t } from '../../../i18n/index.js';
import { cancelPledge, companyPledges, createPledge, pledgeForm, pledgePage, type PledgeInput } from '../../../services/pledges.js';
import { indexTowns } from '../../../../web/components/town-badge.js';
import type { FieldProblem } from '../../../../web/components/corporate-ui.js';
import { CompanyPledgesPage } from '../../../../web/pages/company-pledges.js';
import { PledgeDetailPage } from '../../../../web/pages/pledge-detail.js';
import { PledgeFormPage, type PledgeFormValues } from '../../../../web/pages/pledge-form.js';
import type { AppEnv } from '../../context.js';
import { pageCtx, renderPersonalPage as render, signInRedirect as signIn } from '../../page-context.js';
import { bankTransferView, formProblem, problemsOf } from '../../presenters/corporate.js';
import { createRouter } from '../../router.js';
import { servicesOf } from '../../services.js';
import { hasIssues, parseYen, renderError, statusOf, str } from '../shared/corporate.js';

type C = Context<AppEnv>;

export const companyPledgePages = createRouter();

// ---------------------------------------------------------------- company

companyPledgePages.get('/pledges', async (c) => {
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

companyPledgePages.get('/pledges/new', async (c) => {
  if (!c.var.principal) return signIn(c);
  try {
    return await renderForm(c, { challengeId: c.req.query('challengeId'), fundId: c.req.query('fundId') }, undefined, []);
  } catch (e) {
    return renderError(c, e);
  }
});

companyPledgePages.post('/pledges', async (c) => {
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

companyPledgePages.get('/pledges/:id', async (c) => {
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

companyPledgePages.post('/pledges/:id/cancel', async (c) => {
  if (!c.var.principal) return signIn(c);
  try {
    const form = await c.req.parseBody();
    const { pledge } = await cancelPledge(servicesOf(c), c.var.principal, c.req.param('id'), str(form.reason).slice(0, 500));
    return c.redirect(`/company/pledges/${pledge.id}`, 303);
  } catch (e) {
    return renderError(c, e);
  }
});
