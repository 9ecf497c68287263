import type { DonationStatus, OneStopCount } from '../../functions/domain/donations.js';
import { formatDate } from '../components/date.js';
import { DONATION_CSS_HREF } from '../components/donation-styles.js';
import { t } from '../../functions/i18n/index.js';
import { Yen } from '../components/yen.js';
import { Layout, type PageCtx } from '../layout.js';

export interface MyDonationRow {
  id: string;
  date: string;
  status: DonationStatus;
  awaitingPayment: boolean;
  amount: number;
  targetTitle: string;
  targetHref: string;
  townName: string;
  receiptNumber?: string;
  receiptHref?: string;
  oneStopFormHref?: string;
  thanksHref: string;
}

export function MyDonationsPage(props: { ctx: PageCtx; rows: MyDonationRow[]; oneStop: OneStopCount }) {
  const { ctx, rows, oneStop } = props;
  const { lang } = ctx;
  return (
    <Layout ctx={ctx} title={t(lang, 'donation.my.title')}>
      <link rel="stylesheet" href={DONATION_CSS_HREF} />
      <header class="page-head">
        <h1>{t(lang, 'donation.my.title')}</h1>
        <p class="lead">{t(lang, 'donation.my.lead')}</p>
      </header>
      <p class={oneStop.count > 5 ? 'warning' : 'notice'}>{t(lang, 'donation.my.oneStopCount', { year: oneStop.year, count: oneStop.count })}</p>
      {rows.length === 0 ? (
        <p class="muted">{t(lang, 'donation.my.none')}</p>
      ) : (
        <div class="table-scroll">
          <table class="my-donations">
            <thead>
              <tr>
                <th scope="col">{t(lang, 'donation.my.date')}</th>
                <th scope="col">{t(lang, 'donation.my.target')}</th>
                <th scope="col">{t(lang, 'donation.my.town')}</th>
                <th scope="col" class="amount">
                  {t(lang, 'donation.my.amount')}
                </th>
                <th scope="col">{t(lang, 'donation.my.status')}</th>
                <th scope="col">{t(lang, 'donation.my.documents')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr data-donation={r.id} data-status={r.status}>
                  <td class="nowrap">{formatDate(lang, r.date)}</td>
                  <td>
                    <a href={r.targetHref}>{r.targetTitle}</a>
                  </td>
                  <td>{r.townName}</td>
                  <td class="amount">
                    <Yen amount={r.amount} />
                  </td>
                  <td>
                    <a href={r.thanksHref} class={`status-pill ${r.status}`}>
                      {t(lang, `donation.status.${r.status}`)}
                    </a>
                  </td>
                  <td>
                    {r.receiptHref ? (
                      <a href={r.receiptHref} data-link="receipt">
                        {t(lang, 'donation.thanks.receiptNumber')} {r.receiptNumber}
                      </a>
                    ) : null}
                    {r.oneStopFormHref ? (
                      <>
                        <br />
                        <a href={r.oneStopFormHref} data-link="one-stop-form">
                          {t(lang, 'donation.confirm.oneStop')}
                        </a>
                      </>
                    ) : null}
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
