import type { Channel } from '../../functions/domain/ledger/entry.js';
import type { FlowTotals } from '../../functions/domain/ledger/summary.js';
import type { Yen as YenAmount } from '../../functions/domain/money.js';
import { t, type Lang } from '../../functions/i18n/index.js';
import { formatMonth, JstDate } from './date.js';
import { townName, type TownIndex } from './town-badge.js';
import { Yen } from './yen.js';

/** What the public may see of one ledger account; built by the page route from the store's activity. */
export interface PublicLedgerView {
  /** Newest month first; one row per town that moved money that month. */
  months: { month: string; town: string; inflow: YenAmount; outflow: YenAmount }[];
  total: FlowTotals;
  /** One row per journal entry, newest first. */
  movements: PublicMovement[];
  /** All movements, of which `movements` may be the latest slice. */
  movementCount: number;
}

export interface PublicMovement {
  date: string;
  channel: Channel;
  town: string;
  /** Signed on the account's own side: + money in, − money out. */
  amount: YenAmount;
  /** Present only when the donor agreed to be named; absence is rendered as a dash, never guessed. */
  counterpart?: string;
  reversal: boolean;
}

type Props = { lang: Lang; towns: TownIndex; ledger: PublicLedgerView; label: string };

export function PublicLedger(props: Props) {
  if (!props.ledger.movementCount) return <p class="ledger-note">{t(props.lang, 'ledger.empty')}</p>;
  return (
    <div class="ledger">
      <MonthTable {...props} />
      <MovementTable {...props} />
    </div>
  );
}

function MonthTable({ lang, towns, ledger, label }: Props) {
  return (
    <div class="table-scroll" role="region" aria-label={`${label}: ${t(lang, 'ledger.byMonth')}`} tabindex={0}>
      <table>
        <caption>{t(lang, 'ledger.byMonth')}</caption>
        <thead>
          <tr>
            <th scope="col">{t(lang, 'ledger.month')}</th>
            <th scope="col">{t(lang, 'ledger.town')}</th>
            <th scope="col" class="amount">{t(lang, 'ledger.inflow')}</th>
            <th scope="col" class="amount">{t(lang, 'ledger.outflow')}</th>
            <th scope="col" class="amount col-net">{t(lang, 'ledger.net')}</th>
          </tr>
        </thead>
        <tbody>
          {ledger.months.map((r) => (
            <tr>
              <th scope="row" class="nowrap">{formatMonth(lang, r.month)}</th>
              <td>{townName(lang, towns, r.town)}</td>
              <td class="amount"><Yen amount={r.inflow} /></td>
              <td class="amount"><Yen amount={r.outflow} /></td>
              <td class="amount col-net"><Yen amount={r.inflow - r.outflow} /></td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colspan={2}>{t(lang, 'ledger.total')}</th>
            <td class="amount"><Yen amount={ledger.total.inflow} /></td>
            <td class="amount"><Yen amount={ledger.total.outflow} /></td>
            <td class="amount col-net"><Yen amount={ledger.total.inflow - ledger.total.outflow} /></td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function MovementTable({ lang, towns, ledger, label }: Props) {
  return (
    <>
      <div class="table-scroll" role="region" aria-label={`${label}: ${t(lang, 'ledger.movements')}`} tabindex={0}>
        <table class="movements">
          <caption>{t(lang, 'ledger.movements')}</caption>
          <thead>
            <tr>
              <th scope="col">{t(lang, 'ledger.date')}</th>
              <th scope="col">{t(lang, 'ledger.kind')}</th>
              <th scope="col">{t(lang, 'ledger.town')}</th>
              <th scope="col">{t(lang, 'ledger.counterpart')}</th>
              <th scope="col" class="amount">{t(lang, 'ledger.amount')}</th>
            </tr>
          </thead>
          <tbody>
            {ledger.movements.map((m) => (
              <tr>
                <td class="m-date nowrap"><JstDate lang={lang} date={m.date} /></td>
                <td class="m-kind">
                  {t(lang, `channel.${m.channel}`)}
                  {m.reversal ? `(${t(lang, 'ledger.reversal')})` : ''}
                </td>
                <td class="m-town" data-label={t(lang, 'ledger.town')}>{townName(lang, towns, m.town)}</td>
                <td class={m.counterpart ? 'm-who' : 'm-who none'} data-label={t(lang, 'ledger.counterpart')}>
                  {m.counterpart ?? <span aria-hidden="true">{t(lang, 'ledger.undisclosed')}</span>}
                </td>
                <td class={`amount ${m.amount >= 0 ? 'in' : 'out'}`}><Yen amount={m.amount} signed /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {ledger.movementCount > ledger.movements.length ? (
        <p class="ledger-note">{t(lang, 'ledger.latest', { n: ledger.movements.length, total: ledger.movementCount })}</p>
      ) : null}
    </>
  );
}
