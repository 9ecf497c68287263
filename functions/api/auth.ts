/**
 * Bearer JWTs verified against a JWKS (Cognito's in AWS, the dev identity provider's locally): the same
 * code path in both places. Roles come from `cognito:groups`; town-scoped roles read `treasurer:113611`.
 */
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from './context.js';
import { hasRole, isAdmin, type Actor, type RoleName } from '../domain/actor.js';
import { DomainError } from '../domain/errors.js';


export type Verifier = (token: string) => Promise<Actor>;

export const SESSION_COOKIE = 'kf_session';

export function createVerifier(opts: { jwks: URL | JSONWebKeySet; issuer: string; audience?: string }): Verifier {
  const keySet = opts.jwks instanceof URL ? createRemoteJWKSet(opts.jwks) : createLocalJWKSet(opts.jwks);
  return async (token) => {
    const { payload } = await jwtVerify(token, keySet, { issuer: opts.issuer, audience: opts.audience, clockTolerance: 5 });
    return actorOf(payload);
  };
}

function actorOf(payload: JWTPayload): Actor {
  if (!payload.sub) throw new DomainError('unauthenticated', 'unauthorized', 'token without subject', { key: 'token_invalid' });
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

/** A write to the JSON API (anything but GET, HEAD, OPTIONS under /api). */
export function isApiWrite(method: string, path: string): boolean {
  return !/^(GET|HEAD|OPTIONS)$/i.test(method) && (path === '/api' || path.startsWith('/api/'));
}

/**
 * Reads the bearer token (API clients) or the session cookie (pages). A token that is present but bad
 * is a 401 even on public routes: a client that thinks it is signed in must learn that it is not.
 *
 * CSRF (issue 11): a write to the JSON API never authenticates by the session cookie. The browser attaches
 * the cookie to any site's request, so for /api writes the cookie is treated as absent: a route that needs
 * a principal answers 401 and writes nothing, while the public writes (a guest's POST /api/donations, the
 * simulator, the signed Stripe webhook) go on working for a signed-in visitor too. API clients send
 * `Authorization: Bearer`. (The pages' own defence is csrf.tsx.)
 */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header('authorization');
  const cookie = isApiWrite(c.req.method, c.req.path) ? undefined : getCookie(c, SESSION_COOKIE);
  const token = header?.match(/^Bearer\s+(.+)$/i)?.[1] ?? (header ? undefined : cookie);
  if (header && !token) throw new DomainError('unauthenticated', 'unauthorized', 'the Authorization header must be "Bearer <token>"', { key: 'bearer_malformed' });
  if (token) {
    try {
      c.set('principal', await c.var.deps.verifier(token));
    } catch {
      if (header) throw new DomainError('unauthenticated', 'unauthorized', 'the token is invalid or expired', { key: 'token_invalid' });
      // A stale page cookie is not an error: the visitor is simply signed out.
    }
  }
  await next();
};

/**
 * The signed-in actor, or a 401.
 * @example const actor = requirePrincipal(c.var.principal)
 */
export function requirePrincipal(p: Actor | undefined): Actor {
  if (!p) throw new DomainError('unauthenticated', 'unauthorized', 'sign-in required', { key: 'sign_in_required' });
  return p;
}

/** 401 without a principal; 403 unless it holds one of the roles (admin passes every check). */
export function requireRole(...roles: RoleName[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const p = requirePrincipal(c.var.principal);
    if (!isAdmin(p) && !roles.some((r) => hasRole(p, r))) {
      throw new DomainError('forbidden', 'forbidden', `this needs the role ${roles.join(' or ')}`, { key: 'role_required', params: { roles: roles.join(' / ') } });
    }
    await next();
  };
}

/**
 * The actor, if they hold the town-scoped role for this town (or are an admin); else 401/403.
 * @example const treasurer = assertTownRole(c.var.principal, 'treasurer', '113611')
 */
export function assertTownRole(p: Actor | undefined, role: 'reviewer' | 'treasurer', town: string): Actor {
  const actor = requirePrincipal(p);
  if (!hasRole(actor, role, town) && !isAdmin(actor)) {
    throw new DomainError('forbidden', 'forbidden', `this needs the ${role} role for town ${town}`, { key: 'town_role_required', params: { role, town } });
  }
  return actor;
}
