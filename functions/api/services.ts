/**
 * Builds the ServiceContext a route hands to a service: the app's deps plus this request's id. Secrets that
 * are unset fall back to the local defaults outside AWS only; in AWS an unset secret is a fault, not a default.
 */
import type { Context } from 'hono';
import { LOCAL_DONATION_LINK_SECRET } from '../payments/config.js';
import { LOCAL_WEBHOOK_SECRET } from '../payments/stripe-events.js';
import { unconfiguredPayments } from '../payments/port.js';
import { dbNow, type ServiceContext } from '../services/context.js';
import type { AppDeps, AppEnv, SecretSource } from './context.js';

const inAws = () => process.env.APP_ENV === 'aws';

async function resolve(source: SecretSource | undefined, localDefault: string, what: string): Promise<string> {
  if (typeof source === 'string') return source;
  if (source) return source();
  if (inAws()) throw new Error(`${what} is not configured`);
  return localDefault;
}

/**
 * @example const ctx = serviceContext(deps, 'req-1'); await createDonation(ctx, actor, input)
 */
export function serviceContext(deps: AppDeps, requestId?: string): ServiceContext {
  return {
    db: deps.db,
    now: () => dbNow(deps.db),
    baseUrl: deps.baseUrl,
    payments: deps.payments ?? unconfiguredPayments,
    secrets: {
      donationLink: () => resolve(deps.donationLinkSecret, LOCAL_DONATION_LINK_SECRET, 'the donation link secret'),
      stripeWebhook: () => resolve(deps.stripeWebhookSecret, LOCAL_WEBHOOK_SECRET, 'the Stripe webhook secret'),
    },
    requestId,
  };
}

/** The service context of the request being handled. */
export const servicesOf = (c: Context<AppEnv>): ServiceContext => serviceContext(c.var.deps, c.get('requestId'));
