/** Local-only routes: the dev sign-in page and token endpoint. Never mounted in AWS (see handlers/http.ts). */
import type { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { SESSION_COOKIE } from '../../functions/api/auth.js';
import type { AppEnv } from '../../functions/api/context.js';
import { safeBack } from '../../functions/api/page-context.js';
import { DomainError } from '../../functions/domain/errors.js';
import { getUser } from '../../functions/store/users.js';
import { users as seededUsers } from './seed-data.js';
import type { DevIdentity } from './dev-identity.js';
import { DevSignInPage } from '../../web/pages/dev-sign-in.js';

const TokenRequest = z.object({ user: z.string().min(1).max(64) });

export function mountDevIdentity(app: Hono<AppEnv>, idp: DevIdentity) {
  async function tokenFor(c: { var: AppEnv['Variables'] }, userId: string) {
    const user = await getUser(c.var.deps.db, userId);
    if (!user) throw new DomainError('not_found', 'not_found', `user ${userId} not found`);
    return idp.sign({ sub: user.id, name: user.name, email: user.email, groups: user.roles, companyId: user.companyId });
  }

  app.get('/dev/jwks.json', (c) => c.json(idp.jwks));

  app.post('/dev/token', async (c) => {
    const parsed = TokenRequest.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) throw new DomainError('invalid', 'bad_request', 'send {"user": "<seeded user id>"}');
    return c.json({ token: await tokenFor(c, parsed.data.user) });
  });

  app.get('/dev/sign-in', (c) => c.html(<DevSignInPage lang={c.var.lang} users={seededUsers} current={c.var.principal?.sub} next={safeBack(c.req.query('next'))} />));

  app.post('/dev/sign-in', async (c) => {
    const form = await c.req.parseBody();
    const token = await tokenFor(c, String(form.user ?? ''));
    setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 8 * 3600 });
    return c.redirect(safeBack(String(form.next ?? '')), 303);
  });

  app.post('/dev/sign-out', (c) => {
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/', 303);
  });
}

