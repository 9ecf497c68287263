/**
 * The acting person, as every layer sees them: who (the identity provider's subject), the roles their
 * groups grant (`donor`, `company`, `admin`, `reviewer:<town>`, `treasurer:<town>`) and, for company users,
 * which company. Authorization decisions read this one type; the API builds it from the verified token.
 */
import type { TownCode } from './municipality.js';

export interface Actor {
  sub: string;
  name?: string;
  email?: string;
  roles: string[];
  companyId?: string;
}

export type RoleName = 'donor' | 'company' | 'reviewer' | 'treasurer' | 'admin';

/**
 * Whether the actor holds a role; town-scoped roles may be asked for one town or for any.
 * @example hasRole({ sub: 'u', roles: ['treasurer:113611'] }, 'treasurer', '113611') // true
 */
export function hasRole(a: Actor | undefined, role: RoleName, town?: string): boolean {
  if (!a) return false;
  if (role === 'reviewer' || role === 'treasurer') {
    return town ? a.roles.includes(`${role}:${town}`) : a.roles.some((r) => r.startsWith(`${role}:`));
  }
  return a.roles.includes(role);
}

/**
 * Towns for which the actor holds a town-scoped role.
 * @example townsWithRole({ sub: 'u', roles: ['treasurer:113611', 'admin'] }, 'treasurer') // ['113611']
 */
export function townsWithRole(a: Actor | undefined, role: 'reviewer' | 'treasurer'): TownCode[] {
  return (a?.roles ?? []).filter((r) => r.startsWith(`${role}:`)).map((r) => r.slice(role.length + 1));
}

export const isAdmin = (a: Actor | undefined) => hasRole(a, 'admin');
