/**
 * The donor's pages (form → confirm → checkout → thank-you, my donations), the simulator page and the
 * treasurer's one-stop list. Plain forms and redirects, so everything works without client JavaScript;
 * refusals come back as the form with each message next to its field, in the page's language.
 */
import type { Context } from 'hono';
import { randomUUID } from 'node:crypto';
import type { AppEnv } from '../context.js';
import { createRouter } from '../router.js';
import { asDomainError, STATUS_OF } from '../errors.js';
import { servicesOf } from '../services.js';
import { pageCtx, renderPersonalPage, signInRedirect } from '../page-context.js';
import { fieldErrors, formTarget, myDonationRow, oneStopRow, refundFormError, thanksView, townDonationRow, townOption } from '../presenters/donations.js';
import { renderNotFound } from './pages.js';
import { simulateDeductionCeiling } from '../../domain/deduction.js';
import { formatPostalCode, myNumberIssues, receiptYear, type DonationInput } from '../../domain/donations.js';
import { isDomainError, type DomainError } from '../../domain/errors.js';
import { jstYear } from '../../domain/jst.js';
import type { Municipality } from '../../domain/catalog.js';
import { nowOf } from '../../services/context.js';
import { confirmDonation, createDonation, donationFormSubject, donationRefused, donationThanks, myDonations, requestHashOf } from '../../services/donations.js';
import { markOneStopReceived, oneStopTowns, townOneStopRequests } from '../../services/one-stop.js';
import { donationToRefund, REFUND_REASON_MAX, refundDonation, townDonations, treasurerTowns } from '../../services/refunds.js';
import { pick, t } from '../../i18n/index.js';
import { DONATION_CSS, DONATION_CSS_HASH, DONATION_CSS_PATH } from '../../../web/components/donation-styles.js';
import type { DonationFormValues } from '../../../web/components/donation-form.js';
import { ConfirmPage, DonatePage } from '../../../web/pages/donate.js';
import { DonationThanksPage } from '../../../web/pages/donation-thanks.js';
import { MyDonationsPage } from '../../../web/pages/my-donations.js';
import { SimulatorPage, type SimulatorValues } from '../../../web/pages/simulator.js';
import { TreasurerOneStopPage } from '../../../web/pages/treasurer-onestop.js';
import { TreasurerDonationsPage, type ListNotice, type RefusedRefund, type StatusFilter } from '../../../web/pages/treasurer-donations.js';
import { NotAllowedPage } from '../../../web/pages/treasurer-dashboard.js';

type C = Context<AppEnv>;

export const donationPages = createRouter();

const render = renderPersonalPage;

const signIn = signInRedirect;

const notFoundPage = (c: C) => renderNotFound(c);

donationPages.get(DONATION_CSS_PATH, (c) => {
  const etag = `"${DONATION_CSS_HASH}"`;
  c.header('ETag', etag);
  c.header('Cache-Control', c.req.query('v') === DONATION_CSS_HASH ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate');
  if ((c.req.header('if-none-match') ?? '').split(/\s*,\s*/).includes(etag)) return c.body(null, 304);
  c.header('Content-Type', 'text/css; charset=utf-8');
  return c.body(DONATION_CSS);
});

// ---------------------------------------------------------------- donating

type Form = Record<string, string | File | (string | File)[]>;
const field = (f: Form, name: string) => {
  const v = f[name];
  return typeof v === 'string' ? v : '';
};
const checked = (f: Form, name: string) => ['1', 'on', 'true'].includes(field(f, name));

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

donationPages.get('/donate', async (c) => {
  const target = await targetOf(c, { challengeId: c.req.query('challengeId'), fundId: c.req.query('fundId') });
  if (!target) return notFoundPage(c);
  return render(c, <DonatePage ctx={pageCtx(c)} target={target} />);
});

/** Back from the confirm page with everything still filled in. */
donationPages.post('/donate/edit', async (c) => {
  const f = await c.req.parseBody();
  const target = await targetOf(c, { challengeId: field(f, 'challengeId'), fundId: field(f, 'fundId') });
  if (!target) return notFoundPage(c);
  return render(c, <DonatePage ctx={pageCtx(c)} target={target} values={valuesFromForm(f)} />);
});

async function refusedForm(c: C, f: Form, e: DomainError) {
  const target = await targetOf(c, { challengeId: field(f, 'challengeId'), fundId: field(f, 'fundId') });
  if (!target) return notFoundPage(c);
  return render(c, <DonatePage ctx={pageCtx(c)} target={target} values={valuesFromForm(f)} errors={fieldErrors(c.var.lang, e)} />, STATUS_OF[e.kind] as 400 | 409 | 422 | 503);
}

donationPages.post('/donate/confirm', async (c) => {
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

donationPages.post('/donate', async (c) => {
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

donationPages.get('/donations/:id/thanks', async (c) => {
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

donationPages.get('/me/donations', async (c) => {
  const p = c.var.principal;
  if (!p) return signIn(c);
  const ctx = servicesOf(c);
  const lang = c.var.lang;
  const { donations, towns, oneStop } = await myDonations(ctx, p);
  const rows = donations.map(({ donation, links }) => myDonationRow(lang, donation, links, towns.get(donation.receivingTown)));
  return render(c, <MyDonationsPage ctx={pageCtx(c)} rows={rows} oneStop={oneStop} />);
});

// ---------------------------------------------------------------- simulator

donationPages.get('/simulator', (c) => {
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

// ---------------------------------------------------------------- treasurer: one-stop requests

const forbiddenPage = (c: C) => render(c, `<!doctype html><meta charset="utf-8"><p>${t(c.var.lang, 'donation.treasurer.forbidden')}</p>`, 403);

donationPages.get('/treasurer/one-stop', async (c) => {
  const p = c.var.principal;
  if (!p) return signIn(c);
  const ctx = servicesOf(c);
  const lang = c.var.lang;
  const towns = await oneStopTowns(ctx, p);
  const town = towns.find((t) => t.code === c.req.query('town')) ?? towns[0];
  if (!town) return forbiddenPage(c);
  const yearQ = c.req.query('year');
  const list = await townOneStopRequests(ctx, p, { town: town.code, year: yearQ && /^\d{4}$/.test(yearQ) ? Number(yearQ) : undefined });
  return (
    render(
      c,
      <TreasurerOneStopPage
        ctx={pageCtx(c)}
        town={townOption(lang, town)}
        towns={towns.map((t) => townOption(lang, t))}
        year={list.year}
        deadline={list.deadline}
        rows={list.requests.map(oneStopRow)}
      />,
    )
  );
});

donationPages.post('/treasurer/one-stop/:id/received', async (c) => {
  const p = c.var.principal;
  if (!p) return signIn(c);
  let d;
  try {
    d = await markOneStopReceived(servicesOf(c), p, { id: c.req.param('id') });
  } catch (e) {
    if (isDomainError(e) && e.kind === 'not_found') return notFoundPage(c);
    if (isDomainError(e) && e.kind === 'forbidden') return forbiddenPage(c);
    throw e;
  }
  const year = d.paidDate ? receiptYear(d.paidDate) : jstYear(nowOf(servicesOf(c)));
  return c.redirect(`/treasurer/one-stop?town=${d.receivingTown}&year=${year}`, 303);
});

// ---------------------------------------------------------------- treasurer: donations received, refunds

const STATUS_FILTERS: readonly StatusFilter[] = ['all', 'paid', 'refunded'];

interface ListQuery {
  year: number;
  status: StatusFilter;
  after?: string;
}

function listQuery(get: (name: string) => string | undefined, defaultYear: number): ListQuery {
  const year = get('year');
  const status = get('status');
  return {
    year: year && /^\d{4}$/.test(year) ? Number(year) : defaultYear,
    status: STATUS_FILTERS.find((s) => s === status) ?? 'all',
    after: get('after') || undefined,
  };
}

function listHref(town: string, q: ListQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ town, year: String(q.year), status: q.status, ...(q.after ? { after: q.after } : {}), ...extra });
  return `/treasurer/donations?${params.toString()}`;
}

/** The towns this person is treasurer of (admins included only where they also hold the town's role). */
const ownTreasurerTowns = (c: C) => treasurerTowns(servicesOf(c), c.var.principal!);

const notTreasurer = (c: C) => render(c, <NotAllowedPage ctx={pageCtx(c)} message={t(c.var.lang, 'donation.treasurer.forbidden')} />, 403);

async function renderTownDonations(
  c: C,
  town: Municipality,
  towns: Municipality[],
  q: ListQuery,
  extra: { notice?: { kind: ListNotice; donationId?: string }; refused?: RefusedRefund; status?: 200 | 400 | 404 | 409 | 422 | 429 | 503 } = {},
) {
  const lang = c.var.lang;
  const page = await townDonations(servicesOf(c), c.var.principal!, { town: town.code, year: q.year, status: q.status === 'all' ? undefined : q.status, after: q.after });
  const rows = page.donations.map((d) => townDonationRow(lang, d));
  return render(
    c,
    <TreasurerDonationsPage
      ctx={pageCtx(c)}
      town={townOption(lang, town)}
      towns={towns.map((t) => townOption(lang, t))}
      year={q.year}
      status={q.status}
      after={q.after}
      rows={rows}
      olderHref={page.next ? listHref(town.code, { ...q, after: page.next }) : undefined}
      newestHref={q.after ? listHref(town.code, { ...q, after: undefined }) : undefined}
      notice={extra.notice}
      refused={extra.refused}
    />,
    extra.status ?? 200,
  );
}

donationPages.get('/treasurer/donations', async (c) => {
  if (!c.var.principal) return signIn(c);
  const towns = await ownTreasurerTowns(c);
  const asked = c.req.query('town');
  const town = asked ? towns.find((t) => t.code === asked) : towns[0];
  if (!town) return notTreasurer(c);
  const notice = c.req.query('notice');
  const q = listQuery((name) => c.req.query(name), jstYear(nowOf(servicesOf(c))));
  return renderTownDonations(c, town, towns, q, { notice: notice === 'refunded' || notice === 'already' ? { kind: notice } : undefined });
});

/**
 * The same refund as `POST /api/donations/:id/refund` (the same service: conditional on paid, audited,
 * reversing entry, void receipt, donor mail), behind a reason and the treasurer's confirmation that the
 * donor agreed. A repeat finds the donation refunded and says so; nothing is refunded twice.
 */
donationPages.post('/treasurer/donations/:id/refund', async (c) => {
  const p = c.var.principal;
  if (!p) return signIn(c, '/treasurer/donations');
  const ctx = servicesOf(c);
  const lang = c.var.lang;
  let d;
  try {
    d = await donationToRefund(ctx, p, c.req.param('id'));
  } catch (e) {
    if (isDomainError(e) && e.kind === 'not_found') return notFoundPage(c);
    if (isDomainError(e) && e.kind === 'forbidden') return notTreasurer(c);
    throw e;
  }
  const f = await c.req.parseBody();
  const q = listQuery((name) => field(f, name) || undefined, d.paidDate ? receiptYear(d.paidDate) : jstYear(nowOf(ctx)));
  const towns = await ownTreasurerTowns(c);
  const town = towns.find((t) => t.code === d.receivingTown);
  if (!town) return notFoundPage(c);
  const reason = field(f, 'reason').trim();
  const confirmed = checked(f, 'confirm');
  const errors: RefusedRefund['errors'] = {};
  if (!reason) errors.reason = t(lang, 'error.donation.refund_reason_required');
  else if (reason.length > REFUND_REASON_MAX) errors.reason = t(lang, 'error.donation.refund_reason_too_long', { max: REFUND_REASON_MAX });
  if (!confirmed) errors.confirm = t(lang, 'error.donation.refund_confirm_required');
  const refused = (e: RefusedRefund['errors'], status: 400 | 404 | 409 | 422 | 429 | 503) =>
    renderTownDonations(c, town, towns, q, { refused: { donationId: d.id, reason, confirmed, errors: e }, status });
  if (errors.reason || errors.confirm) return refused(errors, 400);
  const already = d.status === 'refunded';
  try {
    await refundDonation(ctx, p, { id: d.id, reason });
  } catch (e) {
    const refusal = asDomainError(e);
    if (!refusal || refusal.kind === 'unauthenticated' || refusal.kind === 'forbidden') throw e;
    return refused({ form: refundFormError(lang, refusal) }, STATUS_OF[refusal.kind] as 400 | 404 | 409 | 422 | 503);
  }
  return c.redirect(`${listHref(d.receivingTown, q, { notice: already ? 'already' : 'refunded' })}#don-${encodeURIComponent(d.id)}`, 303);
});
