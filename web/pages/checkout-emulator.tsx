import { raw } from 'hono/html';
import type { CheckoutSessionView } from '../views/donations.js';
import { formatYen } from '../../functions/domain/money.js';
import { DONATION_CSS_HREF } from '../components/donation-styles.js';
import { CSS_HREF } from '../styles.js';

/**
 * The local stand-in for Stripe's hosted checkout: plain forms, so it works without JavaScript and in
 * scripts. Card pays at once; konbini issues a slip that is paid (or fails) later on this same page.
 */
export function CheckoutEmulatorPage(props: { session: CheckoutSessionView; message?: string }) {
  const s = props.session;
  const en = s.lang === 'en';
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
          <title>{en ? 'Checkout (emulator)' : '決済(エミュレーター)'}</title>
          <link rel="stylesheet" href={CSS_HREF} />
          <link rel="stylesheet" href={DONATION_CSS_HREF} />
        </head>
        <body>
          <main class="emulator" data-session={s.id} data-state={s.state}>
            <p class="banner">{en ? 'Checkout emulator — local development only. No real money moves.' : '決済エミュレーター(ローカル開発用)— 実際のお金は動きません'}</p>
            <h1>{en ? 'Pay your donation' : '寄附のお支払い'}</h1>
            <p>{s.description}</p>
            <p class="big-figure" data-amount={s.amount}>
              {formatYen(s.amount)}
            </p>
            <p class="small muted">{s.email}</p>
            {props.message ? <p class="warning">{props.message}</p> : null}
            {s.state === 'open' ? (
              <>
                <h2>{en ? 'Payment method' : 'お支払い方法'}</h2>
                {button('card', en ? 'Pay by card' : 'クレジットカードで支払う')}
                {button('konbini', en ? 'Pay at a convenience store (konbini)' : 'コンビニで支払う', 'secondary')}
                <p>{button('expire', en ? 'Let the session expire' : 'セッションを期限切れにする', 'danger')}</p>
                <p>
                  <a href={s.cancelUrl}>{en ? 'Cancel and go back' : 'キャンセルして戻る'}</a>
                </p>
              </>
            ) : null}
            {s.state === 'awaiting_konbini' ? (
              <>
                <p class="notice">
                  {en
                    ? 'Your konbini payment slip is ready. The donation stays pending until you pay at the store.'
                    : 'コンビニ払込票を発行しました。店頭でお支払いいただくまで、寄附は「支払い待ち」のままです。'}
                </p>
                {button('konbini_paid', en ? 'Pay at the konbini now' : 'コンビニで支払う(店頭での支払いを再現)')}
                {button('konbini_failed', en ? 'Slip expired unpaid (fail)' : '支払期限切れ(失敗)にする', 'danger')}
                <p>
                  <a href={s.successUrl}>{en ? 'See your donation' : '寄附の状況を見る'}</a>
                </p>
              </>
            ) : null}
            {s.state === 'paid' || s.state === 'konbini_paid' ? (
              <p class="ok-box">
                {en ? 'Paid.' : 'お支払いが完了しました。'} <a href={s.successUrl}>{en ? 'Continue' : '次へ'}</a>
              </p>
            ) : null}
            {s.state === 'expired' || s.state === 'konbini_failed' ? (
              <p class="warning">
                {s.state === 'expired' ? (en ? 'This checkout session has expired.' : 'この決済セッションは期限切れです。') : en ? 'The konbini payment failed.' : 'コンビニ支払いは失敗しました。'}{' '}
                <a href={s.cancelUrl}>{en ? 'Back' : '戻る'}</a>
              </p>
            ) : null}
          </main>
        </body>
      </html>
    </>
  );
}
