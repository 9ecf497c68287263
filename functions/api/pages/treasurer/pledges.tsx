/**
 * The treasurer's payment confirmations of corporate pledges (/treasurer/pledges). Forms post here, then redirect (303); a refusal re-renders
 * the form with each reason next to its field, in the reader's language. The rules are the same services
 * the JSON API calls (services/pledges.ts).
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isDomainError } from '../../../domain/errors.js';
import { isValidDateString } from '../../../domain/jst.js';
import { t } from '../../../i18n/index.js';
import { cancelPledge, confirmPayment, treasurerPledges } from '../../../services/pledges.js';
import { indexTowns } from '../../../../web/components/town-badge.js';
import { TreasurerPledgesPage, type TreasurerPledgesProps } from '../../../../web/pages/treasurer-pledges.js';
import type { AppEnv } from '../../context.js';
import { errorMessage } from '../../errors.js';
import { pageCtx, renderPersonalPage as render, signInRedirect as signIn } from '../../page-context.js';
import { formProblem, problemsOf } from '../../presenters/corporate.js';
import { createRouter } from '../../router.js';
import { servicesOf } from '../../services.js';
import { hasIssues, parseYen, renderError, statusOf, str } from '../shared/corporate.js';

type C = Context<AppEnv>;

export const treasurerPledgePages = createRouter();

// ---------------------------------------------------------------- treasurer: payments

async function renderTreasurer(c: C, extra: Pick<TreasurerPledgesProps, 'flash' | 'failed'> = {}, status: ContentfulStatusCode = 200) {
  try {
    const view = await treasurerPledges(servicesOf(c), c.var.principal);
    return render(c, <TreasurerPledgesPage ctx={pageCtx(c)} {...view} towns={indexTowns(view.towns)} {...extra} />, status);
  } catch (e) {
    return renderError(c, e);
  }
}

function flashFromQuery(c: C): TreasurerPledgesProps['flash'] {
  const done = c.req.query('done');
  const no = c.req.query('no') ?? '';
  const lang = c.var.lang;
  if (done === 'confirmed') return { kind: 'ok', text: t(lang, 'corporate.treasurer.confirmed', { no }) };
  if (done === 'already') return { kind: 'ok', text: t(lang, 'corporate.treasurer.alreadyConfirmed', { no }) };
  if (done === 'cancelled') return { kind: 'ok', text: t(lang, 'corporate.treasurer.cancelledDone') };
  return undefined;
}

treasurerPledgePages.get('/pledges', async (c) => {
  if (!c.var.principal) return signIn(c);
  return renderTreasurer(c, { flash: flashFromQuery(c) });
});

treasurerPledgePages.post('/pledges/:id/confirm', async (c) => {
  if (!c.var.principal) return signIn(c);
  const lang = c.var.lang;
  const id = c.req.param('id');
  const form = await c.req.parseBody();
  const values = { receivedOn: str(form.receivedOn), amount: str(form.amount) };
  const amount = parseYen(values.amount);
  const problems = [
    ...(isValidDateString(values.receivedOn) ? [] : [formProblem(lang, 'receivedOn', 'invalid_date', 'error.corporate.invalid_received_on')]),
    ...(amount === undefined || amount <= 0 ? [formProblem(lang, 'amount', 'invalid_amount', 'error.corporate.invalid_amount')] : []),
  ];
  if (problems.length) return renderTreasurer(c, { failed: { pledgeId: id, values, problems } }, 400);
  try {
    const { pledge, alreadyConfirmed } = await confirmPayment(servicesOf(c), c.var.principal, id, { receivedOn: values.receivedOn, amount: amount! });
    return c.redirect(`/treasurer/pledges?done=${alreadyConfirmed ? 'already' : 'confirmed'}&no=${encodeURIComponent(pledge.receiptNumber ?? '')}`, 303);
  } catch (e) {
    if (hasIssues(e)) return renderTreasurer(c, { failed: { pledgeId: id, values, problems: problemsOf(lang, e) } }, statusOf(e));
    if (isDomainError(e)) return renderTreasurer(c, { flash: { kind: 'error', text: errorMessage(lang, e) } }, statusOf(e));
    throw e;
  }
});

treasurerPledgePages.post('/pledges/:id/cancel', async (c) => {
  if (!c.var.principal) return signIn(c);
  try {
    const form = await c.req.parseBody();
    await cancelPledge(servicesOf(c), c.var.principal, c.req.param('id'), str(form.reason).slice(0, 500));
    return c.redirect('/treasurer/pledges?done=cancelled', 303);
  } catch (e) {
    if (isDomainError(e)) return renderTreasurer(c, { flash: { kind: 'error', text: errorMessage(c.var.lang, e) } }, statusOf(e));
    throw e;
  }
});
