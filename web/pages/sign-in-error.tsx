import { signInHref } from '../auth-links.js';
import type { Lang } from '../../functions/i18n/index.js';
import { Layout, type PageCtx } from '../layout.js';

/** Why a return from the sign-in service was refused (functions/api/routes/session.ts decides which). */
export type SignInFailure = 'expired' | 'state' | 'denied' | 'rejected' | 'unavailable' | 'token';

const TEXT: Record<SignInFailure, Record<Lang, string>> = {
  expired: {
    ja: 'サインインの手続きの有効期限が切れたか、別のブラウザーで開始されました。もう一度お試しください。',
    en: 'The sign-in took too long or was started in another browser. Please try again.',
  },
  state: {
    ja: 'サインインの応答がこのブラウザーで開始した手続きと一致しません。安全のため中止しました。',
    en: 'The sign-in response does not match the sign-in started in this browser, so it was stopped for your safety.',
  },
  denied: {
    ja: 'サインインが完了しませんでした(キャンセルされたか、サインインサービスが拒否しました)。',
    en: 'The sign-in was not completed (it was cancelled or the sign-in service refused it).',
  },
  rejected: {
    ja: 'サインインサービスがこのサインインを受け付けませんでした。コードの有効期限切れか、既に使用済みです。',
    en: 'The sign-in service did not accept this sign-in: its code has expired or was already used.',
  },
  unavailable: {
    ja: 'サインインサービスに接続できませんでした。しばらくしてからもう一度お試しください。',
    en: 'The sign-in service could not be reached. Please try again in a moment.',
  },
  token: {
    ja: 'サインインサービスから受け取った本人確認情報を検証できませんでした。',
    en: 'The identity the sign-in service returned could not be verified.',
  },
};

/** Shown in the reader's language with the other underneath, and always a way to try again. */
export function SignInErrorPage(props: { ctx: PageCtx; reason: SignInFailure; next: string; detail?: string }) {
  const { lang } = props.ctx;
  const other: Lang = lang === 'ja' ? 'en' : 'ja';
  const title = { ja: 'サインインできませんでした', en: 'Sign-in failed' };
  return (
    <Layout ctx={props.ctx} title={title[lang]}>
      <div class="not-found" data-sign-in-error={props.reason}>
        <h1>{title[lang]}</h1>
        <p>{TEXT[props.reason][lang]}</p>
        <p class="muted small" lang={other}>
          {title[other]} — {TEXT[props.reason][other]}
        </p>
        {props.detail && <p class="muted small">({props.detail})</p>}
        <p>
          <a class="btn" href={signInHref(props.next)}>
            {lang === 'ja' ? 'もう一度サインイン' : 'Try signing in again'}
          </a>{' '}
          <a class="btn btn-secondary" href="/">
            {lang === 'ja' ? 'トップへ' : 'Home'}
          </a>
        </p>
      </div>
    </Layout>
  );
}
