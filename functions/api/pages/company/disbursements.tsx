/**
 * The operating company's disbursement request form (/company/challenges/:id/disbursements/new): the
 * challenge's limit, earlier requests, and the form re-rendered with each error beside its field.
 */
import type { Context } from 'hono';
import { isDomainError } from '../../../domain/errors.js';
import { t, pick } from '../../../i18n/index.js';
import { disbursementRequestBoard, requestDisbursement } from '../../../services/disbursements.js';
import type { FieldErrors } from '../../../../web/components/back-office-ui.js';
import { DisbursementRequestPage, type DisbursementRequestValues } from '../../../../web/pages/disbursement-request.js';
import type { AppEnv } from '../../context.js';
import { pageCtx, signInRedirect } from '../../page-context.js';
import { createRouter } from '../../router.js';
import { RequestDisbursementRequest } from '../../schemas/disbursements.js';
import { servicesOf } from '../../services.js';
import { renderNotFound } from '../not-found.js';
import { errorText, fieldMessage, formRefusal, noticeOf, parseYen, refuse, render, str } from '../shared/back-office.js';

type C = Context<AppEnv>;

export const disbursementRequestPages = createRouter();

// ---------------------------------------------------------------- disbursement request (operating company)

/** The operating company of a published challenge; else sign in, the 404 page, or the 403 page. */
async function companyGate(c: C) {
  const actor = c.var.principal;
  if (!actor) return signInRedirect(c);
  const ctx = servicesOf(c);
  try {
    return { actor, ctx, board: await disbursementRequestBoard(ctx, actor, c.req.param('id') ?? '') };
  } catch (e) {
    if (isDomainError(e) && e.kind === 'not_found') return renderNotFound(c);
    if (isDomainError(e) && e.kind === 'forbidden') return refuse(c, t(c.var.lang, 'treasury.bo.companyOnly'));
    throw e;
  }
}

const EMPTY_REQUEST: DisbursementRequestValues = { amount: '', milestone: '', invoiceNumber: '', bankCode: '', branchCode: '', accountType: 'ordinary', accountNumber: '', holderKana: '' };

disbursementRequestPages.get('/challenges/:id/disbursements/new', async (c) => {
  const g = await companyGate(c);
  if (g instanceof Response) return g;
  const { challenge, limit, requests } = g.board;
  const title = pick(c.var.lang, challenge.title, challenge.titleEn);
  return render(c, <DisbursementRequestPage ctx={pageCtx(c)} challenge={{ id: challenge.id, title }} limit={limit} values={EMPTY_REQUEST} errors={{}} notice={noticeOf(c)} requests={requests} />);
});

disbursementRequestPages.post('/challenges/:id/disbursements/new', async (c) => {
  const g = await companyGate(c);
  if (g instanceof Response) return g;
  const lang = c.var.lang;
  const challenge = g.board.challenge;
  const form = await c.req.parseBody();
  const values = Object.fromEntries(Object.keys(EMPTY_REQUEST).map((k) => [k, str(form, k)])) as unknown as DisbursementRequestValues;
  const errors: FieldErrors = {};
  let problem: string | undefined;
  const amount = parseYen(values.amount);
  const digits = (s: string) => s.normalize('NFKC').replace(/[\s-]/g, '');
  const input = {
    challengeId: challenge.id,
    amount: amount ?? -1,
    milestone: values.milestone,
    invoiceNumber: values.invoiceNumber,
    payee: { bankCode: digits(values.bankCode), branchCode: digits(values.branchCode), accountType: values.accountType, accountNumber: digits(values.accountNumber), holderKana: values.holderKana },
  };
  const parsed = RequestDisbursementRequest.safeParse(input);
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const key = String(i.path[i.path.length - 1]);
      const msg = key === 'holderKana' && /30/.test(i.message) ? t(lang, 'treasury.err.kana_length') : fieldMessage(lang, i.path.join('.'));
      errors[key] ??= msg;
    }
  } else {
    try {
      await requestDisbursement(g.ctx, g.actor, parsed.data);
      return c.redirect(`/company/challenges/${challenge.id}/disbursements/new?notice=disbursement.requested`, 303);
    } catch (e) {
      if (!formRefusal(e)) throw e;
      for (const d of e.issues) errors[(d.path ?? 'form').split('.').pop()!] ??= fieldMessage(lang, d.path ?? '', d);
      if (!Object.keys(errors).length) problem = errorText(lang, e);
    }
  }
  const { limit, requests } = await disbursementRequestBoard(g.ctx, g.actor, challenge.id);
  const title = pick(lang, challenge.title, challenge.titleEn);
  return render(c, <DisbursementRequestPage ctx={pageCtx(c)} challenge={{ id: challenge.id, title }} limit={limit} values={values} errors={errors} problem={problem} requests={requests} />, 422);
});
