import { t } from '../../functions/i18n/index.js';
import { StatusPanel } from '../components/status-panel.js';
import { Layout, type PageCtx } from '../layout.js';

/** A form post that came from another site (or an expired form): refused, nothing was changed. */
export function CsrfRefusedPage(props: { ctx: PageCtx; message: string }) {
  const { lang } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={t(lang, 'csrf.title')}>
      <StatusPanel lang={lang} status={403} title={t(lang, 'csrf.title')} refused="csrf">
        <p>{props.message}</p>
      </StatusPanel>
    </Layout>
  );
}
