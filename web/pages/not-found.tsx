import { t } from '../../functions/i18n/index.js';
import { Layout, type PageCtx } from '../layout.js';

/** Shown in the reader's language, with the other language underneath for a visitor who landed cold. */
export function NotFoundPage(props: { ctx: PageCtx }) {
  const { lang } = props.ctx;
  const other = lang === 'ja' ? 'en' : 'ja';
  return (
    <Layout ctx={props.ctx} title={t(lang, 'notFound.title')}>
      <div class="not-found">
        <p class="code" aria-hidden="true">
          404
        </p>
        <h1>{t(lang, 'notFound.title')}</h1>
        <p>{t(lang, 'notFound.body')}</p>
        <p class="muted small" lang={other}>
          {t(other, 'notFound.title')} — {t(other, 'notFound.body')}
        </p>
        <p>
          <a class="btn btn-secondary" href="/">
            {t(lang, 'notFound.home')}
          </a>
        </p>
      </div>
    </Layout>
  );
}
