/**
 * Cognito's hosted UI as an OAuth 2.0 authorization-code client with PKCE (RFC 7636). The client has no
 * secret (a server that cannot keep one safer than the browser gains nothing from it), so PKCE is what
 * binds a code to the browser that asked for it, and `state` binds the callback to that same browser.
 */
import { createHash, randomBytes } from 'node:crypto';

/** Where the hosted UI lives and how this app is registered with it (functions/handlers/http.ts builds it). */
export interface HostedSignIn {
  /** Base URL of the user pool domain, e.g. https://kyoso-xyz.auth.ap-northeast-1.amazoncognito.com */
  domain: string;
  /** The app client id; also the `aud` of the ID tokens it issues. */
  clientId: string;
  /** Must be one of the client's callback URLs exactly: `<app>/auth/callback`. */
  redirectUri: string;
  /** Must be one of the client's sign-out URLs exactly: `<app>/`. */
  logoutUri: string;
}

export const SCOPES = 'openid email profile';
/** The token endpoint gets this long; the Lambda has 10 s in all. */
const TOKEN_TIMEOUT_MS = 5_000;

/** Builds the config from the app's base URL, so the URIs match what the stack registers on the client. */
export function hostedSignIn(opts: { domain: string; clientId: string; appBaseUrl: string }): HostedSignIn {
  const app = opts.appBaseUrl.replace(/\/+$/, '');
  return { domain: opts.domain.replace(/\/+$/, ''), clientId: opts.clientId, redirectUri: `${app}/auth/callback`, logoutUri: `${app}/` };
}

export interface Pkce {
  state: string;
  verifier: string;
  challenge: string;
}

/** 32 random bytes each: the verifier is 43 base64url characters, the minimum RFC 7636 allows and plenty. */
export function newPkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { state: randomBytes(24).toString('base64url'), verifier, challenge: s256(verifier) };
}

export function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

export function authorizeUrl(cfg: HostedSignIn, pkce: Pkce): string {
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: cfg.clientId,
    redirect_uri: cfg.redirectUri,
    scope: SCOPES,
    state: pkce.state,
    code_challenge: pkce.challenge,
    code_challenge_method: 'S256',
  });
  return `${cfg.domain}/oauth2/authorize?${q}`;
}

/** Ends the hosted UI's own session too; otherwise the next "sign in" would silently sign the same person in. */
export function logoutUrl(cfg: HostedSignIn): string {
  return `${cfg.domain}/logout?${new URLSearchParams({ client_id: cfg.clientId, logout_uri: cfg.logoutUri })}`;
}

export type ExchangeResult = { ok: true; idToken: string; expiresIn?: number } | { ok: false; reason: 'rejected' | 'unavailable'; error: string };

/** Trades the code for tokens; only the ID token is kept (the app reads identity and groups from it). */
export async function exchangeCode(cfg: HostedSignIn, code: string, verifier: string): Promise<ExchangeResult> {
  const body = new URLSearchParams({ grant_type: 'authorization_code', client_id: cfg.clientId, code, redirect_uri: cfg.redirectUri, code_verifier: verifier });
  let res: Response;
  try {
    res = await fetch(`${cfg.domain}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body,
      signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS),
    });
  } catch (e) {
    return { ok: false, reason: 'unavailable', error: e instanceof Error ? e.message : String(e) };
  }
  const json = (await res.json().catch(() => undefined)) as { id_token?: unknown; expires_in?: unknown; error?: unknown } | undefined;
  if (!res.ok) {
    // 4xx is Cognito refusing this code (invalid_grant: expired, reused, wrong verifier); 5xx is Cognito down.
    return { ok: false, reason: res.status >= 500 ? 'unavailable' : 'rejected', error: typeof json?.error === 'string' ? json.error : `HTTP ${res.status}` };
  }
  if (typeof json?.id_token !== 'string') return { ok: false, reason: 'rejected', error: 'no id_token in the token response' };
  return { ok: true, idToken: json.id_token, expiresIn: typeof json.expires_in === 'number' ? json.expires_in : undefined };
}
