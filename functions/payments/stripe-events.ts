/**
 * Stripe webhook events: verifying their signature on the exact raw body (Stripe's own code, with its
 * 300 s tolerance against replays), signing the emulator's events the same way, and reading from an
 * event only what the donation flow needs. Stripe is imported lazily, like the adapter.
 */
import type { PaymentMethod, PaymentSignal } from '../domain/donations.js';
import { DomainError } from '../domain/errors.js';

/** The local default; real deployments use the endpoint secret from the Stripe dashboard. */
export const LOCAL_WEBHOOK_SECRET = 'whsec_kyoso_local_dev';
export const SIGNATURE_TOLERANCE_S = 300;

export interface StripeEvent {
  id: string;
  type: string;
  /** Unix seconds: when Stripe created the event (the moment the payment happened, for ours). */
  created: number;
  data: { object: Record<string, unknown> };
}

/** A webhook whose Stripe-Signature does not verify (forged, stale, or for another secret): refused, nothing changes. */
export class SignatureError extends DomainError {
  override name = 'SignatureError';
  constructor(reason: string) {
    super('invalid', 'bad_signature', `webhook signature verification failed: ${reason}`, { key: 'donation.bad_signature', params: { reason } });
  }
}

async function webhooks() {
  const { default: Stripe } = await import('stripe');
  return Stripe.webhooks;
}

export async function verifyStripeEvent(rawBody: string, signatureHeader: string | undefined, secret: string, nowMs?: number): Promise<StripeEvent> {
  if (!signatureHeader) throw new SignatureError('missing Stripe-Signature header');
  const w = await webhooks();
  let event: unknown;
  try {
    const receivedAt = nowMs === undefined ? undefined : Math.floor(nowMs / 1000);
    event = await w.constructEventAsync(rawBody, signatureHeader, secret, SIGNATURE_TOLERANCE_S, undefined, receivedAt);
  } catch (e) {
    throw new SignatureError((e as Error).message);
  }
  return checkEnvelope(event);
}

/** Event times outside this range (Unix seconds, 2010 to 2100) are not Stripe's: a string, 1e20, a fraction. */
const CREATED_MIN_S = 1_262_304_000;
const CREATED_MAX_S = 4_102_444_800;

/**
 * A signed event still has to be an event: an `id` (the key under which it is recorded once applied, so
 * two events without one would share a record) and a `created` time in whole seconds that dates the
 * payment. Anything else is a 400 and changes nothing.
 * @example checkEnvelope(JSON.parse(raw)) // the event, or a DomainError (bad_event)
 */
export function checkEnvelope(event: unknown): StripeEvent {
  const e = (event ?? {}) as Partial<Record<keyof StripeEvent, unknown>>;
  if (typeof e.id !== 'string' || !e.id.trim() || e.id.length > 255) {
    throw new DomainError('invalid', 'bad_event', 'the event has no id', { key: 'donation.event_without_id' });
  }
  const created = e.created;
  if (typeof created !== 'number' || !Number.isInteger(created) || created < CREATED_MIN_S || created > CREATED_MAX_S) {
    throw new DomainError('invalid', 'bad_event', `the event created time ${JSON.stringify(created) ?? 'undefined'} is not a Unix time in seconds`, {
      key: 'donation.event_bad_created',
      params: { created: String(JSON.stringify(created) ?? 'undefined').slice(0, 40) },
    });
  }
  return event as StripeEvent;
}

export async function signPayload(payload: string, secret: string, timestampS?: number): Promise<string> {
  return (await webhooks()).generateTestHeaderString({ payload, secret, timestamp: timestampS });
}

/** What an event says about a donation, or why it says nothing we act on. */
export type ReadEvent =
  | {
      kind: 'signal';
      signal: PaymentSignal;
      donationId?: string;
      paymentIntentId?: string;
      sessionId?: string;
      method?: PaymentMethod;
      /**
       * Amount and currency as Stripe reports them, checked against the donation before anything changes:
       * a checkout session's `amount_total`, a refunded charge's `amount_refunded` (what has been refunded
       * of it so far). Undefined when the event carries no whole number there.
       */
      amount?: number;
      /** The field the amount was read from, for the refusal's sentence. */
      amountField?: 'amount_total' | 'amount_refunded';
      currency?: string;
      at: Date;
    }
  | { kind: 'ignored'; reason: string };

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
const idOf = (v: unknown) => str(v) ?? str((v as { id?: unknown } | null)?.id);
const yen = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) ? v : undefined);

export function readEvent(event: StripeEvent): ReadEvent {
  const obj = event.data?.object ?? {};
  const at = new Date(event.created * 1000);
  const metadata = (obj.metadata ?? {}) as Record<string, unknown>;
  const donationId = str(metadata.donationId) ?? str(obj.client_reference_id);
  const session = () => ({
    donationId,
    sessionId: str(obj.id),
    paymentIntentId: idOf(obj.payment_intent),
    amount: yen(obj.amount_total),
    amountField: 'amount_total' as const,
    currency: str(obj.currency),
    at,
  });
  switch (event.type) {
    case 'checkout.session.completed':
      // Card money is there at completion; konbini completes with a slip and pays later (async_* events).
      if (obj.payment_status === 'paid') return { kind: 'signal', signal: 'paid', method: 'card', ...session() };
      if (obj.payment_status === 'unpaid') return { kind: 'signal', signal: 'awaiting_payment', method: 'konbini', ...session() };
      return { kind: 'ignored', reason: `checkout completed with payment_status ${String(obj.payment_status)}` };
    case 'checkout.session.async_payment_succeeded':
      return { kind: 'signal', signal: 'paid', method: 'konbini', ...session() };
    case 'checkout.session.async_payment_failed':
      return { kind: 'signal', signal: 'failed', ...session() };
    case 'checkout.session.expired':
      return { kind: 'signal', signal: 'expired', ...session() };
    case 'charge.refunded':
      // The amount refunded so far; the service checks it against what remains refundable (a donation is
      // refunded in full or not at all), so a partial refund is refused rather than silently ignored.
      return {
        kind: 'signal',
        signal: 'refunded',
        donationId: str(metadata.donationId),
        paymentIntentId: idOf(obj.payment_intent),
        amount: yen(obj.amount_refunded),
        amountField: 'amount_refunded',
        currency: str(obj.currency),
        at,
      };
    default:
      return { kind: 'ignored', reason: `unhandled event type ${event.type}` };
  }
}
