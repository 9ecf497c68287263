/**
 * Where the Lambda gets its Stripe settings. In order: the environment (STRIPE_SECRET_KEY,
 * STRIPE_WEBHOOK_SECRET, DONATION_LINK_SECRET), else the Secrets Manager secret named by STRIPE_SECRET_ARN
 * (JSON {secretKey, webhookSecret, donationLinkSecret?}), fetched once on first use so a slow or failing
 * Secrets Manager never stops the site from serving pages. Without a real key, payments are refused
 * (never emulated: the emulator is local only).
 */
import { createHash, randomBytes } from 'node:crypto';
import { unconfiguredPayments, type Checkout, type CheckoutRequest, type PaymentProvider, type RefundRequest } from './port.js';
import { createStripePayments } from './stripe.js';
import { LOCAL_WEBHOOK_SECRET } from './stripe-events.js';

export const LOCAL_DONATION_LINK_SECRET = 'kyoso-local-donation-link-secret';

interface StripeSecrets {
  secretKey?: string;
  webhookSecret?: string;
  donationLinkSecret?: string;
}

/** `sk_replace_me` (the stack's placeholder) and friends are not keys. */
const isRealKey = (k: string | undefined): k is string => Boolean(k && /^(sk|rk)_(test|live)_\w+/.test(k));

/** Loaded only in AWS on first use; the Lambda bundle keeps the SDK external (the runtime provides it). */
async function fromSecretsManager(arn: string): Promise<StripeSecrets> {
  const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  const res = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: arn }));
  return JSON.parse(res.SecretString ?? '{}') as StripeSecrets;
}

export interface StripeSettings {
  payments: PaymentProvider;
  webhookSecret: () => Promise<string>;
  donationLinkSecret: () => Promise<string>;
}

export function stripeFromEnvironment(env: NodeJS.ProcessEnv): StripeSettings {
  const inAws = env.APP_ENV === 'aws';
  let loaded: Promise<StripeSecrets> | undefined;
  const secrets = () =>
    (loaded ??= (async () => {
      const fromEnv: StripeSecrets = { secretKey: env.STRIPE_SECRET_KEY, webhookSecret: env.STRIPE_WEBHOOK_SECRET, donationLinkSecret: env.DONATION_LINK_SECRET };
      if (isRealKey(fromEnv.secretKey) && fromEnv.webhookSecret) return fromEnv;
      if (!env.STRIPE_SECRET_ARN) return fromEnv;
      const sm = await fromSecretsManager(env.STRIPE_SECRET_ARN);
      return { secretKey: fromEnv.secretKey ?? sm.secretKey, webhookSecret: fromEnv.webhookSecret ?? sm.webhookSecret, donationLinkSecret: fromEnv.donationLinkSecret ?? sm.donationLinkSecret };
    })().catch((e) => {
      loaded = undefined; // try again on the next request
      throw e;
    }));

  let provider: Promise<PaymentProvider> | undefined;
  const payments = () =>
    (provider ??= secrets().then((s) => (isRealKey(s.secretKey) ? createStripePayments({ secretKey: s.secretKey }) : unconfiguredPayments)));
  const randomFallback = randomBytes(32).toString('hex');

  return {
    payments: {
      kind: 'stripe',
      createCheckout: async (req: CheckoutRequest): Promise<Checkout> => (await payments()).createCheckout(req),
      refund: async (req: RefundRequest) => (await payments()).refund(req),
    },
    webhookSecret: async () => {
      const s = await secrets();
      if (s.webhookSecret && !/replace_me/.test(s.webhookSecret)) return s.webhookSecret;
      if (inAws) throw new Error('the Stripe webhook secret is not configured');
      return LOCAL_WEBHOOK_SECRET;
    },
    donationLinkSecret: async () => {
      const s = await secrets();
      if (s.donationLinkSecret) return s.donationLinkSecret;
      // A secret derived from the real Stripe key is as private as the key itself.
      if (isRealKey(s.secretKey)) return createHash('sha256').update(`kyoso-donation-links|${s.secretKey}`).digest('hex');
      if (!inAws) return LOCAL_DONATION_LINK_SECRET;
      // Nothing private to derive from: links still work, but only on this instance. Configure a secret.
      console.warn(JSON.stringify({ level: 'warn', msg: 'DONATION_LINK_SECRET is not configured; guest donation links are per-instance' }));
      return randomFallback;
    },
  };
}
