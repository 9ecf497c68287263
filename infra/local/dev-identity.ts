/**
 * The dev identity provider (local only): signs JWTs for the seeded users with a local ES256 key and
 * publishes its JWKS, so the app verifies them exactly as it verifies Cognito's tokens in AWS.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JSONWebKeySet, type JWK } from 'jose';
import { createVerifier, type Verifier } from '../../functions/api/auth.js';

export const DEV_ISSUER = 'urn:kyoso:dev-identity';
export const DEV_AUDIENCE = 'kyoso-local';
const ALG = 'ES256';

export interface DevIdentity {
  jwks: JSONWebKeySet;
  verifier: Verifier;
  sign(claims: { sub: string; name?: string; email?: string; groups: string[]; companyId?: string }, opts?: { expiresIn?: string | number }): Promise<string>;
}

/** With `keyFile` the key survives restarts, so a signed-in browser stays signed in. */
export async function createDevIdentity(keyFile?: string): Promise<DevIdentity> {
  let privateJwk: JWK;
  if (keyFile && existsSync(keyFile)) {
    privateJwk = JSON.parse(readFileSync(keyFile, 'utf8')) as JWK;
  } else {
    const { privateKey } = await generateKeyPair(ALG, { extractable: true });
    privateJwk = { ...(await exportJWK(privateKey)), kid: `dev-${Date.now().toString(36)}`, alg: ALG };
    if (keyFile) {
      mkdirSync(dirname(keyFile), { recursive: true });
      writeFileSync(keyFile, JSON.stringify(privateJwk), { mode: 0o600 });
    }
  }
  const { d: _d, ...publicJwk } = privateJwk;
  const jwks: JSONWebKeySet = { keys: [{ ...publicJwk, use: 'sig', alg: ALG }] };
  const key = await importJWK(privateJwk, ALG);
  return {
    jwks,
    verifier: createVerifier({ jwks, issuer: DEV_ISSUER, audience: DEV_AUDIENCE }),
    async sign(claims, opts = {}) {
      return new SignJWT({
        name: claims.name,
        email: claims.email,
        'cognito:groups': claims.groups,
        ...(claims.companyId ? { 'custom:companyId': claims.companyId } : {}),
        token_use: 'id',
      })
        .setProtectedHeader({ alg: ALG, kid: privateJwk.kid })
        .setSubject(claims.sub)
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(opts.expiresIn ?? '8h')
        .sign(key);
    },
  };
}
