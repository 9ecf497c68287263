import { raw } from 'hono/html';
import type { CheckoutSessionView } from '../views/donations.js';
import { formatYen } from '../../functions/domain/money.js';
import { DONATION_CSS_HREF } from '../components/donation-styles.js';
import { CSS_HREF } from '../styles.js';
import { t } from '../../functions/i18n/index.js';

/**
 * The local stand-in for Stripe's hosted checkout: plain forms, so it works without JavaScript and in
 * scripts. Card pays at once; konbini issues a slip that is paid (or fails) later on this same page.
 */
export function CheckoutEmulatorPage(props: { session: CheckoutSessionView; message?: string }) {
  const s = props.session;
  const action = `/dev/checkout/${encodeURIComponent(s.id)}/action`;
  const button = (value: string, label: string, cls?: string) => (
    <form method="post" action={action} class="inline-form">
      <input type="hidden" name="action" value={value} />
      <button type="submit" class={cls} data-action={value}>
        {label}
      </button>
    </form>
  );
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang={s.lang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="robots" content="noindex" />
          <title>{t(s.lang, 'donation.emulator.title')}</title>
          <link rel="stylesheet" href={CSS_HREF} />
          <link rel="stylesheet" href={DONATION_CSS_HREF} />
        </head>
        <body>
          <main class="emulator" data-session={s.id} data-state={s.state}>
            <p class="banner">{t(s.lang, 'donation.emulator.banner')}</p>
            <h1>{t(s.lang, 'donation.emulator.heading')}</h1>
            <p>{s.description}</p>
            <p class="big-figure" data-amount={s.amount}>
              {formatYen(s.amount)}
            </p>
            <p class="small muted">{s.email}</p>
            {props.message ? <p class="warning">{props.message}</p> : null}
            {s.state === 'open' ? (
              <>
                <h2>{t(s.lang, 'donation.emulator.method')}</h2>
                {button('card', t(s.lang, 'donation.emulator.card'))}
                {button('konbini', t(s.lang, 'donation.emulator.konbini'), 'secondary')}
                <p>{button('expire', t(s.lang, 'donation.emulator.expire'), 'danger')}</p>
                <p>
                  <a href={s.cancelUrl}>{t(s.lang, 'donation.emulator.cancel')}</a>
                </p>
              </>
            ) : null}
            {s.state === 'awaiting_konbini' ? (
              <>
                <p class="notice">
                  {t(s.lang, 'donation.emulator.slip')}
                </p>
                {button('konbini_paid', t(s.lang, 'donation.emulator.konbiniPay'))}
                {button('konbini_failed', t(s.lang, 'donation.emulator.konbiniFail'), 'danger')}
                <p>
                  <a href={s.successUrl}>{t(s.lang, 'donation.emulator.see')}</a>
                </p>
              </>
            ) : null}
            {s.state === 'paid' || s.state === 'konbini_paid' ? (
              <p class="ok-box">
                {t(s.lang, 'donation.emulator.paid')} <a href={s.successUrl}>{t(s.lang, 'donation.emulator.continue')}</a>
              </p>
            ) : null}
            {s.state === 'expired' || s.state === 'konbini_failed' ? (
              <p class="warning">
                {s.state === 'expired' ? t(s.lang, 'donation.emulator.expired') : t(s.lang, 'donation.emulator.failed')}{' '}
                <a href={s.cancelUrl}>{t(s.lang, 'donation.emulator.back')}</a>
              </p>
            ) : null}
          </main>
        </body>
      </html>
    </>
  );
}
