import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './context.js';
import { errorBody } from './errors.js';

/**
 * Every router validates with the same hook, so a malformed request anywhere gets the same 400 shape
 * with one detail per offending field.
 */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const details = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message, code: i.code }));
        const first = details[0];
        const message = first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : 'invalid request';
        return c.json(errorBody('validation_failed', message, details), 400);
      }
    },
  });
}
