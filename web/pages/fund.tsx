import type { Municipality } from '../../functions/domain/catalog.js';
import { FundShares, governanceText, type FundView } from '../components/fund-shares.js';
import { PublicLedger, type PublicLedgerView } from '../components/public-ledger.js';
import { CorporateDonors } from '../components/corporate-donors.js';
import { FundDonateSlot } from '../components/donate-slot.js';
import type { CorporateDonorYear } from '../../functions/domain/corporate.js';
import { indexTowns, TownBadges, townName } from '../components/town-badge.js';
import { pick, t } from '../../functions/i18n/index.js';
import { Layout, type PageCtx } from '../layout.js';

export function FundPage(props: { ctx: PageCtx; fund: FundView; towns: Municipality[]; ledgers: { town: string; ledger: PublicLedgerView }[]; corporateDonors?: CorporateDonorYear[] }) {
  const { ctx, fund } = props;
  const { lang } = ctx;
  const index = indexTowns(props.towns);
  const name = pick(lang, fund.name, fund.nameEn);
  return (
    <Layout ctx={ctx} title={name} description={pick(lang, fund.description, fund.descriptionEn)} active="funds">
      <nav class="breadcrumb" aria-label={t(lang, 'breadcrumb')}>
        <a href="/funds">{t(lang, 'funds.title')}</a> /
      </nav>
      <header class="page-head">
        <h1>{name}</h1>
        <p class="lead">{pick(lang, fund.description, fund.descriptionEn)}</p>
      </header>
      <div class="grid two">
        <section class="panel" aria-labelledby="shares-heading">
          <h2 id="shares-heading">{t(lang, 'fund.shares')}</h2>
          <FundShares lang={lang} towns={index} fund={fund} />
        </section>
        <section class="panel" aria-labelledby="members-heading">
          <h2 id="members-heading">{t(lang, 'fund.members')}</h2>
          <TownBadges lang={lang} towns={index} codes={fund.members} link label={t(lang, 'fund.members')} />
          <h2 id="rule-heading" class="spaced">{t(lang, 'fund.governance')}</h2>
          <p class="governance">{governanceText(lang, fund)}</p>
        </section>
      </div>
      <FundDonateSlot lang={lang} fund={fund} towns={index} />
      {props.corporateDonors ? <CorporateDonors lang={lang} years={props.corporateDonors} /> : null}
      <section id="ledger" aria-labelledby="ledger-heading">
        <h2 id="ledger-heading">{t(lang, 'ledger.heading')}</h2>
        <p class="ledger-note">{t(lang, 'ledger.intro')}</p>
        {props.ledgers.map(({ town, ledger }) => {
          const label = t(lang, 'fund.ledgerFor', { town: townName(lang, index, town) });
          return (
            <section class="ledger-part" aria-label={label} data-town={town}>
              <h3>{label}</h3>
              <PublicLedger lang={lang} towns={index} ledger={ledger} label={label} />
            </section>
          );
        })}
      </section>
    </Layout>
  );
}
