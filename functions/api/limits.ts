/**
 * What a request body may be, checked before any route reads it:
 * - its size (`hono/body-limit`, with or without Content-Length: a chunked body is counted as it streams and
 *   refused once it passes the limit) → 413 `payload_too_large`;
 * - for a JSON body, its shape: at most MAX_JSON_DEPTH nested arrays/objects and MAX_JSON_ARRAY elements in
 *   any one array, measured without recursion → 400 `body_too_deep` / `array_too_long`, so no scan of the body
 *   (the My Number check, the schema) ever sees a hostile one.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { DomainError } from '../domain/errors.js';
import type { AppEnv } from './context.js';

const KB = 1024;

/** Every form and JSON body unless its route is listed below. */
export const DEFAULT_BODY_LIMIT = 64 * KB;
/**
 * Routes whose fields may together hold ~42,500 characters (an application: title 200 + summary 2,000 +
 * problem and proposal 10,000 each + 50 budget items × 200 + 20 KPIs × 500; a challenge: two descriptions of
 * 20,000 + summaries; a progress update: 20,000; a review: two answers of 5,000; a regional plan: 50 projects
 * of up to 250 ids). In a form every Japanese character is percent-encoded to 9 bytes (~380 KB), so these get 512 KB.
 */
export const LONG_TEXT_BODY_LIMIT = 512 * KB;
/** Stripe's events are small, but an expanded one may carry a few hundred KB. */
export const WEBHOOK_BODY_LIMIT = 512 * KB;

export const MAX_JSON_DEPTH = 32;
export const MAX_JSON_ARRAY = 1_000;

const LONG_TEXT_ROUTES: RegExp[] = [
  // JSON API: applications (create, edit), reviews, challenges and their updates, regional plans.
  /^\/api\/applications(\/[^/]+(\/(reviews|challenge))?)?\/?$/,
  /^\/api\/challenges\/[^/]+(\/updates)?\/?$/,
  /^\/api\/towns\/[^/]+\/regional-plans(\/[^/]+\/projects)?\/?$/,
  // Their forms.
  /^\/company\/applications\/(new|[^/]+\/edit)\/?$/,
  /^\/company\/challenges\/[^/]+\/updates\/?$/,
  /^\/review\/applications\/[^/]+(\/challenge)?\/?$/,
  /^\/treasurer\/regional-plans\/?$/,
];

/** The most bytes a request to `path` may carry. */
export function bodyLimitOf(path: string): number {
  if (path === '/api/stripe/webhook') return WEBHOOK_BODY_LIMIT;
  return LONG_TEXT_ROUTES.some((r) => r.test(path)) ? LONG_TEXT_BODY_LIMIT : DEFAULT_BODY_LIMIT;
}

const tooLarge = (maxSize: number) => () => {
  throw new DomainError('too_large', 'payload_too_large', `the request body is larger than ${maxSize / KB} KB`, { params: { max: maxSize / KB } });
};

const limiters = new Map<number, MiddlewareHandler>(
  [DEFAULT_BODY_LIMIT, LONG_TEXT_BODY_LIMIT, WEBHOOK_BODY_LIMIT].map((maxSize) => [maxSize, bodyLimit({ maxSize, onError: tooLarge(maxSize) })]),
);

/** The size limit of the request's route (a `too_large` refusal: 413). */
export const bodyLimits: MiddlewareHandler<AppEnv> = (c, next) => limiters.get(bodyLimitOf(c.req.path))!(c, next);

/** The first way `value` breaks the depth or array-length limit, found with an explicit stack (no recursion). */
export function jsonShapeProblem(value: unknown): { code: 'body_too_deep' | 'array_too_long'; max: number } | undefined {
  const stack: { v: unknown; depth: number }[] = [{ v: value, depth: 1 }];
  while (stack.length) {
    const { v, depth } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > MAX_JSON_DEPTH) return { code: 'body_too_deep', max: MAX_JSON_DEPTH };
    const children = Array.isArray(v) ? v : Object.values(v);
    if (Array.isArray(v) && v.length > MAX_JSON_ARRAY) return { code: 'array_too_long', max: MAX_JSON_ARRAY };
    for (const child of children) if (child !== null && typeof child === 'object') stack.push({ v: child, depth: depth + 1 });
  }
  return undefined;
}

const JSON_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

/**
 * A JSON body (by its content type, or any body to /api/, where every route reads JSON) that parses is
 * measured once here; the text stays cached on the request, so the route reads the same bytes. One that
 * does not parse is left to the route, which refuses it as before.
 */
export const jsonShapeGuard: MiddlewareHandler<AppEnv> = async (c: Context<AppEnv>, next) => {
  if (!c.req.raw.body) return next();
  const type = c.req.header('content-type') ?? '';
  if (!JSON_TYPE.test(type) && !(c.req.path.startsWith('/api/') && !/form/i.test(type))) return next();
  let value: unknown;
  try {
    value = JSON.parse(await c.req.text());
  } catch {
    return next();
  }
  const problem = jsonShapeProblem(value);
  if (problem) {
    const message = problem.code === 'body_too_deep' ? `the JSON body nests deeper than ${problem.max} levels` : `a JSON array in the body has more than ${problem.max} elements`;
    throw new DomainError('invalid', problem.code, message, { params: { max: problem.max } });
  }
  return next();
};
