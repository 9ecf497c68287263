/** What every server-rendered page needs from the request, and how every page is sent. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from './context.js';
import type { PageCtx } from '../../web/layout.js';
import { signInHref } from '../../web/auth-links.js';

type C = Context<AppEnv>;
type Page = Parameters<C['html']>[0];

export function pageCtx(c: C): PageCtx {
  const url = new URL(c.req.url);
  const p = c.var.principal;
  // Hosted-UI sign-up asks only for an email, so a new donor may have no name yet: show the email, not the sub.
  return { lang: c.var.lang, path: url.pathname + url.search, user: p ? { name: p.name ?? p.email ?? p.sub, roles: p.roles } : undefined };
}

/**
 * Pages differ by language (cookie or Accept-Language) and by who is signed in, so shared caches must
 * not hand one reader's page to another.
 */
export function renderPage(c: C, page: Page, status: ContentfulStatusCode = 200) {
  return send(c, page, status, 'private, no-cache');
}

/** Workspace pages carry personal data (donations, tax records, reviews): not even the browser keeps them. */
export function renderPersonalPage(c: C, page: Page, status: ContentfulStatusCode = 200) {
  return send(c, page, status, 'private, no-store');
}

function send(c: C, page: Page, status: ContentfulStatusCode, cacheControl: string) {
  c.header('Content-Language', c.var.lang);
  c.header('Vary', 'Accept-Language, Cookie');
  c.header('Cache-Control', cacheControl);
  return c.html(page, status);
}

/** Sends a signed-out visitor to sign in, and back here afterwards (or to `next`, e.g. the page a form was on). */
export function signInRedirect(c: C, next?: string) {
  const url = new URL(c.req.url);
  return c.redirect(signInHref(next ?? url.pathname + url.search), 303);
}

/** Only same-site paths: the toggle must not become an open redirect (`//evil`, `/\evil`, `https:`). */
export function safeBack(back: string | undefined): string {
  if (!back || !back.startsWith('/') || back.startsWith('//') || back.startsWith('/\\')) return '/';
  if (/[\u0000-\u001f\u007f\\]/.test(back)) return '/';
  return back;
}
