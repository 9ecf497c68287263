/**
 * Co-creation applications (the よこらぼ / ばんだい宝ラボ process, shared across the network): a company
 * proposes a project to one or more towns, each named town reviews it for itself, and the application is
 * adopted only when every named town has accepted in the current round. Pure rules, no I/O.
 */
import { isValidDateString } from './jst.js';
import { formatYen, isYen, sumYen, type Yen } from './money.js';
import { isTownCode, type TownCode } from './municipality.js';

export const APPLICATION_STATUSES = ['draft', 'submitted', 'changes_requested', 'adopted', 'rejected'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const REVIEW_DECISIONS = ['accepted', 'rejected', 'changes_requested'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** The three よこらぼ criteria: benefit to the proposer, to the residents, to the town. */
export const SCORE_CRITERIA = ['proposer', 'residents', 'town'] as const;
export type Scores = Record<(typeof SCORE_CRITERIA)[number], number>;

export const LIMITS = {
  title: 200,
  summary: 2_000,
  longText: 10_000,
  towns: 10,
  budgetLines: 50,
  budgetItem: 200,
  kpis: 20,
  kpi: 500,
  answer: 5_000,
  maxAmount: 10_000_000_000,
} as const;

export interface BudgetLine {
  item: string;
  amount: Yen;
}

export interface Contact {
  name: string;
  email: string;
}

/** What a company writes; the same shape for create, edit and the page form. */
export interface ApplicationInput {
  title: string;
  summary: string;
  problem: string;
  proposal: string;
  towns: TownCode[];
  requestedAmount: Yen;
  budget: BudgetLine[];
  kpis: string[];
  startDate: string;
  endDate: string;
  corporateVersion: boolean;
  contact?: Contact;
}

export interface Application extends ApplicationInput {
  id: string;
  companyId: string;
  companyName: string;
  status: ApplicationStatus;
  /** 0 until first submitted; each (re)submission starts a new round of reviews. */
  round: number;
  /** Bumped on every change: the optimistic lock that keeps concurrent reviews from losing each other. */
  version: number;
  /** The latest decision of each town in the current round. */
  decisions: Partial<Record<TownCode, ReviewDecision>>;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  submittedAt?: string;
  decidedAt?: string;
  challengeId?: string;
}

export interface Review {
  applicationId: string;
  round: number;
  town: TownCode;
  decision: ReviewDecision;
  scores: Scores;
  publicAnswer: string;
  privateNote?: string;
  reviewerId: string;
  reviewerName?: string;
  at: string;
}

/** A rule broken by some input, with the field it belongs to and a message in both languages. */
export interface Issue {
  path: string;
  code: string;
  en: string;
  ja: string;
}

const issue = (path: string, code: string, en: string, ja: string): Issue => ({ path, code, en, ja });

const blank = (s: unknown) => typeof s !== 'string' || s.trim() === '';

/**
 * Every rule a draft must keep to be stored at all, each reported on its field. Given the network's
 * towns, a town outside the network is reported too (code 'unknown_town', which the API answers with 422).
 */
export function applicationIssues(input: ApplicationInput, networkTowns?: ReadonlySet<string>): Issue[] {
  const out: Issue[] = [];
  if (blank(input.title)) out.push(issue('title', 'required', 'the title is required', '件名を入力してください'));
  else if (input.title.length > LIMITS.title) out.push(issue('title', 'too_long', `the title is longer than ${LIMITS.title} characters`, `件名は${LIMITS.title}文字以内で入力してください`));
  for (const f of ['summary', 'problem', 'proposal'] as const) {
    const max = f === 'summary' ? LIMITS.summary : LIMITS.longText;
    if (typeof input[f] === 'string' && input[f].length > max) out.push(issue(f, 'too_long', `${f} is longer than ${max} characters`, `${max}文字以内で入力してください`));
  }

  const towns = input.towns ?? [];
  if (towns.length === 0) out.push(issue('towns', 'required', 'name at least one town', '連携を希望する町を1つ以上選んでください'));
  if (towns.length > LIMITS.towns) out.push(issue('towns', 'too_many', `name at most ${LIMITS.towns} towns`, `町は${LIMITS.towns}件までです`));
  towns.forEach((code, i) => {
    if (!isTownCode(code)) out.push(issue(`towns.${i}`, 'invalid_town_code', `"${code}" is not a valid municipality code (6 digits with a check digit)`, `「${code}」は正しい地方公共団体コード(チェックディジット付き6桁)ではありません`));
    else if (networkTowns && !networkTowns.has(code)) out.push(issue(`towns.${i}`, 'unknown_town', `town ${code} is not a member of the network`, `地方公共団体コード ${code} の町は共創ファンドに参加していません`));
    if (towns.indexOf(code) !== i) out.push(issue(`towns.${i}`, 'duplicate_town', `town ${code} is named twice`, `町 ${code} が重複しています`));
  });

  const amountOk = isYen(input.requestedAmount) && input.requestedAmount > 0 && input.requestedAmount <= LIMITS.maxAmount;
  if (!amountOk) out.push(issue('requestedAmount', 'invalid_amount', 'the requested amount must be a whole number of yen above zero', '申請額は1円以上の整数(円)で入力してください'));

  const budget = input.budget ?? [];
  if (budget.length === 0) out.push(issue('budget', 'required', 'add at least one budget line', '予算の内訳を1行以上入力してください'));
  if (budget.length > LIMITS.budgetLines) out.push(issue('budget', 'too_many', `at most ${LIMITS.budgetLines} budget lines`, `予算の内訳は${LIMITS.budgetLines}行までです`));
  let linesOk = true;
  budget.forEach((line, i) => {
    if (blank(line.item)) {
      linesOk = false;
      out.push(issue(`budget.${i}.item`, 'required', `budget line ${i + 1} needs an item`, `予算の内訳 ${i + 1} 行目の項目を入力してください`));
    } else if (line.item.length > LIMITS.budgetItem) out.push(issue(`budget.${i}.item`, 'too_long', `budget line ${i + 1} is too long`, `予算の内訳 ${i + 1} 行目の項目が長すぎます`));
    if (!isYen(line.amount) || line.amount <= 0 || line.amount > LIMITS.maxAmount) {
      linesOk = false;
      out.push(issue(`budget.${i}.amount`, 'invalid_amount', `budget line ${i + 1}: the amount must be a whole number of yen above zero`, `予算の内訳 ${i + 1} 行目の金額は1円以上の整数(円)で入力してください`));
    }
  });
  if (amountOk && linesOk && budget.length > 0) {
    const total = sumYen(budget.map((l) => l.amount));
    if (total !== input.requestedAmount) {
      out.push(
        issue(
          'budget',
          'budget_mismatch',
          `the budget lines add up to ${formatYen(total)}, not the requested ${formatYen(input.requestedAmount)}`,
          `予算の内訳の合計(${formatYen(total)})が申請額(${formatYen(input.requestedAmount)})と一致しません`,
        ),
      );
    }
  }

  const kpis = input.kpis ?? [];
  if (kpis.length === 0 || kpis.every(blank)) out.push(issue('kpis', 'required', 'add at least one KPI', '成果指標(KPI)を1つ以上入力してください'));
  if (kpis.length > LIMITS.kpis) out.push(issue('kpis', 'too_many', `at most ${LIMITS.kpis} KPIs`, `成果指標は${LIMITS.kpis}件までです`));
  kpis.forEach((k, i) => {
    if (kpis.length > 1 && blank(k)) out.push(issue(`kpis.${i}`, 'required', `KPI ${i + 1} is empty`, `成果指標 ${i + 1} が空です`));
    else if (typeof k === 'string' && k.length > LIMITS.kpi) out.push(issue(`kpis.${i}`, 'too_long', `KPI ${i + 1} is too long`, `成果指標 ${i + 1} が長すぎます`));
  });

  const startOk = isValidDateString(input.startDate);
  const endOk = isValidDateString(input.endDate);
  if (!startOk) out.push(issue('startDate', 'invalid_date', 'the start date must be a real date (YYYY-MM-DD)', '開始日を正しい日付で入力してください'));
  if (!endOk) out.push(issue('endDate', 'invalid_date', 'the end date must be a real date (YYYY-MM-DD)', '終了日を正しい日付で入力してください'));
  if (startOk && endOk && input.endDate < input.startDate) {
    out.push(issue('endDate', 'end_before_start', `the end date ${input.endDate} is before the start date ${input.startDate}`, `終了日(${input.endDate})が開始日(${input.startDate})より前になっています`));
  }

  if (input.contact) {
    if (blank(input.contact.name)) out.push(issue('contact.name', 'required', 'the contact name is required', '担当者名を入力してください'));
    if (!isEmail(input.contact.email)) out.push(issue('contact.email', 'invalid_email', 'the contact email address is not valid', '担当者のメールアドレスが正しくありません'));
  }
  return out;
}

/** Drafts may be unfinished prose; what the towns review must not be. */
export function submissionIssues(app: ApplicationInput, networkTowns?: ReadonlySet<string>): Issue[] {
  const out = applicationIssues(app, networkTowns);
  if (blank(app.summary)) out.push(issue('summary', 'required', 'the summary is required before submitting', '提出する前に概要を入力してください'));
  if (blank(app.problem)) out.push(issue('problem', 'required', 'describe the local problem before submitting', '提出する前に地域の課題を入力してください'));
  if (blank(app.proposal)) out.push(issue('proposal', 'required', 'describe the proposal before submitting', '提出する前に提案の内容を入力してください'));
  return out;
}

export function isEmail(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

/** The company may change its application only while it is with the company. */
export function isEditable(status: ApplicationStatus): boolean {
  return status === 'draft' || status === 'changes_requested';
}

/**
 * The application's status once the current round's decisions are known: one rejection rejects it, one
 * request for changes returns it to the company, and it is adopted only when every named town accepted.
 */
export function outcomeOf(towns: readonly TownCode[], decisions: Partial<Record<TownCode, ReviewDecision>>): ApplicationStatus {
  const ds = towns.map((t) => decisions[t]);
  if (ds.includes('rejected')) return 'rejected';
  if (ds.includes('changes_requested')) return 'changes_requested';
  if (towns.length > 0 && ds.every((d) => d === 'accepted')) return 'adopted';
  return 'submitted';
}

export function isValidScore(n: unknown): boolean {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 5;
}

export function reviewIssues(r: { decision: string; scores: Partial<Scores>; publicAnswer: string; privateNote?: string }): Issue[] {
  const out: Issue[] = [];
  if (!(REVIEW_DECISIONS as readonly string[]).includes(r.decision)) out.push(issue('decision', 'required', 'choose accepted, rejected or changes requested', '採択・不採択・修正依頼のいずれかを選んでください'));
  for (const k of SCORE_CRITERIA) {
    if (!isValidScore(r.scores?.[k])) out.push(issue(`scores.${k}`, 'invalid_score', `the ${k} score must be a whole number from 1 to 5`, '評価は1〜5の整数で選んでください'));
  }
  if (blank(r.publicAnswer)) out.push(issue('publicAnswer', 'required', 'the public answer to the company is required', '企業への回答(公開)を入力してください'));
  else if (r.publicAnswer.length > LIMITS.answer) out.push(issue('publicAnswer', 'too_long', 'the public answer is too long', '回答が長すぎます'));
  if (r.privateNote && r.privateNote.length > LIMITS.answer) out.push(issue('privateNote', 'too_long', 'the private note is too long', '内部メモが長すぎます'));
  return out;
}

/** Who is asking, in the domain's terms (the API's Principal fits this shape). */
export interface Actor {
  sub: string;
  roles: readonly string[];
  companyId?: string;
}

export const reviewerTowns = (a: Actor | undefined): string[] => (a?.roles ?? []).filter((r) => r.startsWith('reviewer:')).map((r) => r.slice('reviewer:'.length));

export const isAdmin = (a: Actor | undefined) => Boolean(a?.roles.includes('admin'));

export const isOwner = (app: Pick<Application, 'companyId'>, a: Actor | undefined) => Boolean(a?.companyId && a.roles.includes('company') && a.companyId === app.companyId);

/** Named towns the actor reviews for. */
export const reviewableTowns = (app: Pick<Application, 'towns'>, a: Actor | undefined) => reviewerTowns(a).filter((t) => app.towns.includes(t));

/**
 * Who may read an application: the owning company, admin, and the reviewers of a named town once the
 * company has submitted it (a draft is the company's own work in progress). Everyone else must not
 * learn that it exists.
 */
export function canRead(app: Pick<Application, 'companyId' | 'towns' | 'round'>, a: Actor | undefined): boolean {
  if (!a) return false;
  return isAdmin(a) || isOwner(app, a) || (app.round > 0 && reviewableTowns(app, a).length > 0);
}

/**
 * What a reader sees of the review history: the company sees every public answer but no private note;
 * a reviewer sees private notes of their own towns only.
 */
export function visibleReview(r: Review, a: Actor | undefined): Review {
  if (isAdmin(a) || reviewerTowns(a).includes(r.town)) return r;
  const { privateNote: _hidden, ...rest } = r;
  return rest;
}

export function newApplication(
  id: string,
  input: ApplicationInput,
  company: { id: string; name: string; contactName: string; contactEmail: string },
  createdBy: string,
  at: string,
): Application {
  return {
    ...normalizeInput(input),
    contact: input.contact ?? { name: company.contactName, email: company.contactEmail },
    id,
    companyId: company.id,
    companyName: company.name,
    status: 'draft',
    round: 0,
    version: 1,
    decisions: {},
    createdBy,
    createdAt: at,
    updatedAt: at,
  };
}

/** Trims what people type, drops empty KPI lines; never changes amounts or codes. */
export function normalizeInput(input: ApplicationInput): ApplicationInput {
  return {
    title: input.title.trim(),
    summary: input.summary.trim(),
    problem: input.problem.trim(),
    proposal: input.proposal.trim(),
    towns: [...input.towns],
    requestedAmount: input.requestedAmount,
    budget: input.budget.map((l) => ({ item: l.item.trim(), amount: l.amount })),
    kpis: input.kpis.map((k) => k.trim()).filter((k) => k !== ''),
    startDate: input.startDate,
    endDate: input.endDate,
    corporateVersion: Boolean(input.corporateVersion),
    ...(input.contact ? { contact: { name: input.contact.name.trim(), email: input.contact.email.trim() } } : {}),
  };
}

export const CONTENT_FIELDS = ['title', 'summary', 'problem', 'proposal', 'towns', 'requestedAmount', 'budget', 'kpis', 'startDate', 'endDate', 'corporateVersion', 'contact'] as const;

export function contentOf(app: ApplicationInput): ApplicationInput {
  const out: Record<string, unknown> = {};
  for (const k of CONTENT_FIELDS) if (app[k] !== undefined) out[k] = app[k];
  return out as unknown as ApplicationInput;
}
