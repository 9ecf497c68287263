/**
 * What the treasurers' back-office pages (pages/treasurer/) and the operating company's disbursement
 * request form (pages/company/disbursements.tsx) share: the treasurer gate, notices and problems from the
 * query, form fields, yen as people type them, the sentence beside a field, and running a decision form.
 */
import type { Context } from 'hono';
import type { Actor } from '../../../domain/actor.js';
import { isDomainError, type DomainError, type Issue } from '../../../domain/errors.js';
import { t, isMessageKey, type Lang, type Params } from '../../../i18n/index.js';
import { listMemberTowns } from '../../../services/catalog.js';
import type { ServiceContext } from '../../../services/context.js';
import { treasurerDesk, type TreasurerDesk } from '../../../services/reports.js';
import { indexTowns } from '../../../../web/components/town-badge.js';
import { NotAllowedPage } from '../../../../web/pages/treasurer-dashboard.js';
import type { AppEnv } from '../../context.js';
import { pageCtx, renderPersonalPage, safeBack, signInRedirect } from '../../page-context.js';
import { servicesOf } from '../../services.js';
import { renderNotFound } from '../not-found.js';

/** A refusal as pages hold it: the wire code, the catalog sentence's key (defaults to the code) and its values. */
export interface RefusalRef {
  code: string;
  key?: string;
  params?: Params;
}

/**
 * A refusal as a sentence for a back-office form: its catalog sentence (`error.<key>`) when every value the
 * sentence needs is at hand. A refusal known only by its code (a form that redirected with `?problem=<code>`)
 * has no values: a sentence that needs some gives way to the treasury's value-free wording for the code
 * (`treasury.err.<code>`) where there is one, else to the generic sentence.
 * @example errorText('en', 'not_open') // 'This is already closed: only an open request or proposal can be approved or rejected.'
 * @example errorText('ja', e) // e: a DomainError
 */
export function errorText(lang: Lang, refusal: RefusalRef | string | undefined): string {
  const r: RefusalRef = typeof refusal === 'object' ? refusal : { code: refusal ?? '' };
  const key = `error.${r.key ?? r.code}`;
  if (isMessageKey(key)) {
    const text = t(lang, key, r.params);
    if (!/\{\w+\}/.test(text)) return text;
  }
  const page = `treasury.err.${r.code}`;
  return t(lang, isMessageKey(page) ? page : 'treasury.err.generic');
}

type C = Context<AppEnv>;

/** Back-office pages are personal: nobody but the reader's browser keeps them. */
export const render = renderPersonalPage;

export function refuse(c: C, message: string) {
  return render(c, <NotAllowedPage ctx={pageCtx(c)} message={message} />, 403);
}

export interface TreasurerGate extends TreasurerDesk {
  actor: Actor;
  ctx: ServiceContext;
}

/** Signed in as a treasurer; the town is ?town= when it is one of theirs, else their first. */
export async function treasurerGate(c: C): Promise<TreasurerGate | Response> {
  const actor = c.var.principal;
  if (!actor) return signInRedirect(c);
  const ctx = servicesOf(c);
  try {
    return { actor, ctx, ...treasurerDesk(ctx, actor, c.req.query('town')) };
  } catch (e) {
    if (isDomainError(e) && e.kind === 'forbidden') return refuse(c, t(c.var.lang, 'treasury.bo.forbidden'));
    throw e;
  }
}

function withParam(path: string, key: string, value: string): string {
  const url = new URL(path, 'http://x');
  url.searchParams.delete('notice');
  url.searchParams.delete('problem');
  url.searchParams.set(key, value);
  return url.pathname + url.search;
}

export const noticeOf = (c: C) => {
  const n = c.req.query('notice');
  return n && isMessageKey(`treasury.notice.${n}`) ? n : undefined;
};
export const problemOf = (c: C) => {
  const code = c.req.query('problem');
  return code ? errorText(c.var.lang, code) : undefined;
};

export type Form = Record<string, string | File | (string | File)[]>;
export const str = (f: Form, k: string): string => {
  const v = f[k];
  const x = Array.isArray(v) ? v[0] : v;
  return typeof x === 'string' ? x.trim() : '';
};

/** Yen as people type them: 1,000 / １０００ / 1000円. Undefined when it is not a whole number. */
export function parseYen(text: string): number | undefined {
  const s = text.normalize('NFKC').replace(/[,\s円¥]/g, '');
  if (!/^\d+$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : undefined;
}

/**
 * What to retype, in the reader's language: the refusal's sentence for the field (the issue's catalog
 * sentence, or a treasury form helper such as the kana rule), else what the field expects.
 */
export function fieldMessage(lang: Lang, path: string, issue?: Issue): string {
  if (issue && (isMessageKey(`error.${issue.key ?? issue.code}`) || isMessageKey(`treasury.err.${issue.code}`))) return errorText(lang, issue);
  if (/holderKana|NameKana/.test(path)) return t(lang, 'treasury.err.kana');
  const digits: Record<string, number> = { bankCode: 4, branchCode: 3, accountNumber: 7, requesterCode: 10 };
  const key = path.split('.').pop()!;
  if (digits[key]) return t(lang, 'treasury.err.digits', { n: digits[key]! });
  if (key === 'amount' || key === 'total') return t(lang, 'treasury.err.yen');
  return t(lang, 'treasury.err.required');
}

/** A refusal a form shows beside its fields; anything else (a fault, or "busy, retry") goes to the app's handler. */
export const formRefusal = (e: unknown): e is DomainError => isDomainError(e) && e.kind !== 'unavailable';

export async function towns(ctx: ServiceContext) {
  return indexTowns(await listMemberTowns(ctx));
}

/** A page's own check of a decision form (a missing reason, a bad date): the treasury form helper's code, not a refusal. */
export class FormProblem extends Error {
  constructor(readonly code: 'date' | 'required') {
    super(code);
  }
}

/** Runs a decision from a form and goes back where the form was, with a notice or the refusal's code. */
export async function decide(c: C, fallback: string, run: (form: Form, g: TreasurerGate) => Promise<string>) {
  const g = await treasurerGate(c);
  if (g instanceof Response) return g;
  const form = await c.req.parseBody();
  const back = safeBack(str(form, 'back') || fallback);
  try {
    return c.redirect(withParam(back, 'notice', await run(form, g)), 303);
  } catch (e) {
    if (isDomainError(e) && e.kind === 'not_found') return renderNotFound(c);
    if (formRefusal(e) || e instanceof FormProblem) return c.redirect(withParam(back, 'problem', e.code), 303);
    throw e;
  }
}
