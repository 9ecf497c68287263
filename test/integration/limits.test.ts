/**
 * What a request body may be, before any route reads it (functions/api/limits.ts): 64 KB by default, 512 KB
 * for the long-text routes and the Stripe webhook → 413; a JSON body at most 32 levels deep with arrays of at
 * most 1,000 elements → 400. With and without Content-Length (a chunked body is counted as it streams), in the
 * usual error shape, writing nothing; ordinary bodies still work.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { findMyNumbers } from '../../functions/domain/donations.js';
import { DEFAULT_BODY_LIMIT, LONG_TEXT_BODY_LIMIT, MAX_JSON_ARRAY, MAX_JSON_DEPTH, WEBHOOK_BODY_LIMIT } from '../../functions/api/limits.js';
import { sampleApplication } from '../support/applications.js';
import { testPlatform } from '../support/platform.js';
import { body, snapshot, type Platform } from './donations-helpers.js';

let p: Platform;
beforeAll(async () => {
  p = await testPlatform();
});

/** A body sent in pieces, with no Content-Length (Transfer-Encoding: chunked on the wire). */
function chunked(text: string, pieces = 8): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  const size = Math.ceil(bytes.length / pieces);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}

async function send(path: string, payload: string, opts: { type?: string; stream?: boolean; user?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { 'content-type': opts.type ?? 'application/json', ...(opts.headers ?? {}) };
  if (opts.user) headers.authorization = `Bearer ${await p.tokenFor(opts.user)}`;
  const init: RequestInit & { duplex?: 'half' } = opts.stream
    ? { method: 'POST', headers, body: chunked(payload), duplex: 'half' }
    : { method: 'POST', headers: { ...headers, 'content-length': String(new TextEncoder().encode(payload).length) }, body: payload };
  const req = new Request(`http://localhost${path}`, init);
  if (opts.stream) expect(req.headers.has('content-length')).toBe(false);
  const res = await p.app.request(req);
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

/** A refusal in the usual shape ({"error": {code, message, details: []}}) that wrote nothing. */
async function refusedUnchanged(run: () => Promise<{ status: number; json: any; text: string }>, status: number, code: string) {
  const before = await snapshot(p.db);
  const r = await run();
  expect(r.status, r.text).toBe(status);
  expect(r.json).toEqual({ error: { code, message: expect.any(String), details: [] } });
  expect(r.json.error.message).not.toBe(code);
  expect(await snapshot(p.db)).toEqual(before);
  return r;
}

const overDefault = JSON.stringify(body({ message: 'x'.repeat(DEFAULT_BODY_LIMIT) }));

describe('body size', () => {
  it('a JSON body over 64 KB is a 413, with Content-Length and chunked, in both languages', async () => {
    const sized = await refusedUnchanged(() => send('/api/donations', overDefault), 413, 'payload_too_large');
    expect(sized.json.error.message).toContain('64 KB');
    await refusedUnchanged(() => send('/api/donations', overDefault, { stream: true }), 413, 'payload_too_large');
    const ja = await send('/api/donations', overDefault, { headers: { 'accept-language': 'ja' } });
    expect(ja.json.error.message).toBe('リクエストの本文が大きすぎます(上限 64 KB)。何も変更されていません。');
  });

  it('a form over 64 KB is a 413 too; a form under it is served as before', async () => {
    const big = new URLSearchParams({ challengeId: 'yokoze-bandai-dx', amount: '1000', address: 'あ'.repeat(DEFAULT_BODY_LIMIT / 9 + 100) }).toString();
    await refusedUnchanged(() => send('/donate/confirm', big, { type: 'application/x-www-form-urlencoded' }), 413, 'payload_too_large');
    await refusedUnchanged(() => send('/donate/confirm', big, { type: 'application/x-www-form-urlencoded', stream: true }), 413, 'payload_too_large');
    const small = await send('/donate/confirm', new URLSearchParams({ challengeId: 'yokoze-bandai-dx', amount: '1000' }).toString(), { type: 'application/x-www-form-urlencoded', stream: true });
    expect(small.status).toBe(400);
    expect(small.text).toContain('<form');
  });

  it('just under the limit, a body reaches its route (chunked as well)', async () => {
    const under = JSON.stringify(body({ message: 'x'.repeat(DEFAULT_BODY_LIMIT - 1_000) }));
    for (const stream of [false, true]) {
      const r = await send('/api/donations', under, { stream });
      expect(r.status, r.text).toBe(400);
      expect(r.json.error.details).toContainEqual(expect.objectContaining({ path: 'message' }));
    }
  });

  it('the webhook takes up to 512 KB (then checks the signature), not more', async () => {
    const event = (n: number) => JSON.stringify({ id: 'evt_big', type: 'checkout.session.completed', data: { object: { id: 'cs_x', padding: 'x'.repeat(n) } } });
    const fits = await send('/api/stripe/webhook', event(300 * 1024), { headers: { 'stripe-signature': 't=1,v1=bad' } });
    expect(fits.status).toBe(400);
    expect(fits.json.error.code).not.toBe('payload_too_large');
    const over = event(WEBHOOK_BODY_LIMIT);
    await refusedUnchanged(() => send('/api/stripe/webhook', over, { headers: { 'stripe-signature': 't=1,v1=bad' } }), 413, 'payload_too_large');
    await refusedUnchanged(() => send('/api/stripe/webhook', over, { stream: true, headers: { 'stripe-signature': 't=1,v1=bad' } }), 413, 'payload_too_large');
  });

  it('an application with every text field at its maximum in Japanese (~125 KB) is accepted; 512 KB is not', async () => {
    const longest = sampleApplication({
      title: '題'.repeat(200),
      summary: '概'.repeat(2_000),
      problem: '課'.repeat(10_000),
      proposal: '提'.repeat(10_000),
      requestedAmount: 1_000_000,
      budget: Array.from({ length: 50 }, () => ({ item: '費'.repeat(200), amount: 20_000 })),
      kpis: Array.from({ length: 20 }, () => '指'.repeat(500)),
    });
    const text = JSON.stringify(longest);
    expect(new TextEncoder().encode(text).length).toBeGreaterThan(DEFAULT_BODY_LIMIT * 1.5);
    for (const stream of [false, true]) {
      const r = await send('/api/applications', text, { user: 'company1', stream });
      expect(r.status, r.text).toBe(201);
    }
    const huge = JSON.stringify(sampleApplication({ proposal: 'x'.repeat(LONG_TEXT_BODY_LIMIT) }));
    await refusedUnchanged(() => send('/api/applications', huge, { user: 'company1' }), 413, 'payload_too_large');
    await refusedUnchanged(() => send('/api/applications', huge, { user: 'company1', stream: true }), 413, 'payload_too_large');
  });
});

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const deepDonation = (depth: number) => JSON.stringify({ ...body(), extra: JSON.parse(nested(depth)) });

describe('JSON depth and array length', () => {
  it('a donation nested 2,000 levels is a 400 body_too_deep, not a stack overflow; nothing is written', async () => {
    // Built as text: the parse in the test would be the same as the app's.
    const text = `{"challengeId":"yokoze-bandai-dx","amount":10000,"extra":${nested(2_000)}}`;
    const r = await refusedUnchanged(() => send('/api/donations', text), 400, 'body_too_deep');
    expect(r.json.error.message).toContain(String(MAX_JSON_DEPTH));
    await refusedUnchanged(() => send('/api/donations', text, { stream: true }), 400, 'body_too_deep');
    // Whatever the content type says: the donation route reads any body as JSON.
    await refusedUnchanged(() => send('/api/donations', text, { type: 'text/plain' }), 400, 'body_too_deep');
    // 32 levels are fine (the schema then refuses the unknown key as usual).
    const atLimit = await send('/api/donations', deepDonation(MAX_JSON_DEPTH - 1));
    expect(atLimit.status).toBe(400);
    expect(atLimit.json.error.code).toBe('validation_failed');
  });

  it('a donation with a 5,000-element array is a 400 array_too_long; nothing is written', async () => {
    const text = JSON.stringify({ ...body(), extra: Array.from({ length: 5_000 }, (_, i) => i) });
    const r = await refusedUnchanged(() => send('/api/donations', text), 400, 'array_too_long');
    expect(r.json.error.message).toContain(String(MAX_JSON_ARRAY));
    const at = await send('/api/donations', JSON.stringify({ ...body(), extra: Array.from({ length: MAX_JSON_ARRAY }, () => 1) }));
    expect(at.json.error.code).toBe('validation_failed');
  });

  it('another JSON route (applications) refuses both the same way, and a normal body still works', async () => {
    await refusedUnchanged(() => send('/api/applications', JSON.stringify(sampleApplication({ kpis: JSON.parse(nested(2_000)) })), { user: 'company1' }), 400, 'body_too_deep');
    await refusedUnchanged(() => send('/api/applications', JSON.stringify(sampleApplication({ kpis: Array.from({ length: 5_000 }, () => 'k') })), { user: 'company1' }), 400, 'array_too_long');
    await refusedUnchanged(() => send('/api/simulator/deduction', `{"salary":${nested(2_000)}}`), 400, 'body_too_deep');
    const ok = await send('/api/applications', JSON.stringify(sampleApplication()), { user: 'company1' });
    expect(ok.status, ok.text).toBe(201);
    const donation = await send('/api/donations', JSON.stringify(body()));
    expect(donation.status, donation.text).toBe(201);
  });

  it('the My Number scan itself cannot overflow, however deep its input', () => {
    let deep: unknown = { myNumber: '1' };
    for (let i = 0; i < 50_000; i++) deep = { a: deep };
    expect(findMyNumbers(deep)).toEqual([`${'a.'.repeat(50_000)}myNumber`]);
  });
});
