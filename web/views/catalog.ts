/**
 * What the public pages are given about the catalog: plain view objects built by the API's presenters
 * (functions/api/presenters/catalog.ts), so a page's needs never reach the JSON API or the store.
 */
import type { ChallengeStatus } from '../../functions/domain/catalog.js';
import type { Yen } from '../../functions/domain/money.js';

export type { FundView } from '../components/fund-shares.js';
export type { PublicLedgerView, PublicMovement } from '../components/public-ledger.js';

/** A published challenge as a card or a page shows it. */
export interface ChallengeView {
  id: string;
  title: string;
  titleEn: string;
  summary: string;
  summaryEn: string;
  description: string;
  descriptionEn: string;
  /** Written in Japanese only; the pages show it to Japanese readers. */
  theme: string;
  towns: string[];
  leadTown: string;
  target: Yen;
  raised: Yen;
  donorCount: number;
  percent: number;
  /** Money the pooled funds allocated to it, shown beside what the public raised. */
  allocated: Yen;
  /** Last day donations are accepted, inclusive, in JST. */
  deadline: string;
  daysLeft: number;
  status: ChallengeStatus;
  operatorCompanyId?: string;
}
