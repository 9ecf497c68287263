/**
 * Yen are integers everywhere: JPY has no minor unit and Stripe treats it as zero-decimal.
 * A float yen is a bug waiting to round, so every amount entering the domain passes through here.
 */
export type Yen = number;

export function isYen(value: unknown): value is Yen {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** ¥1,234,567 — the way Japanese people read amounts; negative amounts as −¥1,000. */
export function formatYen(amount: Yen): string {
  const sign = amount < 0 ? '−' : '';
  return `${sign}¥${Math.abs(amount).toLocaleString('en-US')}`;
}

export function sumYen(amounts: readonly Yen[]): Yen {
  return amounts.reduce((a, b) => a + b, 0);
}
