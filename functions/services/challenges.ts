/**
 * Challenges made from adopted applications: the lead town's reviewer drafts and publishes one, the
 * operating company and the lead reviewer move it on after its deadline, and the scheduled task closes it
 * at the deadline. Who may manage which challenge is decided here.
 */
import { hasRole, isAdmin, type Actor } from '../domain/actor.js';
import type { Application } from '../domain/applications.js';
import type { Challenge } from '../domain/catalog.js';
import { canMove, challengeContent, challengeDraftIssues, type ChallengeDraftInput, type ManualMove } from '../domain/challenge-lifecycle.js';
import { isPastDeadline } from '../domain/jst.js';
import { changeApplication, getApplication } from '../store/applications.js';
import { listChallenges } from '../store/catalog.js';
import { changeChallenge, closeDueChallenges as closeDue, getChallengeConsistent, newChallengeItem } from '../store/challenges.js';
import { mailItem } from '../store/outbox.js';
import { getCompany } from '../store/users.js';
import { readableApplication, readApplication } from './applications.js';
import { publishedMail } from './cocreation-mail.js';
import { cocreationRefusal, refuseIssues } from './cocreation-refusals.js';
import { companyOf } from './companies.js';
import { nowOf, type ServiceContext } from './context.js';

const challengeIdFor = (applicationId: string) => `ch-${applicationId.replace(/^app-/, '')}`;

/** A draft is known only to its towns and operator; the public learns nothing of it. */
export const challengeHidden = () => cocreationRefusal('not_found', 'not_found', 'cocreation.challenge_not_found');

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

function assertLeadReviewer(actor: Actor, leadTown: string): void {
  if (!hasRole(actor, 'reviewer', leadTown) && !isAdmin(actor)) throw cocreationRefusal('forbidden', 'forbidden', 'cocreation.lead_reviewer_only', { town: leadTown });
}

/**
 * The lead town's reviewer turns an adopted application into a draft challenge (once).
 * @example await createChallenge(ctx, actor, 'app-0123456789ab', { title, description, towns, leadTown, target, deadline })
 */
export async function createChallenge(ctx: ServiceContext, actor: Actor, applicationId: string, input: ChallengeInput): Promise<Challenge> {
  const found = await readableApplication(ctx, actor, applicationId);
  assertLeadReviewer(actor, input.leadTown);
  const draft = draftOf(input);
  const issues = challengeDraftIssues(draft, { applicationTowns: found.towns, now: nowOf(ctx) });
  if (issues.length) refuseIssues(issues);
  return changeApplication(ctx.db, applicationId, (app) => {
    if (app.status !== 'adopted') throw cocreationRefusal('conflict', 'state_conflict', 'cocreation.not_adopted');
    if (app.challengeId) throw cocreationRefusal('conflict', 'state_conflict', 'cocreation.challenge_exists', { id: app.challengeId });
    const at = nowOf(ctx).toISOString();
    const ch: Challenge = { id: challengeIdFor(app.id), ...challengeContent(draft), status: 'draft', operatorCompanyId: app.companyId, applicationId: app.id, createdAt: at };
    return {
      set: { challengeId: ch.id, updatedAt: at },
      items: [newChallengeItem(ch)],
      conflict: `a challenge with id ${ch.id} already exists`,
      audit: {
        chain: `town:${ch.leadTown}`,
        input: {
          actor: actor.sub,
          role: isAdmin(actor) && !hasRole(actor, 'reviewer', ch.leadTown) ? 'admin' : `reviewer:${ch.leadTown}`,
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

export interface ManagedChallenge {
  challenge: Challenge;
  asLead: boolean;
  asOperator: boolean;
}

/**
 * Lead reviewer, operator company and admin see a challenge in every state (the public not while draft).
 * @example const { challenge, asOperator } = await manageableChallenge(ctx, actor, 'ch-0123456789ab')
 */
export async function manageableChallenge(ctx: ServiceContext, actor: Actor, id: string): Promise<ManagedChallenge> {
  const ch = await getChallengeConsistent(ctx.db, id);
  if (!ch) throw challengeHidden();
  const asLead = hasRole(actor, 'reviewer', ch.leadTown) || isAdmin(actor);
  const asOperator = (Boolean(ch.operatorCompanyId) && hasRole(actor, 'company') && actor.companyId === ch.operatorCompanyId) || isAdmin(actor);
  if (!asLead && !asOperator) {
    if (ch.status === 'draft' && !ch.towns.some((t) => hasRole(actor, 'reviewer', t))) throw challengeHidden();
    throw cocreationRefusal('forbidden', 'forbidden', 'cocreation.challenge_manage_forbidden');
  }
  return { challenge: ch, asLead, asOperator };
}

/**
 * The lead reviewer edits a draft made from an application.
 * @example await editChallenge(ctx, actor, 'ch-0123456789ab', { ...draft, title: '改題' })
 */
export async function editChallenge(ctx: ServiceContext, actor: Actor, id: string, input: ChallengeInput): Promise<Challenge> {
  const { challenge: ch, asLead } = await manageableChallenge(ctx, actor, id);
  if (!asLead) assertLeadReviewer(actor, ch.leadTown);
  if (input.leadTown !== ch.leadTown) assertLeadReviewer(actor, input.leadTown);
  if (ch.status !== 'draft') throw cocreationRefusal('conflict', 'state_conflict', 'cocreation.challenge_not_draft');
  const app = ch.applicationId ? await getApplication(ctx.db, ch.applicationId) : undefined;
  if (!app) throw cocreationRefusal('conflict', 'state_conflict', 'cocreation.challenge_not_from_application');
  const draft = draftOf(input);
  const issues = challengeDraftIssues(draft, { applicationTowns: app.towns, now: nowOf(ctx) });
  if (issues.length) refuseIssues(issues);
  const set = challengeContent(draft);
  return changeChallenge(ctx.db, ch, {
    set,
    audit: {
      chain: `town:${ch.leadTown}`,
      input: {
        actor: actor.sub,
        role: isAdmin(actor) ? 'admin' : `reviewer:${ch.leadTown}`,
        action: 'challenge.edit',
        target: `challenge:${id}`,
        before: { title: ch.title, target: ch.targetAmount, deadline: ch.deadline, towns: ch.towns },
        after: { title: set.title, target: set.targetAmount, deadline: set.deadline, towns: set.towns },
        requestId: ctx.requestId,
      },
    },
  });
}

/**
 * draft → open: from now on it is in the public list and takes donations until its deadline.
 * @example await publishChallenge(ctx, actor, 'ch-0123456789ab')
 */
export async function publishChallenge(ctx: ServiceContext, actor: Actor, id: string): Promise<Challenge> {
  const { challenge: ch } = await manageableChallenge(ctx, actor, id);
  assertLeadReviewer(actor, ch.leadTown);
  if (ch.status !== 'draft') throw cocreationRefusal('conflict', 'state_conflict', 'cocreation.challenge_already_published');
  if (isPastDeadline(ch.deadline, nowOf(ctx))) throw cocreationRefusal('rule', 'rule_violation', 'cocreation.publish_deadline_past', { deadline: ch.deadline });
  const app = ch.applicationId ? await getApplication(ctx.db, ch.applicationId) : undefined;
  const company = ch.operatorCompanyId ? await getCompany(ctx.db, ch.operatorCompanyId) : undefined;
  const to = app?.contact?.email ?? company?.contactEmail;
  const at = nowOf(ctx).toISOString();
  return changeChallenge(ctx.db, ch, {
    to: 'open',
    set: { publishedAt: at } as Partial<Challenge>,
    items: to ? [mailItem(`challenge:${id}:published`, { to, ...publishedMail(ch, ctx.baseUrl) }, at)] : [],
    audit: {
      chain: `town:${ch.leadTown}`,
      input: {
        actor: actor.sub,
        role: hasRole(actor, 'reviewer', ch.leadTown) ? `reviewer:${ch.leadTown}` : 'admin',
        action: 'challenge.publish',
        target: `challenge:${id}`,
        before: { status: 'draft' },
        after: { status: 'open', deadline: ch.deadline, target: ch.targetAmount },
        requestId: ctx.requestId,
      },
    },
  });
}

/**
 * closed → in_progress → completed, by the operating company or the lead town's reviewer.
 * @example await moveChallenge(ctx, actor, 'ch-0123456789ab', 'in_progress')
 */
export async function moveChallenge(ctx: ServiceContext, actor: Actor, id: string, to: ManualMove): Promise<Challenge> {
  const { challenge: ch, asLead } = await manageableChallenge(ctx, actor, id);
  if (!canMove(ch.status, to)) throw cocreationRefusal('conflict', 'state_conflict', 'cocreation.challenge_cannot_move');
  return changeChallenge(ctx.db, ch, {
    to,
    audit: {
      chain: `town:${ch.leadTown}`,
      input: {
        actor: actor.sub,
        role: isAdmin(actor) ? 'admin' : asLead ? `reviewer:${ch.leadTown}` : `company:${ch.operatorCompanyId}`,
        action: `challenge.${to}`,
        target: `challenge:${id}`,
        before: { status: ch.status },
        after: { status: to },
        requestId: ctx.requestId,
      },
    },
  });
}

/**
 * The challenges a company operates (drafts included: they are its own).
 * @example const mine = await operatedChallenges(ctx, actor)
 */
export async function operatedChallenges(ctx: ServiceContext, actor: Actor): Promise<Challenge[]> {
  const company = await companyOf(ctx, actor);
  return (await listChallenges(ctx.db)).filter((c) => c.operatorCompanyId === company.id);
}

export interface ChallengeEditor {
  application: Application;
  /** The challenge already made from the application, if any. */
  challenge?: Challenge;
  /** Towns the actor may choose as lead: those of theirs the application names (all of them for admin). */
  leadOptions: string[];
}

/**
 * What the challenge editor needs: the adopted application, its challenge if made, and the lead towns the
 * actor may pick; 403 for a reviewer of none of its towns.
 * @example const { application, challenge, leadOptions } = await challengeEditor(ctx, actor, appId)
 */
export async function challengeEditor(ctx: ServiceContext, actor: Actor, applicationId: string): Promise<ChallengeEditor> {
  const { application, reviewFor } = await readApplication(ctx, actor, applicationId);
  const leadOptions = isAdmin(actor) ? application.towns : reviewFor;
  if (leadOptions.length === 0) throw cocreationRefusal('forbidden', 'forbidden', 'cocreation.challenge_reviewer_only');
  const challenge = application.challengeId ? await getChallengeConsistent(ctx.db, application.challengeId) : undefined;
  return { application, challenge, leadOptions };
}

/**
 * Saves the editor's form: creates the challenge the first time, edits its draft afterwards.
 * @example const { created } = await saveChallengeDraft(ctx, actor, appId, input)
 */
export async function saveChallengeDraft(ctx: ServiceContext, actor: Actor, applicationId: string, input: ChallengeInput): Promise<{ challenge: Challenge; created: boolean }> {
  const { application } = await readApplication(ctx, actor, applicationId);
  if (application.challengeId) return { challenge: await editChallenge(ctx, actor, application.challengeId, input), created: false };
  return { challenge: await createChallenge(ctx, actor, applicationId, input), created: true };
}

/**
 * The application a challenge was made from, for a page that answers a refused publish on its editor.
 * Says nothing about the application itself: the editor checks who may read it.
 */
export async function applicationIdOfChallenge(ctx: ServiceContext, id: string): Promise<string | undefined> {
  return (await getChallengeConsistent(ctx.db, id))?.applicationId;
}

/**
 * The scheduled task: closes every open challenge whose deadline (a JST day, inclusive) has passed; a
 * rerun or a racing scheduler closes each once (the store's write is conditional on 'open').
 * @example scheduledTasks.push({ name: 'close-challenges', run: (db, now) => closeDueChallenges(jobContext(db, now)) })
 */
export async function closeDueChallenges(ctx: Pick<ServiceContext, 'db' | 'now'>): Promise<{ closed: string[]; alreadyClosed: string[] }> {
  return closeDue(ctx.db, nowOf(ctx));
}
