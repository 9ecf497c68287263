/**
 * Stripe redelivers a webhook that failed (non-2xx or no answer) for days; the local emulator does the same
 * on a short schedule. The first attempt's answer goes back to the caller as before; each later attempt runs
 * in the background, re-signed at its own time (the webhook checks the signature's timestamp).
 */
import type { Deliver } from '../../functions/payments/emulator.js';

export const DEFAULT_REDELIVERY_DELAYS_MS = [1000, 2000, 4000, 8000, 16000];

export interface Redelivery {
  deliver: Deliver;
  /** Resolves when no redelivery is pending (tests). */
  idle(): Promise<void>;
  /** Cancels the pending redeliveries (shutdown). */
  stop(): void;
}

export function redeliveringDeliverer(
  deliver: Deliver,
  opts: { delaysMs?: readonly number[]; resign: (payload: string) => Promise<string>; log?: (line: string) => void },
): Redelivery {
  const delays = opts.delaysMs ?? DEFAULT_REDELIVERY_DELAYS_MS;
  const log = opts.log ?? ((line: string) => console.warn(line));
  const pending = new Set<Promise<void>>();
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;
  const ok = (status: number) => status >= 200 && status < 300;
  const eventId = (payload: string) => {
    try {
      return String((JSON.parse(payload) as { id?: unknown }).id ?? '?');
    } catch {
      return '?';
    }
  };
  const wait = (ms: number) =>
    new Promise<void>((r) => {
      const t = setTimeout(() => {
        timers.delete(t);
        r();
      }, ms);
      timers.add(t);
    });

  async function retry(payload: string, first: string) {
    const id = eventId(payload);
    let last = first;
    for (let i = 0; i < delays.length; i++) {
      await wait(delays[i]!);
      if (stopped) return;
      try {
        const res = await deliver(payload, await opts.resign(payload));
        if (ok(res.status)) {
          log(`checkout emulator: event ${id} delivered on redelivery ${i + 1} (${res.status})`);
          return;
        }
        last = `${res.status}`;
      } catch (e) {
        last = e instanceof Error ? e.message : String(e);
      }
      log(`checkout emulator: redelivery ${i + 1}/${delays.length} of event ${id} failed (${last})`);
    }
    log(`checkout emulator: gave up on event ${id} after ${delays.length} redeliveries (${last})`);
  }

  function schedule(payload: string, why: string) {
    if (stopped || delays.length === 0) return;
    log(`checkout emulator: delivery of event ${eventId(payload)} failed (${why}); redelivering in ${delays[0]} ms`);
    const p = retry(payload, why).finally(() => pending.delete(p));
    pending.add(p);
  }

  return {
    async deliver(payload, signature) {
      let res: Awaited<ReturnType<Deliver>>;
      try {
        res = await deliver(payload, signature);
      } catch (e) {
        schedule(payload, e instanceof Error ? e.message : String(e));
        throw e;
      }
      if (!ok(res.status)) schedule(payload, String(res.status));
      return res;
    },
    async idle() {
      while (pending.size) await Promise.all([...pending]);
    },
    stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
