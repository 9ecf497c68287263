/**
 * 地域再生計画 (regional revitalization plans). A corporate-version donation (企業版ふるさと納税) may only go
 * to a project listed in the receiving town's plan approved by the Prime Minister (CAO), while the plan's
 * period runs (domain.md §2). A town registers each approved plan with its projects; a project lists which
 * of the town's challenges and funds it covers, which is what makes them eligible for corporate pledges.
 */
import type { ErrorParams, Issue } from './errors.js';
import { isValidDateString } from './jst.js';
import type { TownCode } from './municipality.js';

export interface PlanProject {
  name: string;
  challengeIds: string[];
  fundIds: string[];
}

export interface RegionalPlanInput {
  name: string;
  /** The day the Cabinet Office approved (認定) the plan. */
  approvedOn: string;
  periodStart: string;
  periodEnd: string;
  projects: PlanProject[];
}

export interface RegionalPlan extends RegionalPlanInput {
  id: string;
  town: TownCode;
  createdAt: string;
  createdBy: string;
  updatedAt?: string;
  /** Optimistic lock for project edits. */
  version: number;
}

/** A refusal with a stable code, the field it is about, and its catalog sentence (`error.<key>`). */
export type PlanIssue = Issue & { path: string };

/** What a town may list: its own challenges (it participates) and the funds it is a member of. */
export interface PlanTargets {
  challenges: { id: string; towns: TownCode[] }[];
  funds: { id: string; members: TownCode[] }[];
}

// Codes such as `required` are shared by several fields; the key names the sentence for this one.
const issue = (path: string, code: string, key: string, params?: ErrorParams): PlanIssue => ({ path, code, key, ...(params ? { params } : {}) });
const blank = (s: unknown) => typeof s !== 'string' || s.trim() === '';

export function planIssues(town: TownCode, input: RegionalPlanInput, targets: PlanTargets, today: string): PlanIssue[] {
  const out: PlanIssue[] = [];
  if (blank(input.name)) out.push(issue('name', 'required', 'corporate.plan_name_required'));
  else if (input.name.length > 200) out.push(issue('name', 'too_long', 'corporate.plan_name_too_long'));
  const dates = ['approvedOn', 'periodStart', 'periodEnd'] as const;
  for (const k of dates) {
    if (!isValidDateString(input[k])) out.push(issue(k, 'invalid_date', 'corporate.plan_invalid_date'));
  }
  if (dates.every((k) => isValidDateString(input[k]))) {
    if (input.periodEnd < input.periodStart) out.push(issue('periodEnd', 'period_reversed', 'corporate.period_reversed'));
    if (input.approvedOn > today) out.push(issue('approvedOn', 'approval_in_future', 'corporate.approval_in_future'));
    if (input.approvedOn > input.periodEnd) out.push(issue('approvedOn', 'approved_after_period', 'corporate.approved_after_period'));
  }
  if (!input.projects.length) out.push(issue('projects', 'required', 'corporate.plan_projects_required'));
  const ownChallenges = new Set(targets.challenges.filter((c) => c.towns.includes(town)).map((c) => c.id));
  const knownChallenges = new Set(targets.challenges.map((c) => c.id));
  const ownFunds = new Set(targets.funds.filter((f) => f.members.includes(town)).map((f) => f.id));
  const knownFunds = new Set(targets.funds.map((f) => f.id));
  const names = new Set<string>();
  input.projects.forEach((p, i) => {
    const at = `projects.${i}`;
    if (blank(p.name)) out.push(issue(`${at}.name`, 'required', 'corporate.project_name_required'));
    else if (names.has(p.name.trim())) out.push(issue(`${at}.name`, 'duplicate_project', 'corporate.duplicate_project'));
    else names.add(p.name.trim());
    p.challengeIds.forEach((id, j) => {
      if (!knownChallenges.has(id)) out.push(issue(`${at}.challengeIds.${j}`, 'unknown_challenge', 'corporate.unknown_challenge', { id }));
      else if (!ownChallenges.has(id)) out.push(issue(`${at}.challengeIds.${j}`, 'challenge_not_of_town', 'corporate.challenge_not_of_town', { id }));
    });
    p.fundIds.forEach((id, j) => {
      if (!knownFunds.has(id)) out.push(issue(`${at}.fundIds.${j}`, 'unknown_fund', 'corporate.unknown_fund', { id }));
      else if (!ownFunds.has(id)) out.push(issue(`${at}.fundIds.${j}`, 'fund_not_of_town', 'corporate.fund_not_of_town', { id }));
    });
  });
  return out;
}

/** Trims names and drops repeated ids, so what is stored is what was meant. */
export function normalizePlanInput(input: RegionalPlanInput): RegionalPlanInput {
  return {
    name: input.name.trim(),
    approvedOn: input.approvedOn,
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
    projects: input.projects.map(normalizeProject),
  };
}

export function normalizeProject(p: PlanProject): PlanProject {
  return { name: p.name.trim(), challengeIds: [...new Set(p.challengeIds)], fundIds: [...new Set(p.fundIds)] };
}

export const planCovers = (plan: Pick<RegionalPlan, 'periodStart' | 'periodEnd'>, date: string) => plan.periodStart <= date && date <= plan.periodEnd;

export type PlanTarget = { kind: 'challenge'; id: string } | { kind: 'fund'; id: string };

export interface PlanMatch {
  plan: RegionalPlan;
  project: PlanProject;
}

function lists(project: PlanProject, target: PlanTarget): boolean {
  return target.kind === 'challenge' ? project.challengeIds.includes(target.id) : project.fundIds.includes(target.id);
}

/**
 * Where a target stands in a town's plans on a date: `eligible` with the plan and project that cover it,
 * `period` when it is listed only in plans whose period does not cover the date (ended or not started),
 * or `none` when no plan of the town lists it at all.
 */
export function planStanding(
  plans: RegionalPlan[],
  target: PlanTarget,
  date: string,
): { kind: 'eligible'; match: PlanMatch } | { kind: 'period'; ended: boolean; latestEnd: string } | { kind: 'none' } {
  const listed: PlanMatch[] = [];
  for (const plan of plans) for (const project of plan.projects) if (lists(project, target)) listed.push({ plan, project });
  if (!listed.length) return { kind: 'none' };
  // When several plans cover the date, the one running longest gives the pledge the most time to be paid.
  const covering = listed.filter((m) => planCovers(m.plan, date)).sort((a, b) => b.plan.periodEnd.localeCompare(a.plan.periodEnd));
  if (covering[0]) return { kind: 'eligible', match: covering[0] };
  const latestEnd = listed.map((m) => m.plan.periodEnd).sort().at(-1)!;
  return { kind: 'period', ended: latestEnd < date, latestEnd };
}

/** Every challenge and fund a town's plans make eligible on a date. */
export function eligibleTargets(plans: RegionalPlan[], date: string): { challengeIds: Set<string>; fundIds: Set<string> } {
  const challengeIds = new Set<string>();
  const fundIds = new Set<string>();
  for (const plan of plans) {
    if (!planCovers(plan, date)) continue;
    for (const p of plan.projects) {
      p.challengeIds.forEach((id) => challengeIds.add(id));
      p.fundIds.forEach((id) => fundIds.add(id));
    }
  }
  return { challengeIds, fundIds };
}
