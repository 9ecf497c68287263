import type { Municipality } from '../../functions/domain/catalog.js';
import { TownCard } from '../components/town-card.js';
import { t } from '../../functions/i18n/index.js';
import { Layout, type PageCtx } from '../layout.js';

export function TownsPage(props: { ctx: PageCtx; towns: Municipality[] }) {
  const { lang } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={t(lang, 'towns.title')} active="towns">
      <header class="page-head">
        <h1>{t(lang, 'towns.title')}</h1>
        <p class="lead">{t(lang, 'towns.lead')}</p>
      </header>
      <div class="grid">
        {props.towns.map((town) => (
          <TownCard lang={lang} town={town} />
        ))}
      </div>
    </Layout>
  );
}
