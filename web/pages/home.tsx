import type { Municipality } from '../../functions/domain/catalog.js';
import type { ChallengeView } from '../views/catalog.js';
import { ChallengeCard } from '../components/challenge-card.js';
import { FundCard, type FundView } from '../components/fund-shares.js';
import { indexTowns } from '../components/town-badge.js';
import { TownCard } from '../components/town-card.js';
import { Yen } from '../components/yen.js';
import { t } from '../../functions/i18n/index.js';
import { Layout, type PageCtx } from '../layout.js';

export function HomePage(props: { ctx: PageCtx; challenges: ChallengeView[]; funds: FundView[]; towns: Municipality[] }) {
  const { ctx, challenges, funds, towns } = props;
  const { lang } = ctx;
  const index = indexTowns(towns);
  return (
    <Layout ctx={ctx} active="home" hero={<Hero {...props} />}>
      <section aria-labelledby="open-heading">
        <div class="section-head">
          <h2 id="open-heading">{t(lang, 'home.openChallenges')}</h2>
          <a href="/challenges">{t(lang, 'home.allChallenges')} →</a>
        </div>
        {challenges.length ? (
          <div class="grid">
            {challenges.map((c) => (
              <ChallengeCard lang={lang} challenge={c} towns={index} />
            ))}
          </div>
        ) : (
          <p class="muted">{t(lang, 'home.noOpen')}</p>
        )}
      </section>
      <section aria-labelledby="funds-heading">
        <div class="section-head">
          <h2 id="funds-heading">{t(lang, 'home.funds')}</h2>
        </div>
        <div class="stack">
          {funds.map((f) => (
            <FundCard lang={lang} towns={index} fund={f} feature />
          ))}
        </div>
      </section>
      <section aria-labelledby="towns-heading">
        <div class="section-head">
          <h2 id="towns-heading">{t(lang, 'home.towns')}</h2>
        </div>
        <div class="grid">
          {towns.map((town) => (
            <TownCard lang={lang} town={town} />
          ))}
        </div>
      </section>
    </Layout>
  );
}

/** A full-width band above the page column, so the colour spans the screen on every width. */
function Hero(props: { ctx: PageCtx; challenges: ChallengeView[]; funds: FundView[]; towns: Municipality[] }) {
  const { lang } = props.ctx;
  return (
    <div class="hero">
      <div class="wrap">
        <h1>{t(lang, 'home.heroTitle')}</h1>
        <p>{t(lang, 'home.heroBody')}</p>
        <div class="actions">
          <a class="btn" href="/challenges">
            {t(lang, 'home.heroCta')}
          </a>
          <a class="btn btn-secondary" href="/simulator">
            {t(lang, 'home.heroSecondary')}
          </a>
        </div>
        <ul class="stats">
          <li>
            <span class="label">{t(lang, 'home.statOpen')}</span>
            <span class="value">{props.challenges.length}</span>
          </li>
          <li>
            <span class="label">{t(lang, 'home.statFund')}</span>
            <span class="value">
              <Yen amount={props.funds.reduce((sum, f) => sum + f.total, 0)} />
            </span>
          </li>
          <li>
            <span class="label">{t(lang, 'home.statTowns')}</span>
            <span class="value">{props.towns.length}</span>
          </li>
        </ul>
      </div>
    </div>
  );
}
