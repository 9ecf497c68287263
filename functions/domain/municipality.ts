/**
 * 全国地方公共団体コード: 5 digits (prefecture + municipality) and a mod-11 check digit.
 * Weights 6..2 over the first five digits; the check digit is the last digit of (11 − sum mod 11).
 */
export type TownCode = string;

export function townCheckDigit(first5: string): number {
  if (!/^\d{5}$/.test(first5)) throw new RangeError('a municipality code body has 5 digits');
  const sum = [...first5].reduce((acc, d, i) => acc + Number(d) * (6 - i), 0);
  return (11 - (sum % 11)) % 10;
}

export function isTownCode(code: string): boolean {
  return /^\d{6}$/.test(code) && townCheckDigit(code.slice(0, 5)) === Number(code[5]);
}

/**
 * 法人番号: 13 digits, the first being a check digit over the other 12
 * (9 − (Σ digit × weight mod 9), weights 1,2,1,2… counted from the right). A municipality's 法人番号
 * is its check digit + 000020 + its 6-digit code.
 */
export function corporateNumberCheckDigit(body12: string): number {
  if (!/^\d{12}$/.test(body12)) throw new RangeError('a corporate number body has 12 digits');
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const digit = Number(body12[11 - i]);
    sum += digit * (i % 2 === 0 ? 1 : 2);
  }
  return 9 - (sum % 9);
}

export function isCorporateNumber(value: string): boolean {
  return /^\d{13}$/.test(value) && corporateNumberCheckDigit(value.slice(1)) === Number(value[0]);
}

export function municipalCorporateNumber(code: TownCode): string {
  const body = `000020${code}`;
  return `${corporateNumberCheckDigit(body)}${body}`;
}
