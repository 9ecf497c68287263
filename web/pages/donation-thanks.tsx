import type { DonationStatus } from '../../functions/domain/donations.js';
import { formatDate } from '../components/date.js';
import { DONATION_CSS_HREF } from '../components/donation-styles.js';
import { dt } from '../components/donation-text.js';
import { Yen } from '../components/yen.js';
import { Layout, type PageCtx } from '../layout.js';

export interface ThanksView {
  id: string;
  status: DonationStatus;
  awaitingPayment: boolean;
  amount: number;
  targetTitle: string;
  targetHref: string;
  townName: string;
  paidDate?: string;
  receiptNumber?: string;
  oneStop: boolean;
  oneStopDeadline?: string;
  oneStopReceivedOn?: string;
  links: { self: string; receipt: string; oneStopForm: string };
  signedIn: boolean;
}

export function DonationThanksPage(props: { ctx: PageCtx; view: ThanksView }) {
  const { ctx, view: v } = props;
  const { lang } = ctx;
  const status =
    v.status === 'paid'
      ? dt(lang, 'thanks.paid', { date: v.paidDate ? formatDate(lang, v.paidDate) : '' })
      : v.status === 'pending'
        ? dt(lang, v.awaitingPayment ? 'thanks.konbini' : 'thanks.pending')
        : dt(lang, v.status === 'expired' ? 'thanks.expired' : v.status === 'failed' ? 'thanks.failed' : 'thanks.refunded');
  return (
    <Layout ctx={ctx} title={dt(lang, 'thanks.title')}>
      <link rel="stylesheet" href={DONATION_CSS_HREF} />
      <header class="page-head">
        <h1>{dt(lang, 'thanks.title')}</h1>
      </header>
      <section class="panel donation-status" data-status={v.status} data-donation={v.id}>
        <p class={v.status === 'paid' ? 'ok-box' : v.status === 'pending' ? 'notice' : 'warning'}>
          <span class={`status-pill ${v.status}`}>{dt(lang, `status.${v.status}`)}</span> {status}
        </p>
        <dl class="summary-list">
          <dt>{dt(lang, 'confirm.target')}</dt>
          <dd>
            <a href={v.targetHref}>{v.targetTitle}</a>
          </dd>
          <dt>{dt(lang, 'confirm.amount')}</dt>
          <dd>
            <Yen amount={v.amount} />
          </dd>
          <dt>{dt(lang, 'confirm.town')}</dt>
          <dd>{v.townName}</dd>
          {v.receiptNumber ? (
            <>
              <dt>{dt(lang, 'thanks.receiptNumber')}</dt>
              <dd class="receipt-number">{v.receiptNumber}</dd>
            </>
          ) : null}
        </dl>
        {v.receiptNumber && (v.status === 'paid' || v.status === 'refunded') ? (
          <p>
            <a class="btn btn-secondary" href={v.links.receipt} data-link="receipt">
              {dt(lang, 'thanks.receipt')}
            </a>
          </p>
        ) : null}
        {v.status === 'paid' && v.oneStop ? (
          <>
            <p>
              <a class="btn btn-secondary" href={v.links.oneStopForm} data-link="one-stop-form">
                {dt(lang, 'thanks.oneStopForm')}
              </a>
            </p>
            <p class="small">
              {v.oneStopReceivedOn
                ? dt(lang, 'thanks.oneStopReceived', { town: v.townName, date: formatDate(lang, v.oneStopReceivedOn) })
                : dt(lang, 'thanks.oneStopDue', { town: v.townName, deadline: v.oneStopDeadline ? formatDate(lang, v.oneStopDeadline) : '' })}
            </p>
          </>
        ) : null}
        {v.status === 'pending' ? (
          <p>
            <a href={v.links.self}>{dt(lang, 'thanks.refresh')}</a>
          </p>
        ) : null}
        <p class="small muted">{dt(lang, 'thanks.bookmark')}</p>
      </section>
      <p class="actions-row">
        <a href={v.targetHref}>{dt(lang, 'thanks.back')}</a>
        {v.signedIn ? <a href="/me/donations">{dt(lang, 'thanks.myDonations')}</a> : null}
      </p>
    </Layout>
  );
}
