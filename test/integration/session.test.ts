/**
 * Sign-in through Cognito's hosted UI (authorization code + PKCE), against a fake Cognito on loopback that
 * checks what real Cognito checks at /oauth2/token: grant type, code, redirect URI, client id and the PKCE
 * verifier against the challenge it saw at /oauth2/authorize (test/support/fake-cognito.ts). Its ID tokens
 * are signed by a dev identity, whose verifier the app under test uses, as it uses Cognito's JWKS in AWS.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app.js';
import { hostedSignIn } from '../../functions/api/hosted-ui.js';
import { createDevIdentity, DEV_AUDIENCE, type DevIdentity } from '../../infra/local/dev-identity.js';
import { freePort } from '../../infra/local/dynamodb.js';
import { testPlatform } from '../support/platform.js';
import { startServer, type RunningServer } from '../support/server.js';
import { fakeCognito } from '../support/fake-cognito.js';

const APP = 'https://app.kyoso.example';
const CLIENT_ID = DEV_AUDIENCE; // Cognito ID tokens carry the app client id as `aud`.

let p: Awaited<ReturnType<typeof testPlatform>>;
let idp: DevIdentity;
let cognito: ReturnType<typeof fakeCognito>;
let server: RunningServer;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  p = await testPlatform();
  idp = await createDevIdentity();
  cognito = fakeCognito(idp);
  server = await startServer(cognito.app);
  app = createApp({ db: p.db, verifier: idp.verifier, baseUrl: APP, signIn: hostedSignIn({ domain: server.url, clientId: CLIENT_ID, appBaseUrl: APP }) });
});

afterAll(() => server?.close());

/** name=value of each Set-Cookie, plus its attributes as written. */
function cookies(res: Response): Map<string, { value: string; raw: string }> {
  return new Map(
    res.headers.getSetCookie().map((raw) => {
      const [pair] = raw.split(';');
      const i = pair!.indexOf('=');
      return [pair!.slice(0, i), { value: pair!.slice(i + 1), raw }];
    }),
  );
}

/** Starts a sign-in: the redirect to the hosted UI and the flow cookie the browser would keep. */
async function start(next: string, headers: Record<string, string> = {}) {
  const res = await app.request(`/auth/sign-in?next=${encodeURIComponent(next)}`, { headers });
  expect(res.status).toBe(303);
  const flow = cookies(res).get('kf_oauth');
  expect(flow).toBeDefined();
  return { res, location: new URL(res.headers.get('location')!), flowCookie: `kf_oauth=${flow!.value}`, flow: flow! };
}

/** The hosted UI signs `user` in and sends the browser back to the callback (code + state). */
async function authorize(location: URL, user: string): Promise<URL> {
  cognito.state.user = user;
  const res = await fetch(location, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location')!);
}

async function callback(url: URL | string, cookie?: string, extra: Record<string, string> = {}) {
  const path = typeof url === 'string' ? url : url.pathname + url.search;
  return app.request(path, { headers: { ...(cookie ? { cookie } : {}), ...extra } });
}

/** A whole sign-in as a browser does it. */
async function signIn(user: string, next: string) {
  const s = await start(next);
  return callback(await authorize(s.location, user), s.flowCookie);
}

describe('GET /auth/sign-in with the hosted UI', () => {
  it('redirects to Cognito authorize with the code flow, PKCE S256 and a fresh state, and keeps them in a short-lived cookie', async () => {
    const { location, flow } = await start('/audit');
    expect(`${location.origin}${location.pathname}`).toBe(`${server.url}/oauth2/authorize`);
    const q = location.searchParams;
    expect(q.get('response_type')).toBe('code');
    expect(q.get('client_id')).toBe(CLIENT_ID);
    expect(q.get('redirect_uri')).toBe(`${APP}/auth/callback`);
    expect(q.get('scope')).toBe('openid email profile');
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('state')!.length).toBeGreaterThanOrEqual(22);
    expect(location.search).toContain('scope=openid+email+profile');
    // The verifier itself never goes to the authorize URL.
    expect(flow.raw).toMatch(/HttpOnly/);
    expect(flow.raw).toMatch(/Secure/);
    expect(flow.raw).toMatch(/SameSite=Lax/);
    expect(flow.raw).toMatch(/Path=\/auth\/callback/);
    expect(flow.raw).toMatch(/Max-Age=600/);
    const again = await start('/audit');
    expect(again.location.searchParams.get('state')).not.toBe(q.get('state'));
    expect(again.location.searchParams.get('code_challenge')).not.toBe(q.get('code_challenge'));
  });
});

describe('GET /auth/callback', () => {
  it('exchanges the code with the matching PKCE verifier, sets kf_session for the token lifetime and returns to next', async () => {
    const calls = cognito.state.tokenCalls.length;
    const res = await signIn('treasurer-yokoze', '/audit?town=113611');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/audit?town=113611');
    const call = cognito.state.tokenCalls.at(-1)!;
    expect(cognito.state.tokenCalls.length).toBe(calls + 1);
    expect(call.accepted).toBe(true);
    expect(call.form).toMatchObject({ grant_type: 'authorization_code', client_id: CLIENT_ID, redirect_uri: `${APP}/auth/callback` });
    expect(call.form).not.toHaveProperty('client_secret');

    const set = cookies(res);
    const session = set.get('kf_session')!;
    expect(session.raw).toMatch(/HttpOnly/);
    expect(session.raw).toMatch(/Secure/);
    expect(session.raw).toMatch(/SameSite=Lax/);
    expect(session.raw).toMatch(/Path=\/(;|$)/);
    const maxAge = Number(/Max-Age=(\d+)/.exec(session.raw)![1]);
    expect(maxAge).toBeGreaterThan(3590);
    expect(maxAge).toBeLessThanOrEqual(3600);
    // The flow cookie is spent.
    expect(set.get('kf_oauth')!.raw).toMatch(/Max-Age=0/);

    // The cookie signs the treasurer in on pages: the audit log opens and the header names them.
    const page = await app.request('/audit', { headers: { cookie: `kf_session=${session.value}` } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('横瀬町 会計管理者 さん');
    expect(html).toContain('<form method="post" action="/auth/sign-out">');
    expect((await app.request('/audit')).status).toBe(303);
  });

  it('a user who signed themselves up (no Cognito group) is a donor', async () => {
    cognito.state.groups = [];
    cognito.state.withoutName = true;
    try {
      const res = await signIn('donor2', '/me/donations');
      const session = cookies(res).get('kf_session')!.value;
      expect(res.headers.get('location')).toBe('/me/donations');
      const page = await app.request('/me/donations', { headers: { cookie: `kf_session=${session}` } });
      expect(page.status).toBe(200);
      // Sign-up asks only for an email: the header names them by it.
      expect(await page.text()).toContain('donor2@example.com さん');
    } finally {
      cognito.state.groups = undefined;
      cognito.state.withoutName = false;
    }
  });

  it('refuses a wrong or missing state with 400 and sets no session, without calling the token endpoint', async () => {
    const s = await start('/audit');
    const back = await authorize(s.location, 'admin');
    const calls = cognito.state.tokenCalls.length;

    const wrong = new URL(back);
    wrong.searchParams.set('state', 'x'.repeat(32));
    const res = await callback(wrong, s.flowCookie);
    expect(res.status).toBe(400);
    expect(cookies(res).has('kf_session')).toBe(false);
    const html = await res.text();
    expect(html).toContain('data-sign-in-error="state"');
    expect(html).toContain('サインインできませんでした');
    expect(html).toContain('Sign-in failed');
    expect(html).toContain('href="/auth/sign-in?next=%2Faudit"');
    expect(res.headers.get('cache-control')).toBe('private, no-store');

    const missing = new URL(back);
    missing.searchParams.delete('state');
    const res2 = await callback(missing, s.flowCookie);
    expect(res2.status).toBe(400);
    expect(cookies(res2).has('kf_session')).toBe(false);

    // The right state but no flow cookie (another browser, or the cookie expired).
    const res3 = await callback(back);
    expect(res3.status).toBe(400);
    expect(cookies(res3).has('kf_session')).toBe(false);
    expect(await res3.text()).toContain('data-sign-in-error="expired"');

    expect(cognito.state.tokenCalls.length).toBe(calls);
  });

  it('shows the 400 page when the token endpoint refuses the code, in the reader language', async () => {
    const s = await start('/company');
    const back = new URL(await authorize(s.location, 'company1'));
    back.searchParams.set('code', 'not-a-code-cognito-issued');
    const res = await callback(back, s.flowCookie, { cookie: `${s.flowCookie}; lang=en` });
    expect(res.status).toBe(400);
    expect(cookies(res).has('kf_session')).toBe(false);
    expect(cognito.state.tokenCalls.at(-1)!.accepted).toBe(false);
    const html = await res.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('data-sign-in-error="rejected"');
    expect(html).toContain('(invalid_grant)');
    expect(html).toContain('サインインサービスがこのサインインを受け付けませんでした');
    expect(html).toContain('href="/auth/sign-in?next=%2Fcompany"');
  });

  it('binds the code to the browser that started the sign-in (PKCE): a code from another flow is refused', async () => {
    const mine = await start('/');
    const theirs = await start('/');
    const theirCallback = await authorize(theirs.location, 'admin');
    // Their code, presented with my flow cookie and my state: the verifier does not match their challenge.
    const forged = new URL(theirCallback);
    forged.searchParams.set('state', mine.location.searchParams.get('state')!);
    const res = await callback(forged, mine.flowCookie);
    expect(res.status).toBe(400);
    expect(cookies(res).has('kf_session')).toBe(false);
    expect(cognito.state.tokenCalls.at(-1)!.accepted).toBe(false);
  });

  it('refuses an ID token the verifier does not trust', async () => {
    cognito.state.signer = await createDevIdentity();
    try {
      const res = await signIn('admin', '/audit');
      expect(res.status).toBe(400);
      expect(cookies(res).has('kf_session')).toBe(false);
      expect(await res.text()).toContain('data-sign-in-error="token"');
    } finally {
      cognito.state.signer = idp;
    }
  });

  it('shows Cognito refusing or the user cancelling at the hosted UI, without echoing free text', async () => {
    const s = await start('/audit');
    const st = s.location.searchParams.get('state')!;
    const res = await callback(`/auth/callback?error=access_denied&error_description=%3Cscript%3E&state=${st}`, s.flowCookie);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('data-sign-in-error="denied"');
    expect(html).toContain('(access_denied)');
    expect(html).not.toContain('<script');
  });

  it('answers 502 with the same page when the token endpoint cannot be reached', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const offline = createApp({ db: p.db, verifier: idp.verifier, baseUrl: APP, signIn: hostedSignIn({ domain: closed, clientId: CLIENT_ID, appBaseUrl: APP }) });
    const startRes = await offline.request('/auth/sign-in?next=%2Faudit');
    const flow = cookies(startRes).get('kf_oauth')!;
    const st = new URL(startRes.headers.get('location')!).searchParams.get('state')!;
    const res = await offline.request(`/auth/callback?code=abc&state=${st}`, { headers: { cookie: `kf_oauth=${flow.value}` } });
    expect(res.status).toBe(502);
    expect(cookies(res).has('kf_session')).toBe(false);
    expect(await res.text()).toContain('data-sign-in-error="unavailable"');
  });

  it('returns only to same-site paths: an off-site next lands on /', async () => {
    for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
      const res = await signIn('donor1', next);
      expect(res.status, next).toBe(303);
      expect(res.headers.get('location'), next).toBe('/');
      expect(cookies(res).has('kf_session')).toBe(true);
    }
  });
});

describe('POST /auth/sign-out with the hosted UI', () => {
  it('clears the session cookie and ends the hosted UI session via Cognito /logout', async () => {
    const res = await app.request('/auth/sign-out', { method: 'POST', headers: { cookie: 'kf_session=whatever' } });
    expect(res.status).toBe(303);
    const to = new URL(res.headers.get('location')!);
    expect(`${to.origin}${to.pathname}`).toBe(`${server.url}/logout`);
    expect(to.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(to.searchParams.get('logout_uri')).toBe(`${APP}/`);
    const session = cookies(res).get('kf_session')!;
    expect(session.value).toBe('');
    expect(session.raw).toMatch(/Max-Age=0/);
    expect(session.raw).toMatch(/Path=\//);
  });
});

describe('locally (no hosted UI): the dev identity provider', () => {
  it('/auth/sign-in hands over to /dev/sign-in with a same-site next', async () => {
    const res = await p.app.request('/auth/sign-in?next=%2Faudit%3Ftown%3D113611');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/dev/sign-in?next=%2Faudit%3Ftown%3D113611');
    expect(cookies(res).has('kf_oauth')).toBe(false);
    const offsite = await p.app.request('/auth/sign-in?next=%2F%2Fevil.example');
    expect(offsite.headers.get('location')).toBe('/dev/sign-in?next=%2F');
  });

  it('/auth/sign-out clears the cookie and goes home; there is no callback', async () => {
    const res = await p.app.request('/auth/sign-out', { method: 'POST', headers: { cookie: `kf_session=${await p.tokenFor('donor1')}` } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const session = cookies(res).get('kf_session')!;
    expect(session.raw).toMatch(/Max-Age=0/);
    expect(session.raw).not.toMatch(/Secure/);
    expect((await p.app.request('/auth/callback?code=a&state=b')).status).toBe(404);
  });

  it('pages link to /auth/sign-in and post sign-out to /auth/sign-out', async () => {
    const anon = await (await p.app.request('/towns')).text();
    expect(anon).toContain('href="/auth/sign-in?next=%2Ftowns"');
    const signedIn = await (await p.app.request('/towns', { headers: { cookie: `kf_session=${await p.tokenFor('donor1')}` } })).text();
    expect(signedIn).toContain('<form method="post" action="/auth/sign-out">');
    expect(signedIn).not.toContain('/dev/sign');
  });
});
