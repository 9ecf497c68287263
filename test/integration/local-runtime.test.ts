/**
 * The local runtime's own guarantees, in-process (issue 11, item 8): secrets per data directory, a health
 * route that asks the database, and the checkout emulator redelivering a webhook that failed.
 * The processes (`npm start`, its supervisor, orphans) are in start.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app.js';
import { createDocumentClient } from '../../functions/store/client.js';
import { LOCAL_DONATION_LINK_SECRET } from '../../functions/payments/config.js';
import { LOCAL_WEBHOOK_SECRET } from '../../functions/payments/stripe-events.js';
import type { Deliver } from '../../functions/payments/emulator.js';
import { freePort } from '../../infra/local/dynamodb.js';
import { createLocalPlatform } from '../../infra/local/platform.js';
import { localSecrets, SECRETS_FILE } from '../../infra/local/secrets.js';
import { seed } from '../../infra/local/seed.js';
import { body, snapshot } from './donations-helpers.js';
import { dynamoEndpoint, testPlatform } from '../support/platform.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'kyoso-runtime-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('secrets per data directory', () => {
  it('are random on first start, private (0600), stable across restarts, and never the source constants', () => {
    const a = tempDir();
    const first = localSecrets(a, {});
    expect(first.donationLinkSecret).not.toBe(LOCAL_DONATION_LINK_SECRET);
    expect(first.stripeWebhookSecret).not.toBe(LOCAL_WEBHOOK_SECRET);
    expect(first.donationLinkSecret.length).toBeGreaterThanOrEqual(64);
    expect(first.stripeWebhookSecret).toMatch(/^whsec_[0-9a-f]{48}$/);
    expect(statSync(join(a, SECRETS_FILE)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(join(a, SECRETS_FILE), 'utf8'))).toEqual(first);
    expect(localSecrets(a, {})).toEqual(first);
    const other = localSecrets(tempDir(), {});
    expect(other.donationLinkSecret).not.toBe(first.donationLinkSecret);
    expect(other.stripeWebhookSecret).not.toBe(first.stripeWebhookSecret);
  });

  it('yield to the environment when it names them', () => {
    const s = localSecrets(tempDir(), { DONATION_LINK_SECRET: 'from-env', STRIPE_WEBHOOK_SECRET: 'whsec_env' });
    expect(s).toEqual({ donationLinkSecret: 'from-env', stripeWebhookSecret: 'whsec_env' });
  });
});

describe('/api/health', () => {
  it('is 200 with database ok when DynamoDB answers, 503 unreachable (quickly) when it does not', async () => {
    const p = await testPlatform({ seed: false });
    const ok = await p.app.request('/api/health');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: 'ok', database: 'ok', time: expect.any(String) });

    const dead = `http://127.0.0.1:${await freePort()}`;
    const app = createApp({ db: { doc: createDocumentClient(dead), table: p.table }, verifier: p.idp.verifier, baseUrl: 'http://localhost:3000' });
    const started = Date.now();
    const down = await app.request('/api/health');
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ status: 'unavailable', database: 'unreachable' });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('is in the OpenAPI document with both answers', async () => {
    const p = await testPlatform({ seed: false });
    const doc = (await (await p.app.request('/api/openapi.json')).json()) as { paths: Record<string, { get?: { responses: Record<string, unknown> } }> };
    expect(Object.keys(doc.paths['/health']?.get?.responses ?? {}).sort()).toEqual(['200', '503']);
  });
});

describe('the checkout emulator redelivers a failed webhook', () => {
  async function platformFailing(failures: (n: number, deliver: () => ReturnType<Deliver>) => Promise<{ status: number; body: string } | undefined> | undefined) {
    let calls = 0;
    const lines: string[] = [];
    const platform = await createLocalPlatform({
      endpoint: dynamoEndpoint(),
      table: `t-${randomUUID()}`,
      baseUrl: 'http://localhost:3000',
      redelivery: {
        delaysMs: [50, 100, 200],
        log: (l) => lines.push(l),
        wrap: (deliver) => async (payload, signature) => {
          calls++;
          return (await failures(calls, () => deliver(payload, signature))) ?? deliver(payload, signature);
        },
      },
    });
    await seed(platform.db);
    return { ...platform, lines, calls: () => calls };
  }

  async function payByCard(p: Awaited<ReturnType<typeof platformFailing>>) {
    const created = await p.app.request('/api/donations', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body()) });
    expect(created.status).toBe(201);
    const d = (await created.json()) as { donationId: string; checkoutUrl: string };
    const sid = d.checkoutUrl.split('/').pop()!;
    const res = await p.app.request(`/dev/checkout/${sid}/complete`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"method":"card"}' });
    expect(res.status).toBe(200);
    return { ...d, first: ((await res.json()) as { webhook: { status: number } }).webhook };
  }

  async function paidEntries(p: Awaited<ReturnType<typeof platformFailing>>, donationId: string) {
    const items = (await snapshot(p.db)).map((i) => JSON.parse(i) as Record<string, unknown>);
    const donation = items.find((i) => i.type === 'donation' && i.id === donationId);
    const entries = items.filter((i) => i.type === 'entry' && JSON.stringify(i).includes(donationId));
    return { status: donation?.status, entries: entries.length };
  }

  it('a delivery that failed (500, the route never ran) is retried in the background and the donation is paid once', async () => {
    const p = await platformFailing((n) => (n === 1 ? Promise.resolve({ status: 500, body: 'down' }) : undefined));
    const d = await payByCard(p);
    expect(d.first.status).toBe(500);
    expect((await paidEntries(p, d.donationId)).status).toBe('pending');
    await p.redelivery!.idle();
    expect(p.calls()).toBe(2);
    expect(await paidEntries(p, d.donationId)).toEqual({ status: 'paid', entries: 1 });
    expect(p.lines.some((l) => /delivered on redelivery 1/.test(l))).toBe(true);
  });

  it('a delivery whose answer was lost (processed, then a network error) is retried and still posts once', async () => {
    // The first call reaches the route and is processed; then the connection "drops" before the answer.
    const p = await platformFailing(async (n, deliver) => {
      if (n !== 1) return undefined;
      const res = await deliver();
      throw new Error(`socket hang up after ${res.status}`);
    });
    const created = await p.app.request('/api/donations', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body()) });
    const d = (await created.json()) as { donationId: string; checkoutUrl: string };
    const res = await p.app.request(`/dev/checkout/${d.checkoutUrl.split('/').pop()}/complete`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"method":"card"}' });
    expect(res.status).toBe(500);
    await p.redelivery!.idle();
    expect(p.calls()).toBe(2);
    expect(await paidEntries(p, d.donationId)).toEqual({ status: 'paid', entries: 1 });
  });

  it('gives up after the configured attempts', async () => {
    const p = await platformFailing(() => Promise.resolve({ status: 503, body: 'still down' }));
    const d = await payByCard(p);
    await p.redelivery!.idle();
    expect(p.calls()).toBe(4);
    expect((await paidEntries(p, d.donationId)).status).toBe('pending');
    expect(p.lines.at(-1)).toMatch(/gave up .* after 3 redeliveries/);
  });
});
