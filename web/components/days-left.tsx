import type { ChallengeStatus } from '../../functions/domain/catalog.js';
import { t, type Lang } from '../../functions/i18n/index.js';

/**
 * How long donors still have. `daysLeft` comes from the read model (JST calendar days, 0 on the last
 * day); a challenge whose deadline has passed reads as closed even before the scheduler closes it.
 */
export function DaysLeft(props: { lang: Lang; status: ChallengeStatus; daysLeft: number }) {
  const { lang, status, daysLeft } = props;
  if (status !== 'open' || daysLeft < 0) return <span class="days closed">{t(lang, 'days.closed')}</span>;
  if (daysLeft === 0) return <span class="days today">{t(lang, 'days.today')}</span>;
  return <span class="days">{daysLeft === 1 ? t(lang, 'days.leftOne') : t(lang, 'days.left', { n: daysLeft })}</span>;
}

export function StatusBadge(props: { lang: Lang; status: ChallengeStatus }) {
  return <span class={`status ${props.status}`}>{t(props.lang, `status.${props.status}`)}</span>;
}
