/**
 * A fake Cognito hosted UI for tests, served on loopback: /oauth2/authorize, /oauth2/token and /logout,
 * checking at the token endpoint what Cognito checks (grant type, code, redirect URI, client id, and the
 * PKCE verifier against the challenge seen at authorize). ID tokens are signed by a dev identity whose
 * verifier the app under test uses, as it uses Cognito's JWKS in AWS.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import type { DevIdentity } from '../../infra/local/dev-identity.js';
import { users } from '../../infra/local/seed-data.js';

interface Issued {
  clientId: string;
  redirectUri: string;
  challenge: string;
  user: string;
  used: boolean;
}

/** What a token request looked like and whether the fake accepted it. */
export interface TokenCall {
  form: Record<string, string>;
  accepted: boolean;
}

export function fakeCognito(idp: DevIdentity) {
  const codes = new Map<string, Issued>();
  const state = {
    /** Who signs in at the next /oauth2/authorize when there is no login form. */
    user: 'donor1',
    /** Show a login form (one button per seeded user, POSTed like Cognito's own form) instead of signing `user` in at once. */
    loginForm: false,
    /** Signs ID tokens; swap it to make the fake hand out tokens the app must refuse. */
    signer: idp,
    /** Groups to put in the token instead of the seeded user's (a self-signed-up user has none). */
    groups: undefined as string[] | undefined,
    /** Leave `name` out of the token, as for someone who signed up with just an email. */
    withoutName: false,
    authorizeQueries: [] as URLSearchParams[],
    tokenCalls: [] as TokenCall[],
    logouts: [] as URLSearchParams[],
  };

  function issue(q: URLSearchParams, user: string): string {
    const code = randomBytes(12).toString('hex');
    codes.set(code, { clientId: q.get('client_id')!, redirectUri: q.get('redirect_uri')!, challenge: q.get('code_challenge')!, user, used: false });
    return `${q.get('redirect_uri')}?${new URLSearchParams({ code, state: q.get('state') ?? '' })}`;
  }

  const app = new Hono();
  app.get('/oauth2/authorize', (c) => {
    const q = new URL(c.req.url).searchParams;
    state.authorizeQueries.push(q);
    if (q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge')) return c.text('bad authorize request', 400);
    if (!state.loginForm) return c.redirect(issue(q, state.user), 302);
    const hidden = [...q].map(([k, v]) => `<input type="hidden" name="${k}" value="${v.replace(/"/g, '&quot;')}">`).join('');
    const buttons = users.map((u) => `<button type="submit" name="user" value="${u.id}" data-user="${u.id}">${u.id}</button>`).join('');
    return c.html(`<!DOCTYPE html><html><body><h1>Fake Cognito</h1><form method="post" action="/login">${hidden}${buttons}</form></body></html>`);
  });
  app.post('/login', async (c) => {
    const form = new URLSearchParams(await c.req.text());
    return c.redirect(issue(form, form.get('user') ?? state.user), 302);
  });
  app.post('/oauth2/token', async (c) => {
    if (!/^application\/x-www-form-urlencoded/.test(c.req.header('content-type') ?? '')) return c.json({ error: 'invalid_request' }, 400);
    const form = Object.fromEntries(new URLSearchParams(await c.req.text()));
    const issued = codes.get(form.code ?? '');
    const verifierOk = issued !== undefined && createHash('sha256').update(form.code_verifier ?? '').digest('base64url') === issued.challenge;
    const ok =
      form.grant_type === 'authorization_code' && issued && !issued.used && form.client_id === issued.clientId && form.redirect_uri === issued.redirectUri && verifierOk;
    state.tokenCalls.push({ form, accepted: Boolean(ok) });
    if (!ok || !issued) return c.json({ error: 'invalid_grant' }, 400);
    issued.used = true;
    const u = users.find((x) => x.id === issued.user)!;
    const idToken = await state.signer.sign({ sub: u.id, name: state.withoutName ? undefined : u.name, email: u.email, groups: state.groups ?? u.roles, companyId: u.companyId }, { expiresIn: '1h' });
    return c.json({ id_token: idToken, access_token: 'opaque-access', refresh_token: 'opaque-refresh', expires_in: 3600, token_type: 'Bearer' });
  });
  app.get('/logout', (c) => {
    const q = new URL(c.req.url).searchParams;
    state.logouts.push(q);
    return c.redirect(q.get('logout_uri') ?? '/', 302);
  });
  return { app, state };
}
