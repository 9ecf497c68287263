/**
 * The Stripe adapter against a local stub of Stripe's API (the SDK's host/port options): what it sends
 * for a checkout and a refund — JPY, card and konbini, the donation id in metadata, deterministic
 * idempotency keys — and that a reused key with other parameters becomes IdempotencyMismatchError.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdempotencyMismatchError } from '../../functions/payments/port.js';
import { createStripePayments } from '../../functions/payments/stripe.js';

interface Seen {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  form: URLSearchParams;
}

let server: Server;
let port: number;
const seen: Seen[] = [];
let reply: (s: Seen) => { status: number; body: unknown } = () => ({ status: 200, body: {} });

beforeAll(async () => {
  server = createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      const s = { method: req.method!, path: req.url!, headers: req.headers, form: new URLSearchParams(data) };
      seen.push(s);
      const r = reply(s);
      res.writeHead(r.status, { 'content-type': 'application/json', 'request-id': 'req_test' });
      res.end(JSON.stringify(r.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const stripe = () => createStripePayments({ secretKey: 'sk_test_stub', api: { host: '127.0.0.1', port, protocol: 'http' } });
const checkout = { donationId: 'don_1', amount: 12_345, description: 'チャレンジ(横瀬町へのふるさと納税)', email: 'a@example.jp', lang: 'ja' as const, successUrl: 'https://kyoso.example/donations/don_1/thanks?t=x', cancelUrl: 'https://kyoso.example/challenges/c1' };

describe('Stripe adapter', () => {
  it('opens a JPY Checkout Session for card and konbini with the donation id and a deterministic idempotency key', async () => {
    seen.length = 0;
    reply = () => ({ status: 200, body: { id: 'cs_test_1', object: 'checkout.session', url: 'https://checkout.stripe.com/c/pay/cs_test_1' } });
    expect(await stripe().createCheckout(checkout)).toEqual({ sessionId: 'cs_test_1', url: 'https://checkout.stripe.com/c/pay/cs_test_1' });
    const s = seen[0]!;
    expect(s.method).toBe('POST');
    expect(s.path).toBe('/v1/checkout/sessions');
    expect(s.headers['idempotency-key']).toBe('donation:don_1:checkout');
    expect(s.headers.authorization).toBe('Bearer sk_test_stub');
    const f = s.form;
    expect(f.get('mode')).toBe('payment');
    expect(f.get('currency')).toBe('jpy');
    expect([...f.keys()].filter((k) => k.startsWith('allowed_payment_method_types')).map((k) => f.get(k))).toEqual(['card', 'konbini']);
    expect(f.get('line_items[0][price_data][currency]')).toBe('jpy');
    expect(f.get('line_items[0][price_data][unit_amount]')).toBe('12345'); // zero-decimal: whole yen
    expect(f.get('metadata[donationId]')).toBe('don_1');
    expect(f.get('payment_intent_data[metadata][donationId]')).toBe('don_1');
    expect(f.get('client_reference_id')).toBe('don_1');
    expect(f.get('customer_email')).toBe('a@example.jp');
    expect(f.get('success_url')).toBe(checkout.successUrl);
  });

  it('refunds the payment intent once (idempotency key per donation)', async () => {
    seen.length = 0;
    reply = () => ({ status: 200, body: { id: 're_1', object: 'refund' } });
    await stripe().refund({ donationId: 'don_1', paymentIntentId: 'pi_1', checkoutSessionId: 'cs_test_1', amount: 12_345, reason: '申し出' });
    expect(seen[0]!.path).toBe('/v1/refunds');
    expect(seen[0]!.headers['idempotency-key']).toBe('donation:don_1:refund');
    expect(seen[0]!.form.get('payment_intent')).toBe('pi_1');
    expect(seen[0]!.form.get('metadata[donationId]')).toBe('don_1');
  });

  it('a reused idempotency key with other parameters is IdempotencyMismatchError', async () => {
    reply = () => ({ status: 400, body: { error: { type: 'idempotency_error', message: 'Keys for idempotent requests can only be used with the same parameters they were first used with.' } } });
    await expect(stripe().createCheckout(checkout)).rejects.toBeInstanceOf(IdempotencyMismatchError);
  });
});
