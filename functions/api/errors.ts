/**
 * Every refusal leaves as {"error": {code, message, details}}. Anything thrown is a DomainError (or becomes
 * one here); its kind picks the status from the one table below, and its words come from the catalog by code
 * (`error.<code>`): in the reader's language when the request names one (cookie or Accept-Language), else in
 * both ("English / 日本語") so an API client that asked for neither still reads it. Anything unmapped is a 500
 * and is logged: bad input must never get here.
 */
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError, type ErrorKind, type ErrorParams, type Issue } from '../domain/errors.js';
import { isLang, isMessageKey, LANG_COOKIE, t, type Lang } from '../i18n/index.js';

/** The one kind → HTTP status map. */
export const STATUS_OF: Record<ErrorKind, ContentfulStatusCode> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rule: 422,
  too_large: 413,
  unavailable: 503,
};

/** The HTTP status of a refusal. */
export const statusOf = (e: DomainError): ContentfulStatusCode => STATUS_OF[e.kind];

export interface ErrorDetail {
  path?: string;
  message: string;
  code?: string;
  ja?: string;
  en?: string;
}

export function errorBody(code: string, message: string, details: ErrorDetail[] = []) {
  return { error: { code, message, details } };
}

/** The catalog's sentence for a code in one language, else the text the thrower wrote. */
export function textOf(lang: Lang, code: string, params: ErrorParams | undefined, fallback: string): string {
  const key = `error.${code}`;
  return isMessageKey(key) ? t(lang, key, params) : fallback;
}

/** A refusal as a sentence in the reader's language, for pages. */
export function errorMessage(lang: Lang, e: DomainError): string {
  return textOf(lang, e.key, e.params, e.message);
}

/** Each issue as a sentence in the reader's language, for pages (keyed by field path). */
export function issueMessages(lang: Lang, e: DomainError): { path?: string; code: string; message: string }[] {
  return e.issues.map((i) => ({ path: i.path, code: i.code, message: textOf(lang, i.key ?? i.code, i.params, i.message ?? i.code) }));
}

function both(code: string, params: ErrorParams | undefined, fallback: string) {
  const ja = textOf('ja', code, params, fallback);
  const en = textOf('en', code, params, fallback);
  return { ja, en, message: ja === en ? en : `${en} / ${ja}` };
}

function detailOf(i: Issue, lang: Lang | undefined): ErrorDetail {
  // Transitional: issues still written as {en, ja} pairs keep their words until their area moves to the catalog.
  const legacy = i as Issue & { en?: string; ja?: string };
  if (!i.message && legacy.en && legacy.ja) {
    return { path: i.path, code: i.code, message: lang ? legacy[lang]! : `${legacy.en} / ${legacy.ja}`, ja: legacy.ja, en: legacy.en };
  }
  const w = both(i.key ?? i.code, i.params, i.message ?? i.code);
  return { path: i.path, code: i.code, message: lang ? w[lang] : w.message, ja: w.ja, en: w.en };
}

/** The JSON body and status of a refusal. */
export function presentError(e: DomainError, lang: Lang | undefined) {
  const w = both(e.key, e.params, e.message);
  const details = e.issues.map((i) => detailOf(i, lang));
  const first = details[0];
  const more = details.length > 1 ? ` (+${details.length - 1} more / ほか${details.length - 1}件)` : '';
  // A refusal that is its issues (validation, several broken rules) reads as its first issue.
  const message = e.message === e.code && first && !isMessageKey(`error.${e.key}`) ? `${first.path ? `${first.path}: ` : ''}${first.message}${more}` : (lang ? w[lang] : w.message) + (first ? more : '');
  return { status: statusOf(e), body: errorBody(e.code, message, details) };
}

/** The language the request asked for, if it asked: API clients that send neither cookie nor header get both. */
export function requestedLang(c: Context): Lang | undefined {
  // `Accept-Language: *` (what fetch sends by default) names no language.
  const named = isLang(getCookie(c, LANG_COOKIE)) || /(^|[\s,])(ja|en)([-;,]|$)/i.test(c.req.header('accept-language') ?? '');
  return named ? (c.get('lang') as Lang) : undefined;
}

/** Turns what a library throws on bad input into a refusal; undefined for real faults. */
export function asDomainError(err: unknown): DomainError | undefined {
  if (err instanceof DomainError) return err;
  if (err instanceof SyntaxError && /JSON/.test(err.message)) return new DomainError('invalid', 'bad_request', 'the request body is not valid JSON');
  const status = (err as { status?: number })?.status;
  if (status && status >= 400 && status < 500) return new DomainError(status === 401 ? 'unauthenticated' : 'invalid', 'bad_request', (err as Error).message || 'bad request');
  return undefined;
}

export function handleError(err: unknown, c: Context) {
  const e = asDomainError(err);
  if (e) {
    const { status, body } = presentError(e, requestedLang(c));
    return c.json(body, status);
  }
  console.error(JSON.stringify({ level: 'error', msg: 'unhandled', requestId: c.get('requestId'), error: String((err as Error)?.stack ?? err) }));
  return c.json(errorBody('internal', 'something went wrong on our side; the request can be retried'), 500);
}
