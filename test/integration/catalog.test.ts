import { beforeAll, describe, expect, it } from 'vitest';
import { testPlatform } from '../support/platform.js';
import { accounts } from '../../functions/domain/ledger/accounts.js';
import { transfer } from '../../functions/domain/ledger/entry.js';
import { postEntry, readShards } from '../../functions/store/ledger.js';

let p: Awaited<ReturnType<typeof testPlatform>>;
beforeAll(async () => {
  p = await testPlatform();
});

describe('catalog API on DynamoDB Local', () => {
  it('reports health', async () => {
    const r = await p.api('GET', '/api/health');
    expect(r.status).toBe(200);
    expect(r.json.status).toBe('ok');
  });

  it('lists the three seeded towns with valid codes', async () => {
    const r = await p.api('GET', '/api/municipalities');
    expect(r.status).toBe(200);
    const codes = r.json.municipalities.map((m: { code: string }) => m.code).sort();
    expect(codes).toEqual(['074071', '113611', '325252']);
    const yokoze = r.json.municipalities.find((m: { code: string }) => m.code === '113611');
    expect(yokoze.name).toBe('横瀬町');
    expect(yokoze.corporateNumber).toBe('5000020113611');
  });

  it('lists the pooled fund with ¥3,000,000 per town share, posted through the ledger', async () => {
    const r = await p.api('GET', '/api/funds/kyoso-kikin');
    expect(r.status).toBe(200);
    expect(r.json.name).toBe('広域共創基金');
    expect(r.json.shares).toEqual(
      expect.arrayContaining([
        { town: '113611', available: 3_000_000 },
        { town: '074071', available: 3_000_000 },
        { town: '325252', available: 3_000_000 },
      ]),
    );
    expect(r.json.total).toBe(9_000_000);
    expect(r.json.corporateEligible.sort()).toEqual(['074071', '113611', '325252']);
    const list = await p.api('GET', '/api/funds');
    expect(list.json.funds).toHaveLength(1);
  });

  it('lists challenges: one per town open, one spanning Yokoze and Bandai, one closed', async () => {
    const r = await p.api('GET', '/api/challenges');
    expect(r.status).toBe(200);
    const list = r.json.challenges as { id: string; status: string; towns: string[]; leadTown: string; operatorCompanyId?: string; raised: number; target: number; donorCount: number; daysLeft: number }[];
    const open = list.filter((c) => c.status === 'open');
    for (const town of ['113611', '074071', '325252']) expect(open.some((c) => c.towns.includes(town))).toBe(true);
    const wide = list.find((c) => c.towns.length === 2)!;
    expect(wide.towns.sort()).toEqual(['074071', '113611']);
    expect(wide.leadTown).toBe('113611');
    expect(wide.operatorCompanyId).toBe('company1');
    expect(list.some((c) => c.status === 'closed')).toBe(true);
    expect(list[0]!.status).toBe('open');
    expect(wide).toMatchObject({ raised: 0, donorCount: 0, allocated: 0 });
    // Corporate eligibility comes from the towns' approved 地域再生計画 (seeded for the demo).
    expect((wide as unknown as { corporateEligible: string[] }).corporateEligible.sort()).toEqual(['074071', '113611']);
    expect(wide.daysLeft).toBeGreaterThan(0);
  });

  it('filters challenges by town and status', async () => {
    const r = await p.api('GET', '/api/challenges?town=325252&status=open');
    expect(r.json.challenges.map((c: { id: string }) => c.id)).toEqual(['ama-island-study']);
  });

  it('answers unknown ids with 404 in the error shape', async () => {
    for (const path of ['/api/challenges/nope', '/api/funds/nope', '/api/municipalities/113611'.replace('113611', '131130')]) {
      const r = await p.api('GET', path);
      expect(r.status).toBe(404);
      expect(r.json.error.code).toBe('not_found');
      expect(typeof r.json.error.message).toBe('string');
    }
  });

  it('answers a malformed query with 400 and details', async () => {
    const r = await p.api('GET', '/api/challenges?status=bogus');
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('validation_failed');
    expect(r.json.error.details[0].path).toBe('status');
    const bad = await p.api('GET', '/api/challenges?town=113612');
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/check digit/);
  });

  it('serves an OpenAPI 3 document listing every route', async () => {
    const r = await p.api('GET', '/api/openapi.json');
    expect(r.status).toBe(200);
    expect(r.json.openapi).toMatch(/^3\./);
    const paths = Object.keys(r.json.paths);
    // Every stable route DESIGN.md names, with its method.
    const stable: [string, string][] = [
      ['get', '/health'], ['get', '/municipalities'], ['get', '/funds'], ['get', '/funds/{id}'], ['get', '/challenges'], ['get', '/challenges/{id}'],
      ['post', '/donations'], ['get', '/donations/{id}'], ['get', '/donations/{id}/receipt'], ['post', '/stripe/webhook'], ['post', '/simulator/deduction'],
      ['post', '/applications'], ['get', '/applications/{id}'], ['post', '/applications/{id}/submit'], ['post', '/applications/{id}/reviews'],
      ['post', '/corporate-pledges'], ['get', '/corporate-pledges/{id}'], ['post', '/corporate-pledges/{id}/confirm-payment'],
      ['post', '/allocations'], ['get', '/allocations/{id}'], ['post', '/allocations/{id}/approve'], ['post', '/allocations/{id}/reject'],
      ['post', '/disbursements'], ['get', '/disbursements/{id}'], ['post', '/disbursements/{id}/approve'], ['post', '/disbursements/{id}/reject'], ['post', '/disbursements/{id}/paid'],
      ['get', '/ledger/verify'],
    ];
    for (const [method, path] of stable) expect(Object.keys(r.json.paths[path] ?? {}), `${method} ${path}`).toContain(method);
    for (const path of paths) for (const op of Object.values(r.json.paths[path]) as { responses: object }[]) expect(Object.keys(op.responses).length).toBeGreaterThan(0);
  });

  it('publishes the ledger of a fund and a challenge', async () => {
    const fund = await p.api('GET', '/api/funds/kyoso-kikin/ledger');
    expect(fund.status).toBe(200);
    expect(fund.json.shares).toHaveLength(3);
    for (const share of fund.json.shares) {
      expect(share.balance).toBe(3_000_000);
      expect(share.summary.total).toEqual({ inflow: 3_000_000, outflow: 0 });
      expect(share.movements).toHaveLength(1);
      expect(share.movements[0].channel).toBe('opening');
    }
    const ch = await p.api('GET', '/api/challenges/yokoze-bandai-dx/ledger');
    expect(ch.status).toBe(200);
    expect(ch.json).toMatchObject({ account: 'challenge:yokoze-bandai-dx:available', balance: 0, movements: [] });
    expect((await p.api('GET', '/api/challenges/nope/ledger')).status).toBe(404);
  });

  it('lists one public movement per journal entry even when a posting was split over balance shards', async () => {
    const q = await testPlatform();
    const ch = accounts.challengeAvailable('yokoze-bandai-dx');
    const base = (id: string, channel: 'individual' | 'disbursement') => ({ id, date: '2026-11-01', memo: 'm', channel, town: '113611' });
    for (let i = 0; i < 6; i++) await postEntry(q.db, transfer(base(`donation:s${i}:paid`, 'individual'), accounts.clearing('113611'), ch, 1_000));
    expect((await readShards(q.db, ch)).shards.filter((b) => b > 0).length).toBeGreaterThan(1);
    const out = await postEntry(q.db, transfer(base('disbursement:x:approved', 'disbursement'), ch, accounts.challengePayable('yokoze-bandai-dx'), 5_500));
    expect(out.entry.legs.filter((l) => l.account === ch).length).toBeGreaterThan(1);
    const r = await q.api('GET', '/api/challenges/yokoze-bandai-dx/ledger');
    expect(r.json.movements).toHaveLength(7);
    expect(r.json.movements.find((m: { entryId: string }) => m.entryId === 'disbursement:x:approved')).toMatchObject({ amount: -5_500, channel: 'disbursement' });
    expect(r.json.balance).toBe(500);
    const page = await q.app.request('/challenges/yokoze-bandai-dx');
    expect(await page.text()).toContain('5,500');
  });
});
