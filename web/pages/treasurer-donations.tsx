/**
 * The treasurer's list of donations their town received, with the refund form for paid ones. Plain GET
 * filters and POST forms; a refused refund comes back as this page with the message beside that form.
 */
import { BackOfficeStyles } from '../components/back-office-ui.js';
import { formatDate } from '../components/date.js';
import { DONATION_CSS_HREF } from '../components/donation-styles.js';
import { t, type Lang } from '../../functions/i18n/index.js';
import { Yen } from '../components/yen.js';
import { Layout, type PageCtx } from '../layout.js';

export type StatusFilter = 'all' | 'paid' | 'refunded';
export type ListNotice = 'refunded' | 'already';

export interface TreasurerDonationRow {
  id: string;
  paidDate?: string;
  amount: number;
  donorName: string;
  donorKana: string;
  purpose: string;
  purposeHref?: string;
  receiptNumber?: string;
  receiptVoid: boolean;
  status: string;
  oneStop: boolean;
  receiptHref: string;
  refundable: boolean;
  refundedDate?: string;
  refundReason?: string;
}

/** The refund form that was refused: its donation, what was typed, and each message beside its field. */
export interface RefusedRefund {
  donationId: string;
  reason: string;
  confirmed: boolean;
  errors: { reason?: string; confirm?: string; form?: string };
}

export interface TreasurerDonationsProps {
  ctx: PageCtx;
  town: { code: string; name: string };
  towns: { code: string; name: string }[];
  year: number;
  status: StatusFilter;
  /** The page's position (a cursor), sent back with the refund form so the treasurer returns here. */
  after?: string;
  rows: TreasurerDonationRow[];
  olderHref?: string;
  newestHref?: string;
  notice?: { kind: ListNotice; donationId?: string };
  refused?: RefusedRefund;
}

export function TreasurerDonationsPage(p: TreasurerDonationsProps) {
  const { lang } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={`${t(lang, 'donation.td.title')} — ${p.town.name}`}>
      <link rel="stylesheet" href={DONATION_CSS_HREF} />
      <BackOfficeStyles />
      <p class="breadcrumb">
        <a href={`/treasurer?town=${p.town.code}`}>{t(lang, 'donation.td.back')}</a>
      </p>
      <header class="page-head">
        <h1>
          {t(lang, 'donation.td.title')}({p.town.name} {p.year})
        </h1>
        <p class="lead">{t(lang, 'donation.td.lead', { town: p.town.name })}</p>
      </header>
      {p.notice ? (
        <p class="notice" role="status" data-notice={p.notice.kind}>
          {t(lang, `donation.td.notice.${p.notice.kind}`)}
        </p>
      ) : null}
      {p.refused && !p.rows.some((r) => r.id === p.refused!.donationId) ? (
        // The refused donation is not on this page (another filter or page): the message still shows.
        <p class="warning" role="alert" data-error-for="form">
          {[p.refused.errors.form, p.refused.errors.reason, p.refused.errors.confirm].filter(Boolean).join(' ')}
        </p>
      ) : null}
      <form method="get" action="/treasurer/donations" class="filters">
        <fieldset>
          <legend class="visually-hidden">{t(lang, 'donation.td.filters')}</legend>
          {p.towns.length > 1 ? (
            <div class="field">
              <label for="td-town">{t(lang, 'donation.td.town')}</label>
              <select id="td-town" name="town">
                {p.towns.map((t) => (
                  <option value={t.code} selected={t.code === p.town.code}>
                    {t.name}
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <input type="hidden" name="town" value={p.town.code} />
          )}
          <div class="field">
            <label for="td-year">{t(lang, 'donation.td.year')}</label>
            <input id="td-year" name="year" inputmode="numeric" value={String(p.year)} />
          </div>
          <div class="field">
            <label for="td-status">{t(lang, 'donation.td.status')}</label>
            <select id="td-status" name="status">
              {(['all', 'paid', 'refunded'] as const).map((s) => (
                <option value={s} selected={s === p.status}>
                  {s === 'all' ? t(lang, 'donation.td.statusAll') : t(lang, `donation.status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div class="filter-actions">
            <button class="btn btn-secondary" type="submit">
              {t(lang, 'donation.td.show')}
            </button>
          </div>
        </fieldset>
      </form>
      {p.rows.length === 0 ? (
        <p class="muted">{t(lang, 'donation.td.none')}</p>
      ) : (
        <ul class="bo-list" data-testid="town-donations">
          {p.rows.map((r) => (
            <DonationItem lang={lang} r={r} p={p} refused={p.refused?.donationId === r.id ? p.refused : undefined} />
          ))}
        </ul>
      )}
      {p.olderHref || p.newestHref ? (
        <p class="actions-row">
          {p.newestHref ? <a href={p.newestHref}>{t(lang, 'donation.td.newest')}</a> : null}
          {p.olderHref ? (
            <a href={p.olderHref} rel="next">
              {t(lang, 'donation.td.older')}
            </a>
          ) : null}
        </p>
      ) : null}
    </Layout>
  );
}

function DonationItem(props: { lang: Lang; r: TreasurerDonationRow; p: TreasurerDonationsProps; refused?: RefusedRefund }) {
  const { lang, r, refused } = props;
  const id = `don-${r.id}`;
  return (
    <li class="bo-item" id={id} data-donation={r.id} data-status={r.status}>
      <h2>
        <Yen amount={r.amount} /> <span class={`status-pill ${r.status}`}>{t(lang, r.status === 'refunded' ? 'donation.status.refunded' : r.status === 'paid' ? 'donation.status.paid' : 'donation.status.pending')}</span>
      </h2>
      <p class="meta">
        <span>
          {t(lang, 'donation.td.received')}: {r.paidDate ? formatDate(lang, r.paidDate) : '—'}
        </span>
        <span>
          {t(lang, 'donation.td.donor')}: {r.donorName}
          {r.donorKana ? `(${r.donorKana})` : ''}
        </span>
        <span>
          {t(lang, 'donation.td.purpose')}: {r.purposeHref ? <a href={r.purposeHref}>{r.purpose}</a> : r.purpose}
        </span>
        <span>
          {t(lang, 'donation.td.receiptNo')}: {r.receiptNumber ?? '—'}
          {r.receiptVoid ? `(${t(lang, 'donation.td.void')})` : ''}
        </span>
        <span data-col="one-stop">
          {t(lang, 'donation.td.oneStop')}: {r.oneStop ? t(lang, 'donation.td.oneStopYes') : t(lang, 'donation.td.oneStopNo')}
        </span>
      </p>
      {r.receiptNumber || r.status === 'paid' || r.status === 'refunded' ? (
        <p class="small">
          <a href={r.receiptHref} data-link="receipt">
            {t(lang, 'donation.td.receipt')}
            {r.receiptVoid ? `(${t(lang, 'donation.td.void')})` : ''}
          </a>
        </p>
      ) : null}
      {r.status === 'refunded' ? (
        <p class="small muted">
          {r.refundedDate ? `${t(lang, 'donation.td.refundedOn')}: ${formatDate(lang, r.refundedDate)}` : null}
          {r.refundReason ? ` ${t(lang, 'donation.td.refundReason')}: ${r.refundReason}` : null}
        </p>
      ) : null}
      {r.refundable ? <RefundForm lang={lang} r={r} p={props.p} refused={refused} /> : null}
    </li>
  );
}

function RefundForm(props: { lang: Lang; r: TreasurerDonationRow; p: TreasurerDonationsProps; refused?: RefusedRefund }) {
  const { lang, r, refused } = props;
  const e = refused?.errors ?? {};
  const reasonId = `reason-${r.id}`;
  const confirmId = `confirm-${r.id}`;
  return (
    <details open={refused ? true : undefined}>
      <summary>{t(lang, 'donation.td.refundOpen')}</summary>
      <div class="bo-decide">
        <form method="post" action={`/treasurer/donations/${encodeURIComponent(r.id)}/refund`} class="donate-form" data-testid="refund-form">
          <input type="hidden" name="year" value={String(props.p.year)} />
          <input type="hidden" name="status" value={props.p.status} />
          {props.p.after ? <input type="hidden" name="after" value={props.p.after} /> : null}
          {e.form ? (
            <p class="field-error" role="alert" data-error-for="form">
              {e.form}
            </p>
          ) : null}
          <div class={`field${e.reason ? ' invalid' : ''}`}>
            <label for={reasonId}>{t(lang, 'donation.td.reason')}</label>
            <p class="hint" id={`${reasonId}-hint`}>
              {t(lang, 'donation.td.reasonHint')}
            </p>
            <textarea
              id={reasonId}
              name="reason"
              maxlength={500}
              required
              aria-invalid={e.reason ? 'true' : undefined}
              aria-describedby={`${reasonId}-hint${e.reason ? ` ${reasonId}-error` : ''}`}
            >
              {refused?.reason ?? ''}
            </textarea>
            {e.reason ? (
              <p class="field-error" id={`${reasonId}-error`} data-error-for="reason">
                {e.reason}
              </p>
            ) : null}
          </div>
          <div class={`field${e.confirm ? ' invalid' : ''}`}>
            <label class="check" for={confirmId}>
              <input id={confirmId} type="checkbox" name="confirm" value="1" required checked={refused?.confirmed || undefined} aria-invalid={e.confirm ? 'true' : undefined} />
              <span>{t(lang, 'donation.td.confirm')}</span>
            </label>
            {e.confirm ? (
              <p class="field-error" data-error-for="confirm">
                {e.confirm}
              </p>
            ) : null}
          </div>
          <div>
            <button class="btn btn-small btn-reject" type="submit">
              {t(lang, 'donation.td.refundButton')}
            </button>
          </div>
        </form>
      </div>
    </details>
  );
}
