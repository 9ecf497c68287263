/**
 * Every refusal leaves as {"error": {code, message, details}}; a domain or store error is mapped here
 * once, so routes just throw. Anything unmapped is a 500 and is logged: bad input must never get here.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { InsufficientFundsError } from '../domain/ledger/balances.js';
import { LedgerRuleError } from '../domain/ledger/entry.js';
import { BusyError, NotFoundError, StateConflictError } from '../store/errors.js';

export interface ErrorDetail {
  path?: string;
  message: string;
  code?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 422 | 429 | 503,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

export const badRequest = (message: string, details: ErrorDetail[] = []) => new ApiError(400, 'bad_request', message, details);
export const unauthorized = (message = 'sign-in required') => new ApiError(401, 'unauthorized', message);
export const forbidden = (message = 'you are not allowed to do this') => new ApiError(403, 'forbidden', message);
export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`);
export const conflict = (message: string, code = 'conflict') => new ApiError(409, code, message);
export const unprocessable = (message: string, details: ErrorDetail[] = [], code = 'rule_violation') => new ApiError(422, code, message, details);

export function errorBody(code: string, message: string, details: ErrorDetail[] = []) {
  return { error: { code, message, details } };
}

export function toApiError(err: unknown): ApiError | undefined {
  if (err instanceof ApiError) return err;
  if (err instanceof InsufficientFundsError) return conflict(err.message, 'insufficient_funds');
  if (err instanceof StateConflictError) return conflict(err.message, 'state_conflict');
  if (err instanceof NotFoundError) return new ApiError(404, 'not_found', err.message);
  if (err instanceof LedgerRuleError) return unprocessable(err.message, [], 'ledger_rule');
  if (err instanceof BusyError) return new ApiError(503, 'busy', err.message);
  if (err instanceof SyntaxError && /JSON/.test(err.message)) return badRequest('the request body is not valid JSON');
  return undefined;
}

export function handleError(err: unknown, c: Context) {
  const api = toApiError(err);
  if (api) return c.json(errorBody(api.code, api.message, api.details), api.status as ContentfulStatusCode);
  const status = (err as { status?: number })?.status;
  if (status && status >= 400 && status < 500) {
    return c.json(errorBody('bad_request', (err as Error).message || 'bad request'), status as ContentfulStatusCode);
  }
  console.error(JSON.stringify({ level: 'error', msg: 'unhandled', requestId: c.get('requestId'), error: String((err as Error)?.stack ?? err) }));
  return c.json(errorBody('internal', 'something went wrong on our side; the request can be retried'), 500);
}
