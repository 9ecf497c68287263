/**
 * One error presenter: a refusal's words come from the catalog by code, in the language the request names
 * (cookie or Accept-Language), else in both so an API client that named none can still read it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testPlatform } from '../support/platform.js';

let p: Awaited<ReturnType<typeof testPlatform>>;
beforeAll(async () => {
  p = await testPlatform({ seed: false });
});

describe('refusal text', () => {
  it('is bilingual when the request names no language, and in the named one otherwise', async () => {
    const none = await p.api('GET', '/api/ledger/verify');
    expect(none.status).toBe(401);
    expect(none.json.error.code).toBe('unauthorized');
    expect(none.json.error.message).toMatch(/Sign-in required/);
    expect(none.json.error.message).toMatch(/サインイン/);

    const star = await p.api('GET', '/api/ledger/verify', { headers: { 'accept-language': '*' } });
    expect(star.json.error.message).toBe(none.json.error.message);

    const en = await p.api('GET', '/api/ledger/verify', { headers: { 'accept-language': 'en-GB,en;q=0.8' } });
    expect(en.json.error.message).toMatch(/Sign-in required/);
    expect(en.json.error.message).not.toMatch(/サインイン/);

    const ja = await p.api('GET', '/api/ledger/verify', { headers: { cookie: 'lang=ja', 'accept-language': 'en' } });
    expect(ja.json.error.message).toMatch(/サインイン/);
    expect(ja.json.error.message).not.toMatch(/Sign-in/);
    expect({ status: ja.status, code: ja.json.error.code }).toEqual({ status: 401, code: 'unauthorized' });
  });

  it('names each offending field of a refused body with the schema’s words', async () => {
    const r = await p.api('POST', '/api/simulator/deduction', { body: { salary: 'lots' } });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('validation_failed');
    expect(r.json.error.details.map((d: { path: string }) => d.path)).toContain('salary');
    expect(r.json.error.message).toMatch(/^salary: /);
  });
});
