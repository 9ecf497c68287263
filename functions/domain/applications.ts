/**
 * Co-creation applications (the よこらぼ / ばんだい宝ラボ process, shared across the network): a company
 * proposes a project to one or more towns, each named town reviews it for itself, and the application is
 * adopted only when every named town has accepted in the current round. Pure rules, no I/O.
 */
import { isValidDateString } from './jst.js';
import { formatYen, isYen, sumYen, type Yen } from './money.js';
import { isTownCode, type TownCode } from './municipality.js';
import type { ErrorParams, Issue } from './errors.js';
import { isAdmin, townsWithRole, type Actor } from './actor.js';

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

/** A rule broken by some input: the field it belongs to, a stable code, and the catalog sentence (`error.<key>`). */
export type { Issue } from './errors.js';

/**
 * One field's broken rule; `key` names its sentence (`error.<key>` in the catalog).
 * @example fieldIssue('title', 'required', 'cocreation.title_required')
 */
export const fieldIssue = (path: string, code: string, key: string, params?: ErrorParams): Issue => ({ path, code, key, ...(params ? { params } : {}) });
const issue = fieldIssue;

const blank = (s: unknown) => typeof s !== 'string' || s.trim() === '';

/**
 * Every rule a draft must keep to be stored at all, each reported on its field. Given the network's
 * towns, a town outside the network is reported too (code 'unknown_town', which the API answers with 422).
 */
export function applicationIssues(input: ApplicationInput, networkTowns?: ReadonlySet<string>): Issue[] {
  const out: Issue[] = [];
  if (blank(input.title)) out.push(issue('title', 'required', 'cocreation.title_required'));
  else if (input.title.length > LIMITS.title) out.push(issue('title', 'too_long', 'cocreation.title_too_long', { max: LIMITS.title }));
  for (const f of ['summary', 'problem', 'proposal'] as const) {
    const max = f === 'summary' ? LIMITS.summary : LIMITS.longText;
    if (typeof input[f] === 'string' && input[f].length > max) out.push(issue(f, 'too_long', 'cocreation.too_long', { max }));
  }

  const towns = input.towns ?? [];
  if (towns.length === 0) out.push(issue('towns', 'required', 'cocreation.towns_required'));
  if (towns.length > LIMITS.towns) out.push(issue('towns', 'too_many', 'cocreation.towns_too_many', { max: LIMITS.towns }));
  towns.forEach((code, i) => {
    if (!isTownCode(code)) out.push(issue(`towns.${i}`, 'invalid_town_code', 'cocreation.town_code_invalid', { code }));
    else if (networkTowns && !networkTowns.has(code)) out.push(issue(`towns.${i}`, 'unknown_town', 'cocreation.town_not_in_network', { code }));
    if (towns.indexOf(code) !== i) out.push(issue(`towns.${i}`, 'duplicate_town', 'cocreation.town_duplicate', { code }));
  });

  const amountOk = isYen(input.requestedAmount) && input.requestedAmount > 0 && input.requestedAmount <= LIMITS.maxAmount;
  if (!amountOk) out.push(issue('requestedAmount', 'invalid_amount', 'cocreation.requested_amount_invalid'));

  const budget = input.budget ?? [];
  if (budget.length === 0) out.push(issue('budget', 'required', 'cocreation.budget_required'));
  if (budget.length > LIMITS.budgetLines) out.push(issue('budget', 'too_many', 'cocreation.budget_too_many', { max: LIMITS.budgetLines }));
  let linesOk = true;
  budget.forEach((line, i) => {
    if (blank(line.item)) {
      linesOk = false;
      out.push(issue(`budget.${i}.item`, 'required', 'cocreation.budget_item_required', { n: i + 1 }));
    } else if (line.item.length > LIMITS.budgetItem) out.push(issue(`budget.${i}.item`, 'too_long', 'cocreation.budget_item_too_long', { n: i + 1 }));
    if (!isYen(line.amount) || line.amount <= 0 || line.amount > LIMITS.maxAmount) {
      linesOk = false;
      out.push(issue(`budget.${i}.amount`, 'invalid_amount', 'cocreation.budget_amount_invalid', { n: i + 1 }));
    }
  });
  if (amountOk && linesOk && budget.length > 0) {
    const total = sumYen(budget.map((l) => l.amount));
    if (total !== input.requestedAmount) {
      out.push(issue('budget', 'budget_mismatch', 'cocreation.budget_mismatch', { total: formatYen(total), requested: formatYen(input.requestedAmount) }));
    }
  }

  const kpis = input.kpis ?? [];
  if (kpis.length === 0 || kpis.every(blank)) out.push(issue('kpis', 'required', 'cocreation.kpis_required'));
  if (kpis.length > LIMITS.kpis) out.push(issue('kpis', 'too_many', 'cocreation.kpis_too_many', { max: LIMITS.kpis }));
  kpis.forEach((k, i) => {
    if (kpis.length > 1 && blank(k)) out.push(issue(`kpis.${i}`, 'required', 'cocreation.kpi_empty', { n: i + 1 }));
    else if (typeof k === 'string' && k.length > LIMITS.kpi) out.push(issue(`kpis.${i}`, 'too_long', 'cocreation.kpi_too_long', { n: i + 1 }));
  });

  const startOk = isValidDateString(input.startDate);
  const endOk = isValidDateString(input.endDate);
  if (!startOk) out.push(issue('startDate', 'invalid_date', 'cocreation.start_date_invalid'));
  if (!endOk) out.push(issue('endDate', 'invalid_date', 'cocreation.end_date_invalid'));
  if (startOk && endOk && input.endDate < input.startDate) {
    out.push(issue('endDate', 'end_before_start', 'cocreation.end_before_start', { start: input.startDate, end: input.endDate }));
  }

  if (input.contact) {
    if (blank(input.contact.name)) out.push(issue('contact.name', 'required', 'cocreation.contact_name_required'));
    if (!isEmail(input.contact.email)) out.push(issue('contact.email', 'invalid_email', 'cocreation.contact_email_invalid'));
  }
  return out;
}

/** Drafts may be unfinished prose; what the towns review must not be. */
export function submissionIssues(app: ApplicationInput, networkTowns?: ReadonlySet<string>): Issue[] {
  const out = applicationIssues(app, networkTowns);
  if (blank(app.summary)) out.push(issue('summary', 'required', 'cocreation.summary_required_to_submit'));
  if (blank(app.problem)) out.push(issue('problem', 'required', 'cocreation.problem_required_to_submit'));
  if (blank(app.proposal)) out.push(issue('proposal', 'required', 'cocreation.proposal_required_to_submit'));
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
  if (!(REVIEW_DECISIONS as readonly string[]).includes(r.decision)) out.push(issue('decision', 'required', 'cocreation.decision_required'));
  for (const k of SCORE_CRITERIA) {
    if (!isValidScore(r.scores?.[k])) out.push(issue(`scores.${k}`, 'invalid_score', 'cocreation.score_invalid'));
  }
  if (blank(r.publicAnswer)) out.push(issue('publicAnswer', 'required', 'cocreation.public_answer_required'));
  else if (r.publicAnswer.length > LIMITS.answer) out.push(issue('publicAnswer', 'too_long', 'cocreation.public_answer_too_long'));
  if (r.privateNote && r.privateNote.length > LIMITS.answer) out.push(issue('privateNote', 'too_long', 'cocreation.private_note_too_long'));
  return out;
}

export const reviewerTowns = (a: Actor | undefined): string[] => townsWithRole(a, 'reviewer');

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
