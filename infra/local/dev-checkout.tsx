/**
 * The checkout emulator's routes (local only, mounted when no STRIPE_SECRET_KEY is set): the page a donor
 * pays on, and `POST /dev/checkout/:sessionId/complete {method?: "card"|"konbini"}` for scripts. Every step
 * sends a signed Stripe-shaped event to the app's own webhook route and reports the webhook's answer.
 */
import type { Hono } from 'hono';
import type { AppEnv } from '../../functions/api/context.js';
import { DomainError } from '../../functions/domain/errors.js';
import { EmulatorStateError, type CheckoutEmulator, type EmulatorAction } from '../../functions/payments/emulator.js';
import { CheckoutEmulatorPage } from '../../web/pages/checkout-emulator.js';

const ACTIONS: readonly EmulatorAction[] = ['card', 'konbini', 'konbini_paid', 'konbini_failed', 'expire'];

export function mountDevCheckout(app: Hono<AppEnv>, emulator: CheckoutEmulator) {
  async function act(sessionId: string, action: EmulatorAction) {
    try {
      const d = await emulator.act(sessionId, action);
      return { sessionId, state: (await emulator.session(sessionId))?.state, event: d.event, webhook: { status: d.status, body: safeJson(d.body) } };
    } catch (e) {
      if (e instanceof EmulatorStateError) {
        if (!(await emulator.session(sessionId))) throw new DomainError('not_found', 'not_found', 'checkout session not found');
      }
      throw e;
    }
  }

  app.get('/dev/checkout/:sessionId', async (c) => {
    const session = await emulator.session(c.req.param('sessionId'));
    if (!session) return c.html('<!doctype html><meta charset="utf-8"><p>no such checkout session</p>', 404);
    c.header('Cache-Control', 'no-store');
    return c.html(<CheckoutEmulatorPage session={session} message={c.req.query('m')} />);
  });

  app.post('/dev/checkout/:sessionId/complete', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { method?: unknown };
    const method = body?.method ?? 'card';
    if (method !== 'card' && method !== 'konbini') throw new DomainError('invalid', 'bad_request', 'method must be "card" or "konbini"');
    return c.json(await act(c.req.param('sessionId'), method));
  });
  app.post('/dev/checkout/:sessionId/konbini/pay', async (c) => c.json(await act(c.req.param('sessionId'), 'konbini_paid')));
  app.post('/dev/checkout/:sessionId/konbini/fail', async (c) => c.json(await act(c.req.param('sessionId'), 'konbini_failed')));
  app.post('/dev/checkout/:sessionId/expire', async (c) => c.json(await act(c.req.param('sessionId'), 'expire')));

  /** The page's buttons: act, then go where Stripe would send the donor. */
  app.post('/dev/checkout/:sessionId/action', async (c) => {
    const id = c.req.param('sessionId');
    const action = String((await c.req.parseBody()).action ?? '') as EmulatorAction;
    if (!ACTIONS.includes(action)) throw new DomainError('invalid', 'bad_request', `unknown action ${action}`);
    const session = await emulator.session(id);
    if (!session) throw new DomainError('not_found', 'not_found', 'checkout session not found');
    const page = `/dev/checkout/${encodeURIComponent(id)}`;
    try {
      const res = await act(id, action);
      if (res.webhook.status >= 300) return c.redirect(`${page}?m=${encodeURIComponent(`webhook answered ${res.webhook.status}`)}`, 303);
    } catch (e) {
      if (e instanceof DomainError && e.kind === 'conflict') return c.redirect(`${page}?m=${encodeURIComponent(e.message)}`, 303);
      throw e;
    }
    return c.redirect(action === 'card' || action === 'konbini_paid' ? session.successUrl : page, 303);
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
