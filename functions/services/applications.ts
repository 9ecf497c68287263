/**
 * Co-creation applications as workflows: a company writes and (re)submits, each named town's reviewer
 * answers, and who may read or change which application. The JSON routes and the pages both call these,
 * so a rule cannot hold on one and not the other.
 */
import { randomBytes } from 'node:crypto';
import { hasRole, isAdmin, type Actor } from '../domain/actor.js';
import {
  applicationIssues,
  canRead,
  contentOf,
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
  type Review,
  type ReviewDecision,
  type Scores,
} from '../domain/applications.js';
import type { Municipality } from '../domain/catalog.js';
import { jstDate } from '../domain/jst.js';
import { changeApplication, createApplication as storeApplication, getApplication, listApplications as storedApplications, listReviews, reviewItem } from '../store/applications.js';
import { listTowns } from '../store/catalog.js';
import { mailItem } from '../store/outbox.js';
import { getCompany, usersWithRole } from '../store/users.js';
import { answerMail, submittedMail } from './cocreation-mail.js';
import { cocreationRefusal, refuseIssues } from './cocreation-refusals.js';
import { companyOf } from './companies.js';
import { nowOf, type ServiceContext } from './context.js';

const newApplicationId = () => `app-${randomBytes(6).toString('hex')}`;
const at = (ctx: ServiceContext) => nowOf(ctx).toISOString();

/** Nobody learns that an application they may not read exists. */
export const applicationHidden = () => cocreationRefusal('not_found', 'not_found', 'cocreation.application_not_found');

/**
 * The network's towns in code order, for forms and for naming towns in mail.
 * @example const towns = await networkTowns(ctx)
 */
export async function networkTowns(ctx: ServiceContext): Promise<Municipality[]> {
  return (await listTowns(ctx.db)).sort((a, b) => a.code.localeCompare(b.code));
}

const townCodes = async (ctx: ServiceContext) => new Set((await listTowns(ctx.db)).map((t) => t.code));

/**
 * An application the actor may read (owner, admin, a named town's reviewer once submitted); else 404.
 * @example const app = await readableApplication(ctx, actor, 'app-0123456789ab')
 */
export async function readableApplication(ctx: ServiceContext, actor: Actor, id: string, consistent = false): Promise<Application> {
  const app = await getApplication(ctx.db, id, consistent);
  if (!app || !canRead(app, actor)) throw applicationHidden();
  return app;
}

function ownOrAdmin(app: Application, actor: Actor): void {
  if (!isOwner(app, actor) && !isAdmin(actor)) throw cocreationRefusal('forbidden', 'forbidden', 'cocreation.not_owner');
}

const notEditable = () => cocreationRefusal('conflict', 'state_conflict', 'cocreation.not_editable');

function roleOf(actor: Actor, app: Pick<Application, 'companyId'>): string {
  return isOwner(app, actor) ? `company:${app.companyId}` : isAdmin(actor) ? 'admin' : 'unknown';
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * A company's new draft; the towns it names must be network members.
 * @example const app = await createApplication(ctx, actor, sampleApplication())
 */
export async function createApplication(ctx: ServiceContext, actor: Actor, input: ApplicationInput): Promise<Application> {
  const company = await companyOf(ctx, actor);
  const clean = normalizeInput(input);
  const issues = applicationIssues(clean, await townCodes(ctx));
  if (issues.length) refuseIssues(issues);
  const app = newApplication(newApplicationId(), clean, company, actor.sub, at(ctx));
  await storeApplication(ctx.db, app, {
    chain: 'network',
    input: { actor: actor.sub, role: `company:${company.id}`, action: 'application.create', target: `application:${app.id}`, after: { status: 'draft', title: app.title, towns: app.towns, requestedAmount: app.requestedAmount }, requestId: ctx.requestId },
  });
  return app;
}

/**
 * `replace` (PUT) takes a whole application; `merge` (PATCH) changes only the fields given.
 * @example await editApplication(ctx, actor, id, { summary: '改訂' }, 'merge')
 */
export async function editApplication(ctx: ServiceContext, actor: Actor, id: string, input: Partial<ApplicationInput>, mode: 'replace' | 'merge'): Promise<Application> {
  await readableApplication(ctx, actor, id);
  const network = await townCodes(ctx);
  return changeApplication(ctx.db, id, (app) => {
    ownOrAdmin(app, actor);
    if (!isEditable(app.status)) throw notEditable();
    const merged = normalizeInput({ ...(mode === 'merge' ? contentOf(app) : { contact: app.contact }), ...stripUndefined(input) } as ApplicationInput);
    const issues = applicationIssues(merged, network);
    if (issues.length) refuseIssues(issues);
    const before = contentOf(app) as unknown as Record<string, unknown>;
    const after = merged as unknown as Record<string, unknown>;
    const changed = Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    const updatedAt = at(ctx);
    return {
      set: { ...merged, updatedAt },
      audit: {
        chain: 'network',
        input: {
          actor: actor.sub,
          role: roleOf(actor, app),
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

/**
 * Each (re)submission starts a new round: every named town reviews again; earlier reviews stay as history.
 * @example await submitApplication(ctx, actor, id)
 */
export async function submitApplication(ctx: ServiceContext, actor: Actor, id: string): Promise<Application> {
  await readableApplication(ctx, actor, id);
  const towns = await listTowns(ctx.db);
  const network = new Set(towns.map((t) => t.code));
  return changeApplication(ctx.db, id, async (app) => {
    ownOrAdmin(app, actor);
    if (!isEditable(app.status)) throw cocreationRefusal('conflict', 'state_conflict', 'cocreation.already_submitted');
    const issues = submissionIssues(app, network);
    if (issues.length) refuseIssues(issues);
    const round = app.round + 1;
    const now = at(ctx);
    const reviewers = new Map<string, string[]>();
    for (const town of app.towns) {
      for (const u of await usersWithRole(ctx.db, `reviewer:${town}`)) reviewers.set(u.email, [...(reviewers.get(u.email) ?? []), town]);
    }
    const mails = [...reviewers.entries()].map(([to, forTowns]) =>
      mailItem(`application:${id}:round:${round}:submitted`, { to, ...submittedMail({ app, round, forTowns, towns, baseUrl: ctx.baseUrl }) }, now),
    );
    return {
      set: { status: 'submitted', round, decisions: {}, submittedAt: now, updatedAt: now },
      items: mails,
      audit: {
        chain: 'network',
        input: { actor: actor.sub, role: roleOf(actor, app), action: 'application.submit', target: `application:${id}`, before: { status: app.status, round: app.round }, after: { status: 'submitted', round, towns: app.towns }, requestId: ctx.requestId },
      },
      result: { ...app, status: 'submitted' as const, round, decisions: {}, submittedAt: now, updatedAt: now, version: app.version + 1 },
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
 * @example await reviewApplication(ctx, actor, id, { town: '113611', decision: 'accepted', scores, publicAnswer: '歓迎します' })
 */
export async function reviewApplication(ctx: ServiceContext, actor: Actor, id: string, input: ReviewInput): Promise<{ application: Application; review: Review }> {
  const found = await getApplication(ctx.db, id);
  // Reviewers of the named towns may know a draft exists (to be told it is not submitted); nobody else.
  if (!found || (reviewableTowns(found, actor).length === 0 && !canRead(found, actor))) throw applicationHidden();
  if (!hasRole(actor, 'reviewer', input.town)) throw cocreationRefusal('forbidden', 'forbidden', 'cocreation.not_town_reviewer', { town: input.town });
  if (!found.towns.includes(input.town)) throw cocreationRefusal('rule', 'rule_violation', 'cocreation.town_not_named', { town: input.town });
  const clean: ReviewInput = { ...input, publicAnswer: (input.publicAnswer ?? '').trim(), privateNote: input.privateNote?.trim() || undefined };
  const issues = reviewIssues(clean);
  if (issues.length) refuseIssues(issues);
  const towns = await listTowns(ctx.db);
  return changeApplication(ctx.db, id, async (app) => {
    if (app.status !== 'submitted') throw cocreationRefusal('conflict', 'state_conflict', 'cocreation.not_under_review');
    const now = at(ctx);
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
      reviewerId: actor.sub,
      reviewerName: actor.name,
      at: now,
    };
    const company = await getCompany(ctx.db, app.companyId);
    const to = app.contact?.email ?? company?.contactEmail;
    const mail = to ? [mailItem(`application:${id}:review:${app.round}:${input.town}:${now}`, { to, ...answerMail({ app, review, status, towns, baseUrl: ctx.baseUrl }) }, now)] : [];
    const decided = status !== 'submitted';
    return {
      set: { decisions, status, updatedAt: now, ...(decided ? { decidedAt: now } : {}) },
      items: [reviewItem(review), ...mail],
      audit: {
        chain: `town:${input.town}`,
        input: {
          actor: actor.sub,
          role: `reviewer:${input.town}`,
          action: 'application.review',
          target: `application:${id}`,
          before: { status: app.status, round: app.round, decision: app.decisions[input.town] ?? null },
          after: { status, round: app.round, decision: clean.decision, scores: review.scores },
          requestId: ctx.requestId,
        },
      },
      result: { application: { ...app, decisions, status, updatedAt: now, version: app.version + 1, ...(decided ? { decidedAt: now } : {}) }, review },
    };
  });
}

export interface ApplicationDetail {
  application: Application;
  reviews: Review[];
  /** Named towns the reader may review for. */
  reviewFor: string[];
}

/**
 * The application with the review history this reader may see (private notes only for their own towns).
 * @example const { application, reviews } = await readApplication(ctx, actor, id)
 */
export async function readApplication(ctx: ServiceContext, actor: Actor, id: string): Promise<ApplicationDetail> {
  const application = await readableApplication(ctx, actor, id);
  const reviews = (await listReviews(ctx.db, id)).map((r) => visibleReview(r, actor));
  return { application, reviews, reviewFor: reviewableTowns(application, actor) };
}

/**
 * An application as its company's workspace shows it: only the company's own (or to admin). A reviewer who
 * also holds the company role reads other companies' applications through the review pages, not here.
 * @example const { application } = await readOwnApplication(ctx, actor, 'app-1')
 */
export async function readOwnApplication(ctx: ServiceContext, actor: Actor, id: string): Promise<ApplicationDetail> {
  const detail = await readApplication(ctx, actor, id);
  if (detail.application.companyId !== actor.companyId && !isAdmin(actor)) throw applicationHidden();
  return detail;
}

export interface ApplicationFilter {
  status?: ApplicationStatus;
  town?: string;
  /** Submitted on or after / before this JST date (inclusive). */
  from?: string;
  to?: string;
}

/**
 * The company sees its own; reviewers those naming their towns (once submitted); admin all. Newest first.
 * @example await listApplications(ctx, actor, { status: 'submitted', town: '113611' })
 */
export async function listApplications(ctx: ServiceContext, actor: Actor, filter: ApplicationFilter = {}): Promise<Application[]> {
  if (!isAdmin(actor) && !hasRole(actor, 'company') && reviewerTowns(actor).length === 0) throw cocreationRefusal('forbidden', 'forbidden', 'cocreation.applications_forbidden');
  const submittedOn = (a: Application) => (a.submittedAt === undefined ? undefined : jstDate(new Date(a.submittedAt)));
  return (await storedApplications(ctx.db))
    .filter((a) => canRead(a, actor))
    .filter((a) => !filter.status || a.status === filter.status)
    .filter((a) => !filter.town || a.towns.includes(filter.town))
    .filter((a) => !filter.from || (submittedOn(a) !== undefined && submittedOn(a)! >= filter.from))
    .filter((a) => !filter.to || (submittedOn(a) !== undefined && submittedOn(a)! <= filter.to));
}
