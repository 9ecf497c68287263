/** The network's public catalog: member towns, pooled funds and challenges. */
import type { Yen } from './money.js';
import type { TownCode } from './municipality.js';

export interface Municipality {
  code: TownCode;
  name: string;
  nameEn: string;
  prefecture: string;
  prefectureEn: string;
  postalCode: string;
  address: string;
  /** The head of the municipality, named on receipts (町長). */
  mayor: string;
  corporateNumber: string;
  /** Excluded from the corporate version (e.g. non-grant municipalities in metro areas). */
  corporateVersionExcluded?: boolean;
  description: string;
  descriptionEn: string;
}

export interface Fund {
  id: string;
  name: string;
  nameEn: string;
  description: string;
  descriptionEn: string;
  members: TownCode[];
  /** Allocation rule: every drawn town approves ('all_drawn'), or a quorum of member treasurers. */
  governance: { rule: 'all_drawn' } | { rule: 'quorum'; quorum: number };
}

export const CHALLENGE_STATUSES = ['draft', 'open', 'closed', 'in_progress', 'completed'] as const;
export type ChallengeStatus = (typeof CHALLENGE_STATUSES)[number];

export interface Challenge {
  id: string;
  title: string;
  titleEn: string;
  summary: string;
  summaryEn: string;
  description: string;
  descriptionEn: string;
  theme: string;
  towns: TownCode[];
  leadTown: TownCode;
  targetAmount: Yen;
  /** Last day donations are accepted, inclusive, in JST. */
  deadline: string;
  status: ChallengeStatus;
  operatorCompanyId?: string;
  applicationId?: string;
  createdAt: string;
}

/** Drafts are not public; every other status may be browsed and filtered on. */
export const PUBLIC_STATUSES = CHALLENGE_STATUSES.filter((s): s is Exclude<ChallengeStatus, 'draft'> => s !== 'draft');

/** What the public challenge list may be narrowed by. */
export interface ChallengeListFilter {
  status?: ChallengeStatus;
  town?: TownCode;
  q?: string;
}

/**
 * A filter from values a person typed or edited: an unknown town or status is dropped rather than refused,
 * and the keyword is trimmed and capped.
 * @example publicChallengeFilter({ town: '999999', q: ' forest ' }, towns) // { town: undefined, status: undefined, q: 'forest' }
 */
export function publicChallengeFilter(raw: { town?: string; status?: string; q?: string }, known: readonly Pick<Municipality, 'code'>[]): ChallengeListFilter {
  const q = raw.q?.trim().slice(0, 100);
  return {
    town: known.some((t) => t.code === raw.town) ? raw.town : undefined,
    status: PUBLIC_STATUSES.find((s) => s === raw.status),
    q: q || undefined,
  };
}

export interface ChallengeProgress {
  raised: Yen;
  donorCount: number;
  /** Whole percent, floored, may exceed 100 (keep-it-all: money above target still counts). */
  percent: number;
}

export function progressOf(target: Yen, raised: Yen, donorCount: number): ChallengeProgress {
  return { raised, donorCount, percent: target > 0 ? Math.floor((raised * 100) / target) : 0 };
}
