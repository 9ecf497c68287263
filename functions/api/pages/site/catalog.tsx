/**
 * The public web front: server-rendered pages that work without client JavaScript. Each route asks the
 * catalog service (functions/services/catalog.ts) for what the public may see and hands the presenters'
 * plain view objects to web/; the components only format.
 */
import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';
import { createRouter } from '../../router.js';
import { renderNotFound } from '../not-found.js';
import type { AppEnv } from '../../context.js';
import { servicesOf } from '../../services.js';
import { PUBLIC_STATUSES } from '../../../domain/catalog.js';
import { isDomainError } from '../../../domain/errors.js';
import { browseChallenges, challengeDetail, fundDetail, fundsOverview, homeOverview, listMemberTowns, townDetail } from '../../../services/catalog.js';
import { isLang, LANG_COOKIE } from '../../../i18n/index.js';
import { pageCtx, renderPage as render, safeBack } from '../../page-context.js';
import { challengeView, fundView, publicLedgerView } from '../../presenters/catalog.js';
import { HomePage } from '../../../../web/pages/home.js';
import { ChallengesPage } from '../../../../web/pages/challenges.js';
import { ChallengePage } from '../../../../web/pages/challenge.js';
import { FundsPage } from '../../../../web/pages/funds.js';
import { FundPage } from '../../../../web/pages/fund.js';
import { TownsPage } from '../../../../web/pages/towns.js';
import { TownPage } from '../../../../web/pages/town.js';

export const catalogPages = createRouter();

const ONE_YEAR_S = 365 * 24 * 60 * 60;

// ---------------------------------------------------------------- language

/** A page whose subject is missing (or not public) answers the HTML 404, not the API's JSON error. */
function page<P extends string>(handler: (c: Context<AppEnv, P>) => Promise<Response>) {
  return async (c: Context<AppEnv, P>) => {
    try {
      return await handler(c);
    } catch (e) {
      if (isDomainError(e) && e.kind === 'not_found') return renderNotFound(c);
      throw e;
    }
  };
}


catalogPages.get('/lang/:lang', (c) => {
  const lang = c.req.param('lang');
  if (!isLang(lang)) return renderNotFound(c);
  // No Secure flag: a language preference is not sensitive, and the same cookie must also stick on plain
  // http (a phone on the dev machine's LAN address), so every runtime sends the identical header.
  setCookie(c, LANG_COOKIE, lang, { path: '/', maxAge: ONE_YEAR_S, sameSite: 'Lax', httpOnly: true });
  return c.redirect(safeBack(c.req.query('back')), 303);
});

// ---------------------------------------------------------------- pages

catalogPages.get(
  '/',
  page(async (c) => {
    const { challenges, funds, towns } = await homeOverview(servicesOf(c));
    return render(c, <HomePage ctx={pageCtx(c)} challenges={challenges.map(challengeView)} funds={funds.map(fundView)} towns={towns} />);
  }),
);

catalogPages.get(
  '/challenges',
  page(async (c) => {
    const { challenges, towns, filter } = await browseChallenges(servicesOf(c), { town: c.req.query('town'), status: c.req.query('status'), q: c.req.query('q') });
    return render(c, <ChallengesPage ctx={pageCtx(c)} challenges={challenges.map(challengeView)} towns={towns} statuses={PUBLIC_STATUSES} filter={filter} />);
  }),
);

catalogPages.get(
  '/challenges/:id',
  page<'/challenges/:id'>(async (c) => {
    const { challenge, towns, ledger, updates, corporateDonors } = await challengeDetail(servicesOf(c), c.req.param('id'));
    return render(c, <ChallengePage ctx={pageCtx(c)} challenge={challengeView(challenge)} towns={towns} ledger={publicLedgerView(ledger)} updates={updates} corporateDonors={corporateDonors} />);
  }),
);

catalogPages.get(
  '/funds',
  page(async (c) => {
    const { funds, towns } = await fundsOverview(servicesOf(c));
    return render(c, <FundsPage ctx={pageCtx(c)} funds={funds.map(fundView)} towns={towns} />);
  }),
);

catalogPages.get(
  '/funds/:id',
  page<'/funds/:id'>(async (c) => {
    const { fund, towns, ledgers, corporateDonors } = await fundDetail(servicesOf(c), c.req.param('id'));
    return render(c, <FundPage ctx={pageCtx(c)} fund={fundView(fund)} towns={towns} ledgers={ledgers.map((l) => ({ town: l.town, ledger: publicLedgerView(l) }))} corporateDonors={corporateDonors} />);
  }),
);

catalogPages.get(
  '/towns',
  page(async (c) => render(c, <TownsPage ctx={pageCtx(c)} towns={await listMemberTowns(servicesOf(c))} />)),
);

catalogPages.get(
  '/towns/:code',
  page<'/towns/:code'>(async (c) => {
    const { town, towns, challenges, shares } = await townDetail(servicesOf(c), c.req.param('code'));
    return render(c, <TownPage ctx={pageCtx(c)} town={town} towns={towns} challenges={challenges.map(challengeView)} shares={shares.map((s) => ({ fund: fundView(s.fund), available: s.available }))} />);
  }),
);
