/**
 * CSP (issue 11, item 2): every HTML page carries the one Content-Security-Policy (own-origin scripts and
 * styles, no framing, forms to our origin, no <base>, no plugins), and no page has an inline script or style
 * that the policy would block.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testPlatform } from '../support/platform.js';

let p: Awaited<ReturnType<typeof testPlatform>>;

beforeAll(async () => {
  p = await testPlatform();
});

const DIRECTIVES = ["default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "frame-ancestors 'none'", "base-uri 'none'", "object-src 'none'"];

const PAGES: { path: string; user?: string; status?: number }[] = [
  { path: '/' },
  { path: '/challenges' },
  { path: '/challenges/yokoze-bandai-dx' },
  { path: '/funds' },
  { path: '/towns' },
  { path: '/towns/113611' },
  { path: '/simulator' },
  { path: '/no-such-page', status: 404 },
  { path: '/auth/sign-in', status: 302 },
  { path: '/me/donations', user: 'donor1' },
  { path: '/treasurer', user: 'treasurer-yokoze' },
  { path: '/treasurer/donations?town=113611', user: 'treasurer-yokoze' },
  { path: '/treasurer/pledges', user: 'treasurer-bandai' },
  { path: '/treasurer/regional-plans', user: 'treasurer-bandai' },
  { path: '/company', user: 'company1' },
  { path: '/company/pledges', user: 'company1' },
  { path: '/company/pledges/new', user: 'company1' },
  { path: '/company/profile', user: 'company1' },
  { path: '/review', user: 'reviewer-yokoze' },
];

describe('Content-Security-Policy', () => {
  it('every HTML page carries the policy with all its directives, and no inline script or style', async () => {
    for (const pg of PAGES) {
      const headers: Record<string, string> = pg.user ? { cookie: `kf_session=${await p.tokenFor(pg.user)}` } : {};
      const res = await p.app.request(pg.path, { headers, redirect: 'manual' });
      const csp = res.headers.get('content-security-policy') ?? '';
      for (const d of DIRECTIVES) expect(csp, `${pg.path}: ${d}`).toContain(d);
      expect(csp, pg.path).toMatch(/form-action 'self'/);
      if ((res.headers.get('content-type') ?? '').includes('text/html')) {
        expect(res.status, pg.path).toBe(pg.status ?? 200);
        const html = await res.text();
        expect(html, pg.path).not.toMatch(/<script(?![^>]*\ssrc=)/i);
        expect(html, pg.path).not.toMatch(/<style[\s>]/i);
        expect(html, pg.path).not.toMatch(/\sstyle="/i);
        expect(html, pg.path).not.toMatch(/\son[a-z]+="/i);
      }
    }
  });

  it('the stylesheets the pages link are served from /assets', async () => {
    const html = await (await p.app.request('/company/pledges/new', { headers: { cookie: `kf_session=${await p.tokenFor('company1')}` } })).text();
    const sheets = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]!);
    expect(sheets.some((s) => s.startsWith('/assets/corporate.css'))).toBe(true);
    for (const s of sheets) {
      const res = await p.app.request(s);
      expect(res.status, s).toBe(200);
      expect(res.headers.get('content-type'), s).toMatch(/text\/css/);
    }
  });
});
