/**
 * Wraps a document client so a share of calls fail the way real DynamoDB fails under load:
 * TransactionConflict cancellations (what concurrent writers to a hot item get), throttling, and
 * "the write happened but the response was lost" (the caller sees an error after success).
 */
import type { Db } from '../../functions/store/db.js';

export interface FaultStats {
  conflicts: number;
  throttles: number;
  lostResponses: number;
  calls: number;
}

export function withFaults(db: Db, rate: number, seed = 42): { db: Db; stats: FaultStats } {
  let state = seed >>> 0;
  const rand = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const stats: FaultStats = { conflicts: 0, throttles: 0, lostResponses: 0, calls: 0 };
  const send = async (command: { constructor: { name: string }; input: unknown }) => {
    stats.calls++;
    const isWrite = command.constructor.name === 'TransactWriteCommand';
    if (isWrite && rand() < rate) {
      const kind = rand();
      if (kind < 0.5) {
        stats.conflicts++;
        const n = ((command.input as { TransactItems: unknown[] }).TransactItems ?? []).length;
        const err = Object.assign(new Error('Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict]'), {
          name: 'TransactionCanceledException',
          CancellationReasons: Array.from({ length: n }, (_, i) => ({ Code: i === 0 ? 'TransactionConflict' : 'None' })),
        });
        throw err;
      }
      if (kind < 0.8) {
        stats.throttles++;
        throw Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), { name: 'ThrottlingException' });
      }
      stats.lostResponses++;
      await (db.doc.send as (c: unknown) => Promise<unknown>)(command);
      throw Object.assign(new Error('socket hang up after write'), { name: 'InternalServerError' });
    }
    return (db.doc.send as (c: unknown) => Promise<unknown>)(command);
  };
  return { db: { ...db, doc: { send } as unknown as Db['doc'] }, stats };
}
