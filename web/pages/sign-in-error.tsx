import { signInHref } from '../auth-links.js';
import { t, type Lang } from '../../functions/i18n/index.js';
import { Layout, type PageCtx } from '../layout.js';

/** Why a return from the sign-in service was refused (functions/api/pages/auth.ts decides which). */
export type SignInFailure = 'expired' | 'state' | 'denied' | 'rejected' | 'unavailable' | 'token';

/** Shown in the reader's language with the other underneath, and always a way to try again. */
export function SignInErrorPage(props: { ctx: PageCtx; reason: SignInFailure; next: string; detail?: string }) {
  const { lang } = props.ctx;
  const other: Lang = lang === 'ja' ? 'en' : 'ja';
  return (
    <Layout ctx={props.ctx} title={t(lang, 'signInError.title')}>
      <div class="not-found" data-sign-in-error={props.reason}>
        <h1>{t(lang, 'signInError.title')}</h1>
        <p>{t(lang, `signInError.${props.reason}`)}</p>
        <p class="muted small" lang={other}>
          {t(other, 'signInError.title')} — {t(other, `signInError.${props.reason}`)}
        </p>
        {props.detail && <p class="muted small">({props.detail})</p>}
        <p>
          <a class="btn" href={signInHref(props.next)}>
            {t(lang, 'signInError.retry')}
          </a>{' '}
          <a class="btn btn-secondary" href="/">
            {t(lang, 'signInError.home')}
          </a>
        </p>
      </div>
    </Layout>
  );
}
