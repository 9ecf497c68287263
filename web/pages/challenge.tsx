import type { Municipality } from '../../functions/domain/catalog.js';
import type { ChallengeView } from '../views/catalog.js';
import { Yen } from '../components/yen.js';
import { JstDate } from '../components/date.js';
import { DaysLeft, StatusBadge } from '../components/days-left.js';
import { DonateSlot } from '../components/donate-slot.js';
import { ProgressBar } from '../components/progress-bar.js';
import { PublicLedger, type PublicLedgerView } from '../components/public-ledger.js';
import { ChallengeUpdates, type UpdateView } from '../components/challenge-updates.js';
import { CorporateDonors } from '../components/corporate-donors.js';
import type { CorporateDonorYear } from '../../functions/domain/corporate.js';
import { indexTowns, TownBadges, type TownIndex } from '../components/town-badge.js';
import { pick, t, type Lang } from '../../functions/i18n/index.js';
import { Layout, type PageCtx } from '../layout.js';

export function ChallengePage(props: { ctx: PageCtx; challenge: ChallengeView; towns: Municipality[]; ledger: PublicLedgerView; updates?: UpdateView[]; corporateDonors?: CorporateDonorYear[] }) {
  const { ctx, challenge: c, ledger } = props;
  const { lang } = ctx;
  const index = indexTowns(props.towns);
  const title = pick(lang, c.title, c.titleEn);
  return (
    <Layout ctx={ctx} title={title} description={pick(lang, c.summary, c.summaryEn)} active="challenges">
      <nav class="breadcrumb" aria-label={t(lang, 'breadcrumb')}>
        <a href="/challenges">{t(lang, 'challenge.breadcrumb')}</a> /
      </nav>
      <div class="challenge-layout">
        <header class="page-head">
          {lang === 'ja' ? <p class="card-theme">{c.theme}</p> : null}
          <h1>{title}</h1>
          <p class="lead">{pick(lang, c.summary, c.summaryEn)}</p>
          <TownBadges lang={lang} towns={index} codes={c.towns} lead={c.leadTown} link label={t(lang, 'challenge.towns')} />
        </header>
        <aside class="side" aria-label={t(lang, 'progress.label')}>
          <ProgressPanel lang={lang} challenge={c} towns={index} />
        </aside>
        <div class="body">
          <section aria-labelledby="about-heading">
            <h2 id="about-heading">{t(lang, 'challenge.about')}</h2>
            <p class="description">{pick(lang, c.description, c.descriptionEn)}</p>
          </section>
          <DonateSlot lang={lang} challenge={c} towns={index} />
          {props.updates ? <ChallengeUpdates lang={lang} updates={props.updates} /> : null}
          {props.corporateDonors ? <CorporateDonors lang={lang} years={props.corporateDonors} /> : null}
          <section id="ledger" aria-labelledby="ledger-heading">
            <h2 id="ledger-heading">{t(lang, 'ledger.heading')}</h2>
            <p class="ledger-note">{t(lang, 'ledger.intro')}</p>
            <PublicLedger lang={lang} towns={index} ledger={ledger} label={t(lang, 'ledger.heading')} />
          </section>
        </div>
      </div>
    </Layout>
  );
}

function ProgressPanel(props: { lang: Lang; challenge: ChallengeView; towns: TownIndex }) {
  const { lang, challenge: c } = props;
  const open = c.status === 'open' && c.daysLeft >= 0;
  return (
    <div class="panel">
      <ProgressBar lang={lang} raised={c.raised} target={c.target} percent={c.percent} size="large" />
      <dl class="facts">
        <dt>{t(lang, 'challenge.donors')}</dt>
        <dd class="num">{t(lang, 'challenge.donorsCount', { n: c.donorCount.toLocaleString('en-US') })}</dd>
        {c.allocated > 0 ? (
          <>
            <dt>{t(lang, 'challenge.allocated')}</dt>
            <dd class="num" data-allocated={c.allocated}>
              <Yen amount={c.allocated} />
            </dd>
          </>
        ) : null}
        <dt>{t(lang, 'challenge.deadline')}</dt>
        <dd>
          <JstDate lang={lang} date={c.deadline} wareki /> <DaysLeft lang={lang} status={c.status} daysLeft={c.daysLeft} />
        </dd>
        <dt>{t(lang, 'challenge.status')}</dt>
        <dd>
          <StatusBadge lang={lang} status={c.status} />
        </dd>
      </dl>
      {c.operatorCompanyId ? <p class="operator small">{t(lang, 'challenge.operator', { id: c.operatorCompanyId })}</p> : null}
      {open ? (
        <a class="btn btn-block" href="#donate">
          {t(lang, 'challenge.donateCta')}
        </a>
      ) : null}
      <p class="keep-note">{t(lang, 'challenge.keepItAll')}</p>
    </div>
  );
}
