/**
 * What the co-creation workspaces (the company's under /company, the reviewer's under /review) share: the
 * role gate, the usual refusals as pages, re-rendering a refused form, and moving a challenge from a button.
 */
import type { Context } from 'hono';
import { hasRole, townsWithRole, type Actor } from '../../../domain/actor.js';
import { MANUAL_MOVES } from '../../../domain/challenge-lifecycle.js';
import type { Challenge } from '../../../domain/catalog.js';
import { DomainError } from '../../../domain/errors.js';
import { t } from '../../../i18n/index.js';
import { moveChallenge } from '../../../services/challenges.js';
import { cocreationRefusal } from '../../../services/cocreation-refusals.js';
import { FLASHES, type FlashKey } from '../../../../web/components/flash.js';
import type { Errors } from '../../../../web/components/workspace.js';
import { Layout, type PageCtx } from '../../../../web/layout.js';
import type { AppEnv } from '../../context.js';
import { errorMessage, statusOf as statusOfRefusal } from '../../errors.js';
import { pageCtx, renderPersonalPage as render, signInRedirect } from '../../page-context.js';
import { fieldErrors, str, type Form } from '../../presenters/cocreation.js';
import { servicesOf } from '../../services.js';
import { renderNotFound } from '../not-found.js';

type C = Context<AppEnv>;

export type FormStatus = 200 | 400 | 403 | 409 | 422;

export const isReviewer = (p?: Actor) => townsWithRole(p, 'reviewer').length > 0 || hasRole(p, 'admin');
export const isCompany = (p?: Actor) => hasRole(p, 'company') && Boolean(p?.companyId);
export const parseForm = async (c: C) => (await c.req.parseBody({ all: true })) as Form;

export function flashOf(c: C): FlashKey | undefined {
  const done = c.req.query('done');
  return FLASHES.find((f) => f === done);
}

/** A refusal as the status a form page answers with (a page never says 401/404 this way: see `refusal`). */
export function statusOf(e: DomainError): 400 | 403 | 409 | 422 {
  const s = statusOfRefusal(e);
  return s === 403 || s === 409 || s === 422 ? s : 400;
}

/** A refusal that names fields (shown next to them) rather than saying one thing. */
export const hasIssues = (e: unknown): e is DomainError => e instanceof DomainError && e.issues.length > 0;
export const isKind = (e: unknown, ...kinds: DomainError['kind'][]): e is DomainError => e instanceof DomainError && kinds.includes(e.kind);

function SimpleMessage(props: { ctx: PageCtx; title: string; message: string }) {
  return (
    <Layout ctx={props.ctx} title={props.title}>
      <h1>{props.title}</h1>
      <p>{props.message}</p>
      <p>
        <a href="/">{t(props.ctx.lang, 'cocreation.ws.home')}</a>
      </p>
    </Layout>
  );
}

/** The usual refusals, as pages: sign in, not found, not allowed; anything else bubbles to the error handler. */
export function refusal(c: C, e: unknown) {
  if (!(e instanceof DomainError)) throw e;
  if (e.kind === 'unauthenticated') return signInRedirect(c);
  if (e.kind === 'not_found') return renderNotFound(c);
  return render(c, <SimpleMessage ctx={pageCtx(c)} title={t(c.var.lang, e.kind === 'forbidden' ? 'cocreation.ws.forbidden' : 'cocreation.ws.refused')} message={errorMessage(c.var.lang, e)} />, statusOf(e));
}

/** Re-renders a form page after a refusal; if even that is refused (the reader lost access), says so instead. */
export async function rerender(c: C, page: () => Promise<Response>) {
  try {
    return await page();
  } catch (e) {
    return refusal(c, e);
  }
}

/** A refused form post: field errors next to their fields, the other refusals named as the page's problem. */
export function refusedForm<V>(c: C, e: unknown, values: V, again: (opts: { values: V; errors?: Errors; problem?: string; status: FormStatus }) => Promise<Response>, problems: DomainError['kind'][]) {
  if (hasIssues(e)) return rerender(c, () => again({ values, errors: fieldErrors(c.var.lang, e), status: statusOf(e) }));
  if (isKind(e, ...problems)) return rerender(c, () => again({ values, problem: errorMessage(c.var.lang, e), status: statusOf(e) }));
  throw e;
}

/** Signed in with the role the workspace needs, or a redirect to sign in / a 403 page. */
async function gate(c: C, need: 'company' | 'reviewer'): Promise<Actor | Response> {
  const p = c.var.principal;
  if (!p) return signInRedirect(c);
  const ok = need === 'company' ? isCompany(p) || hasRole(p, 'admin') : isReviewer(p);
  if (!ok) return render(c, <SimpleMessage ctx={pageCtx(c)} title={t(c.var.lang, 'cocreation.ws.forbidden')} message={t(c.var.lang, 'cocreation.ws.forbidden')} />, 403);
  return p;
}

/** A workspace page: gated by role, with the usual refusals answered as pages. */
export function workspace(need: 'company' | 'reviewer', handler: (c: C, actor: Actor) => Promise<Response>) {
  return async (c: C) => {
    const p = await gate(c, need);
    if (p instanceof Response) return p;
    try {
      return await handler(c, p);
    } catch (e) {
      return refusal(c, e);
    }
  };
}

/** closed → in_progress → completed from a page's button; back to where the button was. */
export function moveFromPage(need: 'company' | 'reviewer', back: (ch: Challenge) => string) {
  return workspace(need, async (c, p) => {
    const asked = str(await parseForm(c), 'status');
    const to = MANUAL_MOVES.find((m) => m === asked);
    if (!to) throw cocreationRefusal('conflict', 'state_conflict', 'cocreation.unknown_move');
    const ch = await moveChallenge(servicesOf(c), p, c.req.param('id')!, to);
    return c.redirect(`${back(ch)}?done=moved`, 303);
  });
}
