/**
 * What the treasurers' back-office routes share: who is acting (as the domain sees a person), and how a
 * domain refusal becomes an HTTP answer. Routers install `backOfficeErrors` with onError, so handlers
 * simply throw RuleError and the usual {"error": {code, message, details}} leaves with the right status.
 */
import type { Context } from 'hono';
import type { Actor } from '../domain/governance.js';
import { townsWithRole, requirePrincipal, type Principal } from './auth.js';
import type { AppEnv } from './context.js';
import { handleError } from './errors.js';

export function actorOf(p: Principal | undefined): Actor & { companyId?: string } {
  const principal = requirePrincipal(p);
  return { sub: principal.sub, name: principal.name, treasurerTowns: townsWithRole(principal, 'treasurer'), companyId: principal.companyId };
}

export function backOfficeErrors(err: Error, c: Context<AppEnv>) {
  return handleError(err, c);
}
