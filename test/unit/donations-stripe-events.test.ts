import { describe, expect, it } from 'vitest';
import { sessionObject } from '../../functions/payments/emulator.js';
import { DomainError } from '../../functions/domain/errors.js';
import { checkEnvelope, readEvent, SignatureError, signPayload, verifyStripeEvent, type StripeEvent } from '../../functions/payments/stripe-events.js';

const SECRET = 'whsec_test_secret';
const session = (state: Parameters<typeof sessionObject>[0]['state']) =>
  sessionObject({ id: 'cs_1', donationId: 'don_1', amount: 5000, email: 'a@example.jp', successUrl: 'http://x/s', cancelUrl: 'http://x/c', state, paymentIntentId: 'pi_1' });
const ev = (type: string, object: Record<string, unknown>): StripeEvent => ({ id: 'evt_1', type, created: Date.parse('2026-12-31T15:30:00Z') / 1000, data: { object } });

describe('reading Stripe events', () => {
  it('completed+paid is a card payment; completed+unpaid is a konbini slip; async events settle it', () => {
    expect(readEvent(ev('checkout.session.completed', session('paid')))).toMatchObject({ kind: 'signal', signal: 'paid', method: 'card', donationId: 'don_1', paymentIntentId: 'pi_1', amount: 5000, currency: 'jpy' });
    expect(readEvent(ev('checkout.session.completed', session('awaiting_konbini')))).toMatchObject({ kind: 'signal', signal: 'awaiting_payment', method: 'konbini' });
    expect(readEvent(ev('checkout.session.async_payment_succeeded', session('konbini_paid')))).toMatchObject({ signal: 'paid', method: 'konbini' });
    expect(readEvent(ev('checkout.session.async_payment_failed', session('konbini_failed')))).toMatchObject({ signal: 'failed' });
    expect(readEvent(ev('checkout.session.expired', session('expired')))).toMatchObject({ signal: 'expired', donationId: 'don_1' });
  });

  it('the payment moment is the event time (15:30 UTC on 31 Dec is 1 Jan in JST: the next tax year)', () => {
    const r = readEvent(ev('checkout.session.completed', session('paid')));
    expect(r.kind === 'signal' && r.at.toISOString()).toBe('2026-12-31T15:30:00.000Z');
  });

  it('charge.refunded: found by metadata or payment intent, carrying the amount refunded so far (full or partial, checked by the service)', () => {
    expect(readEvent(ev('charge.refunded', { object: 'charge', refunded: true, amount: 5000, amount_refunded: 5000, currency: 'jpy', payment_intent: 'pi_1', metadata: {} }))).toMatchObject({
      signal: 'refunded',
      paymentIntentId: 'pi_1',
      donationId: undefined,
      amount: 5000,
      amountField: 'amount_refunded',
      currency: 'jpy',
    });
    expect(readEvent(ev('charge.refunded', { object: 'charge', refunded: false, amount: 5000, amount_refunded: 100, payment_intent: 'pi_1' }))).toMatchObject({ signal: 'refunded', amount: 100 });
    // The charge's own amount is not what was refunded.
    expect(readEvent(ev('charge.refunded', { object: 'charge', refunded: true, amount: 5000, payment_intent: 'pi_1' }))).toMatchObject({ signal: 'refunded', amount: undefined });
  });

  it('an amount that is not a whole number is no amount', () => {
    for (const amount_total of [null, '5000', 5000.5, Number.NaN, 1e300]) {
      expect(readEvent(ev('checkout.session.completed', { ...session('paid'), amount_total }))).toMatchObject({ signal: 'paid', amount: undefined });
    }
    const { amount_total: _, ...without } = session('paid');
    expect(readEvent(ev('checkout.session.completed', without))).toMatchObject({ signal: 'paid', amount: undefined });
  });

  it('anything else is acknowledged and ignored', () => {
    expect(readEvent(ev('customer.created', {}))).toMatchObject({ kind: 'ignored' });
    expect(readEvent(ev('checkout.session.completed', { ...session('paid'), payment_status: 'no_payment_required' }))).toMatchObject({ kind: 'ignored' });
  });
});

describe('the event envelope', () => {
  const good = ev('checkout.session.completed', session('paid'));
  const code = (e: unknown) => {
    try {
      checkEnvelope(e);
      return 'accepted';
    } catch (err) {
      return err instanceof DomainError ? `${err.kind}:${err.code}:${err.key}` : 'crashed';
    }
  };

  it('accepts an event with an id and a created time in whole seconds', () => {
    expect(checkEnvelope(good)).toBe(good);
  });

  it('refuses an event without an id, or with an empty or non-string one', () => {
    const { id: _, ...noId } = good;
    for (const e of [noId, { ...good, id: '' }, { ...good, id: 42 }, { ...good, id: null }]) expect(code(e)).toBe('invalid:bad_event:donation.event_without_id');
  });

  it('refuses a created time that is missing, a string, a fraction or absurd', () => {
    const { created: _, ...noCreated } = good;
    for (const e of [noCreated, { ...good, created: '1767195000' }, { ...good, created: 1e20 }, { ...good, created: 1767195000.5 }, { ...good, created: -1 }, { ...good, created: null }]) {
      expect(code(e)).toBe('invalid:bad_event:donation.event_bad_created');
    }
  });
});

describe('Stripe-Signature', () => {
  const payload = JSON.stringify(ev('checkout.session.completed', session('paid')));

  it('accepts the exact body signed with the secret', async () => {
    const sig = await signPayload(payload, SECRET);
    expect((await verifyStripeEvent(payload, sig, SECRET)).id).toBe('evt_1');
  });

  it('refuses another secret, a changed body, a missing header and a stale timestamp (> 300 s)', async () => {
    const sig = await signPayload(payload, SECRET);
    await expect(verifyStripeEvent(payload, sig, 'whsec_other')).rejects.toBeInstanceOf(SignatureError);
    await expect(verifyStripeEvent(payload.replace('5000', '50000'), sig, SECRET)).rejects.toBeInstanceOf(SignatureError);
    await expect(verifyStripeEvent(payload, undefined, SECRET)).rejects.toBeInstanceOf(SignatureError);
    const stale = await signPayload(payload, SECRET, Math.floor(Date.now() / 1000) - 301);
    await expect(verifyStripeEvent(payload, stale, SECRET)).rejects.toThrow(/tolerance/);
    const fresh = await signPayload(payload, SECRET, Math.floor(Date.now() / 1000) - 290);
    expect((await verifyStripeEvent(payload, fresh, SECRET)).id).toBe('evt_1');
  });
});
