/**
 * The admins' verification report as JSON. The domain names each broken audit record by a code; the API's
 * readers get the English sentence from the catalog, as they always have.
 */
import type { z } from '@hono/zod-openapi';
import { t } from '../../i18n/index.js';
import type { verifyBooks } from '../../services/ledger.js';
import type { VerifySchema } from '../schemas/ledger.js';

/** @example c.json(verificationJson(await verifyBooks(ctx, actor)), 200) */
export function verificationJson(report: Awaited<ReturnType<typeof verifyBooks>>): z.infer<typeof VerifySchema> {
  return {
    ...report,
    audit: {
      ...report.audit,
      problems: report.audit.problems.map(({ params, ...p }) => ({ ...p, message: t('en', `audit.problem.${p.problem}`, params) })),
    },
  };
}
