/** The bilingual HTML 404 every page router (and the app's notFound handler) answers a missing page with. */
import type { Context } from 'hono';
import type { AppEnv } from '../context.js';
import { pageCtx, renderPage } from '../page-context.js';
import { NotFoundPage } from '../../../web/pages/not-found.js';

/**
 * The bilingual HTML 404; the app's notFound handler and the page routers use it.
 * @example if (!found) return renderNotFound(c)
 */
export function renderNotFound(c: Context<AppEnv>) {
  return renderPage(c, <NotFoundPage ctx={pageCtx(c)} />, 404);
}
