import type { Municipality } from '../../functions/domain/catalog.js';
import { pick, t, type Lang } from '../../functions/i18n/index.js';

export function TownCard(props: { lang: Lang; town: Municipality }) {
  const { lang, town } = props;
  return (
    <article class="card town-card" data-town={town.code}>
      <span class="card-theme">{pick(lang, town.prefecture, town.prefectureEn)}</span>
      <h3>
        <a href={`/towns/${town.code}`}>{pick(lang, town.name, town.nameEn)}</a>
      </h3>
      <p class="summary">{pick(lang, town.description, town.descriptionEn)}</p>
      <p class="meta small">
        <a href={`/towns/${town.code}`}>{t(lang, 'town.open')} →</a>
      </p>
    </article>
  );
}
