/**
 * Furusato-nozei deduction ceiling (控除上限額) for a salaried donor, by the MIC method.
 *
 * Tax year: the rules are those for income earned in 2024 (令和6年分 所得税, 令和7年度 住民税) —
 * the 令和2年分以降 給与所得控除 table and the 48万 income-tax basic deduction. The 2025 reform
 * (令和7年分: 給与所得控除 minimum 65万, income-tax basic deduction up to 95万) postdates MIC's
 * reference table, and these rules are the ones that reproduce it (see the unit test).
 *
 * Assumptions, as in MIC's table: the only income is salary; social insurance is 15% of salary
 * unless given; no deductions beyond social insurance, basic, spouse and dependants; spouse under
 * 70 with no income of their own; no 住宅ローン控除 or other credits.
 *
 * Every amount is integer yen. Rates are kept as integer percentages and the 1.021 surtax as
 * parts per 100,000 so the ceiling never passes through a binary fraction.
 */
import type { Yen } from './money.js';

export interface DeductionInput {
  /** 給与収入, the gross salary on the 源泉徴収票. */
  salary: Yen;
  /** Whether the donor claims 配偶者控除. */
  spouseDeduction: boolean;
  /** Dependants aged 16–18 (一般扶養親族). */
  children16to18: number;
  /** Dependants aged 19–22 (特定扶養親族). */
  children19to22: number;
  /** 社会保険料; defaults to 15% of salary, as MIC's table assumes. */
  socialInsurance?: Yen;
}

export type DeductionStepKey =
  | 'salary'
  | 'employmentIncomeDeduction'
  | 'incomeAdjustmentDeduction'
  | 'employmentIncome'
  | 'socialInsurance'
  | 'incomeTaxPersonalDeductions'
  | 'incomeTaxTaxableIncome'
  | 'incomeTaxRate'
  | 'residentTaxPersonalDeductions'
  | 'residentTaxTaxableIncome'
  | 'residentTaxBeforeCredit'
  | 'adjustmentCredit'
  | 'residentTaxIncomeLevy'
  | 'specialPartCap'
  | 'specialPartRate'
  | 'ceilingBeforeRounding'
  | 'ceiling';

/**
 * A yen figure, or a rate (a fraction such as 0.05) — never both, so a page cannot mix them up. The step's
 * name is its key: the catalog says it (`donation.sim.step.<key>`).
 */
export type DeductionStep = { key: DeductionStepKey } & ({ unit: 'yen'; amount: Yen } | { unit: 'rate'; rate: number });

export interface DeductionResult {
  /** Largest donation whose cost to the donor stays at ¥2,000, rounded down to ¥1,000; 0 when no resident tax is due. */
  ceiling: Yen;
  /** Marginal income-tax rate used, as a fraction (0.05 … 0.45). */
  incomeTaxRate: number;
  steps: DeductionStep[];
}

const MAX_SALARY = 1_000_000_000;
const MAX_CHILDREN = 10;
const SELF_BURDEN = 2_000;

const floorTo = (amount: number, unit: number): number => Math.floor(amount / unit) * unit;

/**
 * 給与所得 from 給与収入 (所得税法28条 and 別表第五, 令和2年分以降). Below ¥6.6M the law uses a
 * lookup table in ¥4,000 steps; rounding the salary down to ¥4,000 and applying the formula gives
 * the same figures, except for the few rows just above ¥1,619,000 that the table fixes by hand.
 */
export function employmentIncome(salary: Yen): Yen {
  if (salary < 1_619_000) return Math.max(0, salary - 550_000);
  if (salary < 1_620_000) return 1_069_000;
  if (salary < 1_622_000) return 1_070_000;
  if (salary < 1_624_000) return 1_072_000;
  if (salary < 1_628_000) return 1_074_000;
  const stepped = floorTo(salary, 4_000);
  if (salary < 1_800_000) return (stepped * 6) / 10 + 100_000;
  if (salary < 3_600_000) return (stepped * 7) / 10 - 80_000;
  if (salary < 6_600_000) return (stepped * 8) / 10 - 440_000;
  if (salary < 8_500_000) return Math.floor((salary * 9) / 10) - 1_100_000;
  return salary - 1_950_000;
}

/**
 * 所得金額調整控除 (since 2020): a salary above ¥8.5M with a dependant under 23 gives back up to
 * ¥150,000, softening the 2020 cut in 給与所得控除 for families. Applies to both taxes.
 */
function incomeAdjustment(salary: Yen, hasYoungDependant: boolean): Yen {
  if (!hasYoungDependant || salary <= 8_500_000) return 0;
  return Math.ceil(((Math.min(salary, 10_000_000) - 8_500_000) * 10) / 100);
}

/** Basic deduction tapers away above ¥24M of 合計所得. */
function basicDeduction(totalIncome: Yen, tax: 'income' | 'resident'): Yen {
  const [full, second, third] = tax === 'income' ? [480_000, 320_000, 160_000] : [430_000, 290_000, 150_000];
  if (totalIncome <= 24_000_000) return full;
  if (totalIncome <= 24_500_000) return second;
  if (totalIncome <= 25_000_000) return third;
  return 0;
}

/** 配偶者控除 shrinks with the taxpayer's own 合計所得 and is gone above ¥10M. */
function spouseDeductionAmount(totalIncome: Yen, tax: 'income' | 'resident'): Yen {
  const [full, second, third] = tax === 'income' ? [380_000, 260_000, 130_000] : [330_000, 220_000, 110_000];
  if (totalIncome <= 9_000_000) return full;
  if (totalIncome <= 9_500_000) return second;
  if (totalIncome <= 10_000_000) return third;
  return 0;
}

const DEPENDANT = {
  income: { general: 380_000, specified: 630_000 },
  resident: { general: 330_000, specified: 450_000 },
} as const;

/**
 * 人的控除額の差 (地方税法314条の6): the statute fixes these per deduction, and they equal the
 * income-tax minus resident-tax amounts above for the cases modelled here.
 */
function personalDeductionGap(totalIncome: Yen, input: DeductionInput): Yen {
  let gap = 50_000;
  if (input.spouseDeduction) {
    if (totalIncome <= 9_000_000) gap += 50_000;
    else if (totalIncome <= 9_500_000) gap += 40_000;
    else if (totalIncome <= 10_000_000) gap += 20_000;
  }
  return gap + input.children16to18 * 50_000 + input.children19to22 * 180_000;
}

function personalDeductions(totalIncome: Yen, input: DeductionInput, tax: 'income' | 'resident'): Yen {
  return (
    basicDeduction(totalIncome, tax) +
    (input.spouseDeduction ? spouseDeductionAmount(totalIncome, tax) : 0) +
    input.children16to18 * DEPENDANT[tax].general +
    input.children19to22 * DEPENDANT[tax].specified
  );
}

/**
 * Marginal income-tax rate, in percent. The brackets are "up to and including" (所得税法89条,
 * and the 特例控除 table of 地方税法37条の2 uses the same bounds): a taxable income of exactly
 * ¥1,950,000 is still 5%. The bound matters — MIC's ¥5M married row sits on it.
 */
export function incomeTaxRatePercent(taxableIncome: Yen): number {
  if (taxableIncome <= 0) return 0;
  if (taxableIncome <= 1_950_000) return 5;
  if (taxableIncome <= 3_300_000) return 10;
  if (taxableIncome <= 6_950_000) return 20;
  if (taxableIncome <= 9_000_000) return 23;
  if (taxableIncome <= 18_000_000) return 33;
  if (taxableIncome <= 40_000_000) return 40;
  return 45;
}

/**
 * 調整控除 (地方税法37条/314条の6), in yen per percentage point so the municipal (3%) and
 * prefectural (2%) parts can be taken separately. Without it MIC's married rows come out
 * ¥2,000 too high, so the table clearly includes it.
 */
function adjustmentCreditBase(taxable: Yen, totalIncome: Yen, gap: Yen): Yen {
  if (totalIncome > 25_000_000) return 0;
  if (taxable <= 2_000_000) return Math.min(gap, taxable);
  return Math.max(gap - (taxable - 2_000_000), 50_000);
}

function validate(input: DeductionInput): void {
  if (input === null || typeof input !== 'object') throw new RangeError('deduction input must be an object');
  const { salary, spouseDeduction, children16to18, children19to22, socialInsurance } = input;
  if (!Number.isSafeInteger(salary) || salary < 0) {
    throw new RangeError('salary must be a non-negative integer number of yen');
  }
  if (salary > MAX_SALARY) throw new RangeError(`salary must be at most ¥${MAX_SALARY.toLocaleString('en-US')}`);
  if (typeof spouseDeduction !== 'boolean') throw new RangeError('spouseDeduction must be true or false');
  for (const [name, count] of [
    ['children16to18', children16to18],
    ['children19to22', children19to22],
  ] as const) {
    if (!Number.isInteger(count) || count < 0 || count > MAX_CHILDREN) {
      throw new RangeError(`${name} must be an integer from 0 to ${MAX_CHILDREN}`);
    }
  }
  if (socialInsurance !== undefined) {
    if (!Number.isSafeInteger(socialInsurance) || socialInsurance < 0) {
      throw new RangeError('socialInsurance must be a non-negative integer number of yen');
    }
    if (socialInsurance > salary) throw new RangeError('socialInsurance cannot exceed salary');
  }
}

export function simulateDeductionCeiling(input: DeductionInput): DeductionResult {
  validate(input);
  const { salary } = input;
  const socialInsurance = input.socialInsurance ?? Math.floor((salary * 15) / 100);

  const grossEmploymentIncome = employmentIncome(salary);
  const adjustment = Math.min(
    incomeAdjustment(salary, input.children16to18 + input.children19to22 > 0),
    grossEmploymentIncome,
  );
  const totalIncome = grossEmploymentIncome - adjustment;
  const afterInsurance = Math.max(0, totalIncome - socialInsurance);

  const incomeTaxDeductions = personalDeductions(totalIncome, input, 'income');
  // Taxable incomes are rounded down to ¥1,000 by law (国税通則法118条, 地方税法20条の4の2).
  const incomeTaxTaxable = floorTo(Math.max(0, afterInsurance - incomeTaxDeductions), 1_000);
  const ratePercent = incomeTaxRatePercent(incomeTaxTaxable);

  const residentDeductions = personalDeductions(totalIncome, input, 'resident');
  const residentTaxable = floorTo(Math.max(0, afterInsurance - residentDeductions), 1_000);
  const creditBase = adjustmentCreditBase(residentTaxable, totalIncome, personalDeductionGap(totalIncome, input));
  // Municipal 6% and prefectural 4% are separate taxes, each rounded down to ¥100 after its credit.
  const municipal = floorTo(Math.max(0, (residentTaxable * 6 - creditBase * 3) / 100), 100);
  const prefectural = floorTo(Math.max(0, (residentTaxable * 4 - creditBase * 2) / 100), 100);
  const levy = municipal + prefectural;

  // 90% − rate × 1.021, in parts per 100,000 (5% → 84,895).
  const specialRate = 90_000 - ratePercent * 1_021;
  // a / b with both below 2^53 cannot round up across an integer, so the floor is exact.
  const ceilingExact = levy > 0 ? Math.floor((levy * 20_000) / specialRate) + SELF_BURDEN : 0;
  const ceiling = floorTo(ceilingExact, 1_000);

  const yen = (key: DeductionStepKey, amount: Yen): DeductionStep => ({ key, unit: 'yen', amount });
  const rate = (key: DeductionStepKey, value: number): DeductionStep => ({ key, unit: 'rate', rate: value });

  return {
    ceiling,
    incomeTaxRate: ratePercent / 100,
    steps: [
      yen('salary', salary),
      yen('employmentIncomeDeduction', salary - grossEmploymentIncome),
      yen('incomeAdjustmentDeduction', adjustment),
      yen('employmentIncome', totalIncome),
      yen('socialInsurance', socialInsurance),
      yen('incomeTaxPersonalDeductions', incomeTaxDeductions),
      yen('incomeTaxTaxableIncome', incomeTaxTaxable),
      rate('incomeTaxRate', ratePercent / 100),
      yen('residentTaxPersonalDeductions', residentDeductions),
      yen('residentTaxTaxableIncome', residentTaxable),
      yen('residentTaxBeforeCredit', residentTaxable / 10),
      yen('adjustmentCredit', (creditBase * 5) / 100),
      yen('residentTaxIncomeLevy', levy),
      yen('specialPartCap', levy / 5),
      rate('specialPartRate', specialRate / 100_000),
      yen('ceilingBeforeRounding', ceilingExact),
      yen('ceiling', ceiling),
    ],
  };
}
