import { formatJaDate, toWareki } from '../../functions/domain/jst.js';
import type { Lang } from '../../functions/i18n/index.js';

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Dates are stored as JST calendar days (YYYY-MM-DD), so they are formatted as-is, never via a Date. */
export function formatDate(lang: Lang, date: string): string {
  if (lang === 'ja') return formatJaDate(date);
  const [y, m, d] = date.split('-');
  return `${Number(d)} ${MONTHS_EN[Number(m) - 1]} ${y}`;
}

/** 'YYYY-MM' → 2026年11月 / Nov 2026 */
export function formatMonth(lang: Lang, month: string): string {
  const [y, m] = month.split('-');
  return lang === 'ja' ? `${y}年${Number(m)}月` : `${MONTHS_EN[Number(m) - 1]} ${y}`;
}

/** Official Japanese documents date by era, so Japanese readers also get 和暦 where it matters. */
export function JstDate(props: { lang: Lang; date: string; wareki?: boolean }) {
  const main = formatDate(props.lang, props.date);
  return (
    <time datetime={props.date}>
      {main}
      {props.wareki && props.lang === 'ja' ? <span class="muted">({toWareki(props.date)})</span> : null}
    </time>
  );
}
