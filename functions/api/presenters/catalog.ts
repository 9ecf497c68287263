/**
 * Turns the catalog and ledger services' results into what leaves: the JSON bodies (typed by the zod
 * schemas, so the API is what the schemas say) and the public pages' view objects (typed by web/views).
 * The two are built separately on purpose: a page that wants a field more never changes the API.
 */
import type { z } from '@hono/zod-openapi';
import type { Lang } from '../../i18n/index.js';
import { pick } from '../../i18n/index.js';
import type { Municipality } from '../../domain/catalog.js';
import type { ChallengeStanding, FundStanding } from '../../services/catalog.js';
import type { PublicActivity } from '../../services/ledger.js';
import type { ChallengeSchema, FundSchema } from '../schemas/catalog.js';
import type { PublicLedgerSchema } from '../schemas/ledger.js';
import type { ChallengeView, FundView, PublicLedgerView } from '../../../web/views/catalog.js';

/** The public ledger lists this many latest movements per account; the totals always cover all of them. */
const MOVEMENTS_SHOWN = 100;

// ---------------------------------------------------------------- JSON

/**
 * A challenge as the API answers it: the stored challenge without its internal fields, with its progress.
 * @example c.json(challengeJson(await challengeStanding(ctx, id)), 200)
 */
export function challengeJson(s: ChallengeStanding): z.infer<typeof ChallengeSchema> {
  const { targetAmount, createdAt: _c, applicationId: _a, raised, donorCount, percent, allocated, daysLeft, corporateEligible, ...rest } = s;
  return { ...rest, corporateEligible, target: targetAmount, raised, donorCount, percent, allocated, daysLeft };
}

/** @example c.json(fundJson(await fundStanding(ctx, id)), 200) */
export function fundJson(f: FundStanding): z.infer<typeof FundSchema> {
  return f;
}

/**
 * One account's public ledger for the API: every movement newest first, with the memo.
 * @example c.json(publicLedgerJson(await challengeLedger(ctx, id)), 200)
 */
export function publicLedgerJson(a: PublicActivity): z.infer<typeof PublicLedgerSchema> {
  return {
    account: a.account,
    balance: a.balance,
    summary: a.summary,
    movements: a.movements.map((m) => ({ date: m.date, amount: m.amount, channel: m.channel, town: m.town, memo: m.memo, counterpart: m.counterpart, entryId: m.entryId })),
  };
}

// ---------------------------------------------------------------- pages

/** @example <ChallengeCard challenge={challengeView(s)} … /> */
export function challengeView(s: ChallengeStanding): ChallengeView {
  const { targetAmount, createdAt: _c, applicationId: _a, corporateEligible: _e, ...rest } = s;
  return { ...rest, target: targetAmount };
}

/** @example <FundCard fund={fundView(f)} … /> */
export function fundView(f: FundStanding): FundView {
  return { id: f.id, name: f.name, nameEn: f.nameEn, description: f.description, descriptionEn: f.descriptionEn, members: f.members, governance: f.governance, shares: f.shares, total: f.total };
}

/**
 * What the public page shows of one account: the latest movements (without memos, which stay internal)
 * and the month-by-town totals, newest month first.
 * @example <PublicLedger ledger={publicLedgerView(activity)} … />
 */
export function publicLedgerView(a: PublicActivity): PublicLedgerView {
  const months = Object.entries(a.summary.byMonth)
    .sort(([x], [y]) => y.localeCompare(x))
    .flatMap(([month, byTown]) =>
      Object.entries(byTown)
        .sort(([x], [y]) => x.localeCompare(y))
        .map(([town, f]) => ({ month, town, inflow: f.inflow, outflow: f.outflow })),
    );
  const movements = a.movements.map((m) => ({ date: m.date, channel: m.channel, town: m.town, amount: m.amount, counterpart: m.counterpart, reversal: Boolean(m.reverses) }));
  return { months, total: a.summary.total, movements: movements.slice(0, MOVEMENTS_SHOWN), movementCount: movements.length };
}

/** A town list for a select, named in the reader's language. */
export function townOptions(lang: Lang, towns: readonly Municipality[]): { code: string; name: string }[] {
  return towns.map((t) => ({ code: t.code, name: pick(lang, t.name, t.nameEn) }));
}
