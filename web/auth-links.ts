/**
 * The app's own sign-in and sign-out routes (functions/api/pages/auth.ts). They choose Cognito's hosted
 * UI in AWS or the dev identity provider locally, so no page links to either directly.
 */
export const SIGN_IN_PATH = '/auth/sign-in';
export const SIGN_OUT_PATH = '/auth/sign-out';

/** Sign in, then come back to `next` (a same-site path). */
export function signInHref(next: string): string {
  return `${SIGN_IN_PATH}?next=${encodeURIComponent(next)}`;
}
