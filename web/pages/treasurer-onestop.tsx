import { formatDate } from '../components/date.js';
import { DONATION_CSS_HREF } from '../components/donation-styles.js';
import { t } from '../../functions/i18n/index.js';
import { Yen } from '../components/yen.js';
import { Layout, type PageCtx } from '../layout.js';

export interface OneStopRowView {
  donationId: string;
  receiptNumber?: string;
  paidDate?: string;
  name: string;
  nameKana: string;
  postalCode: string;
  address: string;
  amount: number;
  status: string;
  receivedOn?: string;
  remindedAt?: string;
}

export function TreasurerOneStopPage(props: {
  ctx: PageCtx;
  town: { code: string; name: string };
  towns: { code: string; name: string }[];
  year: number;
  deadline: string;
  rows: OneStopRowView[];
}) {
  const { ctx, town, year, rows } = props;
  const { lang } = ctx;
  return (
    <Layout ctx={ctx} title={t(lang, 'donation.treasurer.title')}>
      <link rel="stylesheet" href={DONATION_CSS_HREF} />
      <header class="page-head">
        <h1>
          {t(lang, 'donation.treasurer.title')}({town.name} {year})
        </h1>
        <p class="lead">{t(lang, 'donation.treasurer.lead', { town: town.name })}</p>
        <p>{t(lang, 'donation.treasurer.deadline', { deadline: formatDate(lang, props.deadline) })}</p>
      </header>
      <form method="get" action="/treasurer/one-stop" class="filters">
        <fieldset>
          <div class="field">
            <label for="os-town">{t(lang, 'donation.treasurer.town')}</label>
            <select id="os-town" name="town">
              {props.towns.map((t) => (
                <option value={t.code} selected={t.code === town.code}>
                  {t.name}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="os-year">{t(lang, 'donation.treasurer.year')}</label>
            <input id="os-year" name="year" inputmode="numeric" value={String(year)} />
          </div>
          <div class="filter-actions">
            <button class="btn btn-secondary" type="submit">
              {t(lang, 'donation.treasurer.show')}
            </button>
            <a href={`/api/towns/${town.code}/one-stop.csv?year=${year}`} data-link="csv">
              {t(lang, 'donation.treasurer.csv')}
            </a>
          </div>
        </fieldset>
      </form>
      {rows.length === 0 ? (
        <p class="muted">{t(lang, 'donation.treasurer.none')}</p>
      ) : (
        <div class="table-scroll">
          <table class="one-stop-list">
            <thead>
              <tr>
                <th scope="col">{t(lang, 'donation.treasurer.receipt')}</th>
                <th scope="col">{t(lang, 'donation.treasurer.paidDate')}</th>
                <th scope="col">{t(lang, 'donation.treasurer.name')}</th>
                <th scope="col">{t(lang, 'donation.treasurer.address')}</th>
                <th scope="col" class="amount">
                  {t(lang, 'donation.treasurer.amount')}
                </th>
                <th scope="col">{t(lang, 'donation.treasurer.received')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr data-donation={r.donationId} data-status={r.status}>
                  <td class="nowrap">{r.receiptNumber ?? '—'}</td>
                  <td class="nowrap">{r.paidDate ? formatDate(lang, r.paidDate) : '—'}</td>
                  <td>
                    {r.name}
                    <br />
                    <span class="small muted">{r.nameKana}</span>
                  </td>
                  <td>
                    〒{r.postalCode} {r.address}
                  </td>
                  <td class="amount">
                    <Yen amount={r.amount} />
                  </td>
                  <td>
                    {r.status !== 'paid' ? (
                      <span class={`status-pill ${r.status}`}>{t(lang, r.status === 'refunded' ? 'donation.status.refunded' : 'donation.status.pending')}</span>
                    ) : r.receivedOn ? (
                      <span class="status-pill paid">{formatDate(lang, r.receivedOn)}</span>
                    ) : (
                      <form method="post" action={`/treasurer/one-stop/${encodeURIComponent(r.donationId)}/received`}>
                        <input type="hidden" name="year" value={String(year)} />
                        <button class="linklike" type="submit">
                          {t(lang, 'donation.treasurer.markReceived')}
                        </button>
                      </form>
                    )}
                    {r.remindedAt && !r.receivedOn ? <div class="small muted">{t(lang, 'donation.treasurer.reminded')}</div> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
