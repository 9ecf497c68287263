/**
 * The one Hono app: JSON API under /api, server-rendered pages elsewhere. Lambda (handlers/http.ts) and
 * the local runtime (infra/local) both serve exactly this app; only AppDeps differ.
 */
import type { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { detectLang, LANG_COOKIE } from '../i18n/index.js';
import { authenticate } from './auth.js';
import { pageCsrfGuard } from './csrf.js';
import type { AppDeps, AppEnv } from './context.js';
import { errorBody, handleError } from './errors.js';
import { bodyLimits, jsonShapeGuard } from './limits.js';
import { createRouter } from './router.js';
import { healthRoutes } from './routes/health.js';
import { catalogRoutes } from './routes/catalog.js';
import { ledgerRoutes } from './routes/ledger.js';
import { auditRoutes } from './routes/audit.js';
import { applicationRoutes } from './routes/applications.js';
import { allocationRoutes } from './routes/allocations.js';
import { disbursementRoutes } from './routes/disbursements.js';
import { treasurerExportRoutes } from './routes/treasurer-exports.js';
import { donationRoutes } from './routes/donations.js';
import { stripeWebhookRoutes } from './routes/stripe-webhook.js';
import { simulatorRoutes } from './routes/simulator.js';
import { corporatePledgeRoutes } from './routes/corporate-pledges.js';
import { regionalPlanRoutes } from './routes/regional-plans.js';
import { auditPages } from './pages/audit.js';
import { authPages } from './pages/auth.js';
import { companyPages } from './pages/company.js';
import { mePages } from './pages/me.js';
import { renderNotFound } from './pages/not-found.js';
import { reviewPages } from './pages/review.js';
import { sitePages } from './pages/site.js';
import { treasurerPages } from './pages/treasurer.js';

export const API_INFO = {
  openapi: '3.0.3',
  info: {
    title: 'Kyoso Fund API (共創ファンド)',
    version: '0.1.0',
    description: 'Shared furusato-nozei and crowdfunding platform for small municipalities. Yen are integers; dates are JST YYYY-MM-DD.',
  },
};

/**
 * CSP (issue 11, item 2): scripts, styles and everything else from our own origin only (no inline script or
 * style anywhere: the sheets are under /assets), images also as data: URLs, never framed, no <base>, no
 * plugins. form-action also names where a form's redirect may go: Chromium applies form-action to the
 * redirects that follow a form post, and the donation confirm form (POST /donate → 303 to Stripe Checkout)
 * and sign-out with the hosted UI (POST /auth/sign-out → 303 to Cognito's /logout) leave our origin.
 */
function contentSecurityPolicy(deps: AppDeps) {
  const formAction = ["'self'", 'https://checkout.stripe.com'];
  if (deps.signIn) formAction.push(new URL(deps.signIn.domain).origin);
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    frameAncestors: ["'none'"],
    formAction,
    baseUri: ["'none'"],
    objectSrc: ["'none'"],
  };
}

export function createApp(deps: AppDeps, extend?: (app: Hono<AppEnv>) => void) {
  const app = createRouter();
  app.use(requestId());
  app.use(secureHeaders({ crossOriginEmbedderPolicy: false, contentSecurityPolicy: contentSecurityPolicy(deps) }));
  app.use(async (c, next) => {
    c.set('deps', deps);
    c.set('lang', detectLang(getCookie(c, LANG_COOKIE), c.req.header('accept-language')));
    await next();
  });
  // Before any route reads a body: its size (413), then a JSON body's depth and array lengths (400).
  app.use(bodyLimits);
  app.use(jsonShapeGuard);
  app.use(authenticate);
  // Cross-site form posts to the pages → 403 (csrf.tsx); the API's writes ignore the session cookie (auth.ts).
  app.use(pageCsrfGuard);
  app.onError(handleError);
  app.notFound((c) => (c.req.path.startsWith('/api/') ? c.json(errorBody('not_found', `no route ${c.req.method} ${c.req.path}`), 404) : renderNotFound(c)));

  const api = createRouter();
  api.route('/', healthRoutes);
  api.route('/', catalogRoutes);
  api.route('/', ledgerRoutes);
  api.route('/', auditRoutes);
  api.route('/', applicationRoutes);
  api.route('/', allocationRoutes);
  api.route('/', disbursementRoutes);
  api.route('/', treasurerExportRoutes);
  api.route('/', donationRoutes);
  api.route('/', stripeWebhookRoutes);
  api.route('/', simulatorRoutes);
  api.route('/', corporatePledgeRoutes);
  api.route('/', regionalPlanRoutes);
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  api.doc('/openapi.json', { ...API_INFO, servers: [{ url: '/api' }] });
  app.route('/api', api);

  extend?.(app);
  // The pages: one router per URL prefix (functions/api/pages/), paths inside relative to it.
  app.route('/auth', authPages);
  app.route('/treasurer', treasurerPages);
  app.route('/company', companyPages);
  app.route('/review', reviewPages);
  app.route('/me', mePages);
  app.route('/audit', auditPages);
  app.route('/', sitePages);
  return app;
}

export type App = ReturnType<typeof createApp>;
