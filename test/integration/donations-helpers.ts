/** Shared by the donation and webhook integration tests (not a test file itself). */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import type { Db } from '../../functions/store/db.js';
import { canonicalJson } from '../../functions/domain/audit.js';
import { signPayload, LOCAL_WEBHOOK_SECRET } from '../../functions/payments/stripe-events.js';
import type { testPlatform } from '../support/platform.js';

export type Platform = Awaited<ReturnType<typeof testPlatform>>;

export const donor = { name: '共創 太郎', nameKana: 'キョウソウ タロウ', email: 'taro@example.jp', postalCode: '368-0072', address: '埼玉県秩父郡横瀬町大字横瀬4545' };

export function body(over: Record<string, unknown> = {}, donorOver: Record<string, unknown> = {}) {
  return { challengeId: 'yokoze-bandai-dx', amount: 10_000, donor: { ...donor, ...donorOver }, anonymous: false, oneStop: true, ...over };
}

export async function donate(p: Platform, b: Record<string, unknown> = body(), opts: { user?: string; key?: string } = {}) {
  const r = await p.api('POST', '/api/donations', { body: b, user: opts.user, headers: opts.key ? { 'idempotency-key': opts.key } : {} });
  expect(r.status, r.text).toBe(201);
  return r.json as { donationId: string; checkoutUrl: string; status: 'pending' };
}

export const sessionOf = (checkoutUrl: string) => checkoutUrl.split('/').pop()!;

/** A step on the emulator: returns the event it sent and the webhook's answer. */
export async function emulate(p: Platform, checkoutUrl: string, step: 'card' | 'konbini' | 'konbini/pay' | 'konbini/fail' | 'expire') {
  const sid = sessionOf(checkoutUrl);
  const path = step === 'card' || step === 'konbini' ? `/dev/checkout/${sid}/complete` : `/dev/checkout/${sid}/${step}`;
  const r = await p.api('POST', path, { body: step === 'card' || step === 'konbini' ? { method: step } : {} });
  expect(r.status, r.text).toBe(200);
  return r.json as { event: { id: string; type: string; created: number; data: { object: Record<string, unknown> } }; webhook: { status: number; body: unknown } };
}

export async function paidDonation(p: Platform, b: Record<string, unknown> = body(), opts: { user?: string } = {}) {
  const d = await donate(p, b, opts);
  const res = await emulate(p, d.checkoutUrl, 'card');
  expect(res.webhook.status).toBe(200);
  return { ...d, event: res.event };
}

/** Delivers a raw webhook body, signed like Stripe (or not). */
export async function deliver(p: Platform, payload: string, signature?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature !== undefined) headers['stripe-signature'] = signature;
  const res = await p.app.request('/api/stripe/webhook', { method: 'POST', headers, body: payload });
  const text = await res.text();
  return { status: res.status, json: JSON.parse(text) as any };
}

export async function deliverEvent(p: Platform, event: object, opts: { secret?: string; timestamp?: number } = {}) {
  const payload = JSON.stringify(event);
  return deliver(p, payload, await signPayload(payload, opts.secret ?? LOCAL_WEBHOOK_SECRET, opts.timestamp));
}

/** Every item in the table, for "a refused request wrote nothing". */
export async function snapshot(db: Db): Promise<string[]> {
  const out: string[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const res = await db.doc.send(new ScanCommand({ TableName: db.table, ConsistentRead: true, ExclusiveStartKey }));
    for (const i of res.Items ?? []) out.push(canonicalJson(i));
    ExclusiveStartKey = res.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return out.sort();
}

/** Every donation in the table (a full scan): only a test wants that, so it lives here and not in the store. */
export async function listAllDonations(db: Db): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const res = await db.doc.send(
      new ScanCommand({ TableName: db.table, ConsistentRead: true, FilterExpression: '#t = :t', ExpressionAttributeNames: { '#t': 'type' }, ExpressionAttributeValues: { ':t': 'donation' }, ExclusiveStartKey }),
    );
    out.push(...(res.Items ?? []));
    ExclusiveStartKey = res.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return out;
}
