import { createHash } from 'node:crypto';
import type { Child } from 'hono/jsx';
import type { Lang } from '../../functions/i18n/index.js';
import type { FieldProblem } from '../views/corporate.js';

export type { FieldProblem } from '../views/corporate.js';

/**
 * The few styles the corporate pages add to the shared sheet (forms with errors, notices, key/value lists),
 * served at /assets/corporate.css and linked from the body (CSP style-src 'self': no inline <style>).
 */
export const CORPORATE_CSS = `
.corp-form fieldset{border:1px solid #d5d9e0;border-radius:8px;padding:12px 14px;margin:0 0 16px}
.corp-form legend{font-weight:700;padding:0 4px}
.corp-form .field{display:flex;flex-direction:column;gap:4px;margin:0 0 14px}
.corp-form input[type=text],.corp-form input[type=number],.corp-form input[type=date],.corp-form select,.corp-form textarea{font:inherit;padding:10px;border:1px solid #9aa3ad;border-radius:6px;max-width:100%;box-sizing:border-box;width:100%}
.corp-form .check{display:flex;gap:8px;align-items:flex-start;margin:6px 0}
.corp-form .check input{margin-top:4px;width:20px;height:20px;flex:none}
.field-error{color:#a1260d;font-weight:600;margin:2px 0 0}
.field-error code{font-weight:400;color:#6b2a1d;font-size:.8em}
.has-error input,.has-error select{border-color:#a1260d;outline:1px solid #a1260d}
.notice{border-radius:8px;padding:12px 14px;margin:0 0 16px;border:1px solid}
.notice.ok{background:#eef7f1;border-color:#1f6b45}
.notice.error{background:#fdf0ed;border-color:#a1260d}
.notice ul{margin:6px 0 0;padding-left:1.2em}
.kv{display:grid;grid-template-columns:minmax(7em,auto) 1fr;gap:6px 14px;margin:0 0 12px}
.kv dt{font-weight:700}
.kv dd{margin:0;overflow-wrap:anywhere}
.pledge-card{border:1px solid #d5d9e0;border-radius:8px;padding:14px;margin:0 0 16px;background:#fff}
.pledge-card h3{margin-top:0}
.option-list{list-style:none;padding:0;margin:0}
.option-list li{border:1px solid #d5d9e0;border-radius:8px;padding:12px;margin:0 0 10px}
.inline-form{display:inline}
.actions-row{display:flex;flex-wrap:wrap;gap:10px;align-items:center;margin:12px 0}
.caveats{font-size:.9em}
.status[data-status]{white-space:nowrap}
`;

export const CORPORATE_CSS_HASH = createHash('sha256').update(CORPORATE_CSS).digest('hex').slice(0, 12);
export const CORPORATE_CSS_PATH = '/assets/corporate.css';

export function CorporateStyles() {
  return <link rel="stylesheet" href={`${CORPORATE_CSS_PATH}?v=${CORPORATE_CSS_HASH}`} />;
}

export function FieldError(props: { lang: Lang; problems: FieldProblem[]; path: string | string[]; id?: string }) {
  const paths = Array.isArray(props.path) ? props.path : [props.path];
  const mine = props.problems.filter((p) => paths.includes(p.path));
  if (!mine.length) return null;
  return (
    <div id={props.id}>
      {mine.map((p) => (
        <p class="field-error" data-code={p.code} role="alert">
          {p.message} <code>{p.code}</code>
        </p>
      ))}
    </div>
  );
}

export function Notice(props: { kind: 'ok' | 'error'; children?: Child }) {
  return (
    <div class={`notice ${props.kind}`} role={props.kind === 'error' ? 'alert' : 'status'}>
      {props.children}
    </div>
  );
}

/** Problems that belong to no field on the page (shown in the summary at the top). */
export function ProblemList(props: { lang: Lang; problems: FieldProblem[] }) {
  if (!props.problems.length) return null;
  return (
    <ul>
      {props.problems.map((p) => (
        <li data-code={p.code}>{p.message}</li>
      ))}
    </ul>
  );
}
