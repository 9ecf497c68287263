/**
 * Building blocks of the company and reviewer workspaces: form fields that show their error beside
 * them, the error summary, notices and status badges. Plain HTML forms: everything works without
 * JavaScript, and the touch targets are phone-sized.
 */
import type { Child } from 'hono/jsx';
import { createHash } from 'node:crypto';
import { type Lang, t, type MessageKey } from '../../functions/i18n/index.js';
import { type FlashKey } from './flash.js';

/** Form and workspace styles, served at WORKSPACE_CSS_PATH; builds on the site stylesheet's variables. */
export const WORKSPACE_CSS = `
.ws-nav{display:flex;flex-wrap:wrap;gap:.5rem;margin:0 0 1rem;font-size:.9rem}
.ws-nav a{display:inline-block;padding:.35rem .8rem;border:1px solid var(--line-strong);border-radius:999px;text-decoration:none;min-height:36px}
.ws-nav a[aria-current="page"]{background:var(--primary);color:#fff;border-color:var(--primary)}
.form{display:grid;gap:1.1rem;max-width:48rem}
.form .field textarea{font:inherit;font-size:1rem;padding:.5rem .6rem;border:1px solid #8a8170;border-radius:8px;background:#fff;color:var(--ink);width:100%;min-height:7rem;resize:vertical}
.form .field input[type=checkbox],.form .field input[type=radio]{width:auto;min-height:0}
.hint{font-size:.8rem;color:var(--muted);margin:0}
.req{color:#b42318;font-size:.75rem;font-weight:700;margin-left:.35rem}
.field-error{color:#b42318;font-size:.875rem;font-weight:700;margin:0}
.field.invalid > input,.field.invalid > textarea,.field.invalid > select,.budget-row.invalid input[aria-invalid]{border-color:#b42318!important;border-width:2px!important}
fieldset.group.invalid{border-color:#b42318;border-width:2px}
.error-summary{border:2px solid #b42318;background:#fdecea;padding:.75rem 1rem;border-radius:var(--radius);margin:0 0 1rem}
.error-summary h2{font-size:1rem;color:#8a1c12;margin:0 0 .35rem}
.error-summary ul{margin:0;padding-left:1.2rem}
.error-summary a{color:#8a1c12}
.notice{border-left:5px solid var(--ok);background:var(--ok-soft);padding:.6rem 1rem;border-radius:8px;margin:0 0 1rem}
.notice.warn{border-left-color:var(--gold);background:var(--gold-soft)}
fieldset.group{border:1px solid var(--line);border-radius:var(--radius);padding:.75rem 1rem 1rem;background:var(--card);margin:0;min-width:0}
fieldset.group legend{font-weight:700;padding:0 .25rem}
.choices{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
.choices label{display:inline-flex;align-items:center;gap:.45rem;min-height:44px;font-weight:600}
.choices input{width:1.2rem;height:1.2rem}
.budget-table{display:grid;gap:.5rem}
.budget-row{display:grid;grid-template-columns:minmax(0,1fr) 9rem;gap:.5rem;align-items:start}
.budget-row input{font:inherit;font-size:1rem;padding:.5rem .6rem;border:1px solid #8a8170;border-radius:8px;min-height:44px;width:100%}
.pair{display:grid;gap:.75rem;grid-template-columns:1fr}
@media (min-width:40rem){.pair{grid-template-columns:1fr 1fr}}
.form-actions{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center}
.inline-form{display:inline}
.ws-table td,.ws-table th{white-space:nowrap}
.ws-table td:first-child{white-space:normal;min-width:12rem}
.app-status{display:inline-block;padding:.05rem .55rem;border-radius:6px;font-size:.8rem;font-weight:700;border:1px solid var(--line-strong);color:var(--muted);white-space:nowrap}
.app-status.submitted{color:var(--primary-dark);border-color:#9db7d8;background:var(--primary-soft)}
.app-status.adopted,.app-status.accepted{color:var(--ok);border-color:#9cc9b0;background:var(--ok-soft)}
.app-status.rejected{color:#8a1c12;border-color:#efc6bc;background:var(--accent-soft)}
.app-status.changes_requested{color:var(--gold);border-color:#e7cf95;background:var(--gold-soft)}
.history{list-style:none;margin:0;padding:0;display:grid;gap:.75rem}
.history li{background:var(--card);border:1px solid var(--line);border-radius:var(--radius);padding:.75rem 1rem}
.history .who{font-size:.85rem;color:var(--muted)}
.private{background:#f4f1ea;border-radius:8px;padding:.4rem .6rem;font-size:.9rem}
.prose{white-space:pre-line}
.updates{list-style:none;margin:0;padding:0;display:grid;gap:.75rem}
.updates li{background:var(--card);border:1px solid var(--line);border-radius:var(--radius);padding:.75rem 1rem}
.updates h3{margin:0 0 .25rem}
`;
export const WORKSPACE_CSS_HASH = createHash('sha256').update(WORKSPACE_CSS).digest('hex').slice(0, 12);
export const WORKSPACE_CSS_PATH = '/assets/workspace.css';

/** A stylesheet link is allowed in the body; the shared layout stays untouched. */
export function WorkspaceStyles() {
  return <link rel="stylesheet" href={`${WORKSPACE_CSS_PATH}?v=${WORKSPACE_CSS_HASH}`} />;
}

export type Errors = Record<string, string>;

export function WorkspaceNav(props: { lang: Lang; company?: boolean; reviewer?: boolean; active?: 'company' | 'review' }) {
  const { lang } = props;
  if (!props.company && !props.reviewer) return null;
  return (
    <nav class="ws-nav" aria-label={t(lang, 'cocreation.ws.nav')}>
      {props.company ? (
        <a href="/company" aria-current={props.active === 'company' ? 'page' : undefined}>
          {t(lang, 'cocreation.ws.company')}
        </a>
      ) : null}
      {props.reviewer ? (
        <a href="/review" aria-current={props.active === 'review' ? 'page' : undefined}>
          {t(lang, 'cocreation.ws.review')}
        </a>
      ) : null}
    </nav>
  );
}

export function Flash(props: { lang: Lang; flash?: FlashKey }) {
  if (!props.flash) return null;
  return (
    <p class="notice" role="status" data-flash={props.flash}>
      {t(props.lang, `cocreation.flash.${props.flash}` as MessageKey)}
    </p>
  );
}

export function Problem(props: { message?: string }) {
  if (!props.message) return null;
  return (
    <p class="notice warn" role="alert">
      {props.message}
    </p>
  );
}

/** Lists every error with a link to its field, so a screen reader or a phone user finds each one. */
export function ErrorSummary(props: { lang: Lang; errors: Errors; lead?: string }) {
  const entries = Object.entries(props.errors);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1} id="errors">
      <h2>{t(props.lang, 'cocreation.form.errorsTitle', { n: entries.length })}</h2>
      {props.lead ? <p>{props.lead}</p> : null}
      <ul>
        {entries.map(([field, message]) => (
          <li>
            <a href={`#f-${field.replace(/\./g, '-')}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export const fieldId = (name: string) => `f-${name.replace(/\./g, '-')}`;

export function FieldError(props: { name: string; errors: Errors }) {
  const message = props.errors[props.name];
  return message ? (
    <p class="field-error" id={`${fieldId(props.name)}-error`} data-error-for={props.name}>
      {message}
    </p>
  ) : null;
}

export function Field(props: {
  lang: Lang;
  name: string;
  label: string;
  value?: string | number;
  errors: Errors;
  type?: string;
  required?: boolean;
  hint?: string;
  multiline?: boolean;
  rows?: number;
  inputmode?: 'numeric' | 'email' | 'text' | 'tel';
  autocomplete?: string;
  maxlength?: number;
  /** The name the browser submits when it differs from the error key (e.g. contact.email → contactEmail). */
  formName?: string;
}) {
  const id = fieldId(props.name);
  const invalid = Boolean(props.errors[props.name]);
  const describedBy = [props.hint ? `${id}-hint` : '', invalid ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: props.formName ?? props.name,
    'aria-invalid': invalid ? 'true' : undefined,
    'aria-describedby': describedBy,
    required: props.required,
    maxlength: props.maxlength,
  };
  return (
    <div class={`field${invalid ? ' invalid' : ''}`}>
      <label for={id}>
        {props.label}
        {props.required ? <span class="req">{t(props.lang, 'cocreation.form.required')}</span> : null}
      </label>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.multiline ? (
        <textarea {...common} rows={props.rows ?? 5}>
          {props.value ?? ''}
        </textarea>
      ) : (
        <input {...common} type={props.type ?? 'text'} value={props.value === undefined ? '' : String(props.value)} inputmode={props.inputmode} autocomplete={props.autocomplete} />
      )}
      <FieldError name={props.name} errors={props.errors} />
    </div>
  );
}

export function Group(props: { legend: string; name?: string; errors?: Errors; hint?: string; children?: Child }) {
  const invalid = props.name && props.errors?.[props.name];
  return (
    <fieldset class={`group${invalid ? ' invalid' : ''}`} id={props.name ? fieldId(props.name) : undefined}>
      <legend>{props.legend}</legend>
      {props.hint ? <p class="hint">{props.hint}</p> : null}
      {props.children}
      {props.name && props.errors ? <FieldError name={props.name} errors={props.errors} /> : null}
    </fieldset>
  );
}

export function AppStatusBadge(props: { lang: Lang; status: string }) {
  return (
    <span class={`app-status ${props.status}`} data-status={props.status}>
      {t(props.lang, `cocreation.appStatus.${props.status}` as MessageKey)}
    </span>
  );
}

export function DecisionBadge(props: { lang: Lang; decision?: string }) {
  const d = props.decision ?? 'pending';
  return (
    <span class={`app-status ${d}`} data-decision={d}>
      {t(props.lang, `cocreation.decision.${d}` as MessageKey)}
    </span>
  );
}

export function ChallengeStatusText(props: { lang: Lang; status: string }) {
  return <span data-challenge-status={props.status}>{t(props.lang, `cocreation.chStatus.${props.status}` as MessageKey)}</span>;
}
