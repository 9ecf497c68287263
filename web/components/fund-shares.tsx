import type { Fund } from '../../functions/domain/catalog.js';
import type { Yen as YenAmount } from '../../functions/domain/money.js';
import { pick, t, type Lang } from '../../functions/i18n/index.js';
import { townName, type TownIndex } from './town-badge.js';
import { Yen } from './yen.js';

/** A pooled fund with each member town's available share, as the catalog read model returns it. */
export interface FundView extends Fund {
  shares: { town: string; available: YenAmount }[];
  total: YenAmount;
}

/** Bars compare shares with each other (the largest is full); they are decoration, the figures carry it. */
export function FundShares(props: { lang: Lang; towns: TownIndex; fund: FundView }) {
  const { lang, towns, fund } = props;
  const max = Math.max(1, ...fund.shares.map((s) => s.available));
  return (
    <div>
      <ul class="share-list">
        {fund.shares.map((s) => (
          <li data-town={s.town}>
            <a href={`/towns/${s.town}`}>{townName(lang, towns, s.town)}</a>
            <strong>
              <Yen amount={s.available} />
            </strong>
            <div class="bar" aria-hidden="true">
              <div class={`bar-fill w${Math.max(0, Math.min(100, Math.floor((s.available * 100) / max)))}`}></div>
            </div>
          </li>
        ))}
      </ul>
      <p class="fund-total">
        <span>{t(lang, 'fund.total')}</span>
        <span class="num">
          <Yen amount={fund.total} />
        </span>
      </p>
    </div>
  );
}

/** `feature`: the wide home-page version, text beside the shares on a desktop. */
export function FundCard(props: { lang: Lang; towns: TownIndex; fund: FundView; feature?: boolean }) {
  const { lang, towns, fund } = props;
  return (
    <article class={`card fund-card${props.feature ? ' feature' : ''}`}>
      <div class="fund-text">
        <h3>
          <a href={`/funds/${encodeURIComponent(fund.id)}`}>{pick(lang, fund.name, fund.nameEn)}</a>
        </h3>
        <p class="summary">{pick(lang, fund.description, fund.descriptionEn)}</p>
        {props.feature ? (
          <p class="small more">
            <a href={`/funds/${encodeURIComponent(fund.id)}`}>{t(lang, 'fund.open')} →</a>
          </p>
        ) : null}
      </div>
      <FundShares lang={lang} towns={towns} fund={fund} />
    </article>
  );
}

/** The configured rule, in words a resident understands. */
export function governanceText(lang: Lang, fund: Fund): string {
  return fund.governance.rule === 'quorum'
    ? t(lang, 'fund.governance.quorum', { n: fund.governance.quorum })
    : t(lang, 'fund.governance.all_drawn');
}
