/** The deduction simulator's answer as the JSON API gives it: each step keeps its key and is named in both languages. */
import type { DeductionResult } from '../../domain/deduction.js';
import { t } from '../../i18n/index.js';

/**
 * @example c.json({ ...deductionJson(simulateDeductionCeiling(input)), assumptions }, 200)
 */
export function deductionJson(result: DeductionResult) {
  return {
    ...result,
    steps: result.steps.map((s) => ({ ...s, labelJa: t('ja', `donation.sim.step.${s.key}`), labelEn: t('en', `donation.sim.step.${s.key}`) })),
  };
}
