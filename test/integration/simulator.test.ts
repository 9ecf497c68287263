/** The deduction simulator over HTTP: MIC's reference table (domain.md §1) row by row, the steps, refusals, the page. */
import { beforeAll, describe, expect, it } from 'vitest';
import { testPlatform } from '../support/platform.js';

let p: Awaited<ReturnType<typeof testPlatform>>;
beforeAll(async () => {
  p = await testPlatform({ seed: false });
});

const single = { spouseDeduction: false, children16to18: 0, children19to22: 0 };
const married = { spouseDeduction: true, children16to18: 0, children19to22: 0 };
const withTeen = { spouseDeduction: true, children16to18: 1, children19to22: 0 };

describe('POST /api/simulator/deduction', () => {
  const rows: [number, string, number, typeof single][] = [
    [3_000_000, 'single', 28_000, single],
    [3_000_000, 'married', 19_000, married],
    [3_000_000, 'married + child 16–18', 11_000, withTeen],
    [5_000_000, 'single', 61_000, single],
    [5_000_000, 'married', 49_000, married],
    [5_000_000, 'married + child 16–18', 40_000, withTeen],
    [7_000_000, 'single', 108_000, single],
    [7_000_000, 'married', 86_000, married],
    [7_000_000, 'married + child 16–18', 78_000, withTeen],
  ];

  it.each(rows)('salary %i, %s → MIC table %i (within ¥1,000)', async (salary, _family, expected, family) => {
    const r = await p.api('POST', '/api/simulator/deduction', { body: { salary, ...family } });
    expect(r.status).toBe(200);
    expect(Math.abs(r.json.ceiling - expected)).toBeLessThanOrEqual(1_000);
  });

  it('shows how the figure was reached', async () => {
    const r = await p.api('POST', '/api/simulator/deduction', { body: { salary: 5_000_000, ...single } });
    const keys = r.json.steps.map((s: { key: string }) => s.key);
    expect(keys).toEqual(expect.arrayContaining(['employmentIncome', 'socialInsurance', 'incomeTaxRate', 'residentTaxIncomeLevy', 'specialPartCap', 'specialPartRate', 'ceiling']));
    expect(r.json.steps.find((s: { key: string }) => s.key === 'socialInsurance').amount).toBe(750_000);
    expect(r.json.steps.at(-1)).toMatchObject({ key: 'ceiling', unit: 'yen', amount: r.json.ceiling });
    expect(r.json.assumptions.length).toBeGreaterThan(0);
    // Social insurance given explicitly replaces the 15% default.
    const lower = await p.api('POST', '/api/simulator/deduction', { body: { salary: 5_000_000, ...single, socialInsurance: 500_000 } });
    expect(lower.json.ceiling).toBeGreaterThan(r.json.ceiling);
  });

  it('refuses bad input with 400', async () => {
    for (const b of [
      { salary: -1, ...single },
      { salary: 5_000_000.5, ...single },
      { salary: '5000000', ...single },
      { salary: 5_000_000, ...single, children16to18: 11 },
      { salary: 5_000_000, ...single, pets: 2 },
      { salary: 5_000_000 },
    ]) {
      const r = await p.api('POST', '/api/simulator/deduction', { body: b });
      expect(r.status, JSON.stringify(b)).toBe(400);
      expect(r.json.error.code).toMatch(/validation_failed|bad_request/);
    }
    const over = await p.api('POST', '/api/simulator/deduction', { body: { salary: 1_000_000, ...single, socialInsurance: 2_000_000 } });
    expect(over.status).toBe(400);
    expect(over.json.error.message).toMatch(/socialInsurance/);
  });
});

describe('the /simulator page', () => {
  it('works as a plain GET form and shows the ceiling with every step, in Japanese or English', async () => {
    const empty = await p.api('GET', '/simulator');
    expect(empty.status).toBe(200);
    expect(empty.text).toContain('寄附控除シミュレーター');
    const ja = await p.api('GET', '/simulator?salary=5000000&spouseDeduction=1&children16to18=1&children19to22=0');
    expect(ja.status).toBe(200);
    expect(ja.text).toContain('data-ceiling="40000"');
    expect(ja.text).toContain('¥40,000');
    expect(ja.text).toContain('住民税所得割額');
    expect(ja.text).toContain('特例分の控除率');
    const en = await p.api('GET', '/simulator?salary=3,000,000', { headers: { 'accept-language': 'en' } });
    expect(en.text).toContain('data-ceiling="28000"');
    expect(en.text).toContain('Resident tax on income');
    const bad = await p.api('GET', '/simulator?salary=abc');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('入力内容を確認してください');
  });
});
