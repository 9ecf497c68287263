/** What every server-rendered page needs from the request, and how every page is sent. */
import type { Context } from 'hono';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { AppEnv } from './context.js';
import type { PageCtx } from '../../web/layout.js';

export function pageCtx(c: Context<AppEnv>): PageCtx {
  const url = new URL(c.req.url);
  const p = c.var.principal;
  return { lang: c.var.lang, path: url.pathname + url.search, user: p ? { name: p.name ?? p.sub, roles: p.roles } : undefined };
}

/**
 * Pages differ by language (cookie or Accept-Language) and by who is signed in, so shared caches must
 * not hand one reader's page to another.
 */
export function renderPage(c: Context<AppEnv>, page: HtmlEscapedString | Promise<HtmlEscapedString>, status: 200 | 400 | 403 | 404 | 409 | 422 = 200) {
  c.header('Content-Language', c.var.lang);
  c.header('Vary', 'Accept-Language, Cookie');
  c.header('Cache-Control', 'private, no-cache');
  return c.html(page, status);
}
