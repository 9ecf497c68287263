/**
 * Cross-site request forgery defence for the pages (issue 11, item 1).
 *
 * Every state-changing request outside /api (page form posts, /auth/sign-out, the local /dev pages) passes
 * Hono's `csrf` middleware: its Origin must be the app's own (AppDeps.baseUrl, or the origin the request
 * was addressed to) or its Sec-Fetch-Site must be `same-origin`. A request that carries neither header is
 * let through: browsers send Origin (and Sec-Fetch-Site) on every cross-site form post, so a request
 * without both is not a forged browser request (scripts, the in-process tests, curl). A per-session form
 * token is not part of this slice yet: see issue 11.
 *
 * The JSON API is kept out of reach of forged requests in auth.ts instead: it never takes the session
 * cookie as authentication for a write.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from './context.js';
import { errorMessage } from './errors.js';
import { pageCtx, renderPage } from './page-context.js';
import { DomainError } from '../domain/errors.js';
import { CsrfRefusedPage } from '../../web/pages/csrf-refused.js';

const SAFE_METHOD = /^(GET|HEAD|OPTIONS)$/;

function allowedOrigins(c: Context<AppEnv>): string[] {
  const own = new URL(c.req.url).origin;
  try {
    return [new URL(c.var.deps.baseUrl).origin, own];
  } catch {
    return [own];
  }
}

const originCheck = csrf({
  origin: (origin, c) => allowedOrigins(c as Context<AppEnv>).includes(origin),
  secFetchSite: 'same-origin',
});

export const csrfRefused = () => new DomainError('forbidden', 'csrf_refused', 'this request came from another site and was refused', { key: 'csrf_refused' });

/** Refuses a cross-site state-changing page request with a 403 page (the error shape when JSON is asked for). */
export const pageCsrfGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (SAFE_METHOD.test(c.req.method) || c.req.path === '/api' || c.req.path.startsWith('/api/')) return next();
  if (c.req.header('origin') === undefined && c.req.header('sec-fetch-site') === undefined) return next();
  let refused = false;
  try {
    await originCheck(c, async () => {});
  } catch (e) {
    if (!(e instanceof HTTPException) || e.status !== 403) throw e;
    refused = true;
  }
  if (!refused) return next();
  const e = csrfRefused();
  if (!(c.req.header('accept') ?? '').includes('text/html')) throw e;
  return renderPage(c, <CsrfRefusedPage ctx={pageCtx(c)} message={errorMessage(c.var.lang, e)} />, 403);
};
