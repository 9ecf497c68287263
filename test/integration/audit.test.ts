import { beforeAll, describe, expect, it } from 'vitest';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../functions/store/keys.js';
import { testPlatform } from '../support/platform.js';

let p: Awaited<ReturnType<typeof testPlatform>>;
beforeAll(async () => {
  p = await testPlatform();
});

describe('audit log API and page', () => {
  it('is for treasurers and admins', async () => {
    expect((await p.api('GET', '/api/audit')).status).toBe(401);
    expect((await p.api('GET', '/api/audit', { user: 'donor1' })).status).toBe(403);
    expect((await p.api('GET', '/api/audit', { user: 'company1' })).status).toBe(403);
  });

  it('shows a treasurer only their own town’s chain, filtered by target and actor', async () => {
    const r = await p.api('GET', '/api/audit', { user: 'treasurer-bandai' });
    expect(r.status).toBe(200);
    expect(r.json.chainsOk).toBe(true);
    expect(r.json.records.length).toBeGreaterThan(0);
    expect(new Set(r.json.records.map((x: { chain: string }) => x.chain))).toEqual(new Set(['town:074071']));
    const filtered = await p.api('GET', '/api/audit?target=fund:kyoso-kikin&actor=system:seed', { user: 'treasurer-bandai' });
    expect(filtered.json.records.every((x: { target: string; actor: string }) => x.target.startsWith('fund:kyoso-kikin') && x.actor === 'system:seed')).toBe(true);
    const none = await p.api('GET', '/api/audit?actor=nobody', { user: 'treasurer-bandai' });
    expect(none.json.records).toEqual([]);
  });

  it('shows an admin every chain', async () => {
    const r = await p.api('GET', '/api/audit', { user: 'admin' });
    const chains = new Set(r.json.records.map((x: { chain: string }) => x.chain));
    for (const c of ['town:113611', 'town:074071', 'town:325252']) expect(chains.has(c)).toBe(true);
  });

  it('renders the page for a treasurer and flags a tampered chain', async () => {
    const cookie = `kf_session=${await p.tokenFor('treasurer-yokoze')}`;
    const ok = await p.app.request('/audit', { headers: { cookie } });
    expect(ok.status).toBe(200);
    const html = await ok.text();
    expect(html).toContain('監査ログ');
    expect(html).toContain('data-chain-ok="true"');
    expect(html).toContain('fund.opening_balance');
    await p.db.doc.send(new UpdateCommand({ TableName: p.table, Key: keys.auditRecord('town:113611', 1), UpdateExpression: 'SET #a = :a', ExpressionAttributeNames: { '#a': 'after' }, ExpressionAttributeValues: { ':a': { amount: 1 } } }));
    const bad = await p.app.request('/audit', { headers: { cookie } });
    expect(await bad.text()).toContain('data-chain-ok="false"');
    const anon = await p.app.request('/audit');
    expect(anon.status).toBe(303);
  });
});
