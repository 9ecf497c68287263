/** Store-level failures, as DomainErrors (the API maps their kind); nothing DynamoDB-specific leaks past here. */
import { DomainError } from '../domain/errors.js';

export class NotFoundError extends DomainError {
  override name = 'NotFoundError';
  constructor(message: string) {
    super('not_found', 'not_found', message);
  }
}

/** A business object was not in the state the change expected (someone else changed it first). */
export class StateConflictError extends DomainError {
  override name = 'StateConflictError';
  constructor(message: string) {
    super('conflict', 'state_conflict', message);
  }
}

/** Contention outlasted the retry budget; safe to retry later (the write is idempotent). */
export class BusyError extends DomainError {
  override name = 'BusyError';
  constructor(message: string) {
    super('unavailable', 'busy', message);
  }
}
const RETRYABLE_NAMES = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TransactionInProgressException',
]);

export interface Cancellation {
  codes: string[];
  items: (Record<string, unknown> | undefined)[];
}

/** Reads a TransactionCanceledException's reasons; falls back to the message where they are absent. */
export function cancellationOf(error: unknown): Cancellation | undefined {
  const e = error as { name?: string; message?: string; CancellationReasons?: { Code?: string; Item?: Record<string, unknown> }[] };
  if (e?.name !== 'TransactionCanceledException') return undefined;
  if (e.CancellationReasons?.length) {
    return { codes: e.CancellationReasons.map((r) => r.Code ?? 'None'), items: e.CancellationReasons.map((r) => r.Item) };
  }
  const m = /\[([^\]]*)\]/.exec(e.message ?? '');
  const codes = m?.[1] ? m[1].split(',').map((s) => s.trim()) : [];
  return { codes, items: codes.map(() => undefined) };
}

export function isRetryable(error: unknown): boolean {
  const c = cancellationOf(error);
  if (c) return c.codes.some((code) => code === 'TransactionConflict' || code === 'ThrottlingError' || code === 'ProvisionedThroughputExceeded');
  const name = (error as { name?: string })?.name ?? '';
  return RETRYABLE_NAMES.has(name);
}

/** Full-jitter exponential backoff (AWS architecture blog), capped so a request stays interactive. */
export function backoffMs(attempt: number, baseMs = 15, capMs = 800): number {
  return Math.random() * Math.min(capMs, baseMs * 2 ** attempt);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
