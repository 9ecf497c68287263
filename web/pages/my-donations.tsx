import type { DonationStatus, OneStopCount } from '../../functions/domain/donations.js';
import { formatDate } from '../components/date.js';
import { DONATION_CSS_HREF } from '../components/donation-styles.js';
import { dt } from '../components/donation-text.js';
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
    <Layout ctx={ctx} title={dt(lang, 'my.title')}>
      <link rel="stylesheet" href={DONATION_CSS_HREF} />
      <header class="page-head">
        <h1>{dt(lang, 'my.title')}</h1>
        <p class="lead">{dt(lang, 'my.lead')}</p>
      </header>
      <p class={oneStop.count > 5 ? 'warning' : 'notice'}>{dt(lang, 'my.oneStopCount', { year: oneStop.year, count: oneStop.count })}</p>
      {rows.length === 0 ? (
        <p class="muted">{dt(lang, 'my.none')}</p>
      ) : (
        <div class="table-scroll">
          <table class="my-donations">
            <thead>
              <tr>
                <th scope="col">{dt(lang, 'my.date')}</th>
                <th scope="col">{dt(lang, 'my.target')}</th>
                <th scope="col">{dt(lang, 'my.town')}</th>
                <th scope="col" class="amount">
                  {dt(lang, 'my.amount')}
                </th>
                <th scope="col">{dt(lang, 'my.status')}</th>
                <th scope="col">{dt(lang, 'my.documents')}</th>
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
                      {dt(lang, `status.${r.status}`)}
                    </a>
                  </td>
                  <td>
                    {r.receiptHref ? (
                      <a href={r.receiptHref} data-link="receipt">
                        {dt(lang, 'thanks.receiptNumber')} {r.receiptNumber}
                      </a>
                    ) : null}
                    {r.oneStopFormHref ? (
                      <>
                        <br />
                        <a href={r.oneStopFormHref} data-link="one-stop-form">
                          {dt(lang, 'confirm.oneStop')}
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
