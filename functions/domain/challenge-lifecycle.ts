/**
 * A challenge's life: draft (being written by the lead town) → open (published, taking donations) →
 * closed (its deadline passed; the scheduled task closes it) → in_progress → completed. Keep-it-all: a
 * closed challenge keeps what it raised, but takes nothing more.
 */
import { fieldIssue as issue } from './applications.js';
import type { Issue } from './errors.js';
import type { Challenge, ChallengeStatus } from './catalog.js';
import { isPastDeadline, isValidDateString, jstDate } from './jst.js';
import { isYen, type Yen } from './money.js';
import type { TownCode } from './municipality.js';

/** The one question the donation flow asks: open, and its deadline (a JST day, inclusive) not yet past. */
export function acceptsDonations(challenge: Pick<Challenge, 'status' | 'deadline'>, now: Date): boolean {
  return challenge.status === 'open' && !isPastDeadline(challenge.deadline, now);
}

/** Whether the scheduled task should close it now. */
export function isDueToClose(challenge: Pick<Challenge, 'status' | 'deadline'>, now: Date): boolean {
  return challenge.status === 'open' && isPastDeadline(challenge.deadline, now);
}

const NEXT: Record<ChallengeStatus, ChallengeStatus | undefined> = {
  draft: 'open',
  open: 'closed',
  closed: 'in_progress',
  in_progress: 'completed',
  completed: undefined,
};

export function nextStatus(from: ChallengeStatus): ChallengeStatus | undefined {
  return NEXT[from];
}

export function canMove(from: ChallengeStatus, to: ChallengeStatus): boolean {
  return NEXT[from] === to;
}

/** Moves a person makes by hand (publishing is its own action; closing is the deadline's). */
export const MANUAL_MOVES = ['in_progress', 'completed'] as const;
export type ManualMove = (typeof MANUAL_MOVES)[number];

/** Progress updates are for the public: not on a draft nobody can see yet. */
export function acceptsUpdates(status: ChallengeStatus): boolean {
  return status !== 'draft';
}

export interface ChallengeDraftInput {
  title: string;
  titleEn?: string;
  summary: string;
  summaryEn?: string;
  description: string;
  descriptionEn?: string;
  theme?: string;
  towns: TownCode[];
  leadTown: TownCode;
  target: Yen;
  deadline: string;
}

/** The challenge's content as its draft states it: creating a challenge and editing one write the same fields. */
export function challengeContent(d: ChallengeDraftInput) {
  return {
    title: d.title,
    titleEn: d.titleEn ?? '',
    summary: d.summary,
    summaryEn: d.summaryEn ?? '',
    description: d.description,
    descriptionEn: d.descriptionEn ?? '',
    theme: d.theme ?? '',
    towns: d.towns,
    leadTown: d.leadTown,
    targetAmount: d.target,
    deadline: d.deadline,
  };
}

const blank = (s: unknown) => typeof s !== 'string' || s.trim() === '';

/**
 * A challenge made from an application may only involve the towns that adopted it, must be led by one of
 * them, and must end in the future.
 */
export function challengeDraftIssues(input: ChallengeDraftInput, ctx: { applicationTowns: readonly TownCode[]; now: Date }): Issue[] {
  const out: Issue[] = [];
  if (blank(input.title)) out.push(issue('title', 'required', 'cocreation.challenge_title_required'));
  if (blank(input.summary)) out.push(issue('summary', 'required', 'cocreation.cover_text_required'));
  if (blank(input.description)) out.push(issue('description', 'required', 'cocreation.description_required'));
  for (const [k, max] of [['title', 200], ['titleEn', 200], ['summary', 1000], ['summaryEn', 1000], ['description', 20000], ['descriptionEn', 20000], ['theme', 100]] as const) {
    const v = input[k];
    if (typeof v === 'string' && v.length > max) out.push(issue(k, 'too_long', 'cocreation.too_long', { max }));
  }
  const towns = input.towns ?? [];
  if (towns.length === 0) out.push(issue('towns', 'required', 'cocreation.participating_towns_required'));
  towns.forEach((t, i) => {
    if (!ctx.applicationTowns.includes(t)) out.push(issue(`towns.${i}`, 'town_not_in_application', 'cocreation.town_not_in_application', { code: t }));
    if (towns.indexOf(t) !== i) out.push(issue(`towns.${i}`, 'duplicate_town', 'cocreation.town_duplicate', { code: t }));
  });
  if (!towns.includes(input.leadTown)) out.push(issue('leadTown', 'lead_not_participating', 'cocreation.lead_not_participating'));
  if (!isYen(input.target) || input.target <= 0) out.push(issue('target', 'invalid_amount', 'cocreation.target_invalid'));
  if (!isValidDateString(input.deadline)) out.push(issue('deadline', 'invalid_date', 'cocreation.deadline_invalid'));
  else if (isPastDeadline(input.deadline, ctx.now)) {
    out.push(issue('deadline', 'deadline_past', 'cocreation.deadline_past', { deadline: input.deadline, today: jstDate(ctx.now) }));
  }
  return out;
}

/** A progress update the operating company posts: what the public reads, so it must be complete. */
export interface UpdateInput {
  title: string;
  text: string;
  /** The JST day the update is about (YYYY-MM-DD). */
  date: string;
}

export function updateIssues(u: UpdateInput): Issue[] {
  const out: Issue[] = [];
  if (blank(u.title)) out.push(issue('title', 'required', 'cocreation.challenge_title_required'));
  else if (u.title.length > 200) out.push(issue('title', 'too_long', 'cocreation.too_long', { max: 200 }));
  if (blank(u.text)) out.push(issue('text', 'required', 'cocreation.update_text_required'));
  else if (u.text.length > 20000) out.push(issue('text', 'too_long', 'cocreation.too_long', { max: 20000 }));
  if (!isValidDateString(u.date)) out.push(issue('date', 'invalid_date', 'cocreation.update_date_invalid'));
  return out;
}
