import { formatYen, type Yen as YenAmount } from '../../functions/domain/money.js';
import { t, type Lang } from '../../functions/i18n/index.js';
import { Yen } from './yen.js';

/**
 * Raised against target. Keep-it-all challenges can pass 100%: the bar stays full and turns gold, and
 * the real percent is in the text and aria-valuetext (aria-valuenow must stay within min..max).
 */
export function ProgressBar(props: { lang: Lang; raised: YenAmount; target: YenAmount; percent: number; size?: 'large'; label?: string }) {
  const { lang, raised, target, percent } = props;
  const over = percent >= 100;
  const shown = Math.max(0, Math.min(100, percent));
  const valueText = t(lang, 'progress.value', { raised: formatYen(raised), target: formatYen(target), percent });
  return (
    <div class={`progress${over ? ' over' : ''}${props.size === 'large' ? ' large' : ''}`}>
      <div class="figures">
        <span>
          <span class="raised">
            <Yen amount={raised} />
          </span>{' '}
          <span class="target">/ <Yen amount={target} /></span>
        </span>
        <span class="percent">
          {over ? `${t(lang, 'progress.reached')} ` : ''}
          {percent}%
        </span>
      </div>
      <div
        class="bar"
        role="progressbar"
        aria-label={props.label ?? t(lang, 'progress.label')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={shown}
        aria-valuetext={valueText}
      >
        <div class={`bar-fill w${shown}`}></div>
      </div>
    </div>
  );
}
