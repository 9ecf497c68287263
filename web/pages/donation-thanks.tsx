import type { DonationStatus } from '../../functions/domain/donations.js';
import { formatDate } from '../components/date.js';
import { DONATION_CSS_HREF } from '../components/donation-styles.js';
import { t } from '../../functions/i18n/index.js';
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
      ? t(lang, 'donation.thanks.paid', { date: v.paidDate ? formatDate(lang, v.paidDate) : '' })
      : v.status === 'pending'
        ? t(lang, v.awaitingPayment ? 'donation.thanks.konbini' : 'donation.thanks.pending')
        : t(lang, v.status === 'expired' ? 'donation.thanks.expired' : v.status === 'failed' ? 'donation.thanks.failed' : 'donation.thanks.refunded');
  return (
    <Layout ctx={ctx} title={t(lang, 'donation.thanks.title')}>
      <link rel="stylesheet" href={DONATION_CSS_HREF} />
      <header class="page-head">
        <h1>{t(lang, 'donation.thanks.title')}</h1>
      </header>
      <section class="panel donation-status" data-status={v.status} data-donation={v.id}>
        <p class={v.status === 'paid' ? 'ok-box' : v.status === 'pending' ? 'notice' : 'warning'}>
          <span class={`status-pill ${v.status}`}>{t(lang, `donation.status.${v.status}`)}</span> {status}
        </p>
        <dl class="summary-list">
          <dt>{t(lang, 'donation.confirm.target')}</dt>
          <dd>
            <a href={v.targetHref}>{v.targetTitle}</a>
          </dd>
          <dt>{t(lang, 'donation.confirm.amount')}</dt>
          <dd>
            <Yen amount={v.amount} />
          </dd>
          <dt>{t(lang, 'donation.confirm.town')}</dt>
          <dd>{v.townName}</dd>
          {v.receiptNumber ? (
            <>
              <dt>{t(lang, 'donation.thanks.receiptNumber')}</dt>
              <dd class="receipt-number">{v.receiptNumber}</dd>
            </>
          ) : null}
        </dl>
        {v.receiptNumber && (v.status === 'paid' || v.status === 'refunded') ? (
          <p>
            <a class="btn btn-secondary" href={v.links.receipt} data-link="receipt">
              {t(lang, 'donation.thanks.receipt')}
            </a>
          </p>
        ) : null}
        {v.status === 'paid' && v.oneStop ? (
          <>
            <p>
              <a class="btn btn-secondary" href={v.links.oneStopForm} data-link="one-stop-form">
                {t(lang, 'donation.thanks.oneStopForm')}
              </a>
            </p>
            <p class="small">
              {v.oneStopReceivedOn
                ? t(lang, 'donation.thanks.oneStopReceived', { town: v.townName, date: formatDate(lang, v.oneStopReceivedOn) })
                : t(lang, 'donation.thanks.oneStopDue', { town: v.townName, deadline: v.oneStopDeadline ? formatDate(lang, v.oneStopDeadline) : '' })}
            </p>
          </>
        ) : null}
        {v.status === 'pending' ? (
          <p>
            <a href={v.links.self}>{t(lang, 'donation.thanks.refresh')}</a>
          </p>
        ) : null}
        <p class="small muted">{t(lang, 'donation.thanks.bookmark')}</p>
      </section>
      <p class="actions-row">
        <a href={v.targetHref}>{t(lang, 'donation.thanks.back')}</a>
        {v.signedIn ? <a href="/me/donations">{t(lang, 'donation.thanks.myDonations')}</a> : null}
      </p>
    </Layout>
  );
}
