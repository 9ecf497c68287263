/** The audit log page, mounted at /audit: treasurers and admins, filtered, with the hash chains' verdict. */
import { createRouter } from '../router.js';
import { requireRole } from '../auth.js';
import { pageCtx, renderPersonalPage, signInRedirect } from '../page-context.js';
import { servicesOf } from '../services.js';
import { auditLogOverview } from '../../services/audit.js';
import { DomainError } from '../../domain/errors.js';
import { AuditQuery } from '../schemas/audit.js';
import { townOptions } from '../presenters/catalog.js';
import { AuditLogPage } from '../../../web/pages/audit-log.js';

export const auditPages = createRouter();

auditPages.use('/', async (c, next) => {
  if (!c.var.principal) return signInRedirect(c);
  await next();
});
auditPages.use('/', requireRole('treasurer', 'admin'));
auditPages.get('/', async (c) => {
  const parsed = AuditQuery.safeParse(c.req.query());
  if (!parsed.success) throw new DomainError('invalid', 'bad_request', 'invalid filter');
  // An empty field of the filter form means "any", not "equal to the empty string".
  const filter = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v)) as typeof parsed.data;
  const { records, chainsOk, towns } = await auditLogOverview(servicesOf(c), c.var.principal, filter);
  return renderPersonalPage(c, <AuditLogPage ctx={pageCtx(c)} records={records} chainsOk={chainsOk} filter={filter} towns={townOptions(c.var.lang, towns)} />);
});
