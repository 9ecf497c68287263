/**
 * Lambda entry for the HTTP API: the shared Hono app, with Cognito's JWKS as the verifier and Cognito's
 * hosted UI for signing in (api/pages/auth.ts). The dev identity provider and other local-only routes are
 * not mounted here.
 */
import { handle } from 'hono/aws-lambda';
import { createApp } from '../api/app.js';
import { createVerifier } from '../api/auth.js';
import { hostedSignIn } from '../api/hosted-ui.js';
import { createDocumentClient } from '../store/client.js';
import { tableName } from '../store/table.js';
import { stripeFromEnvironment } from '../payments/config.js';

function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
}

// Stripe settings from STRIPE_SECRET_KEY / STRIPE_WEBHOOK_SECRET / DONATION_LINK_SECRET, else the Secrets
// Manager secret STRIPE_SECRET_ARN, read on first use; without a real key payments are refused (no emulator here).
const stripe = stripeFromEnvironment(process.env);

// Names as infra/aws/stack.ts sets them. The ID tokens' `aud` is the web client's id, so one variable
// serves both the verifier and the hosted UI; APP_BASE_URL is what the client's callback URL is built on.
const clientId = required('JWT_AUDIENCE');
const baseUrl = required('APP_BASE_URL');

const app = createApp({
  db: { doc: createDocumentClient(), table: tableName() },
  verifier: createVerifier({ jwks: new URL(required('JWKS_URL')), issuer: required('JWT_ISSUER'), audience: clientId }),
  baseUrl,
  signIn: hostedSignIn({ domain: required('COGNITO_DOMAIN'), clientId, appBaseUrl: baseUrl }),
  payments: stripe.payments,
  stripeWebhookSecret: stripe.webhookSecret,
  donationLinkSecret: stripe.donationLinkSecret,
});

export const handler = handle(app);
