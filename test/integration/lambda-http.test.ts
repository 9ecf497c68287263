/**
 * The Lambda entry serves the same app as the node server: the same requests, as API Gateway HTTP API
 * v2 events, must give the same status, headers, cookies and body. The Lambda app verifies tokens
 * against a JWKS URL, exactly as it would against Cognito's; here the URL is the dev provider's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { serve, type ServerType } from '@hono/node-server';
import { DEV_AUDIENCE, DEV_ISSUER } from '../../infra/local/dev-identity.js';
import { freePort } from '../../infra/local/dynamodb.js';
import { dynamoEndpoint, testPlatform } from '../support/platform.js';

let p: Awaited<ReturnType<typeof testPlatform>>;
let server: ServerType;
let base: string;
let handler: (e: APIGatewayProxyEventV2, c: Context) => Promise<APIGatewayProxyStructuredResultV2>;
const COGNITO = 'https://kyoso-test.auth.ap-northeast-1.amazoncognito.com';

beforeAll(async () => {
  p = await testPlatform();
  const port = await freePort();
  server = serve({ fetch: p.app.fetch, port, hostname: '127.0.0.1' });
  base = `http://127.0.0.1:${port}`;
  Object.assign(process.env, {
    DYNAMODB_ENDPOINT: dynamoEndpoint(),
    TABLE_NAME: p.table,
    JWKS_URL: `${base}/dev/jwks.json`,
    JWT_ISSUER: DEV_ISSUER,
    JWT_AUDIENCE: DEV_AUDIENCE,
    COGNITO_DOMAIN: COGNITO,
    APP_BASE_URL: 'https://abc123.execute-api.ap-northeast-1.amazonaws.com',
  });
  ({ handler } = (await import('../../functions/handlers/http.js')) as unknown as { handler: typeof handler });
});

afterAll(() => server?.close());

function v2Event(method: string, path: string, opts: { query?: string; headers?: Record<string, string>; cookies?: string[]; body?: string } = {}): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: opts.query ?? '',
    cookies: opts.cookies,
    headers: { host: 'abc123.execute-api.ap-northeast-1.amazonaws.com', 'x-forwarded-proto': 'https', ...(opts.headers ?? {}) },
    queryStringParameters: opts.query ? Object.fromEntries(new URLSearchParams(opts.query)) : undefined,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.ap-northeast-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.1', userAgent: 'vitest' },
      requestId: 'req-1',
      routeKey: '$default',
      stage: '$default',
      time: '28/Nov/2026:00:00:00 +0000',
      timeEpoch: 1795824000000,
    },
    body: opts.body,
    isBase64Encoded: false,
  };
}

const lambdaContext = { awsRequestId: 'req-1', functionName: 'http', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;

async function both(method: string, path: string, opts: { query?: string; headers?: Record<string, string>; cookies?: string[] } = {}) {
  const url = `${base}${path}${opts.query ? `?${opts.query}` : ''}`;
  const headers = { ...(opts.headers ?? {}), ...(opts.cookies ? { cookie: opts.cookies.join('; ') } : {}) };
  const node = await fetch(url, { method, headers, redirect: 'manual' });
  const lambda = await handler(v2Event(method, path, opts), lambdaContext);
  return { node: { status: node.status, headers: node.headers, body: await node.text(), cookies: node.headers.getSetCookie() }, lambda };
}

describe('Lambda handler (API Gateway HTTP API, payload 2.0)', () => {
  it('serves an API route like the node server', async () => {
    const { node, lambda } = await both('GET', '/api/challenges', { query: 'town=325252' });
    expect(lambda.statusCode).toBe(200);
    expect(lambda.statusCode).toBe(node.status);
    expect(lambda.headers?.['content-type']).toBe(node.headers.get('content-type'));
    expect(lambda.isBase64Encoded).toBe(false);
    expect(JSON.parse(lambda.body!)).toEqual(JSON.parse(node.body));
    expect(JSON.parse(lambda.body!).challenges[0].id).toBe('ama-island-study');
  });

  it('serves a page in the language its cookie asks for, like the node server', async () => {
    const { node, lambda } = await both('GET', '/', { cookies: ['lang=en'] });
    expect(lambda.statusCode).toBe(200);
    expect(lambda.headers?.['content-type']).toMatch(/text\/html/);
    expect(lambda.headers?.['content-type']).toBe(node.headers.get('content-type'));
    expect(lambda.body).toBe(node.body);
    expect(lambda.body).toContain('lang="en"');
  });

  it('returns Set-Cookie as the v2 cookies array', async () => {
    const { node, lambda } = await both('GET', '/lang/en', { query: 'back=/challenges' });
    expect(lambda.statusCode).toBe(node.status);
    expect(lambda.headers?.location).toBe(node.headers.get('location'));
    expect(node.cookies.length).toBeGreaterThan(0);
    expect(lambda.cookies).toEqual(node.cookies);
  });

  it('verifies bearer tokens against the JWKS URL and maps refusals the same way', async () => {
    const token = await p.tokenFor('admin');
    const ok = await both('GET', '/api/ledger/verify', { headers: { authorization: `Bearer ${token}` } });
    expect(ok.lambda.statusCode).toBe(200);
    expect(JSON.parse(ok.lambda.body!).ok).toBe(true);
    const denied = await both('GET', '/api/ledger/verify');
    expect(denied.lambda.statusCode).toBe(401);
    expect(denied.lambda.body).toBe(denied.node.body);
  });

  it('signs in through the Cognito hosted UI built from COGNITO_DOMAIN, JWT_AUDIENCE and APP_BASE_URL', async () => {
    const res = await handler(v2Event('GET', '/auth/sign-in', { query: 'next=%2Faudit' }), lambdaContext);
    expect(res.statusCode).toBe(303);
    const to = new URL(res.headers!.location as string);
    expect(`${to.origin}${to.pathname}`).toBe(`${COGNITO}/oauth2/authorize`);
    expect(to.searchParams.get('client_id')).toBe(DEV_AUDIENCE);
    expect(to.searchParams.get('redirect_uri')).toBe('https://abc123.execute-api.ap-northeast-1.amazonaws.com/auth/callback');
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    expect(res.cookies?.some((c) => c.startsWith('kf_oauth='))).toBe(true);
    const out = await handler(v2Event('POST', '/auth/sign-out'), lambdaContext);
    expect(out.headers?.location).toBe(`${COGNITO}/logout?client_id=${DEV_AUDIENCE}&logout_uri=${encodeURIComponent('https://abc123.execute-api.ap-northeast-1.amazonaws.com/')}`);
  });

  it('does not mount the dev identity provider in Lambda', async () => {
    const res = await handler(v2Event('POST', '/dev/token', { body: '{"user":"admin"}', headers: { 'content-type': 'application/json' } }), lambdaContext);
    expect(res.statusCode).toBe(404);
    const signIn = await handler(v2Event('GET', '/dev/sign-in'), lambdaContext);
    expect(signIn.statusCode).toBe(404);
  });
});
