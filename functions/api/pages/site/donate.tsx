/**
 * The donor's pages: the form → confirm → checkout → thank-you, and the deduction simulator. Plain forms and
 * redirects, so everything works without client JavaScript; refusals come back as the form with each
 * message next to its field, in the page's language.
 */
import type { Context } from 'hono';
import { randomUUID } from 'node:crypto';
import type { AppEnv } from '../../context.js';
import { createRouter } from '../../router.js';
import { statusOf } from '../../errors.js';
import { servicesOf } from '../../services.js';
import { pageCtx, renderPersonalPage, signInRedirect } from '../../page-context.js';
import { fieldErrors, formTarget, thanksView } from '../../presenters/donations.js';
import { renderNotFound } from '../not-found.js';
import { simulateDeductionCeiling } from '../../../domain/deduction.js';
import { formatPostalCode, myNumberIssues, type DonationInput } from '../../../domain/donations.js';
import { isDomainError, type DomainError } from '../../../domain/errors.js';
import { nowOf } from '../../../services/context.js';
import { confirmDonation, createDonation, donationFormSubject, donationRefused, donationThanks, requestHashOf } from '../../../services/donations.js';
import { pick, t } from '../../../i18n/index.js';
import type { DonationFormValues } from '../../../../web/components/donation-form.js';
import { ConfirmPage, DonatePage } from '../../../../web/pages/donate.js';
import { DonationThanksPage } from '../../../../web/pages/donation-thanks.js';
import { SimulatorPage, type SimulatorValues } from '../../../../web/pages/simulator.js';
import { checked, field, type Form } from '../shared/donation-form.js';

type C = Context<AppEnv>;

export const donatePages = createRouter();

const render = renderPersonalPage;

const signIn = signInRedirect;

const notFoundPage = (c: C) => renderNotFound(c);

// ---------------------------------------------------------------- donating

function inputFromForm(f: Form): DonationInput {
  return {
    challengeId: field(f, 'challengeId') || undefined,
    fundId: field(f, 'fundId') || undefined,
    amount: field(f, 'amount'),
    receivingTown: field(f, 'receivingTown') || undefined,
    donor: { name: field(f, 'name'), nameKana: field(f, 'nameKana'), email: field(f, 'email'), postalCode: field(f, 'postalCode'), address: field(f, 'address') },
    anonymous: checked(f, 'anonymous'),
    message: field(f, 'message') || undefined,
    oneStop: checked(f, 'oneStop'),
    updates: checked(f, 'updates'),
  };
}

function valuesFromForm(f: Form): DonationFormValues {
  return {
    amount: field(f, 'amount'),
    receivingTown: field(f, 'receivingTown') || undefined,
    name: field(f, 'name'),
    nameKana: field(f, 'nameKana'),
    email: field(f, 'email'),
    postalCode: field(f, 'postalCode'),
    address: field(f, 'address'),
    message: field(f, 'message'),
    anonymous: checked(f, 'anonymous'),
    oneStop: checked(f, 'oneStop'),
    updates: checked(f, 'updates'),
  };
}

async function targetOf(c: C, ids: { challengeId?: string; fundId?: string }) {
  const ctx = servicesOf(c);
  const subject = await donationFormSubject(ctx, ids);
  return subject ? formTarget(c.var.lang, subject, nowOf(ctx)) : undefined;
}

donatePages.get('/donate', async (c) => {
  const target = await targetOf(c, { challengeId: c.req.query('challengeId'), fundId: c.req.query('fundId') });
  if (!target) return notFoundPage(c);
  return render(c, <DonatePage ctx={pageCtx(c)} target={target} />);
});

/** Back from the confirm page with everything still filled in. */
donatePages.post('/donate/edit', async (c) => {
  const f = await c.req.parseBody();
  const target = await targetOf(c, { challengeId: field(f, 'challengeId'), fundId: field(f, 'fundId') });
  if (!target) return notFoundPage(c);
  return render(c, <DonatePage ctx={pageCtx(c)} target={target} values={valuesFromForm(f)} />);
});

async function refusedForm(c: C, f: Form, e: DomainError) {
  const target = await targetOf(c, { challengeId: field(f, 'challengeId'), fundId: field(f, 'fundId') });
  if (!target) return notFoundPage(c);
  return render(c, <DonatePage ctx={pageCtx(c)} target={target} values={valuesFromForm(f)} errors={fieldErrors(c.var.lang, e)} />, statusOf(e) as 400 | 409 | 422 | 503);
}

donatePages.post('/donate/confirm', async (c) => {
  const ctx = servicesOf(c);
  const f = await c.req.parseBody();
  // A My Number in any field, known or not, is refused before anything else (and never echoed back).
  const myNumber = myNumberIssues(f);
  if (myNumber.length) return refusedForm(c, Object.fromEntries(Object.entries(f).map(([k, v]) => [k, myNumber.some((i) => i.path === k) ? '' : v])), donationRefused('invalid', myNumber));
  let confirmed;
  try {
    confirmed = await confirmDonation(ctx, c.var.principal, inputFromForm(f));
  } catch (e) {
    if (isDomainError(e) && e.issues.length) return refusedForm(c, f, e);
    throw e;
  }
  const { prep, oneStop: count } = confirmed;
  const lang = c.var.lang;
  const target =
    prep.target.kind === 'challenge'
      ? { kind: 'challenge' as const, id: prep.target.challenge.id, title: pick(lang, prep.purpose, prep.purposeEn), href: `/challenges/${encodeURIComponent(prep.target.challenge.id)}` }
      : { kind: 'fund' as const, id: prep.target.fund.id, title: pick(lang, prep.purpose, prep.purposeEn), href: `/funds/${encodeURIComponent(prep.target.fund.id)}` };
  const d = prep.clean;
  const hidden: Record<string, string> = {
    [target.kind === 'challenge' ? 'challengeId' : 'fundId']: target.id,
    amount: String(d.amount),
    receivingTown: prep.receivingTown,
    name: d.donor.name,
    nameKana: d.donor.nameKana,
    email: d.donor.email,
    postalCode: d.donor.postalCode,
    address: d.donor.address,
    ...(d.message ? { message: d.message } : {}),
    ...(d.anonymous ? { anonymous: '1' } : {}),
    ...(d.oneStop ? { oneStop: '1' } : {}),
    ...(d.updates ? { updates: '1' } : {}),
    // One key per confirmation: pressing "pay" twice (or reloading) gives the same donation.
    idempotencyKey: randomUUID(),
  };
  return render(
    c,
    <ConfirmPage
      ctx={pageCtx(c)}
      view={{
        target,
        amount: d.amount,
        town: { code: prep.town.code, name: pick(lang, prep.town.name, prep.town.nameEn) },
        donor: { ...d.donor, postalCode: formatPostalCode(d.donor.postalCode) },
        message: d.message,
        anonymous: d.anonymous,
        oneStop: d.oneStop,
        updates: d.updates,
        oneStopCount: count,
        hidden,
      }}
    />,
  );
});

donatePages.post('/donate', async (c) => {
  const f = await c.req.parseBody();
  // The idempotency key is ours (a UUID whose last group may be 12 digits), not the donor's input.
  const { idempotencyKey: _key, ...typed } = f;
  const myNumber = myNumberIssues(typed);
  if (myNumber.length) return refusedForm(c, {}, donationRefused('invalid', myNumber));
  const input = inputFromForm(f);
  const key = field(f, 'idempotencyKey') || undefined;
  try {
    const res = await createDonation(servicesOf(c), c.var.principal, { input, idempotencyKey: key, requestHash: requestHashOf(input), lang: c.var.lang });
    return c.redirect(res.body.checkoutUrl, 303);
  } catch (e) {
    // Field refusals beside their fields; a reused key, a moved state or payments down as the form's message.
    if (isDomainError(e) && (e.issues.length || e.kind === 'conflict' || e.kind === 'rule' || e.kind === 'unavailable')) return refusedForm(c, f, e);
    throw e;
  }
});

// ---------------------------------------------------------------- after paying

donatePages.get('/donations/:id/thanks', async (c) => {
  let found;
  try {
    found = await donationThanks(servicesOf(c), c.var.principal, { id: c.req.param('id'), token: c.req.query('t') });
  } catch (e) {
    if (!isDomainError(e)) throw e;
    if (e.kind === 'not_found') return notFoundPage(c);
    if (e.kind === 'unauthenticated') return signIn(c);
    if (e.kind === 'forbidden') return render(c, `<!doctype html><meta charset="utf-8"><p>${t(c.var.lang, 'donation.thanks.notAllowed')}</p>`, 403);
    throw e;
  }
  return render(c, <DonationThanksPage ctx={pageCtx(c)} view={thanksView(c.var.lang, found.donation, found.town, found.links, Boolean(c.var.principal))} />);
});

// ---------------------------------------------------------------- simulator

donatePages.get('/simulator', (c) => {
  const q = c.req.query();
  const submitted = q.salary !== undefined;
  const values: SimulatorValues = {
    salary: q.salary,
    spouseDeduction: ['1', 'on', 'true'].includes(q.spouseDeduction ?? ''),
    children16to18: q.children16to18,
    children19to22: q.children19to22,
    socialInsurance: q.socialInsurance,
  };
  if (!submitted) return render(c, <SimulatorPage ctx={pageCtx(c)} values={values} />);
  const n = (s: string | undefined, fallback?: number) => {
    const t = (s ?? '').normalize('NFKC').replace(/[,\s円¥]/g, '');
    if (t === '') return fallback;
    return /^\d+$/.test(t) ? Number(t) : Number.NaN;
  };
  try {
    const result = simulateDeductionCeiling({
      salary: n(values.salary) ?? Number.NaN,
      spouseDeduction: Boolean(values.spouseDeduction),
      children16to18: n(values.children16to18, 0)!,
      children19to22: n(values.children19to22, 0)!,
      socialInsurance: n(values.socialInsurance),
    });
    return render(c, <SimulatorPage ctx={pageCtx(c)} values={values} result={result} />);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    return render(c, <SimulatorPage ctx={pageCtx(c)} values={values} error={t(c.var.lang, 'donation.sim.badInput', { reason: e.message })} />, 400);
  }
});
