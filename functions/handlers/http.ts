/**
 * Lambda entry for the HTTP API: the shared Hono app, with Cognito's JWKS as the verifier. The dev
 * identity provider and other local-only routes are not mounted here.
 */
import { handle } from 'hono/aws-lambda';
import { createApp } from '../api/app.js';
import { createVerifier } from '../api/auth.js';
import { createDocumentClient } from '../store/client.js';
import { tableName } from '../store/table.js';

function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
}

const app = createApp({
  db: { doc: createDocumentClient(), table: tableName() },
  verifier: createVerifier({ jwks: new URL(required('JWKS_URL')), issuer: required('JWT_ISSUER'), audience: process.env.JWT_AUDIENCE }),
  baseUrl: process.env.APP_BASE_URL ?? '',
});

export const handler = handle(app);
