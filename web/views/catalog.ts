/**
 * What the public pages are given about the catalog: plain view objects built by the API's presenters
 * (functions/api/presenters/catalog.ts), so a page's needs never reach the JSON API or the store.
 */
import type { Challenge } from '../../functions/domain/catalog.js';
import type { Yen } from '../../functions/domain/money.js';

export type { FundView } from '../components/fund-shares.js';
export type { PublicLedgerView, PublicMovement } from '../components/public-ledger.js';

/** A published challenge as a card or a page shows it: the public fields and its progress. */
export interface ChallengeView extends Omit<Challenge, 'targetAmount' | 'createdAt' | 'applicationId'> {
  target: Yen;
  raised: Yen;
  donorCount: number;
  percent: number;
  /** Money the pooled funds allocated to it, shown beside what the public raised. */
  allocated: Yen;
  daysLeft: number;
}
