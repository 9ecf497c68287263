import type { Child } from 'hono/jsx';
import { t, type Lang } from '../../functions/i18n/index.js';

/** The body of a page that answers with an error status (404, 403): the number, what happened, a way home. */
export function StatusPanel(props: { lang: Lang; status: number; title: string; refused?: string; children?: Child }) {
  return (
    <div class="not-found" data-refused={props.refused}>
      <p class="code" aria-hidden="true">
        {props.status}
      </p>
      <h1>{props.title}</h1>
      {props.children}
      <p>
        <a class="btn btn-secondary" href="/">
          {t(props.lang, 'notFound.home')}
        </a>
      </p>
    </div>
  );
}
