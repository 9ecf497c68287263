import { formatYen, type Yen as YenAmount } from '../../functions/domain/money.js';

/** ¥1,234,567 in tabular figures; `signed` marks inflows with + so a ledger column reads at a glance. */
export function Yen(props: { amount: YenAmount; signed?: boolean }) {
  const text = formatYen(props.amount);
  return <span class="num">{props.signed && props.amount > 0 ? `+${text}` : text}</span>;
}
