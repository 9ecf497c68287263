/**
 * A town's approved 地域再生計画 as workflows: who may register one or change its projects (the town's
 * treasurer or the admin), the plan rules (domain/regional-plans.ts), and the public list. The projects are
 * what make a challenge or fund eligible for corporate-version pledges through the town.
 */
import { randomBytes } from 'node:crypto';
import { hasRole, isAdmin, townsWithRole, type Actor } from '../domain/actor.js';
import type { Challenge, Fund, Municipality } from '../domain/catalog.js';
import { DomainError, refuse } from '../domain/errors.js';
import { jstDate } from '../domain/jst.js';
import { normalizePlanInput, normalizeProject, planCovers, planIssues, type PlanIssue, type PlanProject, type RegionalPlan, type RegionalPlanInput } from '../domain/regional-plans.js';
import { getTown, listChallenges, listFunds, listTowns } from '../store/catalog.js';
import type { Db } from '../store/db.js';
import { createPlan as storeCreate, getPlan, listPlans, replaceProjects } from '../store/regional-plans.js';
import { nowOf, type ServiceContext } from './context.js';
import { refusalOf } from './pledges.js';

/** A plan as readers see it: `current` says whether today (JST) is in its period. */
export type PlanView = RegionalPlan & { current: boolean };

// Rules that look at other stored data answer 422 with their own code; a malformed plan is a 400.
const PLAN_CROSS_CHECKS = new Set(['unknown_challenge', 'challenge_not_of_town', 'unknown_fund', 'fund_not_of_town', 'approval_in_future', 'approved_after_period']);

function refusePlan(issues: PlanIssue[]): never {
  const cross = issues.find((i) => PLAN_CROSS_CHECKS.has(i.code));
  throw cross ? refusalOf('rule', issues, cross.code) : refusalOf('invalid', issues, 'validation_failed');
}

function planEditor(actor: Actor | undefined, town: string): Actor {
  if (!actor) throw refuse.unauthenticated();
  if (!hasRole(actor, 'treasurer', town) && !isAdmin(actor)) throw new DomainError('forbidden', 'forbidden', 'forbidden', { key: 'corporate.plan_forbidden', params: { town } });
  return actor;
}

const roleOf = (who: Actor, town: string) => (hasRole(who, 'treasurer', town) ? `treasurer:${town}` : isAdmin(who) ? 'admin' : 'company');

async function planTargets(db: Db) {
  const [challenges, funds] = await Promise.all([listChallenges(db), listFunds(db)]);
  return { challenges: challenges.map((c) => ({ id: c.id, towns: c.towns })), funds: funds.map((f) => ({ id: f.id, members: f.members })) };
}

async function requireTown(db: Db, code: string): Promise<Municipality> {
  const town = await getTown(db, code);
  if (!town) throw new DomainError('not_found', 'not_found', 'not_found', { key: 'corporate.town_not_found' });
  return town;
}

const viewOf = (ctx: ServiceContext, plan: RegionalPlan): PlanView => ({ ...plan, current: planCovers(plan, jstDate(nowOf(ctx))) });

/**
 * Registers an approved plan for a town; refused with every broken rule before anything is written.
 * @example await createPlan(ctx, treasurer, '074071', { name: '…', approvedOn: '2025-03-20', periodStart: '2025-04-01', periodEnd: '2028-03-31', projects: [] })
 */
export async function createPlan(ctx: ServiceContext, actor: Actor | undefined, town: string, raw: RegionalPlanInput): Promise<PlanView> {
  const who = planEditor(actor, town);
  await requireTown(ctx.db, town);
  const input = normalizePlanInput(raw);
  const issues = planIssues(town, input, await planTargets(ctx.db), jstDate(nowOf(ctx)));
  if (issues.length) refusePlan(issues);
  const id = `plan-${randomBytes(6).toString('hex')}`;
  const plan = await storeCreate(ctx.db, town, id, input, who.sub, {
    chain: `town:${town}`,
    input: { actor: who.sub, role: roleOf(who, town), action: 'regional_plan.create', target: `regional-plan:${town}:${id}`, after: input, requestId: ctx.requestId },
  });
  return viewOf(ctx, plan);
}

/** Replaces a plan's projects, e.g. to mark a newly adopted challenge as eligible. */
export async function replacePlanProjects(ctx: ServiceContext, actor: Actor | undefined, town: string, id: string, projects: PlanProject[]): Promise<PlanView> {
  const who = planEditor(actor, town);
  const plan = await getPlan(ctx.db, town, id);
  if (!plan) throw new DomainError('not_found', 'not_found', 'not_found', { key: 'corporate.plan_not_found' });
  const normalized = projects.map(normalizeProject);
  const { projects: _old, ...rest } = plan;
  const issues = planIssues(town, { ...rest, projects: normalized }, await planTargets(ctx.db), jstDate(nowOf(ctx))).filter((i) => i.path.startsWith('projects'));
  if (issues.length) refusePlan(issues);
  const saved = await replaceProjects(ctx.db, plan, normalized, {
    chain: `town:${town}`,
    input: { actor: who.sub, role: roleOf(who, town), action: 'regional_plan.replace_projects', target: `regional-plan:${town}:${id}`, before: plan.projects, after: normalized, requestId: ctx.requestId },
  });
  return viewOf(ctx, saved);
}

/** Approved plans are public (the Cabinet Office publishes them), latest period end first. */
export async function townPlans(ctx: ServiceContext, town: string): Promise<PlanView[]> {
  await requireTown(ctx.db, town);
  return (await listPlans(ctx.db, town)).map((p) => viewOf(ctx, p));
}

/** The plans page: the towns the reader may edit (a treasurer's; every town for the admin), their plans, and what they may list. */
export async function planEditorPage(
  ctx: ServiceContext,
  actor: Actor | undefined,
): Promise<{ towns: Municipality[]; editable: string[]; plansByTown: { town: string; plans: PlanView[] }[]; challenges: Challenge[]; funds: Fund[] }> {
  if (!actor) throw refuse.unauthenticated();
  const { db } = ctx;
  const [towns, challenges, funds] = await Promise.all([listTowns(db), listChallenges(db), listFunds(db)]);
  const editable = isAdmin(actor) ? towns.map((x) => x.code) : townsWithRole(actor, 'treasurer');
  if (!editable.length) throw new DomainError('forbidden', 'forbidden', 'forbidden', { key: 'corporate.not_treasurer' });
  const shown = towns.map((x) => x.code).filter((code) => editable.includes(code)).sort();
  const plansByTown = await Promise.all(shown.map(async (town) => ({ town, plans: (await listPlans(db, town)).map((p) => viewOf(ctx, p)) })));
  return { towns, editable, plansByTown, challenges, funds };
}
