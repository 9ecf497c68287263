/** A fresh table per test file on the shared DynamoDB Local, with the local platform on top. */
import { inject } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createLocalPlatform } from '../../infra/local/platform.js';
import { seed } from '../../infra/local/seed.js';
import { ensureTable } from '../../infra/local/tables.js';
import { createDocumentClient } from '../../functions/store/client.js';
import type { Db } from '../../functions/store/db.js';

export function dynamoEndpoint(): string {
  return inject('dynamoEndpoint');
}

export async function freshDb(): Promise<Db> {
  const table = `t-${randomUUID()}`;
  await ensureTable(dynamoEndpoint(), table);
  return { doc: createDocumentClient(dynamoEndpoint()), table };
}

export async function testPlatform(opts: { seed?: boolean; now?: Date } = {}) {
  const table = `t-${randomUUID()}`;
  const platform = await createLocalPlatform({ endpoint: dynamoEndpoint(), table, baseUrl: 'http://localhost:3000' });
  if (opts.seed !== false) await seed(platform.db, opts.now);
  const { app, idp, db } = platform;
  async function tokenFor(user: string): Promise<string> {
    const res = await app.request('/dev/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user }) });
    if (res.status !== 200) throw new Error(`no token for ${user}: ${res.status}`);
    return ((await res.json()) as { token: string }).token;
  }
  async function api(method: string, path: string, opts2: { user?: string; body?: unknown; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { ...(opts2.headers ?? {}) };
    if (opts2.user) headers.authorization = `Bearer ${await tokenFor(opts2.user)}`;
    if (opts2.body !== undefined) headers['content-type'] = 'application/json';
    const res = await app.request(path, { method, headers, body: opts2.body === undefined ? undefined : JSON.stringify(opts2.body) });
    const text = await res.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, json, text, headers: res.headers };
  }
  return { app, idp, db, table, tokenFor, api };
}
