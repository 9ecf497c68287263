/**
 * The stylesheets the pages link (/assets/*.css). The pages link ?v=<hash>, so that URL never changes
 * content and may be cached for a year; any other request revalidates.
 */
import { createRouter } from '../../router.js';
import { CORPORATE_CSS, CORPORATE_CSS_HASH, CORPORATE_CSS_PATH } from '../../../../web/components/corporate-ui.js';
import { PRINT_CSS, PRINT_CSS_HASH, PRINT_CSS_PATH } from '../../../../web/pages/pledge-receipt.js';
import { BACK_OFFICE_CSS, BACK_OFFICE_CSS_HASH, BACK_OFFICE_CSS_PATH } from '../../../../web/components/back-office-ui.js';
import { DONATION_CSS, DONATION_CSS_HASH, DONATION_CSS_PATH } from '../../../../web/components/donation-styles.js';
import { WORKSPACE_CSS, WORKSPACE_CSS_HASH, WORKSPACE_CSS_PATH } from '../../../../web/components/workspace.js';
import { CSS, CSS_HASH, CSS_PATH } from '../../../../web/styles.js';

export const assetPages = createRouter();

const ONE_YEAR_S = 365 * 24 * 60 * 60;

assetPages.get(BACK_OFFICE_CSS_PATH, (c) => {
  c.header('Content-Type', 'text/css; charset=utf-8');
  c.header('Cache-Control', c.req.query('v') === BACK_OFFICE_CSS_HASH ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate');
  return c.body(BACK_OFFICE_CSS);
});

assetPages.get(DONATION_CSS_PATH, (c) => {
  const etag = `"${DONATION_CSS_HASH}"`;
  c.header('ETag', etag);
  c.header('Cache-Control', c.req.query('v') === DONATION_CSS_HASH ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate');
  if ((c.req.header('if-none-match') ?? '').split(/\s*,\s*/).includes(etag)) return c.body(null, 304);
  c.header('Content-Type', 'text/css; charset=utf-8');
  return c.body(DONATION_CSS);
});

assetPages.get(WORKSPACE_CSS_PATH, (c) => {
  c.header('Content-Type', 'text/css; charset=utf-8');
  c.header('Cache-Control', c.req.query('v') === WORKSPACE_CSS_HASH ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate');
  return c.body(WORKSPACE_CSS);
});

assetPages.get(CSS_PATH, (c) => {
  const etag = `"${CSS_HASH}"`;
  // The pages link ?v=<hash>, so that URL never changes content and may be cached for a year; any other
  // request revalidates by ETag.
  c.header('ETag', etag);
  c.header('Cache-Control', c.req.query('v') === CSS_HASH ? `public, max-age=${ONE_YEAR_S}, immutable` : 'public, max-age=0, must-revalidate');
  if ((c.req.header('if-none-match') ?? '').split(/\s*,\s*/).includes(etag)) return c.body(null, 304);
  c.header('Content-Type', 'text/css; charset=utf-8');
  return c.body(CSS);
});

// The corporate pages' and the pledge receipt's sheets (CSP style-src 'self': no inline styles anywhere).
for (const [path, css, hash] of [
  [CORPORATE_CSS_PATH, CORPORATE_CSS, CORPORATE_CSS_HASH],
  [PRINT_CSS_PATH, PRINT_CSS, PRINT_CSS_HASH],
] as const) {
  assetPages.get(path, (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    c.header('Cache-Control', c.req.query('v') === hash ? `public, max-age=${ONE_YEAR_S}, immutable` : 'public, max-age=0, must-revalidate');
    return c.body(css);
  });
}
