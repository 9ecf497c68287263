/**
 * The public web front: server-rendered pages that work without client JavaScript. Routes gather data
 * from the catalog read models and the ledger, decide what the public may see, and hand plain view
 * objects to web/; the components only format.
 */
import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';
import { createRouter } from '../router.js';
import type { AppEnv } from '../context.js';
import { challengeViews, findChallengeView, findFundView, fundView } from '../catalog-views.js';
import { CHALLENGE_STATUSES, type ChallengeStatus, type Municipality } from '../../domain/catalog.js';
import { accounts } from '../../domain/ledger/accounts.js';
import type { Db } from '../../store/db.js';
import { getTown, listFunds, listTowns } from '../../store/catalog.js';
import { accountActivity } from '../../store/ledger.js';
import { movementsOf } from '../../domain/ledger/summary.js';
import { listChallengeUpdates } from '../../store/challenges.js';
import { isLang, LANG_COOKIE } from '../../i18n/index.js';
import { pageCtx, renderPage as render, safeBack } from '../page-context.js';
import { corporateDonorsFor } from '../corporate-actions.js';
import { CSS, CSS_HASH, CSS_PATH } from '../../../web/styles.js';
import type { PublicLedgerView, PublicMovement } from '../../../web/components/public-ledger.js';
import { HomePage } from '../../../web/pages/home.js';
import { ChallengesPage, type ChallengeFilter } from '../../../web/pages/challenges.js';
import { ChallengePage } from '../../../web/pages/challenge.js';
import { FundsPage } from '../../../web/pages/funds.js';
import { FundPage } from '../../../web/pages/fund.js';
import { TownsPage } from '../../../web/pages/towns.js';
import { TownPage } from '../../../web/pages/town.js';
import { NotFoundPage } from '../../../web/pages/not-found.js';

type C = Context<AppEnv>;

export const pageRoutes = createRouter();

/** Drafts are not public; every other status may be browsed and filtered on. */
const PUBLIC_STATUSES = CHALLENGE_STATUSES.filter((s): s is Exclude<ChallengeStatus, 'draft'> => s !== 'draft');
/** The public ledger lists this many latest movements per account; the totals always cover all of them. */
const MOVEMENTS_SHOWN = 100;
const ONE_YEAR_S = 365 * 24 * 60 * 60;

// ---------------------------------------------------------------- helpers


/** The bilingual HTML 404; exported so the app's notFound handler can use it for unknown page paths. */
export function renderNotFound(c: C) {
  return render(c, <NotFoundPage ctx={pageCtx(c)} />, 404);
}


/** Official code order (north to south), the order Japanese public lists use. */
async function towns(db: Db): Promise<Municipality[]> {
  return (await listTowns(db)).sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * What the public sees of one ledger account. A posting may be split over balance shards, so legs are
 * merged back into one movement per journal entry. Only the donor-approved `counterpart` is passed on;
 * memos stay internal.
 */
async function publicLedger(db: Db, account: string): Promise<PublicLedgerView> {
  const { rows, summary } = await accountActivity(db, account);
  const movements: PublicMovement[] = movementsOf(rows)
    .reverse()
    .map((m) => ({ date: m.date, channel: m.channel, town: m.town, amount: m.amount, counterpart: m.counterpart, reversal: Boolean(m.reverses) }));
  const months = Object.entries(summary.byMonth)
    .sort(([a], [b]) => b.localeCompare(a))
    .flatMap(([month, byTown]) =>
      Object.entries(byTown)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([town, f]) => ({ month, town, inflow: f.inflow, outflow: f.outflow })),
    );
  return { months, total: summary.total, movements: movements.slice(0, MOVEMENTS_SHOWN), movementCount: movements.length };
}

function challengeFilter(c: C, known: Municipality[]): ChallengeFilter {
  // A hand-edited URL with an unknown value just does not filter on it: a page should not answer 400.
  const town = c.req.query('town');
  const status = c.req.query('status');
  const q = c.req.query('q')?.trim().slice(0, 100);
  return {
    town: known.some((t) => t.code === town) ? town : undefined,
    status: PUBLIC_STATUSES.find((s) => s === status),
    q: q || undefined,
  };
}

// ---------------------------------------------------------------- assets and language

pageRoutes.get(CSS_PATH, (c) => {
  const etag = `"${CSS_HASH}"`;
  // The pages link ?v=<hash>, so that URL never changes content and may be cached for a year; any other
  // request revalidates by ETag.
  c.header('ETag', etag);
  c.header('Cache-Control', c.req.query('v') === CSS_HASH ? `public, max-age=${ONE_YEAR_S}, immutable` : 'public, max-age=0, must-revalidate');
  if ((c.req.header('if-none-match') ?? '').split(/\s*,\s*/).includes(etag)) return c.body(null, 304);
  c.header('Content-Type', 'text/css; charset=utf-8');
  return c.body(CSS);
});

pageRoutes.get('/lang/:lang', (c) => {
  const lang = c.req.param('lang');
  if (!isLang(lang)) return renderNotFound(c);
  // No Secure flag: a language preference is not sensitive, and the same cookie must also stick on plain
  // http (a phone on the dev machine's LAN address), so every runtime sends the identical header.
  setCookie(c, LANG_COOKIE, lang, { path: '/', maxAge: ONE_YEAR_S, sameSite: 'Lax', httpOnly: true });
  return c.redirect(safeBack(c.req.query('back')), 303);
});

// ---------------------------------------------------------------- pages

pageRoutes.get('/', async (c) => {
  const db = c.var.deps.db;
  const [open, fundList, townList] = await Promise.all([challengeViews(db, { status: 'open' }), listFunds(db), towns(db)]);
  const funds = await Promise.all(fundList.map((f) => fundView(db, f)));
  return render(c, <HomePage ctx={pageCtx(c)} challenges={open} funds={funds} towns={townList} />);
});

pageRoutes.get('/challenges', async (c) => {
  const db = c.var.deps.db;
  const townList = await towns(db);
  const filter = challengeFilter(c, townList);
  const list = await challengeViews(db, filter);
  return render(c, <ChallengesPage ctx={pageCtx(c)} challenges={list} towns={townList} statuses={PUBLIC_STATUSES} filter={filter} />);
});

pageRoutes.get('/challenges/:id', async (c) => {
  const db = c.var.deps.db;
  const challenge = await findChallengeView(db, c.req.param('id'));
  if (!challenge) return renderNotFound(c);
  const [townList, ledger, updates, corporateDonors] = await Promise.all([towns(db), publicLedger(db, accounts.challengeAvailable(challenge.id)), listChallengeUpdates(db, challenge.id), corporateDonorsFor(db, { kind: 'challenge', id: challenge.id })]);
  return render(c, <ChallengePage ctx={pageCtx(c)} challenge={challenge} towns={townList} ledger={ledger} updates={updates} corporateDonors={corporateDonors} />);
});

pageRoutes.get('/funds', async (c) => {
  const db = c.var.deps.db;
  const [fundList, townList] = await Promise.all([listFunds(db), towns(db)]);
  const funds = await Promise.all(fundList.map((f) => fundView(db, f)));
  return render(c, <FundsPage ctx={pageCtx(c)} funds={funds} towns={townList} />);
});

pageRoutes.get('/funds/:id', async (c) => {
  const db = c.var.deps.db;
  const fund = await findFundView(db, c.req.param('id'));
  if (!fund) return renderNotFound(c);
  const [townList, ledgers, corporateDonors] = await Promise.all([
    towns(db),
    Promise.all(fund.members.map(async (town) => ({ town, ledger: await publicLedger(db, accounts.fundShare(fund.id, town)) }))),
    corporateDonorsFor(db, { kind: 'fund', id: fund.id }),
  ]);
  return render(c, <FundPage ctx={pageCtx(c)} fund={fund} towns={townList} ledgers={ledgers} corporateDonors={corporateDonors} />);
});

pageRoutes.get('/towns', async (c) => render(c, <TownsPage ctx={pageCtx(c)} towns={await towns(c.var.deps.db)} />));

pageRoutes.get('/towns/:code', async (c) => {
  const db = c.var.deps.db;
  const code = c.req.param('code');
  const town = /^\d{6}$/.test(code) ? await getTown(db, code) : undefined;
  if (!town) return renderNotFound(c);
  const [townList, list, fundList] = await Promise.all([towns(db), challengeViews(db, { town: code }), listFunds(db)]);
  const shares = await Promise.all(
    fundList
      .filter((f) => f.members.includes(code))
      .map(async (f) => {
        const fund = await fundView(db, f);
        return { fund, available: fund.shares.find((s) => s.town === code)?.available ?? 0 };
      }),
  );
  return render(c, <TownPage ctx={pageCtx(c)} town={town} towns={townList} challenges={list} shares={shares} />);
});
