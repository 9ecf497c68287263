/**
 * The treasurer's one-stop (ワンストップ特例) requests (/treasurer/one-stop): the town's list for a year and
 * marking a request received.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../../context.js';
import { createRouter } from '../../router.js';
import { servicesOf } from '../../services.js';
import { pageCtx, renderPersonalPage, signInRedirect } from '../../page-context.js';
import { oneStopRow, townOption } from '../../presenters/donations.js';
import { renderNotFound } from '../not-found.js';
import { receiptYear } from '../../../domain/donations.js';
import { isDomainError } from '../../../domain/errors.js';
import { jstYear } from '../../../domain/jst.js';
import { nowOf } from '../../../services/context.js';
import { markOneStopReceived, oneStopTowns, townOneStopRequests } from '../../../services/one-stop.js';
import { t } from '../../../i18n/index.js';
import { TreasurerOneStopPage } from '../../../../web/pages/treasurer-onestop.js';

type C = Context<AppEnv>;

export const oneStopPages = createRouter();

const render = renderPersonalPage;

const signIn = signInRedirect;

const notFoundPage = (c: C) => renderNotFound(c);

// ---------------------------------------------------------------- treasurer: one-stop requests

const forbiddenPage = (c: C) => render(c, `<!doctype html><meta charset="utf-8"><p>${t(c.var.lang, 'donation.treasurer.forbidden')}</p>`, 403);

oneStopPages.get('/one-stop', async (c) => {
  const p = c.var.principal;
  if (!p) return signIn(c);
  const ctx = servicesOf(c);
  const lang = c.var.lang;
  const towns = await oneStopTowns(ctx, p);
  const town = towns.find((t) => t.code === c.req.query('town')) ?? towns[0];
  if (!town) return forbiddenPage(c);
  const yearQ = c.req.query('year');
  const list = await townOneStopRequests(ctx, p, { town: town.code, year: yearQ && /^\d{4}$/.test(yearQ) ? Number(yearQ) : undefined });
  return (
    render(
      c,
      <TreasurerOneStopPage
        ctx={pageCtx(c)}
        town={townOption(lang, town)}
        towns={towns.map((t) => townOption(lang, t))}
        year={list.year}
        deadline={list.deadline}
        rows={list.requests.map(oneStopRow)}
      />,
    )
  );
});

oneStopPages.post('/one-stop/:id/received', async (c) => {
  const p = c.var.principal;
  if (!p) return signIn(c);
  let d;
  try {
    d = await markOneStopReceived(servicesOf(c), p, { id: c.req.param('id') });
  } catch (e) {
    if (isDomainError(e) && e.kind === 'not_found') return notFoundPage(c);
    if (isDomainError(e) && e.kind === 'forbidden') return forbiddenPage(c);
    throw e;
  }
  const year = d.paidDate ? receiptYear(d.paidDate) : jstYear(nowOf(servicesOf(c)));
  return c.redirect(`/treasurer/one-stop?town=${d.receivingTown}&year=${year}`, 303);
});
