import type { Municipality } from '../../functions/domain/catalog.js';
import { pick, t, type Lang } from '../../functions/i18n/index.js';

/** Towns by code, from the municipalities list: pages show names, never bare codes. */
export type TownIndex = ReadonlyMap<string, Municipality>;

export function townName(lang: Lang, towns: TownIndex, code: string): string {
  const town = towns.get(code);
  return town ? pick(lang, town.name, town.nameEn) : code;
}

export function TownBadge(props: { lang: Lang; towns: TownIndex; code: string; lead?: boolean; link?: boolean }) {
  const name = townName(props.lang, props.towns, props.code);
  const inner = [name, props.lead ? <span class="lead-mark">{t(props.lang, 'challenge.lead')}</span> : null];
  return props.link ? (
    <a class="badge" href={`/towns/${props.code}`}>
      {inner}
    </a>
  ) : (
    <span class="badge">{inner}</span>
  );
}

/** The lead town first, so "who runs this" is the first thing read. */
export function TownBadges(props: { lang: Lang; towns: TownIndex; codes: readonly string[]; lead?: string; link?: boolean; label?: string }) {
  const ordered = [...props.codes].sort((a, b) => Number(b === props.lead) - Number(a === props.lead));
  return (
    <ul class="badges" aria-label={props.label}>
      {ordered.map((code) => (
        <li>
          <TownBadge lang={props.lang} towns={props.towns} code={code} lead={props.lead === code && props.codes.length > 1} link={props.link} />
        </li>
      ))}
    </ul>
  );
}

export function indexTowns(list: readonly Municipality[]): TownIndex {
  return new Map(list.map((m) => [m.code, m]));
}
