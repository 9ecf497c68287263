import { beforeAll, describe, expect, it } from 'vitest';
import { createDevIdentity } from '../../infra/local/dev-identity.js';
import { hasRole, townsWithRole } from '../../functions/domain/actor.js';
import { testPlatform } from '../support/platform.js';

let p: Awaited<ReturnType<typeof testPlatform>>;
beforeAll(async () => {
  p = await testPlatform();
});

const verify = (token?: string) => p.app.request('/api/ledger/verify', { headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('bearer JWT authentication and roles', () => {
  it('no token → 401 in the error shape', async () => {
    const res = await verify();
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
  });

  it('wrong role → 403, right role → 200', async () => {
    expect((await verify(await p.tokenFor('donor1'))).status).toBe(403);
    expect((await verify(await p.tokenFor('treasurer-yokoze'))).status).toBe(403);
    expect((await verify(await p.tokenFor('admin'))).status).toBe(200);
  });

  it('tampered token → 401', async () => {
    const token = await p.tokenFor('donor1');
    const [h, payload, sig] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    claims['cognito:groups'] = ['admin'];
    const forged = [h, Buffer.from(JSON.stringify(claims)).toString('base64url'), sig].join('.');
    expect((await verify(forged)).status).toBe(401);
  });

  it('expired token → 401', async () => {
    const expired = await p.idp.sign({ sub: 'admin', groups: ['admin'] }, { expiresIn: Math.floor(Date.now() / 1000) - 120 });
    const res = await verify(expired);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/invalid or expired/);
  });

  it('a token from another key → 401; a malformed header → 401', async () => {
    const other = await createDevIdentity();
    expect((await verify(await other.sign({ sub: 'admin', groups: ['admin'] }))).status).toBe(401);
    const res = await p.app.request('/api/ledger/verify', { headers: { authorization: 'Basic abc' } });
    expect(res.status).toBe(401);
  });

  it('the dev token endpoint refuses unknown users and malformed bodies', async () => {
    expect((await p.api('POST', '/dev/token', { body: { user: 'mallory' } })).status).toBe(404);
    expect((await p.api('POST', '/dev/token', { body: { nope: 1 } })).status).toBe(400);
  });

  it('the sign-in page lists every seeded user and sets a session cookie', async () => {
    const page = await p.app.request('/dev/sign-in');
    const html = await page.text();
    for (const u of ['donor1', 'donor2', 'company1', 'company-yokoze', 'reviewer-yokoze', 'reviewer-bandai', 'treasurer-yokoze', 'treasurer-yokoze-2', 'treasurer-bandai', 'treasurer-ama', 'admin']) {
      expect(html).toContain(`data-user="${u}"`);
    }
    const res = await p.app.request('/dev/sign-in', { method: 'POST', body: new URLSearchParams({ user: 'admin', next: '//evil.example' }) });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    // Browsers read `/\` as `//`: the dev sign-in shares the one same-site check every page uses.
    const backslash = await p.app.request('/dev/sign-in', { method: 'POST', body: new URLSearchParams({ user: 'admin', next: '/\\evil.example' }) });
    expect(backslash.headers.get('location')).toBe('/');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/kf_session=.+HttpOnly/);
    const withCookie = await p.app.request('/api/ledger/verify', { headers: { cookie: cookie.split(';')[0]! } });
    expect(withCookie.status).toBe(200);
  });
});

describe('town-scoped roles', () => {
  const treasurer = { sub: 't', roles: ['treasurer:113611'] };
  it('reads roles like treasurer:113611', () => {
    expect(hasRole(treasurer, 'treasurer', '113611')).toBe(true);
    expect(hasRole(treasurer, 'treasurer', '074071')).toBe(false);
    expect(hasRole(treasurer, 'treasurer')).toBe(true);
    expect(hasRole(treasurer, 'reviewer')).toBe(false);
    expect(townsWithRole(treasurer, 'treasurer')).toEqual(['113611']);
  });
});
