/**
 * Disbursements as the treasurers decide them (/treasurer/disbursements/…): a request's page and the
 * approve / reject / paid forms, each going back to the page with a notice or the refusal's code.
 */
import { isDomainError } from '../../../domain/errors.js';
import { isValidDateString } from '../../../domain/jst.js';
import { t } from '../../../i18n/index.js';
import { approveDisbursement, disbursementForTreasurer, markDisbursementPaid, rejectDisbursement } from '../../../services/disbursements.js';
import { DisbursementDetailPage } from '../../../../web/pages/disbursement-detail.js';
import { pageCtx } from '../../page-context.js';
import { createRouter } from '../../router.js';
import { renderNotFound } from '../not-found.js';
import { decide, FormProblem, noticeOf, problemOf, refuse, render, str, treasurerGate } from '../shared/back-office.js';

export const disbursementPages = createRouter();

// ---------------------------------------------------------------- disbursements (treasurer side)

disbursementPages.get('/disbursements/:id', async (c) => {
  const g = await treasurerGate(c);
  if (g instanceof Response) return g;
  try {
    const v = await disbursementForTreasurer(g.ctx, g.actor, c.req.param('id'));
    return render(
      c,
      <DisbursementDetailPage
        ctx={pageCtx(c)}
        disbursement={v.disbursement}
        challengeTitle={v.challengeTitle}
        today={g.today}
        canApprove={v.canApprove}
        canReject={v.canReject}
        canMarkPaid={v.canMarkPaid}
        notice={noticeOf(c)}
        problem={problemOf(c)}
      />,
    );
  } catch (e) {
    if (isDomainError(e) && e.kind === 'not_found') return renderNotFound(c);
    if (isDomainError(e) && e.kind === 'forbidden') return refuse(c, t(c.var.lang, 'treasury.bo.forbidden'));
    throw e;
  }
});

const dateOrUndefined = (s: string) => (s && isValidDateString(s) ? s : undefined);
const badDate = () => new FormProblem('date');

disbursementPages.post('/disbursements/:id/approve', (c) =>
  decide(c, `/treasurer/disbursements/${c.req.param('id')}`, async (form, g) => {
    const paymentDate = str(form, 'paymentDate');
    if (paymentDate && !isValidDateString(paymentDate)) throw badDate();
    const r = await approveDisbursement(g.ctx, g.actor, c.req.param('id'), { comment: str(form, 'comment') || undefined, paymentDate: dateOrUndefined(paymentDate) });
    return r.scheduled ? 'disbursement.scheduled' : 'disbursement.approved';
  }),
);

disbursementPages.post('/disbursements/:id/reject', (c) =>
  decide(c, `/treasurer/disbursements/${c.req.param('id')}`, async (form, g) => {
    const reason = str(form, 'reason').slice(0, 1000);
    if (!reason) throw new FormProblem('required');
    await rejectDisbursement(g.ctx, g.actor, c.req.param('id'), reason);
    return 'disbursement.rejected';
  }),
);

disbursementPages.post('/disbursements/:id/paid', (c) =>
  decide(c, `/treasurer/disbursements/${c.req.param('id')}`, async (form, g) => {
    const paidOn = str(form, 'paidOn');
    if (!isValidDateString(paidOn)) throw badDate();
    await markDisbursementPaid(g.ctx, g.actor, c.req.param('id'), paidOn);
    return 'disbursement.paid';
  }),
);
