import type { Municipality } from '../../functions/domain/catalog.js';
import type { ChallengeView } from '../views/catalog.js';
import type { Yen as YenAmount } from '../../functions/domain/money.js';
import { ChallengeCard } from '../components/challenge-card.js';
import type { FundView } from '../components/fund-shares.js';
import { indexTowns } from '../components/town-badge.js';
import { Yen } from '../components/yen.js';
import { pick, t } from '../../functions/i18n/index.js';
import { Layout, type PageCtx } from '../layout.js';

export function TownPage(props: {
  ctx: PageCtx;
  town: Municipality;
  towns: Municipality[];
  challenges: ChallengeView[];
  shares: { fund: FundView; available: YenAmount }[];
}) {
  const { ctx, town } = props;
  const { lang } = ctx;
  const index = indexTowns(props.towns);
  const name = pick(lang, town.name, town.nameEn);
  return (
    <Layout ctx={ctx} title={name} description={pick(lang, town.description, town.descriptionEn)} active="towns">
      <nav class="breadcrumb" aria-label={t(lang, 'breadcrumb')}>
        <a href="/towns">{t(lang, 'towns.title')}</a> /
      </nav>
      <header class="page-head">
        <p class="card-theme">{pick(lang, town.prefecture, town.prefectureEn)}</p>
        <h1>{name}</h1>
        <p class="lead">{pick(lang, town.description, town.descriptionEn)}</p>
      </header>
      <div class="grid two">
        <section class="panel" aria-labelledby="town-facts">
          <h2 id="town-facts" class="visually-hidden">
            {name}
          </h2>
          <dl class="kv">
            <dt>{t(lang, 'town.prefecture')}</dt>
            <dd>{pick(lang, town.prefecture, town.prefectureEn)}</dd>
            <dt>{t(lang, 'town.address')}</dt>
            <dd>
              〒{town.postalCode} {town.address}
            </dd>
            <dt>{t(lang, 'town.code')}</dt>
            <dd class="num">{town.code}</dd>
          </dl>
        </section>
        <section class="panel" aria-labelledby="town-funds">
          <h2 id="town-funds">{t(lang, 'town.funds')}</h2>
          <ul class="share-list">
            {props.shares.map(({ fund, available }) => (
              <li>
                <a href={`/funds/${encodeURIComponent(fund.id)}`}>{pick(lang, fund.name, fund.nameEn)}</a>
                <strong>
                  <Yen amount={available} />
                </strong>
              </li>
            ))}
          </ul>
        </section>
      </div>
      <section aria-labelledby="town-challenges">
        <h2 id="town-challenges">{t(lang, 'town.challenges', { town: name })}</h2>
        {props.challenges.length ? (
          <div class="grid">
            {props.challenges.map((c) => (
              <ChallengeCard lang={lang} challenge={c} towns={index} />
            ))}
          </div>
        ) : (
          <p class="muted">{t(lang, 'town.noChallenges')}</p>
        )}
      </section>
    </Layout>
  );
}
