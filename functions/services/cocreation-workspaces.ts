/**
 * What the co-creation workspaces show at a glance: the company's dashboard and the reviewer's queue,
 * each one call for its page.
 */
import { isAdmin, townsWithRole, type Actor } from '../domain/actor.js';
import type { Application } from '../domain/applications.js';
import type { Challenge, Municipality } from '../domain/catalog.js';
import type { Company } from '../domain/company.js';
import { listApplications, networkTowns, type ApplicationFilter } from './applications.js';
import { operatedChallenges } from './challenges.js';
import { myCompany } from './companies.js';
import type { ServiceContext } from './context.js';

/**
 * The company's own applications and the challenges it operates.
 * @example const { company, applications, challenges, towns } = await companyDashboard(ctx, actor)
 */
export async function companyDashboard(ctx: ServiceContext, actor: Actor): Promise<{ company: Company; applications: Application[]; challenges: Challenge[]; towns: Municipality[] }> {
  const company = await myCompany(ctx, actor);
  const [applications, challenges, towns] = await Promise.all([listApplications(ctx, actor), operatedChallenges(ctx, actor), networkTowns(ctx)]);
  return { company, applications: applications.filter((a) => a.companyId === company.id), challenges, towns };
}

/** The towns whose applications a reviewer works on (every town for the admin). */
async function reviewTowns(ctx: ServiceContext, actor: Actor): Promise<string[]> {
  return isAdmin(actor) ? (await networkTowns(ctx)).map((t) => t.code) : townsWithRole(actor, 'reviewer');
}

/**
 * A reviewer's queue: submitted (at least once) applications naming their towns, filtered. A town outside
 * theirs does not filter (a hand-edited URL); the filter applied comes back with the list.
 * @example const { applications } = await reviewerQueue(ctx, actor, { status: 'submitted' })
 */
export async function reviewerQueue(
  ctx: ServiceContext,
  actor: Actor,
  asked: ApplicationFilter,
): Promise<{ applications: Application[]; myTowns: string[]; towns: Municipality[]; filter: ApplicationFilter }> {
  const [myTowns, towns] = await Promise.all([reviewTowns(ctx, actor), networkTowns(ctx)]);
  const filter = { ...asked, town: myTowns.find((t) => t === asked.town) };
  const applications = await listApplications(ctx, actor, filter);
  // A reviewer's queue is the towns' work, not the reviewer's own company drafts.
  return { applications: applications.filter((a) => a.round > 0 && a.towns.some((t) => myTowns.includes(t))), myTowns, towns, filter };
}
