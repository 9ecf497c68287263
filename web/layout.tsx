import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { SIGN_OUT_PATH, signInHref } from './auth-links.js';
import { t, type Lang, type MessageKey } from '../functions/i18n/index.js';
import { CSS_HREF } from './styles.js';

/** What every page needs from the request: language, where we are (for toggles that come back here), who. */
export interface PageCtx {
  lang: Lang;
  /** Current path and query, used as the `back`/`next` target of the toggles. */
  path: string;
  user?: { name: string; roles?: string[] };
}

export type NavKey = 'home' | 'challenges' | 'funds' | 'towns' | 'simulator';

const NAV: { key: NavKey; href: string; label: 'nav.challenges' | 'nav.funds' | 'nav.towns' | 'nav.simulator' }[] = [
  { key: 'challenges', href: '/challenges', label: 'nav.challenges' },
  { key: 'funds', href: '/funds', label: 'nav.funds' },
  { key: 'towns', href: '/towns', label: 'nav.towns' },
  { key: 'simulator', href: '/simulator', label: 'nav.simulator' },
];

export function Layout(props: { ctx: PageCtx; title?: string; description?: string; active?: NavKey; hero?: Child; children?: Child }) {
  const { lang } = props.ctx;
  const site = t(lang, 'site.name');
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang={lang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{props.title ? `${props.title} | ${site}` : `${site} | ${t(lang, 'site.tagline')}`}</title>
          <meta name="description" content={props.description ?? t(lang, 'footer.about')} />
          <meta name="theme-color" content="#1d4e89" />
          <link rel="stylesheet" href={CSS_HREF} />
        </head>
        <body>
          <a class="skip" href="#main">
            {t(lang, 'skip')}
          </a>
          <Header ctx={props.ctx} active={props.active} />
          <main id="main" tabindex={-1}>
            {props.hero}
            <div class="wrap">{props.children}</div>
          </main>
          <Footer lang={lang} />
        </body>
      </html>
    </>
  );
}

function Header(props: { ctx: PageCtx; active?: NavKey }) {
  const { lang } = props.ctx;
  return (
    <header class="site-header">
      <div class="wrap">
        <a class="brand" href="/" aria-label={`${t(lang, 'site.name')} ${t(lang, 'site.nameOther')}`}>
          <Logo />
          <span>
            <span class="brand-name">共創ファンド</span>
            <span class="brand-sub">KYOSO FUND</span>
          </span>
        </a>
        <LangToggle ctx={props.ctx} />
        <nav class="site-nav" aria-label={t(lang, 'nav.label')}>
          <ul>
            {NAV.map((n) => (
              <li>
                <a href={n.href} aria-current={props.active === n.key ? 'page' : undefined}>
                  {t(lang, n.label)}
                </a>
              </li>
            ))}
            <li class="account">
              <Account ctx={props.ctx} />
            </li>
          </ul>
        </nav>
      </div>
    </header>
  );
}

/** Plain links, so switching language works without JavaScript; the server sets the cookie and comes back. */
function LangToggle(props: { ctx: PageCtx }) {
  const back = encodeURIComponent(props.ctx.path);
  const link = (lang: Lang, label: string) => (
    <a href={`/lang/${lang}?back=${back}`} lang={lang} hreflang={lang} aria-current={props.ctx.lang === lang ? 'true' : undefined} data-lang={lang}>
      {label}
    </a>
  );
  return (
    <nav class="lang-toggle" aria-label={t(props.ctx.lang, 'lang.label')}>
      {link('ja', '日本語')}
      {link('en', 'English')}
    </nav>
  );
}

function Account(props: { ctx: PageCtx }) {
  const { lang, user, path } = props.ctx;
  if (!user) return <a href={signInHref(path)}>{t(lang, 'nav.signIn')}</a>;
  return (
    <>
      <span class="user-name">{t(lang, 'nav.signedInAs', { name: user.name })}</span>
      {workspaces(user.roles ?? []).map((w) => (
        <a href={w.href} class="workspace-link">
          {t(lang, w.label)}
        </a>
      ))}
      <form method="post" action={SIGN_OUT_PATH}>
        <button class="linklike" type="submit">
          {t(lang, 'nav.signOut')}
        </button>
      </form>
    </>
  );
}

/** Where each role works: shown next to the user's name so nobody has to type a URL. */
function workspaces(roles: string[]): { href: string; label: MessageKey }[] {
  const has = (prefix: string) => roles.some((r) => r === prefix || r.startsWith(`${prefix}:`));
  const out: { href: string; label: MessageKey }[] = [];
  if (has('donor')) out.push({ href: '/me/donations', label: 'nav.workspace.donations' });
  if (has('company')) out.push({ href: '/company', label: 'nav.workspace.company' });
  if (has('reviewer')) out.push({ href: '/review', label: 'nav.workspace.reviews' });
  if (has('treasurer')) out.push({ href: '/treasurer', label: 'nav.workspace.treasury' });
  if (has('treasurer') || has('admin')) out.push({ href: '/audit', label: 'nav.workspace.audit' });
  return out;
}

function Footer(props: { lang: Lang }) {
  const { lang } = props;
  return (
    <footer class="site-footer">
      <div class="wrap cols">
        <div>
          <h2>
            {t(lang, 'site.name')} <span lang={lang === 'ja' ? 'en' : 'ja'}>/ {t(lang, 'site.nameOther')}</span>
          </h2>
          <p>{t(lang, 'footer.about')}</p>
          <p>{t(lang, 'footer.ledger')}</p>
          <p>{t(lang, 'footer.jst')}</p>
        </div>
        <nav class="nav" aria-label={t(lang, 'footer.nav')}>
          <ul>
            {NAV.map((n) => (
              <li>
                <a href={n.href}>{t(lang, n.label)}</a>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </footer>
  );
}

/** Three overlapping circles: three towns, one network. */
function Logo() {
  return (
    <svg width="36" height="36" viewBox="0 0 36 36" aria-hidden="true" focusable="false">
      <circle cx="13" cy="14" r="9" fill="#1d4e89" opacity="0.9" />
      <circle cx="23" cy="14" r="9" fill="#a93a24" opacity="0.85" />
      <circle cx="18" cy="23" r="9" fill="#1f6b45" opacity="0.85" />
    </svg>
  );
}
