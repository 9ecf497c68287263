import { describe, expect, it } from 'vitest';
import { testPlatform } from '../support/platform.js';

describe('smoke', () => {
  it('create and pay', async () => {
    const p = await testPlatform();
    const body = { challengeId: 'yokoze-bandai-dx', amount: 10000, donor: { name: '共創 太郎', nameKana: 'きょうそう たろう', email: 'taro@example.jp', postalCode: '368-0072', address: '埼玉県秩父郡横瀬町大字横瀬4545' }, anonymous: false, oneStop: true };
    const r = await p.api('POST', '/api/donations', { body });
    console.log(r.status, r.json);
    const sid = r.json.checkoutUrl.split('/').pop();
    const c = await p.api('POST', `/dev/checkout/${sid}/complete`, { body: { method: 'card' } });
    console.log(c.status, JSON.stringify(c.json.webhook));
    const g = await p.api('GET', `/api/donations/${r.json.donationId}`, { user: 'admin' });
    console.log(g.status, g.json);
    const ch = await p.api('GET', '/api/challenges/yokoze-bandai-dx');
    console.log(ch.json.raised, ch.json.donorCount);
    const rc = await p.api('GET', `/api/donations/${r.json.donationId}/receipt`, { user: 'admin' });
    console.log(rc.status, rc.text.slice(0, 300));
    expect(g.json.status).toBe('paid');
  });
});
