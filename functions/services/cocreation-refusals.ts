/**
 * How the co-creation workflows say no: every broken field rule at once, or one refusal whose sentence is the
 * area's own (`error.cocreation.<key>` in the catalog) under the wire code clients already know.
 */
import { DomainError, type ErrorParams, type Issue } from '../domain/errors.js';

/** Rules about other things (the network's towns, the adopting towns) are 422; rules about the input are 400. */
const CROSS_CHECKS = new Set(['unknown_town', 'town_not_in_application']);

/**
 * Refuses with every broken rule, each on its field: 400 `validation_failed` for the input itself, 422 when
 * a rule about other data is among them (`unknown_town`, else `rule_violation`).
 * @example const issues = updateIssues(input); if (issues.length) refuseIssues(issues)
 */
export function refuseIssues(issues: Issue[]): never {
  if (!issues.some((i) => CROSS_CHECKS.has(i.code))) throw new DomainError('invalid', 'validation_failed', 'validation_failed', { issues });
  const code = issues.some((i) => i.code === 'unknown_town') ? 'unknown_town' : 'rule_violation';
  throw new DomainError('rule', code, code, { issues });
}

/**
 * A refusal whose words are the co-creation area's own (`error.<key>`) under a wire code clients already know.
 * @example throw cocreationRefusal('forbidden', 'forbidden', 'cocreation.not_owner')
 */
export const cocreationRefusal = (kind: DomainError['kind'], code: string, key: string, params?: ErrorParams) => new DomainError(kind, code, code, { key, params });

