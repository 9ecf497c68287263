import type { OneStopCount } from '../../functions/domain/donations.js';
import { DonationForm, type DonationFormTarget, type DonationFormValues, type FieldErrors } from '../components/donation-form.js';
import { DONATION_CSS_HREF } from '../components/donation-styles.js';
import { t } from '../../functions/i18n/index.js';
import { Yen } from '../components/yen.js';
import { Layout, type PageCtx } from '../layout.js';

/** The form on its own page: for funds, and when the challenge page's form comes back with errors. */
export function DonatePage(props: { ctx: PageCtx; target: DonationFormTarget & { href: string }; values?: DonationFormValues; errors?: FieldErrors }) {
  const { ctx, target } = props;
  const { lang } = ctx;
  return (
    <Layout ctx={ctx} title={`${t(lang, 'donation.form.heading')}: ${target.title}`} active={target.kind === 'challenge' ? 'challenges' : 'funds'}>
      <link rel="stylesheet" href={DONATION_CSS_HREF} />
      <nav class="breadcrumb">
        <a href={target.href}>{target.title}</a> /
      </nav>
      <header class="page-head">
        <h1>{t(lang, 'donation.form.heading')}</h1>
        <p class="lead">
          <a href={target.href}>{target.title}</a>
        </p>
      </header>
      <section id="donate" class="panel">
        {target.open ? (
          <>
            <p class="small">{t(lang, 'donation.form.intro')}</p>
            <DonationForm lang={lang} target={target} values={props.values} errors={props.errors} idPrefix="donate-page" />
          </>
        ) : (
          <p>
            <strong>{t(lang, 'donation.form.closed')}</strong>
          </p>
        )}
      </section>
    </Layout>
  );
}

export interface ConfirmView {
  target: { kind: 'challenge' | 'fund'; id: string; title: string; href: string };
  amount: number;
  town: { code: string; name: string };
  donor: { name: string; nameKana: string; email: string; postalCode: string; address: string };
  message?: string;
  anonymous: boolean;
  oneStop: boolean;
  updates: boolean;
  /** Only for a signed-in donor giving as their own account: someone's count is their giving history. */
  oneStopCount?: OneStopCount;
  /** Everything the create step needs, as the form posts it. */
  hidden: Record<string, string>;
}

/** The confirmation step: what will be charged, and the one-stop count with a clear warning above five. */
export function ConfirmPage(props: { ctx: PageCtx; view: ConfirmView }) {
  const { ctx, view: v } = props;
  const { lang } = ctx;
  const c = v.oneStopCount;
  return (
    <Layout ctx={ctx} title={t(lang, 'donation.confirm.title')} active={v.target.kind === 'challenge' ? 'challenges' : 'funds'}>
      <link rel="stylesheet" href={DONATION_CSS_HREF} />
      <header class="page-head">
        <h1 id="confirm-heading">{t(lang, 'donation.confirm.title')}</h1>
        <p class="lead">{t(lang, 'donation.confirm.lead')}</p>
      </header>
      <section class="panel" aria-labelledby="confirm-heading">
        <dl class="summary-list">
          <dt>{t(lang, 'donation.confirm.target')}</dt>
          <dd>
            <a href={v.target.href}>{v.target.title}</a>
          </dd>
          <dt>{t(lang, 'donation.confirm.amount')}</dt>
          <dd class="confirm-amount">
            <Yen amount={v.amount} />
          </dd>
          <dt>{t(lang, 'donation.confirm.town')}</dt>
          <dd>{v.town.name}</dd>
          <dt>{t(lang, 'donation.confirm.name')}</dt>
          <dd>
            {v.donor.name}({v.donor.nameKana})
          </dd>
          <dt>{t(lang, 'donation.confirm.address')}</dt>
          <dd>
            〒{v.donor.postalCode} {v.donor.address}
          </dd>
          <dt>{t(lang, 'donation.confirm.email')}</dt>
          <dd>{v.donor.email}</dd>
          <dt>{t(lang, 'donation.confirm.anonymous')}</dt>
          <dd>{t(lang, v.anonymous ? 'donation.confirm.anonymousYes' : 'donation.confirm.anonymousNo')}</dd>
          <dt>{t(lang, 'donation.confirm.oneStop')}</dt>
          <dd>{t(lang, v.oneStop ? 'donation.confirm.oneStopYes' : 'donation.confirm.oneStopNo')}</dd>
        </dl>
        {v.message ? <blockquote class="small">{v.message}</blockquote> : null}
      </section>
      {c ? (
        <section aria-label={t(lang, 'donation.confirm.oneStop')} class="one-stop-count" data-count={c.count} data-projected={c.projected} data-exceeds={c.exceeds ? 'true' : 'false'}>
          <p class={c.exceeds ? 'warning' : 'notice'} role={c.exceeds ? 'alert' : undefined}>
            {t(lang, 'donation.confirm.count', { year: c.year, count: c.count, projected: c.projected })}
            <br />
            {c.exceeds ? <strong>{t(lang, 'donation.confirm.countOver', { year: c.year, projected: c.projected })}</strong> : t(lang, 'donation.confirm.countOk')}
          </p>
          <p class="small muted">{t(lang, 'donation.confirm.countNote')}</p>
        </section>
      ) : (
        <section aria-label={t(lang, 'donation.confirm.oneStop')} class="one-stop-count" data-count="hidden">
          <p class="notice">{t(lang, 'donation.confirm.countOk')}</p>
          <p class="small muted">{t(lang, 'donation.confirm.countOwnOnly')}</p>
        </section>
      )}
      <div class="actions-row">
        <form method="post" action="/donate">
          {Object.entries(v.hidden).map(([name, value]) => (
            <input type="hidden" name={name} value={value} />
          ))}
          <button class="btn" type="submit" data-action="pay">
            {t(lang, 'donation.confirm.pay')}
          </button>
        </form>
        <form method="post" action="/donate/edit">
          {Object.entries(v.hidden)
            .filter(([name]) => name !== 'idempotencyKey')
            .map(([name, value]) => (
              <input type="hidden" name={name} value={value} />
            ))}
          <button class="btn btn-secondary" type="submit">
            {t(lang, 'donation.confirm.back')}
          </button>
        </form>
      </div>
      <p class="small muted">{t(lang, 'donation.confirm.payNote')}</p>
    </Layout>
  );
}
