/**
 * Bearer JWTs verified against a JWKS (Cognito's in AWS, the dev identity provider's locally): the same
 * code path in both places. Roles come from `cognito:groups`; town-scoped roles read `treasurer:113611`.
 */
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from './context.js';
import { forbidden, unauthorized } from './errors.js';

import { hasRole, townsWithRole, type Actor, type RoleName } from '../domain/actor.js';

export { hasRole, townsWithRole, type RoleName };
/** @deprecated transitional name of the domain's Actor; new code says Actor. */
export type Principal = Actor;

export type Verifier = (token: string) => Promise<Principal>;

export const SESSION_COOKIE = 'kf_session';

export function createVerifier(opts: { jwks: URL | JSONWebKeySet; issuer: string; audience?: string }): Verifier {
  const keySet = opts.jwks instanceof URL ? createRemoteJWKSet(opts.jwks) : createLocalJWKSet(opts.jwks);
  return async (token) => {
    const { payload } = await jwtVerify(token, keySet, { issuer: opts.issuer, audience: opts.audience, clockTolerance: 5 });
    return principalOf(payload);
  };
}

function principalOf(payload: JWTPayload): Principal {
  if (!payload.sub) throw new Error('token without subject');
  const groups = payload['cognito:groups'];
  return {
    sub: payload.sub,
    name: typeof payload.name === 'string' ? payload.name : undefined,
    email: typeof payload.email === 'string' ? payload.email : undefined,
    // A donor who signed themselves up belongs to no Cognito group yet: anyone signed in may donate.
    roles: Array.isArray(groups) && groups.length ? groups.filter((g): g is string => typeof g === 'string') : ['donor'],
    companyId: typeof payload['custom:companyId'] === 'string' ? (payload['custom:companyId'] as string) : undefined,
  };
}

/**
 * Reads the bearer token (API clients) or the session cookie (pages). A token that is present but bad
 * is a 401 even on public routes: a client that thinks it is signed in must learn that it is not.
 */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header('authorization');
  const token = header?.match(/^Bearer\s+(.+)$/i)?.[1] ?? (header ? undefined : getCookie(c, SESSION_COOKIE));
  if (header && !token) throw unauthorized('the Authorization header must be "Bearer <token>"');
  if (token) {
    try {
      c.set('principal', await c.var.deps.verifier(token));
    } catch {
      if (header) throw unauthorized('the token is invalid or expired');
      // A stale page cookie is not an error: the visitor is simply signed out.
    }
  }
  await next();
};

export function requirePrincipal(p: Principal | undefined): Principal {
  if (!p) throw unauthorized();
  return p;
}

/** 401 without a principal; 403 unless it holds one of the roles (admin passes every check). */
export function requireRole(...roles: RoleName[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const p = requirePrincipal(c.var.principal);
    if (!p.roles.includes('admin') && !roles.some((r) => hasRole(p, r))) throw forbidden(`this needs the role ${roles.join(' or ')}`);
    await next();
  };
}

export function assertTownRole(p: Principal | undefined, role: 'reviewer' | 'treasurer', town: string): Principal {
  const principal = requirePrincipal(p);
  if (!hasRole(principal, role, town) && !hasRole(principal, 'admin')) throw forbidden(`this needs the ${role} role for town ${town}`);
  return principal;
}
