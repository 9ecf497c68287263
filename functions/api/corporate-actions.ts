/**
 * Transitional: the two names other areas still import from here. The workflows live in
 * functions/services/pledges.ts; import `expireDuePledges` and `corporateDonors(ctx, target)` from there
 * and delete this file.
 */
import type { PlanTarget } from '../domain/regional-plans.js';
import type { Db } from '../services/context.js';
import { corporateDonors } from '../services/pledges.js';

export { expireDuePledges } from '../services/pledges.js';

/** @deprecated use `corporateDonors({ db }, target)` from functions/services/pledges.ts */
export const corporateDonorsFor = (db: Db, target: PlanTarget) => corporateDonors({ db }, target);
