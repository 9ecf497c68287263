/**
 * A challenge's life: draft (being written by the lead town) → open (published, taking donations) →
 * closed (its deadline passed; the scheduled task closes it) → in_progress → completed. Keep-it-all: a
 * closed challenge keeps what it raised, but takes nothing more.
 */
import type { Issue } from './applications.js';
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
  if (blank(input.title)) out.push({ path: 'title', code: 'required', en: 'the title is required', ja: 'タイトルを入力してください' });
  if (blank(input.summary)) out.push({ path: 'summary', code: 'required', en: 'the cover text (summary) is required', ja: 'カバー文(概要)を入力してください' });
  if (blank(input.description)) out.push({ path: 'description', code: 'required', en: 'the description is required', ja: '説明を入力してください' });
  for (const [k, max] of [['title', 200], ['titleEn', 200], ['summary', 1000], ['summaryEn', 1000], ['description', 20000], ['descriptionEn', 20000], ['theme', 100]] as const) {
    const v = input[k];
    if (typeof v === 'string' && v.length > max) out.push({ path: k, code: 'too_long', en: `${k} is longer than ${max} characters`, ja: `${max}文字以内で入力してください` });
  }
  const towns = input.towns ?? [];
  if (towns.length === 0) out.push({ path: 'towns', code: 'required', en: 'choose at least one participating town', ja: '参加する町を1つ以上選んでください' });
  towns.forEach((t, i) => {
    if (!ctx.applicationTowns.includes(t)) out.push({ path: `towns.${i}`, code: 'town_not_in_application', en: `town ${t} did not adopt this application`, ja: `町 ${t} はこの提案を採択した町ではありません` });
    if (towns.indexOf(t) !== i) out.push({ path: `towns.${i}`, code: 'duplicate_town', en: `town ${t} is named twice`, ja: `町 ${t} が重複しています` });
  });
  if (!towns.includes(input.leadTown)) out.push({ path: 'leadTown', code: 'lead_not_participating', en: 'the lead town must be one of the participating towns', ja: '主幹の町は参加する町の中から選んでください' });
  if (!isYen(input.target) || input.target <= 0) out.push({ path: 'target', code: 'invalid_amount', en: 'the target must be a whole number of yen above zero', ja: '目標金額は1円以上の整数(円)で入力してください' });
  if (!isValidDateString(input.deadline)) out.push({ path: 'deadline', code: 'invalid_date', en: 'the deadline must be a real date (YYYY-MM-DD)', ja: '募集期限を正しい日付で入力してください' });
  else if (isPastDeadline(input.deadline, ctx.now)) {
    out.push({ path: 'deadline', code: 'deadline_past', en: `the deadline ${input.deadline} is already past (today is ${jstDate(ctx.now)} JST)`, ja: `募集期限(${input.deadline})が過ぎています(本日は${jstDate(ctx.now)})` });
  }
  return out;
}
