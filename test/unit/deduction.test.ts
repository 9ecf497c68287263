import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deductionJson } from '../../functions/api/presenters/simulator.js';
import {
  employmentIncome,
  incomeTaxRatePercent,
  simulateDeductionCeiling,
  type DeductionInput,
  type DeductionResult,
} from '../../functions/domain/deduction.js';

const single = { spouseDeduction: false, children16to18: 0, children19to22: 0 };
const married = { spouseDeduction: true, children16to18: 0, children19to22: 0 };
const marriedWithTeen = { spouseDeduction: true, children16to18: 1, children19to22: 0 };

function amountOf(result: DeductionResult, key: string): number {
  const step = result.steps.find((s) => s.key === key);
  if (!step || step.unit !== 'yen') throw new Error(`no yen step ${key}`);
  return step.amount;
}

function rateOf(result: DeductionResult, key: string): number {
  const step = result.steps.find((s) => s.key === key);
  if (!step || step.unit !== 'rate') throw new Error(`no rate step ${key}`);
  return step.rate;
}

describe('MIC reference table (domain.md §1)', () => {
  const rows: [number, string, number, Omit<DeductionInput, 'salary'>][] = [
    [3_000_000, 'single', 28_000, single],
    [3_000_000, 'married', 19_000, married],
    [3_000_000, 'married + child 16–18', 11_000, marriedWithTeen],
    [5_000_000, 'single', 61_000, single],
    [5_000_000, 'married', 49_000, married],
    [5_000_000, 'married + child 16–18', 40_000, marriedWithTeen],
    [7_000_000, 'single', 108_000, single],
    [7_000_000, 'married', 86_000, married],
    [7_000_000, 'married + child 16–18', 78_000, marriedWithTeen],
  ];

  it.each(rows)('salary %i, %s → within ¥1,000 of %i', (salary, _family, expected, family) => {
    const { ceiling } = simulateDeductionCeiling({ salary, ...family });
    expect(Math.abs(ceiling - expected)).toBeLessThanOrEqual(1_000);
  });

  // The rules reproduce the table exactly; a drift of one bracket or one credit shows up here first.
  it.each(rows)('salary %i, %s → exactly %i', (salary, _family, expected, family) => {
    expect(simulateDeductionCeiling({ salary, ...family }).ceiling).toBe(expected);
  });
});

describe('steps', () => {
  it('shows how the ¥5M married figure is reached, in order', () => {
    const result = simulateDeductionCeiling({ salary: 5_000_000, ...married });
    expect(result.steps.map((s) => s.key)).toEqual([
      'salary',
      'employmentIncomeDeduction',
      'incomeAdjustmentDeduction',
      'employmentIncome',
      'socialInsurance',
      'incomeTaxPersonalDeductions',
      'incomeTaxTaxableIncome',
      'incomeTaxRate',
      'residentTaxPersonalDeductions',
      'residentTaxTaxableIncome',
      'residentTaxBeforeCredit',
      'adjustmentCredit',
      'residentTaxIncomeLevy',
      'specialPartCap',
      'specialPartRate',
      'ceilingBeforeRounding',
      'ceiling',
    ]);
    const amounts = Object.fromEntries(
      result.steps.map((s) => [s.key, s.unit === 'yen' ? s.amount : s.rate]),
    );
    expect(amounts).toEqual({
      salary: 5_000_000,
      employmentIncomeDeduction: 1_440_000,
      incomeAdjustmentDeduction: 0,
      employmentIncome: 3_560_000,
      socialInsurance: 750_000,
      incomeTaxPersonalDeductions: 860_000,
      // Exactly on the 195万 bound, which is still the 5% bracket.
      incomeTaxTaxableIncome: 1_950_000,
      incomeTaxRate: 0.05,
      residentTaxPersonalDeductions: 760_000,
      residentTaxTaxableIncome: 2_050_000,
      residentTaxBeforeCredit: 205_000,
      adjustmentCredit: 2_500,
      residentTaxIncomeLevy: 202_500,
      specialPartCap: 40_500,
      specialPartRate: 0.84895,
      ceilingBeforeRounding: 49_705,
      ceiling: 49_000,
    });
    expect(result.incomeTaxRate).toBe(0.05);
    expect(result.ceiling).toBe(49_000);
  });

  it('labels every step in both languages and keeps yen figures as integers', () => {
    // The domain names steps by key; the API's presenter labels them from the catalog.
    const result = deductionJson(simulateDeductionCeiling({ salary: 7_654_321, ...marriedWithTeen, children19to22: 2 }));
    for (const step of result.steps) {
      expect(step.labelJa).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(step.labelEn).toMatch(/[A-Za-z]/);
      if (step.unit === 'yen') expect(Number.isSafeInteger(step.amount)).toBe(true);
      else expect(step.rate).toBeGreaterThanOrEqual(0);
    }
    expect(result.steps.find((s) => s.key === 'employmentIncome')).toMatchObject({ labelJa: '給与所得' });
    expect(result.steps.find((s) => s.key === 'residentTaxIncomeLevy')).toMatchObject({ labelJa: '住民税所得割額' });
  });

  it('uses the full 調整控除 formula when taxable income is above ¥2M and the gap is large', () => {
    // Married, two dependants 19–22, ¥6.5M: 給与所得 4,760,000, SI 975,000, resident deductions
    // 43+33+45+45 = 166万 → taxable 2,125,000; gap 5+5+18+18 = 46万 → (460,000 − 125,000) × 5%.
    const result = simulateDeductionCeiling({
      salary: 6_500_000,
      spouseDeduction: true,
      children16to18: 0,
      children19to22: 2,
    });
    expect(amountOf(result, 'residentTaxTaxableIncome')).toBe(2_125_000);
    expect(amountOf(result, 'adjustmentCredit')).toBe(16_750);
    // Income tax: 3,785,000 − (48+38+63+63)万 = 1,665,000 → 5%.
    expect(amountOf(result, 'incomeTaxTaxableIncome')).toBe(1_665_000);
    expect(rateOf(result, 'incomeTaxRate')).toBe(0.05);
    // Municipal (2,125,000×6% − 335,000×3%) = 117,450 → 117,400; prefectural 85,000 − 6,700 = 78,300.
    expect(amountOf(result, 'residentTaxIncomeLevy')).toBe(195_700);
    // 195,700 × 20% ÷ 84.895% = 46,104.01 → + 2,000 → 48,104.
    expect(amountOf(result, 'ceilingBeforeRounding')).toBe(48_104);
    expect(result.ceiling).toBe(48_000);
  });

  it('applies 所得金額調整控除 above ¥8.5M only when there is a dependant under 23', () => {
    const withTeen = simulateDeductionCeiling({ salary: 10_000_000, ...marriedWithTeen });
    expect(amountOf(withTeen, 'incomeAdjustmentDeduction')).toBe(150_000);
    expect(amountOf(withTeen, 'employmentIncome')).toBe(7_900_000);
    expect(amountOf(simulateDeductionCeiling({ salary: 9_000_000, ...marriedWithTeen }), 'incomeAdjustmentDeduction')).toBe(
      50_000,
    );
    const noChild = simulateDeductionCeiling({ salary: 10_000_000, ...married });
    expect(amountOf(noChild, 'incomeAdjustmentDeduction')).toBe(0);
    expect(amountOf(noChild, 'employmentIncome')).toBe(8_050_000);
  });

  it('tapers the spouse deduction by the donor’s own income', () => {
    // ¥11.2M salary → 合計所得 9,250,000: spouse deduction 26万 (income tax) / 22万 (resident tax).
    const result = simulateDeductionCeiling({ salary: 11_200_000, ...married });
    expect(amountOf(result, 'incomeTaxPersonalDeductions')).toBe(480_000 + 260_000);
    expect(amountOf(result, 'residentTaxPersonalDeductions')).toBe(430_000 + 220_000);
    // Above ¥10M of 合計所得 the spouse no longer counts at all.
    const high = simulateDeductionCeiling({ salary: 15_000_000, ...married });
    expect(high.ceiling).toBe(simulateDeductionCeiling({ salary: 15_000_000, ...single }).ceiling);
  });

  it('reaches the top bracket for very high salaries', () => {
    const result = simulateDeductionCeiling({ salary: 100_000_000, ...single });
    expect(result.incomeTaxRate).toBe(0.45);
    expect(rateOf(result, 'specialPartRate')).toBeCloseTo(0.44055, 10);
    // No basic deduction and no 調整控除 above ¥25M of income.
    expect(amountOf(result, 'incomeTaxPersonalDeductions')).toBe(0);
    expect(amountOf(result, 'adjustmentCredit')).toBe(0);
  });

  it('is 0 when no resident tax on income is due', () => {
    const result = simulateDeductionCeiling({ salary: 1_000_000, ...single });
    expect(amountOf(result, 'residentTaxIncomeLevy')).toBe(0);
    expect(result.ceiling).toBe(0);
    expect(simulateDeductionCeiling({ salary: 0, ...marriedWithTeen }).ceiling).toBe(0);
  });

  it('uses a given social insurance amount instead of 15%', () => {
    const defaulted = simulateDeductionCeiling({ salary: 5_000_000, ...single });
    const explicit15 = simulateDeductionCeiling({ salary: 5_000_000, ...single, socialInsurance: 750_000 });
    const lower = simulateDeductionCeiling({ salary: 5_000_000, ...single, socialInsurance: 500_000 });
    expect(explicit15.ceiling).toBe(defaulted.ceiling);
    expect(amountOf(lower, 'socialInsurance')).toBe(500_000);
    // 250,000 more taxable → 所得割 +25,000 → ceiling + 25,000 × 20% ÷ 79.79% ≈ +6,266.
    expect(lower.ceiling).toBe(67_000);
  });
});

describe('employmentIncome (給与所得, 令和2年分以降)', () => {
  it.each([
    [0, 0],
    [550_000, 0],
    [1_000_000, 450_000],
    [1_618_999, 1_068_999],
    [1_619_000, 1_069_000],
    [1_621_999, 1_070_000],
    [1_625_000, 1_074_000],
    [1_627_999, 1_074_000],
    [1_628_000, 1_076_800],
    [1_800_000, 1_180_000],
    [3_000_000, 2_020_000],
    [3_003_999, 2_020_000],
    [3_600_000, 2_440_000],
    [5_000_000, 3_560_000],
    [6_600_000, 4_840_000],
    [7_000_000, 5_200_000],
    [8_500_000, 6_550_000],
    [10_000_000, 8_050_000],
  ])('salary %i → %i', (salary, expected) => {
    expect(employmentIncome(salary)).toBe(expected);
  });

  it('never falls as salary rises', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000_000 }), fc.integer({ min: 0, max: 50_000 }), (a, d) => {
        expect(employmentIncome(a + d)).toBeGreaterThanOrEqual(employmentIncome(a));
      }),
    );
  });
});

describe('incomeTaxRatePercent', () => {
  it.each([
    [0, 0],
    [1_000, 5],
    [1_950_000, 5],
    [1_951_000, 10],
    [3_300_000, 10],
    [3_301_000, 20],
    [6_950_000, 20],
    [6_951_000, 23],
    [9_000_000, 23],
    [9_001_000, 33],
    [18_000_000, 33],
    [18_001_000, 40],
    [40_000_000, 40],
    [40_001_000, 45],
  ])('taxable %i → %i%', (taxable, rate) => {
    expect(incomeTaxRatePercent(taxable)).toBe(rate);
  });
});

describe('input validation', () => {
  const ok: DeductionInput = { salary: 5_000_000, ...single };
  it.each([
    ['negative salary', { ...ok, salary: -1 }, /salary/],
    ['fractional salary', { ...ok, salary: 1_000.5 }, /salary/],
    ['NaN salary', { ...ok, salary: Number.NaN }, /salary/],
    ['string salary', { ...ok, salary: '5000000' as unknown as number }, /salary/],
    ['salary over ¥1bn', { ...ok, salary: 1_000_000_001 }, /at most/],
    ['non-boolean spouse', { ...ok, spouseDeduction: 'yes' as unknown as boolean }, /spouseDeduction/],
    ['negative children', { ...ok, children16to18: -1 }, /children16to18/],
    ['too many children', { ...ok, children19to22: 11 }, /children19to22/],
    ['fractional children', { ...ok, children16to18: 1.5 }, /children16to18/],
    ['negative social insurance', { ...ok, socialInsurance: -1 }, /socialInsurance/],
    ['fractional social insurance', { ...ok, socialInsurance: 0.5 }, /socialInsurance/],
    ['social insurance above salary', { ...ok, socialInsurance: 5_000_001 }, /exceed/],
  ])('refuses %s with a RangeError', (_name, input, message) => {
    expect(() => simulateDeductionCeiling(input)).toThrow(RangeError);
    expect(() => simulateDeductionCeiling(input)).toThrow(message);
  });

  it('accepts the edges of the ranges', () => {
    expect(simulateDeductionCeiling({ ...ok, salary: 1_000_000_000 }).ceiling).toBeGreaterThan(0);
    expect(() => simulateDeductionCeiling({ ...ok, children16to18: 10, children19to22: 10 })).not.toThrow();
    expect(() => simulateDeductionCeiling({ ...ok, socialInsurance: 0 })).not.toThrow();
  });
});

describe('properties', () => {
  const family = fc.record({
    spouseDeduction: fc.boolean(),
    children16to18: fc.integer({ min: 0, max: 10 }),
    children19to22: fc.integer({ min: 0, max: 10 }),
  });
  const salary = fc.oneof(fc.integer({ min: 0, max: 30_000_000 }), fc.integer({ min: 0, max: 1_000_000_000 }));

  // With social insurance at 15% of salary, a raise always adds insurance while 給与所得 moves in ¥4,000
  // steps and taxable income is floored to ¥1,000, so the real ceiling is a staircase with small dips
  // (an exhaustive ¥1,000 sweep to ¥30M finds dips of at most ¥3,000 and none across ¥50,000).
  it('the ceiling never falls across a raise of ¥50,000 or more, for a fixed family', () => {
    fc.assert(
      fc.property(family, fc.integer({ min: 0, max: 950_000_000 }), fc.integer({ min: 50_000, max: 50_000_000 }), (f, s, d) => {
        expect(simulateDeductionCeiling({ salary: s + d, ...f }).ceiling).toBeGreaterThanOrEqual(
          simulateDeductionCeiling({ salary: s, ...f }).ceiling,
        );
      }),
      { numRuns: 1_000 },
    );
  });

  it('a small raise lowers the ceiling by at most one rounding step (¥3,000)', () => {
    fc.assert(
      fc.property(family, fc.integer({ min: 0, max: 25_000_000 }), fc.integer({ min: 1, max: 49_999 }), (f, s, d) => {
        expect(simulateDeductionCeiling({ salary: s + d, ...f }).ceiling).toBeGreaterThanOrEqual(
          simulateDeductionCeiling({ salary: s, ...f }).ceiling - 3_000,
        );
      }),
      { numRuns: 1_000 },
    );
  });

  it('more dependants never increase the ceiling', () => {
    const extra = fc.constantFrom('spouse', 'teen', 'student');
    fc.assert(
      fc.property(
        family.filter((f) => f.children16to18 < 10 && f.children19to22 < 10),
        salary,
        extra,
        (f, s, what) => {
          const more =
            what === 'spouse'
              ? { ...f, spouseDeduction: true }
              : what === 'teen'
                ? { ...f, children16to18: f.children16to18 + 1 }
                : { ...f, children19to22: f.children19to22 + 1 };
          expect(simulateDeductionCeiling({ salary: s, ...more }).ceiling).toBeLessThanOrEqual(
            simulateDeductionCeiling({ salary: s, ...f }).ceiling,
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a positive ceiling is at least ¥2,000 and always a whole ¥1,000', () => {
    fc.assert(
      fc.property(family, salary, fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }), (f, s, siPercent) => {
        const socialInsurance = siPercent === undefined ? undefined : Math.floor((s * siPercent) / 100);
        const { ceiling } = simulateDeductionCeiling({ salary: s, ...f, socialInsurance });
        expect(ceiling % 1_000).toBe(0);
        expect(ceiling >= 2_000 || ceiling === 0).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
