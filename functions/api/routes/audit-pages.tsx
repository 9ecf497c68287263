import { createRouter } from '../router.js';
import { requireRole } from '../auth.js';
import { pageCtx, renderPersonalPage, signInRedirect } from '../page-context.js';
import { AuditQuery, readableChains } from './audit.js';
import { searchAudit, verifyAuditChains } from '../../store/audit.js';
import { listTowns } from '../../store/catalog.js';
import { AuditLogPage } from '../../../web/pages/audit-log.js';
import { badRequest } from '../errors.js';

export const auditPages = createRouter();

auditPages.use('/audit', async (c, next) => {
  if (!c.var.principal) return signInRedirect(c);
  await next();
});
auditPages.use('/audit', requireRole('treasurer', 'admin'));
auditPages.get('/audit', async (c) => {
  const parsed = AuditQuery.safeParse(c.req.query());
  if (!parsed.success) throw badRequest('invalid filter');
  const filter = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v)) as typeof parsed.data;
  const db = c.var.deps.db;
  const chains = await readableChains(db, c.var.principal!, filter.town);
  const [records, check, towns] = await Promise.all([searchAudit(db, chains, filter), verifyAuditChains(db), listTowns(db)]);
  const visibleTowns = towns.filter((t) => chains.includes(`town:${t.code}`) || !filter.town);
  return renderPersonalPage(
    c,
    <AuditLogPage ctx={pageCtx(c)} records={records} chainsOk={!check.problems.some((p) => chains.includes(p.chain))} filter={filter} towns={visibleTowns.map((t) => ({ code: t.code, name: c.var.lang === 'ja' ? t.name : t.nameEn }))} />,
  );
});
