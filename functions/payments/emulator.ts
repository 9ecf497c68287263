/**
 * The offline checkout emulator, used when no Stripe key is configured (DESIGN.md "Local"). It plays
 * Stripe's part: a checkout URL the donor opens (a local page, infra/local/dev-checkout.tsx), and
 * Stripe-shaped events signed with the webhook secret and delivered to the same webhook route that real
 * Stripe calls. Nothing in the donation flow knows whether it talks to Stripe or to this.
 *
 * Sessions live in the table (through the SessionStore port, given by infra/local/platform.ts) so a pending konbini payment survives a
 * restart of `npm start`; each step is a conditional move of the session's state, so clicking twice sends
 * one event.
 */
import { createHash, randomBytes } from 'node:crypto';
import { canonicalJson } from '../domain/audit.js';
import { DomainError } from '../domain/errors.js';
import { checkoutIdempotencyKey, IdempotencyMismatchError, PaymentProviderError, type CheckoutRequest, type EmulatedSession, type EmulatedState, type PaymentProvider, type SessionStore } from './port.js';
import { signPayload, type StripeEvent } from './stripe-events.js';

export type { EmulatedSession, EmulatedState, SessionStore } from './port.js';

export type Deliver = (payload: string, signature: string) => Promise<{ status: number; body: string }>;

export interface Delivery {
  event: StripeEvent;
  status: number;
  body: string;
}

export type EmulatorAction = 'card' | 'konbini' | 'konbini_paid' | 'konbini_failed' | 'expire';

/** A step the session's state does not allow (paying twice, paying an expired session). */
export class EmulatorStateError extends DomainError {
  override name = 'EmulatorStateError';
  constructor(message: string) {
    super('conflict', 'session_state', message);
  }
}

const MOVES: Record<EmulatorAction, { from: EmulatedState[]; to: EmulatedState; type: string }> = {
  card: { from: ['open'], to: 'paid', type: 'checkout.session.completed' },
  konbini: { from: ['open'], to: 'awaiting_konbini', type: 'checkout.session.completed' },
  konbini_paid: { from: ['awaiting_konbini'], to: 'konbini_paid', type: 'checkout.session.async_payment_succeeded' },
  konbini_failed: { from: ['awaiting_konbini'], to: 'konbini_failed', type: 'checkout.session.async_payment_failed' },
  expire: { from: ['open'], to: 'expired', type: 'checkout.session.expired' },
};

export interface CheckoutEmulator extends PaymentProvider {
  readonly kind: 'emulator';
  /** Where the app is mounted, so events go to its webhook route in-process. */
  connect(deliver: Deliver): void;
  session(id: string): Promise<EmulatedSession | undefined>;
  /** One step a donor takes on the emulator page; sends the matching event and returns the webhook's answer. */
  act(sessionId: string, action: EmulatorAction): Promise<Delivery>;
  /** Every event sent so far (newest last), for tests that replay or reorder them. */
  readonly sent: Delivery[];
  readonly webhookSecret: string;
}

const rid = (prefix: string) => `${prefix}_emu_${randomBytes(12).toString('hex')}`;

export function createCheckoutEmulator(opts: { store: SessionStore; baseUrl: string; webhookSecret: string; now?: () => Date }): CheckoutEmulator {
  let deliver: Deliver | undefined;
  const sent: Delivery[] = [];
  const now = () => (opts.now ? opts.now() : new Date());

  async function send(type: string, object: Record<string, unknown>): Promise<Delivery> {
    if (!deliver) throw new PaymentProviderError('the checkout emulator is not connected to the app');
    const event: StripeEvent & Record<string, unknown> = {
      id: rid('evt'),
      object: 'event',
      api_version: '2025-01-01',
      type,
      created: Math.floor(now().getTime() / 1000),
      livemode: false,
      data: { object },
    };
    const payload = JSON.stringify(event);
    // Signed at the real time: the webhook checks the timestamp against its own clock.
    const res = await deliver(payload, await signPayload(payload, opts.webhookSecret));
    const delivery = { event, ...res };
    sent.push(delivery);
    return delivery;
  }

  return {
    kind: 'emulator',
    sent,
    webhookSecret: opts.webhookSecret,
    connect(d) {
      deliver = d;
    },
    session: (id) => opts.store.get(id),

    async createCheckout(req: CheckoutRequest) {
      const idempotencyKey = checkoutIdempotencyKey(req.donationId);
      const paramsHash = createHash('sha256').update(canonicalJson(req)).digest('hex');
      const id = rid('cs');
      const stored = await opts.store.claim({
        id,
        idempotencyKey,
        paramsHash,
        donationId: req.donationId,
        amount: req.amount,
        description: req.description,
        email: req.email,
        lang: req.lang,
        successUrl: req.successUrl,
        cancelUrl: req.cancelUrl,
        state: 'open',
        paymentIntentId: rid('pi'),
        createdAt: now().toISOString(),
      });
      // Stripe answers a reused key with other parameters with an error; so do we.
      if (stored.paramsHash !== paramsHash) throw new IdempotencyMismatchError(`idempotency key ${idempotencyKey} was used with other parameters`);
      return { sessionId: stored.id, url: `${opts.baseUrl}/dev/checkout/${stored.id}` };
    },

    async act(sessionId, action) {
      const move = MOVES[action];
      const session = await opts.store.get(sessionId);
      if (!session) throw new EmulatorStateError(`no checkout session ${sessionId}`);
      if (!(await opts.store.move(sessionId, move.from, move.to))) {
        throw new EmulatorStateError(`cannot ${action}: the session is ${(await opts.store.get(sessionId))?.state ?? session.state}`);
      }
      return send(move.type, sessionObject({ ...session, state: move.to }));
    },

    async refund(req) {
      const session = await opts.store.get(req.checkoutSessionId);
      if (!session || (session.state !== 'paid' && session.state !== 'konbini_paid')) throw new PaymentProviderError(`nothing was paid in session ${req.checkoutSessionId}`);
      // A repeated refund is a no-op, as with Stripe's idempotency key.
      if (!(await opts.store.markRefunded(session.id))) return;
      const charge = {
        id: rid('ch'),
        object: 'charge',
        amount: session.amount,
        amount_refunded: session.amount,
        currency: 'jpy',
        refunded: true,
        paid: true,
        payment_intent: session.paymentIntentId,
        metadata: { donationId: session.donationId },
      };
      await send('charge.refunded', charge);
    },
  };
}

/** A Checkout Session object as Stripe sends it in events (the fields the platform reads, and a few more). */
export function sessionObject(s: Pick<EmulatedSession, 'id' | 'donationId' | 'amount' | 'email' | 'successUrl' | 'cancelUrl' | 'state' | 'paymentIntentId'>): Record<string, unknown> {
  const paid = s.state === 'paid' || s.state === 'konbini_paid';
  return {
    id: s.id,
    object: 'checkout.session',
    mode: 'payment',
    currency: 'jpy',
    amount_total: s.amount,
    amount_subtotal: s.amount,
    client_reference_id: s.donationId,
    customer_email: s.email,
    metadata: { donationId: s.donationId },
    payment_method_types: ['card', 'konbini'],
    payment_intent: s.state === 'open' || s.state === 'expired' ? null : s.paymentIntentId,
    payment_status: paid ? 'paid' : 'unpaid',
    status: s.state === 'expired' ? 'expired' : s.state === 'open' ? 'open' : 'complete',
    success_url: s.successUrl,
    cancel_url: s.cancelUrl,
    livemode: false,
  };
}
