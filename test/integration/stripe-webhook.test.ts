/**
 * The money path end to end on DynamoDB Local: checkout on the emulator, signed webhooks, the donation's
 * state machine and the ledger. Duplicates, reordering, forged and stale signatures, konbini, expiry and
 * refunds all end with exactly the money that really moved.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { paidEntryId } from '../../functions/domain/donations.js';
import { sessionObject } from '../../functions/payments/emulator.js';
import { signPayload } from '../../functions/payments/stripe-events.js';
import { getDonation } from '../../functions/store/donations.js';
import { getEntry, verifyLedger } from '../../functions/store/ledger.js';
import { listMail } from '../../functions/store/outbox.js';
import { testPlatform } from '../support/platform.js';
import { body, deliver, deliverEvent, donate, emulate, paidDonation, sessionOf, snapshot, type Platform } from './donations-helpers.js';

let p: Platform;
beforeAll(async () => {
  p = await testPlatform();
});

const challengeTotals = async (id = 'yokoze-bandai-dx') => {
  const r = await p.api('GET', `/api/challenges/${id}`);
  return { raised: r.json.raised as number, donorCount: r.json.donorCount as number };
};

/** A Stripe-shaped event for a donation's session, as Stripe would send it. */
async function eventFor(donationId: string, checkoutUrl: string, type: string, state: Parameters<typeof sessionObject>[0]['state'], id = `evt_test_${Math.random().toString(36).slice(2)}`) {
  const d = (await getDonation(p.db, donationId))!;
  const object = sessionObject({ id: sessionOf(checkoutUrl), donationId, amount: d.amount, email: d.donor.email, successUrl: 'x', cancelUrl: 'y', state, paymentIntentId: `pi_${donationId}` });
  return { id, object: 'event', type, created: Math.floor(Date.now() / 1000), data: { object } };
}

describe('card payment through the emulator and the signed webhook', () => {
  it('marks the donation paid, posts one entry, raises the challenge, numbers the receipt and mails the donor', async () => {
    const before = await challengeTotals();
    const d = await donate(p, body({ amount: 12_000 }, { email: 'e2e@example.jp' }));
    expect(d.status).toBe('pending');
    expect(d.checkoutUrl).toMatch(/\/dev\/checkout\/cs_emu_\w+$/);

    const res = await emulate(p, d.checkoutUrl, 'card');
    expect(res.event).toMatchObject({ type: 'checkout.session.completed', data: { object: { payment_status: 'paid', metadata: { donationId: d.donationId } } } });
    expect(res.webhook).toEqual({ status: 200, body: { received: true, outcome: 'paid' } });

    const g = await p.api('GET', `/api/donations/${d.donationId}`, { user: 'admin' });
    expect(g.status).toBe(200);
    expect(g.json).toMatchObject({ id: d.donationId, status: 'paid', amount: 12_000, receivingTown: '113611', paymentMethod: 'card' });
    expect(g.json.receiptNumber).toMatch(/^\d{4}-113611-\d{6}$/);

    expect(await challengeTotals()).toEqual({ raised: before.raised + 12_000, donorCount: before.donorCount + 1 });
    const entry = await getEntry(p.db, paidEntryId(d.donationId));
    expect(entry).toMatchObject({ channel: 'individual', town: '113611', counterpart: '共創 太郎', date: g.json.paidDate });
    expect(entry!.postings).toEqual([
      { account: 'town:113611:clearing', amount: 12_000 },
      { account: 'challenge:yokoze-bandai-dx:available', amount: -12_000 },
    ]);

    const mail = await listMail(p.db, { to: 'e2e@example.jp' });
    expect(mail.map((m) => m.kind)).toEqual(['donation.paid']);
    expect(mail[0]!.text).toContain(`/api/donations/${d.donationId}/receipt?t=`);

    // The receipt: number, donor name and address, issuing town name, address and head, dates in 和暦 and 西暦, amount, purpose.
    const r = await p.api('GET', `/api/donations/${d.donationId}/receipt`, { user: 'treasurer-yokoze' });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/html/);
    const [y, m, day] = (g.json.paidDate as string).split('-').map(Number);
    for (const text of [g.json.receiptNumber, '寄附金受領証明書', '共創 太郎', '〒368-0072', '埼玉県秩父郡横瀬町大字横瀬4545', '横瀬町', '横瀬町長', '12,000', '横瀬×磐梯 スマート観光DX', `令和${y! - 2018}年${m}月${day}日`, `${y}年${m}月${day}日`, 'ふるさと納税', '寄附金控除']) {
      expect(r.text).toContain(text);
    }
    expect(r.text).not.toContain('void-stamp');
    // Its stylesheet prints one A4 page.
    const css = await p.api('GET', /href="(\/assets\/donations\.css[^"]*)"/.exec(r.text)![1]!);
    expect(css.status).toBe(200);
    expect(css.text).toContain('@page{size:A4;margin:0}');
  });

  it('the same checkout.session.completed delivered 5 times concurrently posts one entry', async () => {
    const d = await donate(p, body({ amount: 3_000 }));
    const before = await challengeTotals();
    const entriesBefore = (await verifyLedger(p.db)).entries;
    const event = await eventFor(d.donationId, d.checkoutUrl, 'checkout.session.completed', 'paid');
    const results = await Promise.all(Array.from({ length: 5 }, () => deliverEvent(p, event)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    // Five distinct events for the same payment (e.g. completed and a redelivery under a new id) change nothing more.
    const others = await Promise.all(Array.from({ length: 5 }, async (_, i) => deliverEvent(p, await eventFor(d.donationId, d.checkoutUrl, 'checkout.session.completed', 'paid', `evt_other_${i}`))));
    expect(others.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await challengeTotals()).toEqual({ raised: before.raised + 3_000, donorCount: before.donorCount + 1 });
    const report = await verifyLedger(p.db);
    expect(report.entries).toBe(entriesBefore + 1);
    expect(report.ok).toBe(true);
    const g = await p.api('GET', `/api/donations/${d.donationId}`, { user: 'admin' });
    expect(g.json.status).toBe('paid');
    expect(g.json.receiptNumber).toMatch(/-\d{6}$/);
  });

  it('events in reverse order end the same: konbini succeeded before its completion; expiry after payment', async () => {
    const before = await challengeTotals();
    const k = await donate(p, body({ amount: 4_000 }));
    const completed = await eventFor(k.donationId, k.checkoutUrl, 'checkout.session.completed', 'awaiting_konbini');
    const succeeded = await eventFor(k.donationId, k.checkoutUrl, 'checkout.session.async_payment_succeeded', 'konbini_paid');
    expect((await deliverEvent(p, succeeded)).json.outcome).toBe('paid');
    expect((await deliverEvent(p, completed)).json.outcome).toMatch(/^ignored/);
    const kd = await p.api('GET', `/api/donations/${k.donationId}`, { user: 'admin' });
    expect(kd.json).toMatchObject({ status: 'paid', paymentMethod: 'konbini' });

    const c = await donate(p, body({ amount: 5_000 }));
    await deliverEvent(p, await eventFor(c.donationId, c.checkoutUrl, 'checkout.session.completed', 'paid'));
    expect((await deliverEvent(p, await eventFor(c.donationId, c.checkoutUrl, 'checkout.session.expired', 'expired'))).json.outcome).toMatch(/^ignored/);
    expect((await deliverEvent(p, await eventFor(c.donationId, c.checkoutUrl, 'checkout.session.async_payment_failed', 'konbini_failed'))).json.outcome).toMatch(/^ignored/);
    expect((await p.api('GET', `/api/donations/${c.donationId}`, { user: 'admin' })).json.status).toBe('paid');

    // Expired first, then the payment after all: money that arrived is never ignored.
    const e = await donate(p, body({ amount: 6_000 }));
    await deliverEvent(p, await eventFor(e.donationId, e.checkoutUrl, 'checkout.session.expired', 'expired'));
    await deliverEvent(p, await eventFor(e.donationId, e.checkoutUrl, 'checkout.session.completed', 'paid'));
    expect((await p.api('GET', `/api/donations/${e.donationId}`, { user: 'admin' })).json.status).toBe('paid');

    expect(await challengeTotals()).toEqual({ raised: before.raised + 15_000, donorCount: before.donorCount + 3 });
    for (const id of [k.donationId, c.donationId, e.donationId]) expect(await getEntry(p.db, paidEntryId(id))).toBeDefined();
    expect((await verifyLedger(p.db)).ok).toBe(true);
  });

  it('a refund that arrives before its payment is refused for a retry (409) and changes nothing; after the payment it applies', async () => {
    const d = await donate(p, body({ amount: 2_000 }));
    const refunded = { id: 'evt_refund_early', object: 'event', type: 'charge.refunded', created: Math.floor(Date.now() / 1000), data: { object: { object: 'charge', refunded: true, amount: 2_000, amount_refunded: 2_000, currency: 'jpy', payment_intent: `pi_${d.donationId}`, metadata: { donationId: d.donationId } } } };
    const snap = await snapshot(p.db);
    const early = await deliverEvent(p, refunded);
    expect(early.status).toBe(409);
    expect(early.json.error.code).toBe('out_of_order');
    expect(await snapshot(p.db)).toEqual(snap);
    await deliverEvent(p, await eventFor(d.donationId, d.checkoutUrl, 'checkout.session.completed', 'paid'));
    expect((await deliverEvent(p, refunded)).json.outcome).toBe('refunded');
    expect((await p.api('GET', `/api/donations/${d.donationId}`, { user: 'admin' })).json.status).toBe('refunded');
    expect(await getEntry(p.db, `${paidEntryId(d.donationId)}:reversal`)).toBeDefined();
  });
});

describe('signatures', () => {
  it('a forged signature, a missing one, or a stale one (> 300 s) gets 400 and changes nothing', async () => {
    const d = await donate(p, body({ amount: 7_000 }));
    const event = await eventFor(d.donationId, d.checkoutUrl, 'checkout.session.completed', 'paid');
    const payload = JSON.stringify(event);
    const snap = await snapshot(p.db);
    const forged = await deliver(p, payload, await signPayload(payload, 'whsec_attacker'));
    expect(forged.status).toBe(400);
    expect(forged.json.error.code).toBe('bad_signature');
    const tampered = await deliver(p, payload.replace('"amount_total":7000', '"amount_total":70'), await signPayload(payload, 'whsec_kyoso_local_dev'));
    expect(tampered.status).toBe(400);
    expect((await deliver(p, payload)).status).toBe(400);
    expect((await deliver(p, payload, 't=1,v1=deadbeef')).status).toBe(400);
    const stale = await deliverEvent(p, event, { timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect(stale.status).toBe(400);
    expect(stale.json.error.message).toMatch(/tolerance/);
    expect(await snapshot(p.db)).toEqual(snap);
    expect((await p.api('GET', `/api/donations/${d.donationId}`, { user: 'admin' })).json.status).toBe('pending');
  });

  it('events we do not handle get 200; so do events for no donation of ours', async () => {
    const other = await deliverEvent(p, { id: 'evt_x', object: 'event', type: 'customer.created', created: Math.floor(Date.now() / 1000), data: { object: { id: 'cus_1' } } });
    expect(other).toMatchObject({ status: 200, json: { received: true } });
    const foreign = await deliverEvent(p, { id: 'evt_y', object: 'event', type: 'checkout.session.completed', created: Math.floor(Date.now() / 1000), data: { object: { id: 'cs_x', payment_status: 'paid', metadata: { donationId: 'don_not_ours' } } } });
    expect(foreign).toMatchObject({ status: 200, json: { outcome: 'ignored: no such donation' } });
  });

  it('an amount that does not match the donation is never posted (422, retried by Stripe)', async () => {
    const d = await donate(p, body({ amount: 8_000 }));
    const event = await eventFor(d.donationId, d.checkoutUrl, 'checkout.session.completed', 'paid');
    (event.data.object as Record<string, unknown>).amount_total = 800;
    const snap = await snapshot(p.db);
    const r = await deliverEvent(p, event);
    expect(r.status).toBe(422);
    expect(r.json.error.code).toBe('amount_mismatch');
    expect(await snapshot(p.db)).toEqual(snap);
  });
});

describe('events that do not match the donation, or are not well-formed events, are refused and change nothing', () => {
  afterEach(() => vi.restoreAllMocks());

  type Event = Awaited<ReturnType<typeof eventFor>>;
  /** Delivers a signed event that must be refused: status and code as given, one JSON log line, the table unchanged. */
  async function refused(event: object, status: number, code: string) {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const snap = await snapshot(p.db);
    const r = await deliverEvent(p, event);
    expect(r.status, JSON.stringify(r.json)).toBe(status);
    expect(r.json.error.code).toBe(code);
    expect(r.json.error.message).toEqual(expect.any(String));
    expect(await snapshot(p.db)).toEqual(snap);
    const lines = warn.mock.calls.map((c) => JSON.parse(String(c[0])) as Record<string, unknown>).filter((l) => l.msg === 'stripe webhook refused');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'warn', code });
    warn.mockRestore();
    return r;
  }
  const withObject = (e: Event, change: (o: Record<string, unknown>) => void) => {
    const object = structuredClone(e.data.object) as Record<string, unknown>;
    change(object);
    return { ...e, id: `evt_bad_${Math.random().toString(36).slice(2)}`, data: { object } };
  };

  it('checkout: amount_total missing, null, a string or a fraction is a 400; another currency, none, or another session a 422; the right event still pays', async () => {
    const d = await donate(p, body({ amount: 8_000 }));
    const good = await eventFor(d.donationId, d.checkoutUrl, 'checkout.session.completed', 'paid');
    for (const amount of [undefined, null, '8000', 8000.5]) {
      await refused(withObject(good, (o) => (amount === undefined ? delete o.amount_total : (o.amount_total = amount))), 400, 'bad_event_amount');
    }
    await refused(withObject(good, (o) => (o.amount_total = 8_001)), 422, 'amount_mismatch');
    await refused(withObject(good, (o) => delete o.currency), 422, 'currency_mismatch');
    await refused(withObject(good, (o) => (o.currency = 'usd')), 422, 'currency_mismatch');
    await refused(withObject(good, (o) => (o.id = 'cs_someone_elses_session')), 422, 'session_mismatch');
    await refused(withObject(good, (o) => delete o.id), 422, 'session_mismatch');
    // Konbini and expiry events are held to the same: a foreign session cannot expire or fail a donation.
    await refused(withObject(await eventFor(d.donationId, d.checkoutUrl, 'checkout.session.expired', 'expired'), (o) => (o.id = 'cs_other')), 422, 'session_mismatch');
    await refused(withObject(await eventFor(d.donationId, d.checkoutUrl, 'checkout.session.completed', 'awaiting_konbini'), (o) => (o.amount_total = 1)), 422, 'amount_mismatch');
    expect((await getDonation(p.db, d.donationId))!.status).toBe('pending');
    expect(await getEntry(p.db, paidEntryId(d.donationId))).toBeUndefined();

    expect((await deliverEvent(p, good)).json.outcome).toBe('paid');
  });

  it('an event without an id, or with a created time missing, a string or 1e20, is a 400 (not a 500)', async () => {
    const d = await donate(p, body({ amount: 4_500 }));
    const good = await eventFor(d.donationId, d.checkoutUrl, 'checkout.session.completed', 'paid');
    const { id: _id, ...noId } = good;
    const r = await refused(noId, 400, 'bad_event');
    expect(r.json.error.message).toMatch(/id/);
    await refused({ ...good, id: '' }, 400, 'bad_event');
    const { created: _c, ...noCreated } = good;
    for (const e of [noCreated, { ...good, created: String(good.created) }, { ...good, created: 1e20 }, { ...good, created: good.created + 0.5 }]) await refused(e, 400, 'bad_event');
    expect((await getDonation(p.db, d.donationId))!.status).toBe('pending');
    expect((await deliverEvent(p, good)).json.outcome).toBe('paid');
  });

  it('charge.refunded must refund what remains refundable (the whole donation): ¥1, a partial refund, no amount_refunded or another currency are refused', async () => {
    const d = await paidDonation(p, body({ amount: 5_000 }));
    const charge = (over: Record<string, unknown>) => ({
      id: `evt_refund_${Math.random().toString(36).slice(2)}`,
      object: 'event',
      type: 'charge.refunded',
      created: Math.floor(Date.now() / 1000),
      data: { object: { object: 'charge', refunded: true, amount: 5_000, amount_refunded: 5_000, currency: 'jpy', payment_intent: d.event.data.object.payment_intent, metadata: { donationId: d.donationId }, ...over } },
    });
    await refused(charge({ amount_refunded: 1 }), 422, 'refund_amount_mismatch');
    await refused(charge({ refunded: false, amount_refunded: 1_000 }), 422, 'refund_amount_mismatch');
    await refused(charge({ amount_refunded: 50_000 }), 422, 'refund_amount_mismatch');
    await refused(charge({ amount_refunded: undefined }), 400, 'bad_event_amount');
    await refused(charge({ amount_refunded: '5000' }), 400, 'bad_event_amount');
    await refused(charge({ currency: 'usd' }), 422, 'currency_mismatch');
    // Found by payment intent alone, the check is the same.
    await refused(charge({ amount_refunded: 1, metadata: {} }), 422, 'refund_amount_mismatch');
    expect((await getDonation(p.db, d.donationId))!.status).toBe('paid');
    expect(await getEntry(p.db, `${paidEntryId(d.donationId)}:reversal`)).toBeUndefined();

    expect((await deliverEvent(p, charge({}))).json.outcome).toBe('refunded');
    expect(await getEntry(p.db, `${paidEntryId(d.donationId)}:reversal`)).toBeDefined();
    expect((await verifyLedger(p.db)).ok).toBe(true);
  });
});

describe('konbini and expiry', () => {
  it('konbini: pending after checkout, paid only on async_payment_succeeded', async () => {
    const before = await challengeTotals();
    const d = await donate(p, body({ amount: 9_000 }));
    const slip = await emulate(p, d.checkoutUrl, 'konbini');
    expect(slip.event.data.object.payment_status).toBe('unpaid');
    expect(slip.webhook.body).toMatchObject({ outcome: 'awaiting_payment' });
    const pending = await p.api('GET', `/api/donations/${d.donationId}`, { user: 'admin' });
    expect(pending.json).toMatchObject({ status: 'pending', awaitingPayment: true, paymentMethod: 'konbini' });
    expect(pending.json.receiptNumber).toBeUndefined();
    expect(await challengeTotals()).toEqual(before);
    expect(await getEntry(p.db, paidEntryId(d.donationId))).toBeUndefined();
    expect((await p.api('GET', `/api/donations/${d.donationId}/receipt`, { user: 'admin' })).status).toBe(409);

    const paid = await emulate(p, d.checkoutUrl, 'konbini/pay');
    expect(paid.event.type).toBe('checkout.session.async_payment_succeeded');
    const after = await p.api('GET', `/api/donations/${d.donationId}`, { user: 'admin' });
    expect(after.json).toMatchObject({ status: 'paid', paymentMethod: 'konbini' });
    expect(after.json.awaitingPayment).toBeUndefined();
    expect(await challengeTotals()).toEqual({ raised: before.raised + 9_000, donorCount: before.donorCount + 1 });
  });

  it('konbini unpaid: async_payment_failed fails the donation and posts nothing', async () => {
    const d = await donate(p, body({ amount: 2_500 }));
    await emulate(p, d.checkoutUrl, 'konbini');
    const failed = await emulate(p, d.checkoutUrl, 'konbini/fail');
    expect(failed.event.type).toBe('checkout.session.async_payment_failed');
    expect((await p.api('GET', `/api/donations/${d.donationId}`, { user: 'admin' })).json.status).toBe('failed');
    expect(await getEntry(p.db, paidEntryId(d.donationId))).toBeUndefined();
  });

  it('an expired session expires the donation and posts nothing', async () => {
    const before = await challengeTotals();
    const entries = (await verifyLedger(p.db)).entries;
    const d = await donate(p, body({ amount: 3_500 }));
    const res = await emulate(p, d.checkoutUrl, 'expire');
    expect(res.event.type).toBe('checkout.session.expired');
    expect((await p.api('GET', `/api/donations/${d.donationId}`, { user: 'admin' })).json.status).toBe('expired');
    expect(await challengeTotals()).toEqual(before);
    expect((await verifyLedger(p.db)).entries).toBe(entries);
    // The emulator will not pay an expired session.
    expect((await p.api('POST', `/dev/checkout/${sessionOf(d.checkoutUrl)}/complete`, { body: { method: 'card' } })).status).toBe(409);
  });
});

describe('refunds', () => {
  it('the issuing treasurer refunds: reversal posted, receipt void, donor mailed, ledger verifies; a repeat is a no-op', async () => {
    const before = await challengeTotals();
    const d = await paidDonation(p, body({ amount: 11_000 }, { email: 'refund@example.jp' }));
    expect(await challengeTotals()).toEqual({ raised: before.raised + 11_000, donorCount: before.donorCount + 1 });

    expect((await p.api('POST', `/api/donations/${d.donationId}/refund`, { user: 'treasurer-bandai', body: { reason: 'x' } })).status).toBe(403);
    expect((await p.api('POST', `/api/donations/${d.donationId}/refund`, { user: 'donor1', body: { reason: 'x' } })).status).toBe(403);
    expect((await p.api('POST', `/api/donations/${d.donationId}/refund`, { body: { reason: 'x' } })).status).toBe(401);

    const r = await p.api('POST', `/api/donations/${d.donationId}/refund`, { user: 'treasurer-yokoze', body: { reason: '寄附者の申し出による' } });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({ status: 'refunded', receiptVoid: true });
    expect(await challengeTotals()).toEqual(before);
    const reversal = await getEntry(p.db, `${paidEntryId(d.donationId)}:reversal`);
    expect(reversal).toMatchObject({ reverses: paidEntryId(d.donationId) });

    const receipt = await p.api('GET', `/api/donations/${d.donationId}/receipt`, { user: 'admin' });
    expect(receipt.status).toBe(200);
    expect(receipt.text).toContain('void-stamp');
    expect(receipt.text).toContain('無効 VOID');
    expect((await listMail(p.db, { to: 'refund@example.jp' })).map((m) => m.kind).sort()).toEqual(['donation.paid', 'donation.refunded']);

    const again = await p.api('POST', `/api/donations/${d.donationId}/refund`, { user: 'treasurer-yokoze', body: { reason: 'again' } });
    expect(again.status).toBe(200);
    expect(await challengeTotals()).toEqual(before);

    const verify = await p.api('GET', '/api/ledger/verify', { user: 'admin' });
    expect(verify.status).toBe(200);
    expect(verify.json.ok).toBe(true);
    expect(verify.json.audit.ok).toBe(true);
  });

  it('a pending donation cannot be refunded', async () => {
    const d = await donate(p, body({ amount: 2_000 }));
    const r = await p.api('POST', `/api/donations/${d.donationId}/refund`, { user: 'treasurer-yokoze', body: { reason: 'x' } });
    expect(r.status).toBe(409);
    expect(r.json.error.code).toBe('not_paid');
  });
});
