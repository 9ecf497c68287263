/** Catalog read models shared by the JSON API and the pages: a challenge with its ledger totals. */
import { progressOf, type Challenge, type Fund } from '../domain/catalog.js';
import { daysLeft } from '../domain/jst.js';
import type { Db } from '../store/db.js';
import { challengeTotals, fundShares, getChallenge, getFund, listChallenges } from '../store/catalog.js';

export interface ChallengeView extends Omit<Challenge, 'targetAmount' | 'createdAt' | 'applicationId'> {
  target: number;
  raised: number;
  donorCount: number;
  percent: number;
  daysLeft: number;
}

export async function challengeView(db: Db, ch: Challenge, now = new Date()): Promise<ChallengeView> {
  const totals = await challengeTotals(db, ch.id);
  const { targetAmount, createdAt: _c, applicationId: _a, ...rest } = ch;
  return { ...rest, target: targetAmount, ...progressOf(targetAmount, totals.raised, totals.donorCount), daysLeft: daysLeft(ch.deadline, now) };
}

export async function challengeViews(
  db: Db,
  filter: { status?: string; town?: string; q?: string } = {},
  now = new Date(),
): Promise<ChallengeView[]> {
  const q = filter.q?.trim().toLowerCase();
  const all = (await listChallenges(db))
    .filter((c) => c.status !== 'draft')
    .filter((c) => !filter.status || c.status === filter.status)
    .filter((c) => !filter.town || c.towns.includes(filter.town))
    .filter((c) => !q || [c.title, c.titleEn, c.theme, c.summary].some((s) => s.toLowerCase().includes(q)));
  const views = await Promise.all(all.map((c) => challengeView(db, c, now)));
  // Open challenges first, soonest deadline first; then the rest, most recent deadline first.
  return views.sort((a, b) => (a.status === 'open') !== (b.status === 'open') ? (a.status === 'open' ? -1 : 1) : a.status === 'open' ? a.deadline.localeCompare(b.deadline) : b.deadline.localeCompare(a.deadline));
}

export async function findChallengeView(db: Db, id: string, now = new Date()): Promise<ChallengeView | undefined> {
  const ch = await getChallenge(db, id);
  return ch && ch.status !== 'draft' ? challengeView(db, ch, now) : undefined;
}

export async function fundView(db: Db, fund: Fund) {
  const shares = await fundShares(db, fund);
  return { ...fund, shares, total: shares.reduce((a, s) => a + s.available, 0) };
}

export async function findFundView(db: Db, id: string) {
  const fund = await getFund(db, id);
  return fund && fundView(db, fund);
}
