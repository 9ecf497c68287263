/**
 * The donor's pages (form → confirm → checkout → thank-you, my donations), the simulator page and the
 * treasurer's one-stop list. Plain forms and redirects, so everything works without client JavaScript;
 * refusals come back as the form with each message next to its field, in the page's language.
 */
import type { Context } from 'hono';
import { randomUUID } from 'node:crypto';
import type { AppEnv } from '../context.js';
import { createRouter } from '../router.js';
import { hasRole, townsWithRole } from '../auth.js';
import { ApiError, asDomainError as toApiError, STATUS_OF } from '../errors.js';
import {
  assertCanSee,
  createDonation,
  DonationRefused,
  nowOf,
  oneStopStatus,
  prepareDonation,
  refundDonation,
  requestHashOf,
  withReceiptNumber,
} from '../donation-service.js';
import { donationLinks } from '../donation-links.js';
import { pageCtx, renderPersonalPage, signInRedirect } from '../page-context.js';
import { renderNotFound } from './pages.js';
import { simulateDeductionCeiling } from '../../domain/deduction.js';
import { acceptsDonations } from '../../domain/challenge-lifecycle.js';
import { formatPostalCode, myNumberIssues, oneStopDeadline, receiptYear, type DonationInput, type DonationIssue } from '../../domain/donations.js';
import { jstDate, jstYear } from '../../domain/jst.js';
import type { Municipality } from '../../domain/catalog.js';
import { getChallenge, getFund, getTown, listTowns } from '../../store/catalog.js';
import { donationsOfUser, getDonation, listOneStopRequests, listTownDonations, markOneStopReceived } from '../../store/donations.js';
import { pick, type Lang, t } from '../../i18n/index.js';
import { DONATION_CSS, DONATION_CSS_HASH, DONATION_CSS_PATH } from '../../../web/components/donation-styles.js';
import type { DonationFormTarget, DonationFormValues, FieldErrors } from '../../../web/components/donation-form.js';
import { ConfirmPage, DonatePage } from '../../../web/pages/donate.js';
import { DonationThanksPage } from '../../../web/pages/donation-thanks.js';
import { MyDonationsPage } from '../../../web/pages/my-donations.js';
import { SimulatorPage, type SimulatorValues } from '../../../web/pages/simulator.js';
import { TreasurerOneStopPage } from '../../../web/pages/treasurer-onestop.js';
import { refundErrorText, TreasurerDonationsPage, type ListNotice, type RefusedRefund, type StatusFilter } from '../../../web/pages/treasurer-donations.js';
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

const FORM_FIELDS = new Set(['amount', 'receivingTown', 'name', 'nameKana', 'email', 'postalCode', 'address', 'message']);

function fieldErrors(lang: Lang, issues: DonationIssue[]): FieldErrors {
  const out: FieldErrors = {};
  for (const i of issues) {
    const name = i.path.replace(/^donor\./, '');
    const key = (FORM_FIELDS.has(name) ? name : 'form') as keyof FieldErrors;
    const msg = lang === 'en' ? i.en : i.ja;
    out[key] = out[key] ? `${out[key]} ${msg}` : msg;
  }
  return out;
}

async function townNames(c: C): Promise<Map<string, Municipality>> {
  return new Map((await listTowns(c.var.deps.db)).map((t) => [t.code, t]));
}

async function formTarget(c: C, ids: { challengeId?: string; fundId?: string }): Promise<(DonationFormTarget & { href: string }) | undefined> {
  const db = c.var.deps.db;
  const lang = c.var.lang;
  const names = await townNames(c);
  const name = (code: string) => (names.get(code) ? pick(lang, names.get(code)!.name, names.get(code)!.nameEn) : code);
  if (ids.challengeId) {
    const ch = await getChallenge(db, ids.challengeId);
    if (!ch || ch.status === 'draft') return undefined;
    const towns = [...ch.towns].sort((a, b) => Number(b === ch.leadTown) - Number(a === ch.leadTown)).map((code) => ({ code, name: name(code), lead: code === ch.leadTown }));
    return { kind: 'challenge', id: ch.id, title: pick(lang, ch.title, ch.titleEn), towns, open: acceptsDonations(ch, nowOf(db)), href: `/challenges/${encodeURIComponent(ch.id)}` };
  }
  if (ids.fundId) {
    const fund = await getFund(db, ids.fundId);
    if (!fund) return undefined;
    return { kind: 'fund', id: fund.id, title: pick(lang, fund.name, fund.nameEn), towns: fund.members.map((code) => ({ code, name: name(code) })), open: true, href: `/funds/${encodeURIComponent(fund.id)}` };
  }
  return undefined;
}

donationPages.get('/donate', async (c) => {
  const target = await formTarget(c, { challengeId: c.req.query('challengeId'), fundId: c.req.query('fundId') });
  if (!target) return notFoundPage(c);
  return render(c, <DonatePage ctx={pageCtx(c)} target={target} />);
});

/** Back from the confirm page with everything still filled in. */
donationPages.post('/donate/edit', async (c) => {
  const f = await c.req.parseBody();
  const target = await formTarget(c, { challengeId: field(f, 'challengeId'), fundId: field(f, 'fundId') });
  if (!target) return notFoundPage(c);
  return render(c, <DonatePage ctx={pageCtx(c)} target={target} values={valuesFromForm(f)} />);
});

async function refusedForm(c: C, f: Form, issues: DonationIssue[], status: 400 | 409 | 422 | 503) {
  const target = await formTarget(c, { challengeId: field(f, 'challengeId'), fundId: field(f, 'fundId') });
  if (!target) return notFoundPage(c);
  return render(c, <DonatePage ctx={pageCtx(c)} target={target} values={valuesFromForm(f)} errors={fieldErrors(c.var.lang, issues)} />, status);
}

donationPages.post('/donate/confirm', async (c) => {
  const db = c.var.deps.db;
  const f = await c.req.parseBody();
  // A My Number in any field, known or not, is refused before anything else (and never echoed back).
  const myNumber = myNumberIssues(f);
  if (myNumber.length) return refusedForm(c, Object.fromEntries(Object.entries(f).map(([k, v]) => [k, myNumber.some((i) => i.path === k) ? '' : v])), myNumber, 400);
  const now = nowOf(db);
  let prep;
  try {
    prep = await prepareDonation(db, inputFromForm(f), now);
  } catch (e) {
    if (e instanceof DonationRefused) return refusedForm(c, f, e.issues, e.status as 400 | 422);
    throw e;
  }
  const lang = c.var.lang;
  const p = c.var.principal;
  const count = await oneStopStatus(db, { email: prep.clean.donor.email, userId: p?.sub }, prep.receivingTown, now);
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
  if (myNumber.length) return refusedForm(c, {}, myNumber, 400);
  const input = inputFromForm(f);
  const key = field(f, 'idempotencyKey') || undefined;
  try {
    const res = await createDonation(c.var.deps, c.var.principal, input, { idempotencyKey: key, requestHash: requestHashOf(input), lang: c.var.lang });
    return c.redirect(res.body.checkoutUrl, 303);
  } catch (e) {
    if (e instanceof DonationRefused) return refusedForm(c, f, e.issues, e.status as 400 | 422);
    if (e instanceof ApiError && (e.status === 409 || e.status === 422 || e.status === 503)) {
      return refusedForm(c, f, [{ path: 'form', code: e.code, en: e.message, ja: e.status === 503 ? '現在お支払いを受け付けられません。しばらくしてからもう一度お試しください。' : 'この申込みはすでに処理されています。もう一度最初からお試しください。' }], e.status);
    }
    throw e;
  }
});

// ---------------------------------------------------------------- after paying

donationPages.get('/donations/:id/thanks', async (c) => {
  const db = c.var.deps.db;
  const found = await getDonation(db, c.req.param('id'));
  if (!found) return notFoundPage(c);
  try {
    await assertCanSee(c.var.deps, c.var.principal, found, c.req.query('t'));
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return signIn(c);
    if (e instanceof ApiError && e.status === 403) return render(c, '<!doctype html><meta charset="utf-8"><p>この寄附を表示する権限がありません / You cannot see this donation.</p>', 403);
    throw e;
  }
  const d = await withReceiptNumber(db, found);
  const lang = c.var.lang;
  const town = await getTown(db, d.receivingTown);
  const links = await donationLinks(c.var.deps, d.id, '');
  return render(
    c,
    <DonationThanksPage
      ctx={pageCtx(c)}
      view={{
        id: d.id,
        status: d.status,
        awaitingPayment: Boolean(d.awaitingPayment),
        amount: d.amount,
        targetTitle: pick(lang, d.purpose, d.purposeEn),
        targetHref: d.challengeId ? `/challenges/${encodeURIComponent(d.challengeId)}` : `/funds/${encodeURIComponent(d.fundId ?? '')}`,
        townName: town ? pick(lang, town.name, town.nameEn) : d.receivingTown,
        paidDate: d.paidDate,
        receiptNumber: d.receiptNumber,
        oneStop: d.oneStop,
        oneStopDeadline: d.paidDate ? oneStopDeadline(receiptYear(d.paidDate)) : undefined,
        oneStopReceivedOn: d.oneStopReceivedOn,
        links: { self: links.thanks, receipt: links.receipt, oneStopForm: links.oneStopForm },
        signedIn: Boolean(c.var.principal),
      }}
    />,
  );
});

donationPages.get('/me/donations', async (c) => {
  const p = c.var.principal;
  if (!p) return signIn(c);
  const db = c.var.deps.db;
  const lang = c.var.lang;
  const [list, names] = await Promise.all([donationsOfUser(db, p.sub), townNames(c)]);
  const rows = await Promise.all(
    list.map(async (raw) => {
      const d = await withReceiptNumber(db, raw);
      const links = await donationLinks(c.var.deps, d.id, '');
      const town = names.get(d.receivingTown);
      return {
        id: d.id,
        date: d.paidDate ?? jstDate(new Date(d.createdAt)),
        status: d.status,
        awaitingPayment: Boolean(d.awaitingPayment),
        amount: d.amount,
        targetTitle: pick(lang, d.purpose, d.purposeEn),
        targetHref: d.challengeId ? `/challenges/${encodeURIComponent(d.challengeId)}` : `/funds/${encodeURIComponent(d.fundId ?? '')}`,
        townName: town ? pick(lang, town.name, town.nameEn) : d.receivingTown,
        receiptNumber: d.receiptNumber,
        receiptHref: d.receiptNumber ? links.receipt : undefined,
        oneStopFormHref: d.status === 'paid' && d.oneStop ? links.oneStopForm : undefined,
        thanksHref: links.thanks,
      };
    }),
  );
  const oneStop = await oneStopStatus(db, { email: p.email, userId: p.sub }, undefined, nowOf(db));
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
    const msg = c.var.lang === 'en' ? `Please check the figures: ${e.message}.` : `入力内容を確認してください(${e.message})。給与収入・人数は0以上の整数で入力してください。`;
    return render(c, <SimulatorPage ctx={pageCtx(c)} values={values} error={msg} />, 400);
  }
});

// ---------------------------------------------------------------- treasurer: one-stop requests

function treasurerTowns(c: C, all: Municipality[]): Municipality[] {
  const p = c.var.principal;
  if (hasRole(p, 'admin')) return all;
  const mine = new Set(townsWithRole(p, 'treasurer'));
  return all.filter((t) => mine.has(t.code));
}

donationPages.get('/treasurer/one-stop', async (c) => {
  if (!c.var.principal) return signIn(c);
  const db = c.var.deps.db;
  const lang = c.var.lang;
  const towns = treasurerTowns(c, (await listTowns(db)).sort((a, b) => a.code.localeCompare(b.code)));
  const town = towns.find((t) => t.code === c.req.query('town')) ?? towns[0];
  if (!town) return render(c, `<!doctype html><meta charset="utf-8"><p>${t(lang, 'donation.treasurer.forbidden')}</p>`, 403);
  const yearQ = c.req.query('year');
  const year = yearQ && /^\d{4}$/.test(yearQ) ? Number(yearQ) : jstYear(nowOf(db));
  const list = await listOneStopRequests(db, town.code, year);
  const rows = list.map((d) => ({
    donationId: d.id,
    receiptNumber: d.receiptNumber,
    paidDate: d.paidDate,
    name: d.donor.name,
    nameKana: d.donor.nameKana,
    postalCode: formatPostalCode(d.donor.postalCode),
    address: d.donor.address,
    amount: d.amount,
    status: d.status,
    receivedOn: d.oneStopReceivedOn,
    remindedAt: d.oneStopRemindedAt,
  }));
  return render(
    c,
    <TreasurerOneStopPage
      ctx={pageCtx(c)}
      town={{ code: town.code, name: pick(lang, town.name, town.nameEn) }}
      towns={towns.map((t) => ({ code: t.code, name: pick(lang, t.name, t.nameEn) }))}
      year={year}
      deadline={oneStopDeadline(year)}
      rows={rows}
    />,
  );
});

donationPages.post('/treasurer/one-stop/:id/received', async (c) => {
  const p = c.var.principal;
  if (!p) return signIn(c);
  const db = c.var.deps.db;
  const d = await getDonation(db, c.req.param('id'));
  if (!d) return notFoundPage(c);
  if (!hasRole(p, 'treasurer', d.receivingTown) && !hasRole(p, 'admin')) return render(c, `<!doctype html><meta charset="utf-8"><p>${t(c.var.lang, 'donation.treasurer.forbidden')}</p>`, 403);
  const on = jstDate(nowOf(db));
  await markOneStopReceived(db, d, on, p.sub, {
    chain: `town:${d.receivingTown}`,
    input: { actor: p.sub, role: `treasurer:${d.receivingTown}`, action: 'donation.one_stop_received', target: `donation:${d.id}`, before: { received: false }, after: { receivedOn: on }, requestId: c.get('requestId') },
  });
  const year = d.paidDate ? receiptYear(d.paidDate) : jstYear(nowOf(db));
  return c.redirect(`/treasurer/one-stop?town=${d.receivingTown}&year=${year}`, 303);
});

// ---------------------------------------------------------------- treasurer: donations received, refunds

const STATUS_FILTERS: readonly StatusFilter[] = ['all', 'paid', 'refunded'];
const REFUND_REASON_MAX = 500;

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
async function ownTreasurerTowns(c: C): Promise<Municipality[]> {
  const p = c.var.principal;
  return (await listTowns(c.var.deps.db)).filter((t) => hasRole(p, 'treasurer', t.code)).sort((a, b) => a.code.localeCompare(b.code));
}

const notTreasurer = (c: C) => render(c, <NotAllowedPage ctx={pageCtx(c)} message={t(c.var.lang, 'donation.treasurer.forbidden')} />, 403);

async function renderTownDonations(
  c: C,
  town: Municipality,
  towns: Municipality[],
  q: ListQuery,
  extra: { notice?: { kind: ListNotice; donationId?: string }; refused?: RefusedRefund; status?: 200 | 400 | 404 | 409 | 422 | 429 | 503 } = {},
) {
  const lang = c.var.lang;
  const page = await listTownDonations(c.var.deps.db, town.code, q.year, { status: q.status === 'all' ? undefined : q.status, after: q.after });
  const rows = page.donations.map((d) => ({
    id: d.id,
    paidDate: d.paidDate,
    amount: d.amount,
    donorName: d.donor.name,
    donorKana: d.donor.nameKana,
    purpose: pick(lang, d.purpose, d.purposeEn),
    purposeHref: d.challengeId ? `/challenges/${encodeURIComponent(d.challengeId)}` : d.fundId ? `/funds/${encodeURIComponent(d.fundId)}` : undefined,
    receiptNumber: d.receiptNumber,
    receiptVoid: Boolean(d.receiptVoid),
    status: d.status,
    oneStop: d.oneStop,
    receiptHref: `/api/donations/${encodeURIComponent(d.id)}/receipt`,
    refundable: d.status === 'paid',
    refundedDate: d.refundedDate,
    refundReason: d.status === 'refunded' ? d.refundReason : undefined,
  }));
  return render(
    c,
    <TreasurerDonationsPage
      ctx={pageCtx(c)}
      town={{ code: town.code, name: pick(lang, town.name, town.nameEn) }}
      towns={towns.map((t) => ({ code: t.code, name: pick(lang, t.name, t.nameEn) }))}
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
  const q = listQuery((name) => c.req.query(name), jstYear(nowOf(c.var.deps.db)));
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
  const db = c.var.deps.db;
  const lang = c.var.lang;
  const d = await getDonation(db, c.req.param('id'));
  if (!d) return notFoundPage(c);
  if (!hasRole(p, 'treasurer', d.receivingTown)) return notTreasurer(c);
  const f = await c.req.parseBody();
  const q = listQuery((name) => field(f, name) || undefined, d.paidDate ? receiptYear(d.paidDate) : jstYear(nowOf(db)));
  const towns = await ownTreasurerTowns(c);
  const town = towns.find((t) => t.code === d.receivingTown);
  if (!town) return notFoundPage(c);
  const reason = field(f, 'reason').trim();
  const confirmed = checked(f, 'confirm');
  const errors: RefusedRefund['errors'] = {};
  if (!reason) errors.reason = refundErrorText(lang, 'reason_required');
  else if (reason.length > REFUND_REASON_MAX) errors.reason = refundErrorText(lang, 'reason_too_long');
  if (!confirmed) errors.confirm = refundErrorText(lang, 'confirm_required');
  const refused = (e: RefusedRefund['errors'], status: 400 | 404 | 409 | 422 | 429 | 503) =>
    renderTownDonations(c, town, towns, q, { refused: { donationId: d.id, reason, confirmed, errors: e }, status });
  if (errors.reason || errors.confirm) return refused(errors, 400);
  const already = d.status === 'refunded';
  try {
    await refundDonation(c.var.deps, p, d.id, reason, c.get('requestId'));
  } catch (e) {
    const api = toApiError(e);
    if (!api || api.kind === 'unauthenticated' || api.kind === 'forbidden') throw e;
    return refused({ form: refundErrorText(lang, api.code, api.message) }, STATUS_OF[api.kind] as 400 | 404 | 409 | 422 | 503);
  }
  return c.redirect(`${listHref(d.receivingTown, q, { notice: already ? 'already' : 'refunded' })}#don-${encodeURIComponent(d.id)}`, 303);
});
