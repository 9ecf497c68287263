import type { Municipality } from '../../functions/domain/catalog.js';
import { FundCard, type FundView } from '../components/fund-shares.js';
import { indexTowns } from '../components/town-badge.js';
import { t } from '../../functions/i18n/index.js';
import { Layout, type PageCtx } from '../layout.js';

export function FundsPage(props: { ctx: PageCtx; funds: FundView[]; towns: Municipality[] }) {
  const { lang } = props.ctx;
  const index = indexTowns(props.towns);
  return (
    <Layout ctx={props.ctx} title={t(lang, 'funds.title')} active="funds">
      <header class="page-head">
        <h1>{t(lang, 'funds.title')}</h1>
        <p class="lead">{t(lang, 'funds.lead')}</p>
      </header>
      <div class="grid">
        {props.funds.map((f) => (
          <FundCard lang={lang} towns={index} fund={f} />
        ))}
      </div>
    </Layout>
  );
}
