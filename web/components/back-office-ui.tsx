/**
 * Building blocks of the treasurers' back office pages: status badges, notices, errors beside their
 * fields, and the small stylesheet these pages add (served by the back-office page router; linked from
 * the body like the workspace stylesheet, so the shared layout stays untouched). Forms are plain HTML.
 */
import type { Child } from 'hono/jsx';
import { createHash } from 'node:crypto';
import { type Lang, t, type MessageKey } from '../../functions/i18n/index.js';

export const BACK_OFFICE_CSS = `
.panel + section,.panel + .bo-decide{margin-top:1.5rem}
.bo-towns{display:flex;flex-wrap:wrap;gap:.5rem;margin:0 0 1rem}
.bo-towns a{display:inline-block;padding:.35rem .8rem;border:1px solid var(--line-strong);border-radius:999px;text-decoration:none;min-height:36px}
.bo-towns a[aria-current="page"]{background:var(--primary);color:#fff;border-color:var(--primary)}
.bo-list{list-style:none;margin:0;padding:0;display:grid;gap:.75rem}
.bo-item{background:var(--card);border:1px solid var(--line);border-radius:var(--radius);box-shadow:var(--shadow);padding:.85rem 1rem;display:grid;gap:.5rem}
.bo-item h3{margin:0;font-size:1.02rem}
.bo-item .meta{display:flex;flex-wrap:wrap;gap:.25rem 1rem;font-size:.85rem;color:var(--muted)}
.bo-item .amount-big{font-size:1.25rem;font-weight:800;font-variant-numeric:tabular-nums}
.bo-decide{display:grid;gap:.5rem;grid-template-columns:1fr}
.bo-decide form{display:grid;gap:.4rem;margin:0}
.bo-decide textarea,.bo-decide input[type=text],.bo-decide input[type=date]{font:inherit;font-size:1rem;padding:.45rem .6rem;border:1px solid #8a8170;border-radius:8px;background:#fff;width:100%}
.bo-decide textarea{min-height:3.2rem;resize:vertical}
.bo-decide label{font-size:.8rem;font-weight:600}
@media (min-width:48rem){.bo-decide{grid-template-columns:1fr 1fr}}
.btn-small{min-height:40px;padding:.35rem .9rem;font-size:.92rem}
.btn-reject{background:var(--card);color:#8a1c12;border-color:#b42318}
.btn-reject:hover{background:#fdecea;color:#8a1c12;border-color:#8a1c12}
.bo-status{display:inline-block;padding:.05rem .55rem;border-radius:6px;font-size:.8rem;font-weight:700;border:1px solid var(--line-strong);color:var(--muted);white-space:nowrap}
.bo-status.proposed,.bo-status.requested{color:var(--gold);border-color:#e7cf95;background:var(--gold-soft)}
.bo-status.approved,.bo-status.paid{color:var(--ok);border-color:#9cc9b0;background:var(--ok-soft)}
.bo-status.scheduled{color:var(--primary-dark);border-color:#9db7d8;background:var(--primary-soft)}
.bo-status.rejected,.bo-status.expired{color:#8a1c12;border-color:#efc6bc;background:var(--accent-soft)}
.bo-grid{display:grid;gap:1rem;grid-template-columns:1fr}
@media (min-width:60rem){.bo-grid{grid-template-columns:1fr 1fr}}
.bo-chart{background:var(--card);border:1px solid var(--line);border-radius:var(--radius);padding:.75rem;margin:0}
.bo-chart figcaption{font-weight:700;font-size:.95rem;margin:0 0 .25rem}
.bo-chart svg{display:block;width:100%;height:auto}
.bo-menu{list-style:none;margin:0 0 1.25rem;padding:0;display:flex;flex-wrap:wrap;gap:.5rem}
.bo-exports{margin:0 0 1.25rem;display:grid;gap:.35rem;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));list-style:none;margin:0;padding:0;font-size:.92rem}
.bo-report h1{font-size:1.4rem}
.bo-report table{font-size:.88rem}
.bo-report .sub{color:var(--muted);margin:0 0 .25rem}
@media print{
  .bo-noprint,.bo-decide,.bo-towns,.ws-nav{display:none!important}
  .bo-report table{font-size:9pt}
  .bo-report th,.bo-report td{padding:.2rem .4rem}
}
`;
export const BACK_OFFICE_CSS_HASH = createHash('sha256').update(BACK_OFFICE_CSS).digest('hex').slice(0, 12);
export const BACK_OFFICE_CSS_PATH = '/assets/back-office.css';

export function BackOfficeStyles() {
  return <link rel="stylesheet" href={`${BACK_OFFICE_CSS_PATH}?v=${BACK_OFFICE_CSS_HASH}`} />;
}

export function Status(props: { lang: Lang; kind: 'al' | 'db'; status: string }) {
  return (
    <span class={`bo-status ${props.status}`} data-status={props.status}>
      {t(props.lang, (props.kind === 'al' ? `treasury.al.status.${props.status}` : `treasury.db.status.${props.status}`) as MessageKey)}
    </span>
  );
}

export function Notice(props: { lang: Lang; notice?: string }) {
  if (!props.notice) return null;
  const key = `treasury.notice.${props.notice}`;
  return (
    <p class="notice" role="status" data-notice={props.notice}>
      {t(props.lang, key as MessageKey)}
    </p>
  );
}

export type FieldErrors = Record<string, string>;

/** The refusal in the reader's language, with every field error linked to its field. */
export function Problems(props: { lang: Lang; message?: string; errors?: FieldErrors }) {
  const entries = Object.entries(props.errors ?? {});
  if (!props.message && !entries.length) return null;
  return (
    <div class="error-summary" role="alert" id="errors" tabindex={-1}>
      <h2>{props.message ?? t(props.lang, 'treasury.err.title', { n: entries.length })}</h2>
      {entries.length ? (
        <ul>
          {entries.map(([field, msg]) => (
            <li>
              <a href={`#${fid(field)}`}>{msg}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export const fid = (name: string) => `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

export function Input(props: {
  name: string;
  label: string;
  value?: string | number;
  errors?: FieldErrors;
  hint?: string;
  type?: string;
  inputmode?: 'numeric' | 'text' | 'decimal';
  required?: boolean;
  autocomplete?: string;
  maxlength?: number;
}) {
  const error = props.errors?.[props.name];
  const id = fid(props.name);
  const describedBy = [props.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${error ? ' invalid' : ''}`}>
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value === undefined ? '' : String(props.value)}
        inputmode={props.inputmode}
        required={props.required}
        autocomplete={props.autocomplete ?? 'off'}
        maxlength={props.maxlength}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
      />
      {error ? (
        <p class="field-error" id={`${id}-error`} data-error-for={props.name}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function Select(props: { name: string; label: string; value?: string; options: { value: string; label: string }[]; errors?: FieldErrors }) {
  const error = props.errors?.[props.name];
  const id = fid(props.name);
  return (
    <div class={`field${error ? ' invalid' : ''}`}>
      <label for={id}>{props.label}</label>
      <select id={id} name={props.name} aria-invalid={error ? 'true' : undefined}>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error ? (
        <p class="field-error" id={`${id}-error`} data-error-for={props.name}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A one-button POST form with an optional comment (or other) field: approve, reject, mark paid. */
export function ActionForm(props: { action: string; button: string; danger?: boolean; back?: string; children?: Child; testid?: string }) {
  return (
    <form method="post" action={props.action} data-testid={props.testid}>
      {props.back ? <input type="hidden" name="back" value={props.back} /> : null}
      {props.children}
      <div>
        <button class={`btn btn-small${props.danger ? ' btn-reject' : ''}`} type="submit">
          {props.button}
        </button>
      </div>
    </form>
  );
}

export function CommentField(props: { lang: Lang; id: string; name?: string; label?: string; required?: boolean }) {
  return (
    <>
      <label for={props.id}>{props.label ?? t(props.lang, 'treasury.bo.commentOptional')}</label>
      <textarea id={props.id} name={props.name ?? 'comment'} maxlength={1000} required={props.required}></textarea>
    </>
  );
}
