/**
 * Signing in and out, mounted at /auth. With Cognito's hosted UI configured (AWS) this is the authorization-code flow with
 * PKCE; without it (local) sign-in is handed to the dev identity provider at /dev/sign-in. Either way the
 * result is the same `kf_session` cookie holding an ID token that auth.ts verifies on every request.
 *
 * The flow's state, PKCE verifier and return path ride in a short-lived HttpOnly cookie scoped to the
 * callback, not in a server-side store: only this browser and this server ever see them, and `state`
 * must come back from Cognito equal to it. Signing the cookie would add nothing: whoever can write
 * cookies for this site could plant a session cookie directly.
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { decodeJwt } from 'jose';
import { z } from 'zod';
import { SESSION_COOKIE } from '../auth.js';
import type { AppEnv } from '../context.js';
import { authorizeUrl, exchangeCode, logoutUrl, newPkce } from '../hosted-ui.js';
import { pageCtx, renderPersonalPage, safeBack } from '../page-context.js';
import { createRouter } from '../router.js';
import { renderNotFound } from './not-found.js';
import { SignInErrorPage, type SignInFailure } from '../../../web/pages/sign-in-error.js';

type C = Context<AppEnv>;

export const authPages = createRouter();

/** Local only (infra/local/dev-routes.tsx); in AWS `signIn` is always set, so this is never reached there. */
const DEV_SIGN_IN = '/dev/sign-in';
const FLOW_COOKIE = 'kf_oauth';
/** Sent back only to the callback; nothing else needs it. */
const FLOW_PATH = '/auth/callback';
/** Long enough to type a password and an MFA code, short enough that a stale one does not linger. */
const FLOW_MAX_AGE_S = 10 * 60;
/** The return path rides in a cookie, which browsers drop above ~4 KB. */
const MAX_NEXT = 1000;
/** Cognito ID tokens live an hour (infra/aws/identity.ts); used only if a token somehow lacks `exp`. */
const DEFAULT_SESSION_S = 3600;

const Flow = z.object({ state: z.string().min(16).max(128), verifier: z.string().min(43).max(128), next: z.string().max(MAX_NEXT) });
type Flow = z.infer<typeof Flow>;

function safeNext(next: string | undefined): string {
  const path = safeBack(next);
  return path.length > MAX_NEXT ? '/' : path;
}

function readFlow(c: C): Flow | undefined {
  const raw = getCookie(c, FLOW_COOKIE);
  if (!raw) return undefined;
  try {
    const parsed = Flow.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    return parsed.success ? { ...parsed.data, next: safeNext(parsed.data.next) } : undefined;
  } catch {
    return undefined;
  }
}

/** Provider error codes are short identifiers (`access_denied`, `invalid_grant`); anything else is not echoed. */
function errorCode(s: string | undefined): string | undefined {
  return s && /^[a-z_]{1,64}$/.test(s) ? s : undefined;
}

/** Seconds until the ID token expires, so the cookie never outlives what it holds. */
function lifetime(idToken: string, expiresIn: number | undefined): number {
  const exp = decodeJwt(idToken).exp;
  // `exp` first: `expires_in` is the access token's lifetime, which may be configured differently.
  const seconds = exp ? exp - Math.floor(Date.now() / 1000) : (expiresIn ?? DEFAULT_SESSION_S);
  return Math.max(1, seconds);
}

function failure(c: C, reason: SignInFailure, next: string, detail?: string) {
  // The page's own links (language toggle, header sign-in) point at `next`, never back at this callback URL.
  const page = SignInErrorPage({ ctx: { ...pageCtx(c), path: next }, reason, next, detail });
  return renderPersonalPage(c, page, reason === 'unavailable' ? 502 : 400);
}

authPages.get('/sign-in', (c) => {
  const next = safeNext(c.req.query('next'));
  const cfg = c.var.deps.signIn;
  if (!cfg) return c.redirect(`${DEV_SIGN_IN}?next=${encodeURIComponent(next)}`, 303);
  const pkce = newPkce();
  const flow: Flow = { state: pkce.state, verifier: pkce.verifier, next };
  setCookie(c, FLOW_COOKIE, Buffer.from(JSON.stringify(flow)).toString('base64url'), {
    httpOnly: true,
    secure: true,
    // Lax: the callback is a top-level GET navigation from the Cognito domain, which Lax still sends.
    sameSite: 'Lax',
    path: FLOW_PATH,
    maxAge: FLOW_MAX_AGE_S,
  });
  c.header('Cache-Control', 'no-store');
  return c.redirect(authorizeUrl(cfg, pkce), 303);
});

authPages.get('/callback', async (c) => {
  const cfg = c.var.deps.signIn;
  if (!cfg) return renderNotFound(c);
  const flow = readFlow(c);
  // One use only, whatever the outcome: a replayed or forged callback finds no flow to complete.
  deleteCookie(c, FLOW_COOKIE, { path: FLOW_PATH, secure: true, httpOnly: true, sameSite: 'Lax' });
  const next = flow?.next ?? '/';
  const { error, state, code } = c.req.query();
  if (error) return failure(c, 'denied', next, errorCode(error));
  if (!flow) return failure(c, 'expired', next);
  if (!state || state !== flow.state) return failure(c, 'state', next);
  if (!code) return failure(c, 'denied', next);

  const result = await exchangeCode(cfg, code, flow.verifier);
  if (!result.ok) {
    console.warn(JSON.stringify({ msg: 'sign-in token exchange failed', reason: result.reason, error: result.error }));
    return failure(c, result.reason, next, errorCode(result.error));
  }
  try {
    await c.var.deps.verifier(result.idToken);
  } catch (e) {
    console.warn(JSON.stringify({ msg: 'sign-in id token refused', error: e instanceof Error ? e.message : String(e) }));
    return failure(c, 'token', next);
  }
  setCookie(c, SESSION_COOKIE, result.idToken, {
    httpOnly: true,
    secure: true,
    sameSite: 'Lax',
    path: '/',
    maxAge: lifetime(result.idToken, result.expiresIn),
  });
  c.header('Cache-Control', 'no-store');
  return c.redirect(next, 303);
});

authPages.post('/sign-out', (c) => {
  const cfg = c.var.deps.signIn;
  // Locally the dev provider set the cookie without Secure (plain http on a LAN address must work too).
  deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Lax', ...(cfg ? { secure: true } : {}) });
  c.header('Cache-Control', 'no-store');
  return c.redirect(cfg ? logoutUrl(cfg) : '/', 303);
});
