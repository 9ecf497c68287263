import type { Db } from '../services/context.js';
import type { Verifier } from './auth.js';
import type { Actor } from '../domain/actor.js';
import type { Lang } from '../i18n/index.js';
import type { PaymentProvider } from '../payments/port.js';
import type { HostedSignIn } from './hosted-ui.js';

/** A secret given as is (local) or fetched once on first use (Secrets Manager in AWS). */
export type SecretSource = string | (() => Promise<string>);

/** Everything the app needs from outside; Lambda and the local runtime each build one. */
export interface AppDeps {
  db: Db;
  verifier: Verifier;
  /** Where the app is served from, for links in emails and checkout return URLs. */
  baseUrl: string;
  /** Stripe, or the checkout emulator locally; unset means payments are unavailable (see api/donation-deps.ts). */
  payments?: PaymentProvider;
  /** Verifies Stripe-Signature on the webhook; unset outside AWS means the local default. */
  stripeWebhookSecret?: SecretSource;
  /** Signs guests' donation links (thank-you page, receipt); unset outside AWS means the local default. */
  donationLinkSecret?: SecretSource;
  /** Cognito's hosted UI (AWS); unset means /auth/sign-in hands over to the dev identity provider (local). */
  signIn?: HostedSignIn;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    requestId: string;
    principal?: Actor;
    lang: Lang;
  };
}
