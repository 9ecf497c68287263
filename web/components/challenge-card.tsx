import type { ChallengeView } from '../views/catalog.js';
import { pick, t, type Lang } from '../../functions/i18n/index.js';
import { DaysLeft } from './days-left.js';
import { ProgressBar } from './progress-bar.js';
import { TownBadges, type TownIndex } from './town-badge.js';

export function ChallengeCard(props: { lang: Lang; challenge: ChallengeView; towns: TownIndex; headingLevel?: 2 | 3 }) {
  const { lang, challenge: c, towns } = props;
  const title = pick(lang, c.title, c.titleEn);
  const Heading = props.headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article class="card challenge-card" data-challenge={c.id}>
      {lang === 'ja' ? <span class="card-theme">{c.theme}</span> : null}
      <Heading>
        <a href={`/challenges/${encodeURIComponent(c.id)}`}>{title}</a>
      </Heading>
      <TownBadges lang={lang} towns={towns} codes={c.towns} lead={c.leadTown} label={t(lang, 'challenge.towns')} />
      <p class="summary">{pick(lang, c.summary, c.summaryEn)}</p>
      <ProgressBar lang={lang} raised={c.raised} target={c.target} percent={c.percent} label={`${t(lang, 'progress.label')}: ${title}`} />
      <div class="meta">
        <span>
          {t(lang, 'challenge.donors')} <strong class="num">{t(lang, 'challenge.donorsCount', { n: c.donorCount.toLocaleString('en-US') })}</strong>
        </span>
        <DaysLeft lang={lang} status={c.status} daysLeft={c.daysLeft} />
      </div>
    </article>
  );
}
