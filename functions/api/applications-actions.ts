/**
 * The co-creation process as actions by a signed-in person: who may do what to which application or
 * challenge, which rule refuses it, and what is written (with its audit record and mail). The JSON routes
 * and the HTML pages both call these, so a rule cannot hold on one and not the other.
 */
import { randomBytes } from 'node:crypto';
import {
  applicationIssues,
  canRead,
  contentOf,
  isAdmin,
  isEditable,
  isOwner,
  newApplication,
  normalizeInput,
  outcomeOf,
  reviewableTowns,
  reviewerTowns,
  reviewIssues,
  submissionIssues,
  visibleReview,
  type Application,
  type ApplicationInput,
  type ApplicationStatus,
  type Issue,
  type Review,
  type ReviewDecision,
  type Scores,
} from '../domain/applications.js';
import { acceptsUpdates, canMove, challengeContent, challengeDraftIssues, type ChallengeDraftInput, type ManualMove } from '../domain/challenge-lifecycle.js';
import type { Challenge } from '../domain/catalog.js';
import { companyProfileIssues, type CompanyProfileInput } from '../domain/company.js';
import { isPastDeadline, isValidDateString, jstDate } from '../domain/jst.js';
import { formatYen } from '../domain/money.js';
import { changeApplication, createApplication, getApplication, listApplications, listReviews, reviewItem } from '../store/applications.js';
import { listChallenges, listTowns } from '../store/catalog.js';
import {
  addChallengeUpdate,
  challengeSubscribers,
  changeChallenge,
  getChallengeConsistent,
  listChallengeUpdates,
  newChallengeItem,
  newUpdateId,
  type ChallengeUpdate,
} from '../store/challenges.js';
import { updateCompanyProfile } from '../store/companies.js';
import { nowIso, type Db } from '../store/db.js';
import { mailItem, type Mail } from '../store/outbox.js';
import { getCompany, usersWithRole, type Company } from '../store/users.js';
import { hasRole, type Principal } from './auth.js';
import { ApiError, unauthorized, type ErrorDetail } from './errors.js';

export interface ActionCtx {
  db: Db;
  baseUrl: string;
  requestId?: string;
}

/** A refusal that names each offending field, in English and Japanese (pages show the reader's language). */
export class IssuesError extends ApiError {
  constructor(
    status: 400 | 422,
    code: string,
    override readonly issues: Issue[],
  ) {
    const first = issues[0];
    const more = issues.length > 1 ? ` (+${issues.length - 1} more / ほか${issues.length - 1}件)` : '';
    super(status, code, first ? `${first.path}: ${first.en} / ${first.ja}${more}` : 'invalid request / 入力内容を確認してください', issues.map(toDetail));
  }
}

/** A refusal with one message in both languages. */
export class BilingualError extends ApiError {
  constructor(
    status: 403 | 404 | 409 | 422,
    code: string,
    readonly en: string,
    readonly ja: string,
  ) {
    super(status, code, `${en} / ${ja}`);
  }
}

const toDetail = (i: Issue): ErrorDetail => ({ path: i.path, message: `${i.en} / ${i.ja}`, code: i.code });

/** Rules about other things (the network's towns, the adopting towns) are 422; rules about the input are 400. */
const CROSS_CHECKS = new Set(['unknown_town', 'town_not_in_application']);
function refuse(issues: Issue[]): never {
  const cross = issues.some((i) => CROSS_CHECKS.has(i.code));
  throw new IssuesError(cross ? 422 : 400, cross ? (issues.some((i) => i.code === 'unknown_town') ? 'unknown_town' : 'rule_violation') : 'validation_failed', issues);
}

const now = (db: Db) => (db.now ? db.now() : new Date());
const newApplicationId = () => `app-${randomBytes(6).toString('hex')}`;
const challengeIdFor = (applicationId: string) => `ch-${applicationId.replace(/^app-/, '')}`;

const requireSignedIn = (p: Principal | undefined): Principal => {
  if (!p) throw unauthorized();
  return p;
};

const hidden = () => new BilingualError(404, 'not_found', 'application not found', '提案が見つかりません');
const challengeHidden = () => new BilingualError(404, 'not_found', 'challenge not found', 'チャレンジが見つかりません');

async function networkTowns(db: Db): Promise<Set<string>> {
  return new Set((await listTowns(db)).map((t) => t.code));
}

async function companyOf(db: Db, p: Principal): Promise<Company> {
  if (!p.companyId || !hasRole(p, 'company')) throw new BilingualError(403, 'forbidden', 'only a company user can do this', '企業アカウントでサインインしてください');
  const company = await getCompany(db, p.companyId);
  if (!company) throw new BilingualError(404, 'not_found', 'your company profile was not found', '企業情報が見つかりません');
  return company;
}

/** Loads an application the principal may read; anyone else learns nothing, not even that it exists. */
async function readable(db: Db, p: Principal, id: string, consistent = false): Promise<Application> {
  const app = await getApplication(db, id, consistent);
  if (!app || !canRead(app, p)) throw hidden();
  return app;
}

function ownOrAdmin(app: Application, p: Principal): void {
  if (!isOwner(app, p) && !isAdmin(p)) throw new BilingualError(403, 'forbidden', 'only the company that wrote this application can change it', 'この提案を変更できるのは提案した企業だけです');
}

// ───────────────────────────── company profile ─────────────────────────────

export async function myCompany(ctx: ActionCtx, p: Principal | undefined): Promise<Company> {
  return companyOf(ctx.db, requireSignedIn(p));
}

export async function updateMyCompany(ctx: ActionCtx, p: Principal | undefined, input: CompanyProfileInput): Promise<Company> {
  const company = await companyOf(ctx.db, requireSignedIn(p));
  const profile: CompanyProfileInput = {
    corporateNumber: input.corporateNumber.trim(),
    name: input.name.trim(),
    nameKana: input.nameKana.trim(),
    headOfficeAddress: input.headOfficeAddress.trim(),
    headOfficeTown: input.headOfficeTown.trim(),
    contactName: input.contactName.trim(),
    contactEmail: input.contactEmail.trim(),
  };
  const issues = companyProfileIssues(profile);
  if (issues.length) refuse(issues);
  const before = Object.fromEntries(Object.keys(profile).map((k) => [k, company[k as keyof Company]]));
  await updateCompanyProfile(ctx.db, company.id, profile, {
    chain: 'network',
    input: { actor: p!.sub, role: 'company', action: 'company.profile.update', target: `company:${company.id}`, before, after: profile, requestId: ctx.requestId },
  });
  return { ...company, ...profile };
}

// ───────────────────────────── applications ─────────────────────────────

export async function createApplicationAs(ctx: ActionCtx, p: Principal | undefined, input: ApplicationInput): Promise<Application> {
  const company = await companyOf(ctx.db, requireSignedIn(p));
  const clean = normalizeInput(input);
  const issues = applicationIssues(clean, await networkTowns(ctx.db));
  if (issues.length) refuse(issues);
  const app = newApplication(newApplicationId(), clean, company, p!.sub, nowIso(ctx.db));
  await createApplication(ctx.db, app, {
    chain: 'network',
    input: { actor: p!.sub, role: `company:${company.id}`, action: 'application.create', target: `application:${app.id}`, after: { status: 'draft', title: app.title, towns: app.towns, requestedAmount: app.requestedAmount }, requestId: ctx.requestId },
  });
  return app;
}

/** `replace` (PUT) takes a whole application; `merge` (PATCH) changes only the fields given. */
export async function editApplicationAs(ctx: ActionCtx, p: Principal | undefined, id: string, input: Partial<ApplicationInput>, mode: 'replace' | 'merge'): Promise<Application> {
  const principal = requireSignedIn(p);
  await readable(ctx.db, principal, id);
  const network = await networkTowns(ctx.db);
  return changeApplication(ctx.db, id, (app) => {
    ownOrAdmin(app, principal);
    if (!isEditable(app.status)) throw notEditable(app.status);
    const merged = normalizeInput({ ...(mode === 'merge' ? contentOf(app) : { contact: app.contact }), ...stripUndefined(input) } as ApplicationInput);
    const issues = applicationIssues(merged, network);
    if (issues.length) refuse(issues);
    const before = contentOf(app) as unknown as Record<string, unknown>;
    const after = merged as unknown as Record<string, unknown>;
    const changed = Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    const updatedAt = nowIso(ctx.db);
    return {
      set: { ...merged, updatedAt },
      audit: {
        chain: 'network',
        input: {
          actor: principal.sub,
          role: roleOf(principal, app),
          action: 'application.edit',
          target: `application:${id}`,
          before: Object.fromEntries(changed.map((k) => [k, before[k]])),
          after: Object.fromEntries(changed.map((k) => [k, after[k]])),
          requestId: ctx.requestId,
        },
      },
      result: { ...app, ...merged, updatedAt, version: app.version + 1 },
    };
  });
}

function notEditable(status: ApplicationStatus) {
  return new BilingualError(
    409,
    'state_conflict',
    `the application is ${status}; it can be changed only as a draft or when changes were requested`,
    `この提案は現在「${STATUS_JA[status]}」のため変更できません(下書きまたは修正依頼中のみ変更できます)`,
  );
}

const CHALLENGE_STATUS_JA: Record<Challenge['status'], string> = { draft: '準備中', open: '募集中', closed: '募集終了', in_progress: '実施中', completed: '完了' };
const STATUS_JA: Record<ApplicationStatus, string> = { draft: '下書き', submitted: '審査中', changes_requested: '修正依頼', adopted: '採択', rejected: '不採択' };
const DECISION_JA: Record<ReviewDecision, string> = { accepted: '採択', rejected: '不採択', changes_requested: '修正依頼' };
const DECISION_EN: Record<ReviewDecision, string> = { accepted: 'accepted', rejected: 'rejected', changes_requested: 'changes requested' };

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function roleOf(p: Principal, app: Pick<Application, 'companyId'>): string {
  return isOwner(app, p) ? `company:${app.companyId}` : isAdmin(p) ? 'admin' : 'unknown';
}

/** Each (re)submission starts a new round: every named town reviews again; earlier reviews stay as history. */
export async function submitApplicationAs(ctx: ActionCtx, p: Principal | undefined, id: string): Promise<Application> {
  const principal = requireSignedIn(p);
  await readable(ctx.db, principal, id);
  const network = await networkTowns(ctx.db);
  const towns = await listTowns(ctx.db);
  return changeApplication(ctx.db, id, async (app) => {
    ownOrAdmin(app, principal);
    if (!isEditable(app.status)) {
      throw new BilingualError(409, 'state_conflict', `the application is already ${app.status}`, `この提案は既に「${STATUS_JA[app.status]}」です`);
    }
    const issues = submissionIssues(app, network);
    if (issues.length) refuse(issues);
    const round = app.round + 1;
    const at = nowIso(ctx.db);
    const reviewers = new Map<string, string[]>();
    for (const town of app.towns) {
      for (const u of await usersWithRole(ctx.db, `reviewer:${town}`)) reviewers.set(u.email, [...(reviewers.get(u.email) ?? []), town]);
    }
    const townName = (code: string) => towns.find((t) => t.code === code)?.name ?? code;
    const mails = [...reviewers.entries()].map(([to, forTowns]) =>
      mailItem(
        `application:${id}:round:${round}:submitted`,
        {
          to,
          kind: 'application.submitted',
          subject: `【共創ファンド】${round > 1 ? '提案が再提出されました' : '新しい提案が提出されました'}: ${app.title} / ${round > 1 ? 'Application resubmitted' : 'New application'}`,
          text: [
            `${forTowns.map(townName).join('・')} 審査ご担当者様`,
            '',
            `${app.companyName} から、貴町を連携先とする提案が${round > 1 ? '再提出' : '提出'}されました(第${round}回審査)。`,
            `件名: ${app.title}`,
            `申請額: ${formatYen(app.requestedAmount)}`,
            `審査ページ: ${ctx.baseUrl}/review/applications/${id}`,
            '',
            '---',
            `${app.companyName} has ${round > 1 ? 'resubmitted' : 'submitted'} an application naming your town (review round ${round}).`,
            `Title: ${app.title}`,
            `Requested: ${formatYen(app.requestedAmount)}`,
            `Review it at ${ctx.baseUrl}/review/applications/${id}`,
          ].join('\n'),
        },
        at,
      ),
    );
    return {
      set: { status: 'submitted', round, decisions: {}, submittedAt: at, updatedAt: at },
      items: mails,
      audit: {
        chain: 'network',
        input: { actor: principal.sub, role: roleOf(principal, app), action: 'application.submit', target: `application:${id}`, before: { status: app.status, round: app.round }, after: { status: 'submitted', round, towns: app.towns }, requestId: ctx.requestId },
      },
      result: { ...app, status: 'submitted' as const, round, decisions: {}, submittedAt: at, updatedAt: at, version: app.version + 1 },
    };
  });
}

export interface ReviewInput {
  town: string;
  decision: ReviewDecision;
  scores: Scores;
  publicAnswer: string;
  privateNote?: string;
}

/**
 * A named town's reviewer records that town's decision for the current round. One rejection rejects
 * the application, a request for changes returns it to the company, and it is adopted once every named
 * town's latest decision in this round is an acceptance. The company hears every public answer.
 */
export async function reviewApplicationAs(ctx: ActionCtx, p: Principal | undefined, id: string, input: ReviewInput): Promise<{ application: Application; review: Review }> {
  const principal = requireSignedIn(p);
  const found = await getApplication(ctx.db, id);
  // Reviewers of the named towns may know a draft exists (to be told it is not submitted); nobody else.
  if (!found || (reviewableTowns(found, principal).length === 0 && !canRead(found, principal))) throw hidden();
  if (!hasRole(principal, 'reviewer', input.town)) {
    throw new BilingualError(403, 'forbidden', `you do not review for town ${input.town}`, `あなたは町 ${input.town} の審査担当ではありません`);
  }
  if (!found.towns.includes(input.town)) {
    throw new BilingualError(422, 'rule_violation', `this application does not name town ${input.town}`, `この提案は町 ${input.town} を連携先にしていません`);
  }
  const clean: ReviewInput = { ...input, publicAnswer: (input.publicAnswer ?? '').trim(), privateNote: input.privateNote?.trim() || undefined };
  const issues = reviewIssues(clean);
  if (issues.length) refuse(issues);
  const towns = await listTowns(ctx.db);
  const townName = towns.find((t) => t.code === input.town)?.name ?? input.town;
  const townNameEn = towns.find((t) => t.code === input.town)?.nameEn ?? input.town;
  return changeApplication(ctx.db, id, async (app) => {
    if (app.status !== 'submitted') {
      throw new BilingualError(409, 'state_conflict', `the application is ${app.status}, not submitted; there is nothing to review`, `この提案は「${STATUS_JA[app.status]}」のため審査できません(審査中の提案のみ審査できます)`);
    }
    const at = nowIso(ctx.db);
    const decisions = { ...app.decisions, [input.town]: clean.decision };
    const status = outcomeOf(app.towns, decisions);
    const review: Review = {
      applicationId: id,
      round: app.round,
      town: input.town,
      decision: clean.decision,
      scores: { proposer: clean.scores.proposer, residents: clean.scores.residents, town: clean.scores.town },
      publicAnswer: clean.publicAnswer,
      ...(clean.privateNote ? { privateNote: clean.privateNote } : {}),
      reviewerId: principal.sub,
      reviewerName: principal.name,
      at,
    };
    const company = await getCompany(ctx.db, app.companyId);
    const to = app.contact?.email ?? company?.contactEmail;
    const outcomeJa: Partial<Record<ApplicationStatus, string>> = {
      adopted: 'すべての連携先の町が採択しました。提案は採択となりました。',
      rejected: '提案は不採択となりました。',
      changes_requested: '内容を修正のうえ、再提出してください。',
    };
    const outcomeEn: Partial<Record<ApplicationStatus, string>> = {
      adopted: 'Every named town has accepted: your application is adopted.',
      rejected: 'Your application has been rejected.',
      changes_requested: 'Please edit the application and submit it again.',
    };
    const mail: Mail | undefined = to
      ? {
          to,
          kind: 'application.answer',
          subject: `【共創ファンド】${townName}からの回答: ${DECISION_JA[clean.decision]}「${app.title}」 / Answer from ${townNameEn}: ${DECISION_EN[clean.decision]}`,
          text: [
            `${app.companyName} ご担当者様`,
            '',
            `提案「${app.title}」について、${townName}から回答がありました(第${app.round}回審査)。`,
            `判定: ${DECISION_JA[clean.decision]}`,
            `回答: ${clean.publicAnswer}`,
            outcomeJa[status] ?? '',
            `提案ページ: ${ctx.baseUrl}/company/applications/${id}`,
            '',
            '---',
            `${townNameEn} has answered your application "${app.title}" (review round ${app.round}).`,
            `Decision: ${DECISION_EN[clean.decision]}`,
            `Answer: ${clean.publicAnswer}`,
            outcomeEn[status] ?? '',
            `See it at ${ctx.baseUrl}/company/applications/${id}`,
          ].join('\n'),
        }
      : undefined;
    const decided = status !== 'submitted';
    return {
      set: { decisions, status, updatedAt: at, ...(decided ? { decidedAt: at } : {}) },
      items: [reviewItem(review), ...(mail ? [mailItem(`application:${id}:review:${app.round}:${input.town}:${at}`, mail, at)] : [])],
      audit: {
        chain: `town:${input.town}`,
        input: {
          actor: principal.sub,
          role: `reviewer:${input.town}`,
          action: 'application.review',
          target: `application:${id}`,
          before: { status: app.status, round: app.round, decision: app.decisions[input.town] ?? null },
          after: { status, round: app.round, decision: clean.decision, scores: review.scores },
          requestId: ctx.requestId,
        },
      },
      result: { application: { ...app, decisions, status, updatedAt: at, version: app.version + 1, ...(decided ? { decidedAt: at } : {}) }, review },
    };
  });
}

export interface ApplicationDetail {
  application: Application;
  reviews: Review[];
  /** Named towns the reader may review for. */
  reviewFor: string[];
}

export async function readApplicationAs(ctx: ActionCtx, p: Principal | undefined, id: string): Promise<ApplicationDetail> {
  const principal = requireSignedIn(p);
  const application = await readable(ctx.db, principal, id);
  const reviews = (await listReviews(ctx.db, id)).map((r) => visibleReview(r, principal));
  return { application, reviews, reviewFor: reviewableTowns(application, principal) };
}

export interface ApplicationFilter {
  status?: ApplicationStatus;
  town?: string;
  /** Submitted on or after / before this JST date (inclusive). */
  from?: string;
  to?: string;
}

/** The company sees its own; reviewers those naming their towns (once submitted); admin all. */
export async function listApplicationsAs(ctx: ActionCtx, p: Principal | undefined, filter: ApplicationFilter = {}): Promise<Application[]> {
  const principal = requireSignedIn(p);
  if (!isAdmin(principal) && !hasRole(principal, 'company') && reviewerTowns(principal).length === 0) {
    throw new BilingualError(403, 'forbidden', 'applications are for companies, reviewers and the network operator', '提案を見られるのは企業・審査担当・運営者だけです');
  }
  return (await listApplications(ctx.db))
    .filter((a) => canRead(a, principal))
    .filter((a) => !filter.status || a.status === filter.status)
    .filter((a) => !filter.town || a.towns.includes(filter.town))
    .filter((a) => !filter.from || (a.submittedAt !== undefined && jstDate(new Date(a.submittedAt)) >= filter.from))
    .filter((a) => !filter.to || (a.submittedAt !== undefined && jstDate(new Date(a.submittedAt)) <= filter.to));
}

// ───────────────────────────── challenges ─────────────────────────────

export interface ChallengeInput extends Omit<ChallengeDraftInput, 'summary'> {
  summary?: string;
  /** The text on the challenge's card; an alias of `summary`. */
  coverText?: string;
}

function draftOf(input: ChallengeInput): ChallengeDraftInput {
  const t = (s: string | undefined) => (s ?? '').trim();
  return {
    title: t(input.title),
    titleEn: t(input.titleEn),
    summary: t(input.summary ?? input.coverText),
    summaryEn: t(input.summaryEn),
    description: t(input.description),
    descriptionEn: t(input.descriptionEn),
    theme: t(input.theme),
    towns: [...(input.towns ?? [])],
    leadTown: input.leadTown,
    target: input.target,
    deadline: input.deadline,
  };
}

function assertLeadReviewer(p: Principal, leadTown: string): void {
  if (!hasRole(p, 'reviewer', leadTown) && !isAdmin(p)) {
    throw new BilingualError(403, 'forbidden', `only a reviewer of the lead town ${leadTown} can do this`, `この操作は主幹の町(${leadTown})の審査担当だけが行えます`);
  }
}

/** The lead town's reviewer turns an adopted application into a draft challenge (once). */
export async function createChallengeAs(ctx: ActionCtx, p: Principal | undefined, applicationId: string, input: ChallengeInput): Promise<Challenge> {
  const principal = requireSignedIn(p);
  const found = await readable(ctx.db, principal, applicationId);
  assertLeadReviewer(principal, input.leadTown);
  const draft = draftOf(input);
  const issues = challengeDraftIssues(draft, { applicationTowns: found.towns, now: now(ctx.db) });
  if (issues.length) refuse(issues);
  return changeApplication(ctx.db, applicationId, (app) => {
    if (app.status !== 'adopted') {
      throw new BilingualError(409, 'state_conflict', `only an adopted application becomes a challenge; this one is ${app.status}`, `チャレンジにできるのは採択された提案だけです(現在「${STATUS_JA[app.status]}」)`);
    }
    if (app.challengeId) {
      throw new BilingualError(409, 'state_conflict', `a challenge (${app.challengeId}) was already made from this application`, `この提案からは既にチャレンジ(${app.challengeId})が作成されています`);
    }
    const at = nowIso(ctx.db);
    const ch: Challenge = {
      id: challengeIdFor(app.id),
      ...challengeContent(draft),
      status: 'draft',
      operatorCompanyId: app.companyId,
      applicationId: app.id,
      createdAt: at,
    };
    return {
      set: { challengeId: ch.id, updatedAt: at },
      items: [newChallengeItem(ch)],
      conflict: `a challenge with id ${ch.id} already exists / チャレンジ ${ch.id} は既に存在します`,
      audit: {
        chain: `town:${ch.leadTown}`,
        input: {
          actor: principal.sub,
          role: isAdmin(principal) && !hasRole(principal, 'reviewer', ch.leadTown) ? 'admin' : `reviewer:${ch.leadTown}`,
          action: 'challenge.create',
          target: `challenge:${ch.id}`,
          after: { status: 'draft', applicationId: app.id, towns: ch.towns, leadTown: ch.leadTown, target: ch.targetAmount, deadline: ch.deadline },
          requestId: ctx.requestId,
        },
      },
      result: ch,
    };
  });
}

/** Lead reviewer, operator company and admin see a challenge in every state (the public not while draft). */
export async function manageableChallenge(ctx: ActionCtx, p: Principal | undefined, id: string): Promise<{ challenge: Challenge; asLead: boolean; asOperator: boolean }> {
  const principal = requireSignedIn(p);
  const ch = await getChallengeConsistent(ctx.db, id);
  if (!ch) throw challengeHidden();
  const asLead = hasRole(principal, 'reviewer', ch.leadTown) || isAdmin(principal);
  const asOperator = (Boolean(ch.operatorCompanyId) && hasRole(principal, 'company') && principal.companyId === ch.operatorCompanyId) || isAdmin(principal);
  if (!asLead && !asOperator) {
    // A draft is known only to its towns and operator; the public learns nothing of it.
    if (ch.status === 'draft' && !ch.towns.some((t) => hasRole(principal, 'reviewer', t))) throw challengeHidden();
    throw new BilingualError(403, 'forbidden', 'only the lead town’s reviewer or the operating company can manage this challenge', 'このチャレンジを管理できるのは主幹の町の審査担当と運営企業だけです');
  }
  return { challenge: ch, asLead, asOperator };
}

export async function editChallengeAs(ctx: ActionCtx, p: Principal | undefined, id: string, input: ChallengeInput): Promise<Challenge> {
  const principal = requireSignedIn(p);
  const { challenge: ch, asLead } = await manageableChallenge(ctx, principal, id);
  if (!asLead) assertLeadReviewer(principal, ch.leadTown);
  if (input.leadTown !== ch.leadTown) assertLeadReviewer(principal, input.leadTown);
  if (ch.status !== 'draft') throw new BilingualError(409, 'state_conflict', `the challenge is ${ch.status}; only a draft can be edited`, '公開後のチャレンジは編集できません');
  const app = ch.applicationId ? await getApplication(ctx.db, ch.applicationId) : undefined;
  if (!app) throw new BilingualError(409, 'state_conflict', 'only a challenge made from an application is edited here', '提案から作成したチャレンジのみ編集できます');
  const draft = draftOf(input);
  const issues = challengeDraftIssues(draft, { applicationTowns: app.towns, now: now(ctx.db) });
  if (issues.length) refuse(issues);
  const set = challengeContent(draft);
  return changeChallenge(ctx.db, ch, {
    set,
    audit: {
      chain: `town:${ch.leadTown}`,
      input: { actor: principal.sub, role: isAdmin(principal) ? 'admin' : `reviewer:${ch.leadTown}`, action: 'challenge.edit', target: `challenge:${id}`, before: { title: ch.title, target: ch.targetAmount, deadline: ch.deadline, towns: ch.towns }, after: { title: set.title, target: set.targetAmount, deadline: set.deadline, towns: set.towns }, requestId: ctx.requestId },
    },
  });
}

/** draft → open: from now on it is in the public list and takes donations until its deadline. */
export async function publishChallengeAs(ctx: ActionCtx, p: Principal | undefined, id: string): Promise<Challenge> {
  const principal = requireSignedIn(p);
  const { challenge: ch } = await manageableChallenge(ctx, principal, id);
  assertLeadReviewer(principal, ch.leadTown);
  if (ch.status !== 'draft') throw new BilingualError(409, 'state_conflict', `the challenge is already ${ch.status}`, 'このチャレンジは既に公開されています');
  if (isPastDeadline(ch.deadline, now(ctx.db))) {
    throw new BilingualError(422, 'rule_violation', `the deadline ${ch.deadline} has passed; set a later deadline before publishing`, `募集期限(${ch.deadline})が過ぎています。期限を変更してから公開してください`);
  }
  const app = ch.applicationId ? await getApplication(ctx.db, ch.applicationId) : undefined;
  const company = ch.operatorCompanyId ? await getCompany(ctx.db, ch.operatorCompanyId) : undefined;
  const to = app?.contact?.email ?? company?.contactEmail;
  const at = nowIso(ctx.db);
  const mail = to
    ? [
        mailItem(
          `challenge:${id}:published`,
          {
            to,
            kind: 'challenge.published',
            subject: `【共創ファンド】チャレンジが公開されました: ${ch.title} / Your challenge is published`,
            text: [
              `「${ch.title}」が公開され、寄附の受付が始まりました(募集期限 ${ch.deadline})。`,
              `チャレンジページ: ${ctx.baseUrl}/challenges/${id}`,
              `活動報告の投稿: ${ctx.baseUrl}/company/challenges/${id}/updates`,
              '',
              '---',
              `"${ch.titleEn || ch.title}" is published and open for donations until ${ch.deadline} (JST).`,
              `Challenge page: ${ctx.baseUrl}/challenges/${id}`,
              `Post progress updates at ${ctx.baseUrl}/company/challenges/${id}/updates`,
            ].join('\n'),
          },
          at,
        ),
      ]
    : [];
  return changeChallenge(ctx.db, ch, {
    to: 'open',
    set: { publishedAt: at } as Partial<Challenge>,
    items: mail,
    audit: {
      chain: `town:${ch.leadTown}`,
      input: { actor: principal.sub, role: hasRole(principal, 'reviewer', ch.leadTown) ? `reviewer:${ch.leadTown}` : 'admin', action: 'challenge.publish', target: `challenge:${id}`, before: { status: 'draft' }, after: { status: 'open', deadline: ch.deadline, target: ch.targetAmount }, requestId: ctx.requestId },
    },
  });
}

/** closed → in_progress → completed, by the operating company or the lead town's reviewer. */
export async function moveChallengeAs(ctx: ActionCtx, p: Principal | undefined, id: string, to: ManualMove): Promise<Challenge> {
  const principal = requireSignedIn(p);
  const { challenge: ch, asLead } = await manageableChallenge(ctx, principal, id);
  if (!canMove(ch.status, to)) {
    throw new BilingualError(409, 'state_conflict', `a challenge that is ${ch.status} cannot move to ${to}`, `「${CHALLENGE_STATUS_JA[ch.status]}」のチャレンジを「${CHALLENGE_STATUS_JA[to]}」にはできません`);
  }
  return changeChallenge(ctx.db, ch, {
    to,
    audit: {
      chain: `town:${ch.leadTown}`,
      input: { actor: principal.sub, role: isAdmin(principal) ? 'admin' : asLead ? `reviewer:${ch.leadTown}` : `company:${ch.operatorCompanyId}`, action: `challenge.${to}`, target: `challenge:${id}`, before: { status: ch.status }, after: { status: to }, requestId: ctx.requestId },
    },
  });
}

export interface UpdateInput {
  title: string;
  text: string;
  date: string;
}

export function updateIssues(u: UpdateInput): Issue[] {
  const out: Issue[] = [];
  if (!u.title?.trim()) out.push({ path: 'title', code: 'required', en: 'the title is required', ja: 'タイトルを入力してください' });
  else if (u.title.length > 200) out.push({ path: 'title', code: 'too_long', en: 'the title is longer than 200 characters', ja: 'タイトルは200文字以内で入力してください' });
  if (!u.text?.trim()) out.push({ path: 'text', code: 'required', en: 'the text is required', ja: '本文を入力してください' });
  else if (u.text.length > 20000) out.push({ path: 'text', code: 'too_long', en: 'the text is longer than 20,000 characters', ja: '本文は20,000文字以内で入力してください' });
  if (!isValidDateString(u.date)) out.push({ path: 'date', code: 'invalid_date', en: 'the date must be a real date (YYYY-MM-DD)', ja: '日付を正しく入力してください' });
  return out;
}

/** The operating company reports progress; donors who opted in get it by mail. */
export async function postUpdateAs(ctx: ActionCtx, p: Principal | undefined, id: string, input: UpdateInput): Promise<{ update: ChallengeUpdate; mailed: number }> {
  const principal = requireSignedIn(p);
  const { challenge: ch, asOperator } = await manageableChallenge(ctx, principal, id);
  if (!asOperator) throw new BilingualError(403, 'forbidden', 'only the operating company posts progress updates', '活動報告を投稿できるのは運営企業だけです');
  if (!acceptsUpdates(ch.status)) throw new BilingualError(409, 'state_conflict', 'publish the challenge before posting updates', '公開前のチャレンジには活動報告を投稿できません');
  const clean = { title: (input.title ?? '').trim(), text: (input.text ?? '').trim(), date: input.date };
  const issues = updateIssues(clean);
  if (issues.length) refuse(issues);
  const at = nowIso(ctx.db);
  const update: ChallengeUpdate = { id: newUpdateId(), challengeId: id, ...clean, authorId: principal.sub, companyId: ch.operatorCompanyId, createdAt: at };
  const subscribers = await challengeSubscribers(ctx.db, id);
  const mails: Mail[] = subscribers.map((s) => ({
    to: s.email,
    kind: 'challenge.update',
    subject: `【共創ファンド】活動報告「${clean.title}」— ${ch.title} / Progress update`,
    text: [
      `${s.name ? `${s.name} 様` : 'ご支援者様'}`,
      '',
      `ご支援いただいたチャレンジ「${ch.title}」から活動報告が届きました(${clean.date})。`,
      '',
      `■ ${clean.title}`,
      clean.text,
      '',
      `チャレンジページ: ${ctx.baseUrl}/challenges/${id}`,
      '',
      '---',
      `A progress update from "${ch.titleEn || ch.title}", which you supported (${clean.date}):`,
      `${clean.title}`,
      `Read it at ${ctx.baseUrl}/challenges/${id}`,
      '',
      '寄附の際に活動報告の受け取りを希望された方にお送りしています。 / You receive this because you asked for progress updates when you donated.',
    ].join('\n'),
  }));
  const { mailed } = await addChallengeUpdate(ctx.db, update, mails, {
    chain: `town:${ch.leadTown}`,
    input: { actor: principal.sub, role: isAdmin(principal) ? 'admin' : `company:${ch.operatorCompanyId}`, action: 'challenge.update.post', target: `challenge:${id}`, after: { updateId: update.id, title: update.title, date: update.date, mailed: mails.length }, requestId: ctx.requestId },
  });
  return { update, mailed };
}

/** Public: the updates of a published challenge. */
export async function publicUpdates(ctx: ActionCtx, id: string): Promise<ChallengeUpdate[]> {
  const ch = await getChallengeConsistent(ctx.db, id);
  if (!ch || ch.status === 'draft') throw challengeHidden();
  return listChallengeUpdates(ctx.db, id);
}

/** The challenges a company operates (drafts included: they are its own). */
export async function operatedChallenges(ctx: ActionCtx, p: Principal | undefined): Promise<Challenge[]> {
  const company = await companyOf(ctx.db, requireSignedIn(p));
  return (await listChallenges(ctx.db)).filter((c) => c.operatorCompanyId === company.id);
}
