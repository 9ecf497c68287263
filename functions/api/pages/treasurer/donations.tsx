/**
 * The donations a town received and their refunds (/treasurer/donations): the list, and the refund form
 * behind a reason and the treasurer's confirmation that the donor agreed.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../../context.js';
import { createRouter } from '../../router.js';
import { asDomainError, STATUS_OF } from '../../errors.js';
import { servicesOf } from '../../services.js';
import { pageCtx, renderPersonalPage, signInRedirect } from '../../page-context.js';
import { refundFormError, townDonationRow, townOption } from '../../presenters/donations.js';
import { renderNotFound } from '../not-found.js';
import { receiptYear } from '../../../domain/donations.js';
import { isDomainError } from '../../../domain/errors.js';
import { jstYear } from '../../../domain/jst.js';
import type { Municipality } from '../../../domain/catalog.js';
import { nowOf } from '../../../services/context.js';
import { donationToRefund, REFUND_REASON_MAX, refundDonation, townDonations, treasurerTowns } from '../../../services/refunds.js';
import { t } from '../../../i18n/index.js';
import { TreasurerDonationsPage, type ListNotice, type RefusedRefund, type StatusFilter } from '../../../../web/pages/treasurer-donations.js';
import { NotAllowedPage } from '../../../../web/pages/treasurer-dashboard.js';
import { checked, field } from '../shared/donation-form.js';

type C = Context<AppEnv>;

export const townDonationPages = createRouter();

const render = renderPersonalPage;

const signIn = signInRedirect;

const notFoundPage = (c: C) => renderNotFound(c);

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

townDonationPages.get('/donations', async (c) => {
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
townDonationPages.post('/donations/:id/refund', async (c) => {
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
