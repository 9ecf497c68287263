/**
 * What the corporate-version pages (the company's pledges, the treasurer's payment confirmations and
 * regional plans) share: a refusal as a page, and reading the forms' fields and amounts.
 */
import type { Context } from 'hono';
import { normalizeDigits } from '../../../domain/company.js';
import { isDomainError, type DomainError } from '../../../domain/errors.js';
import { t } from '../../../i18n/index.js';
import { CorporateStyles, Notice } from '../../../../web/components/corporate-ui.js';
import { Layout, type PageCtx } from '../../../../web/layout.js';
import type { AppEnv } from '../../context.js';
import { errorMessage, statusOf } from '../../errors.js';
import { pageCtx, renderPersonalPage as render } from '../../page-context.js';

type C = Context<AppEnv>;

function ErrorPage(props: { ctx: PageCtx; message: string }) {
  return (
    <Layout ctx={props.ctx} title={t(props.ctx.lang, 'corporate.corp.name')}>
      <CorporateStyles />
      <h1>{t(props.ctx.lang, 'corporate.corp.name')}</h1>
      <Notice kind="error">{props.message}</Notice>
      <p>
        <a href="/">共創ファンド / Kyoso Fund</a>
      </p>
    </Layout>
  );
}

export { statusOf };

/** A refusal as a page, in the reader's language; anything else is a fault for the app's handler. */
export function renderError(c: C, e: unknown) {
  if (isDomainError(e)) return render(c, <ErrorPage ctx={pageCtx(c)} message={errorMessage(c.var.lang, e)} />, statusOf(e));
  throw e;
}

/** Refusals that name fields go back into the form; the rest are a page of their own. */
export const hasIssues = (e: unknown): e is DomainError => isDomainError(e) && e.issues.length > 0;

export const str = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');
export const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

/** Amounts typed by people: full-width digits, commas and a trailing 円 are fine; anything else is not. */
export function parseYen(raw: string): number | undefined {
  const s = normalizeDigits(raw).replace(/[,，円¥￥]/g, '');
  if (!/^\d{1,13}$/.test(s)) return undefined;
  return Number(s);
}
