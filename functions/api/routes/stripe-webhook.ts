import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../router.js';
import { errorResponses, json } from '../schemas/common.js';
import { servicesOf } from '../services.js';
import { receiveStripeWebhook } from '../../services/donation-payments.js';

export const stripeWebhookRoutes = createRouter();

/**
 * Stripe (or the local checkout emulator) calls this. The signature is checked on the exact raw body, so
 * no JSON validator sits on this route. A bad or stale signature is a 400 and changes nothing; events we
 * do not handle get a 2xx so Stripe stops retrying them.
 */
stripeWebhookRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/stripe/webhook',
    tags: ['payments'],
    summary: 'Stripe webhook: checkout.session.completed / async_payment_succeeded / async_payment_failed / expired, charge.refunded',
    description: 'Body: a Stripe event, verified with the Stripe-Signature header (tolerance 300 s).',
    responses: {
      200: json(z.object({ received: z.literal(true), outcome: z.string() }), 'applied, or nothing to do'),
      400: errorResponses[400],
      409: errorResponses[409],
      422: errorResponses[422],
    },
  }),
  async (c) => {
    const { outcome } = await receiveStripeWebhook(servicesOf(c), { raw: await c.req.text(), signature: c.req.header('stripe-signature') });
    return c.json({ received: true as const, outcome }, 200);
  },
);
