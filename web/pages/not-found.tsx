import { t } from '../../functions/i18n/index.js';
import { StatusPanel } from '../components/status-panel.js';
import { Layout, type PageCtx } from '../layout.js';

/** Shown in the reader's language, with the other language underneath for a visitor who landed cold. */
export function NotFoundPage(props: { ctx: PageCtx }) {
  const { lang } = props.ctx;
  const other = lang === 'ja' ? 'en' : 'ja';
  return (
    <Layout ctx={props.ctx} title={t(lang, 'notFound.title')}>
      <StatusPanel lang={lang} status={404} title={t(lang, 'notFound.title')}>
        <p>{t(lang, 'notFound.body')}</p>
        <p class="muted small" lang={other}>
          {t(other, 'notFound.title')} — {t(other, 'notFound.body')}
        </p>
      </StatusPanel>
    </Layout>
  );
}
