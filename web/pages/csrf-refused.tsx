import { t } from '../../functions/i18n/index.js';
import { Layout, type PageCtx } from '../layout.js';

/** A form post that came from another site (or an expired form): refused, nothing was changed. */
export function CsrfRefusedPage(props: { ctx: PageCtx; message: string }) {
  const { lang } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={t(lang, 'csrf.title')}>
      <div class="not-found" data-refused="csrf">
        <p class="code" aria-hidden="true">
          403
        </p>
        <h1>{t(lang, 'csrf.title')}</h1>
        <p>{props.message}</p>
        <p>
          <a class="btn btn-secondary" href="/">
            {t(lang, 'notFound.home')}
          </a>
        </p>
      </div>
    </Layout>
  );
}
