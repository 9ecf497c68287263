/**
 * How towns that pool money decide together. A pooled fund's rule says whose approval an allocation
 * needs: every town whose share it draws on ('all_drawn', the default), or a quorum of member towns.
 * Changing the rule itself needs every member town, so no town can be outvoted on the rule that
 * protects its own share.
 *
 * Approvals are counted per town, never per person: a town approves once, through any one of its
 * treasurers, and a person approves at most once per decision even if they hold several towns. That is
 * what keeps "several towns decide" from collapsing into "one busy treasurer decides".
 */
import { townsWithRole, type Actor } from './actor.js';
import type { Fund } from './catalog.js';
import { DomainError, type Issue } from './errors.js';
import type { TownCode } from './municipality.js';

export type GovernanceRule = Fund['governance'];

/** A rule change waits this long for every member town before it lapses. */
export const GOVERNANCE_PROPOSAL_DAYS = 30;

export function validateRule(rule: GovernanceRule, members: readonly TownCode[]): Issue[] {
  if (rule.rule === 'all_drawn') return [];
  if (!Number.isSafeInteger(rule.quorum) || rule.quorum < 1 || rule.quorum > members.length) {
    return [{ path: 'quorum', code: 'quorum_range', params: { n: members.length }, message: `the quorum must be a whole number from 1 to ${members.length} (the number of member towns)` }];
  }
  return [];
}

export function sameRule(a: GovernanceRule, b: GovernanceRule): boolean {
  return a.rule === b.rule && (a.rule !== 'quorum' || (b.rule === 'quorum' && a.quorum === b.quorum));
}

/** Who may decide and how many towns must say yes. */
export interface Requirement {
  /** Towns whose treasurers may approve (and reject). */
  eligible: TownCode[];
  /** Distinct towns that must approve. */
  needed: number;
}

/** The towns a decision needs, given the fund's rule and the towns drawn on. */
export function allocationRequirement(rule: GovernanceRule, members: readonly TownCode[], drawnTowns: readonly TownCode[]): Requirement {
  if (rule.rule === 'quorum') return { eligible: [...members], needed: Math.min(rule.quorum, members.length) };
  return { eligible: [...new Set(drawnTowns)], needed: new Set(drawnTowns).size };
}

/** A rule change needs every member town. */
export function governanceRequirement(members: readonly TownCode[]): Requirement {
  return { eligible: [...members], needed: members.length };
}

/** The state of a multi-town decision that approval checks need. */
export interface TownDecision {
  status: string;
  /** ISO instant after which the decision can no longer be approved. */
  deadlineAt: string;
  requirement: Requirement;
  approvedTowns: TownCode[];
  /** Subjects (user ids) of everyone who approved, whatever town they approved for. */
  approvers: string[];
}

export function isDecisionExpired(d: Pick<TownDecision, 'deadlineAt'>, now: Date): boolean {
  return now.getTime() >= Date.parse(d.deadlineAt);
}

export function isDecisionComplete(approvedTowns: readonly TownCode[], requirement: Requirement): boolean {
  return new Set(approvedTowns.filter((t) => requirement.eligible.includes(t))).size >= requirement.needed;
}

/**
 * For which town this person's approval counts, or why it cannot count. A person holding several
 * eligible towns that have not yet approved must say which one (`town`): one person, one approval.
 */
export function approvalTownFor(d: TownDecision, actor: Actor, requestedTown: string | undefined, now: Date, what: string): TownCode {
  if (d.status !== 'proposed') throw new DomainError('conflict', 'not_open', `this ${what} is ${d.status}; only a proposed ${what} can be approved`);
  if (isDecisionExpired(d, now)) throw new DomainError('conflict', 'expired', `this ${what} expired on ${d.deadlineAt}; propose it again`);
  if (d.approvers.includes(actor.sub)) throw new DomainError('conflict', 'already_approved', `you have already approved this ${what}; nobody approves twice`);
  const mine = townsWithRole(actor, 'treasurer');
  const held = d.requirement.eligible.filter((t) => mine.includes(t));
  if (!held.length) throw new DomainError('forbidden', 'not_eligible', `only a treasurer of ${d.requirement.eligible.join(', ')} can approve this ${what}`);
  if (requestedTown !== undefined) {
    if (!held.includes(requestedTown)) throw new DomainError('forbidden', 'not_your_town', `you cannot approve for town ${requestedTown}: approve for a town you are treasurer of (${held.join(', ')})`);
    if (d.approvedTowns.includes(requestedTown)) throw new DomainError('conflict', 'town_already_approved', `town ${requestedTown} has already approved this ${what}`);
    return requestedTown;
  }
  const open = held.filter((t) => !d.approvedTowns.includes(t));
  if (!open.length) throw new DomainError('conflict', 'town_already_approved', `your town (${held.join(', ')}) has already approved this ${what}`);
  if (open.length > 1) {
    throw new DomainError('invalid', 'town_required', `you are treasurer of several towns that have not approved (${open.join(', ')}); say which one with "town"`, {
      issues: [{ path: 'town', code: 'town_required', message: 'required when you hold several towns' }],
    });
  }
  return open[0]!;
}

/** Who may reject: a treasurer of an eligible town that has not approved, while the decision is open. */
export function rejectionTownFor(d: TownDecision, actor: Actor, requestedTown: string | undefined, now: Date, what: string): TownCode {
  if (d.status !== 'proposed') throw new DomainError('conflict', 'not_open', `this ${what} is ${d.status}; only a proposed ${what} can be rejected`);
  if (isDecisionExpired(d, now)) throw new DomainError('conflict', 'expired', `this ${what} expired on ${d.deadlineAt}`);
  const mine = townsWithRole(actor, 'treasurer');
  const held = d.requirement.eligible.filter((t) => mine.includes(t));
  if (!held.length) throw new DomainError('forbidden', 'not_eligible', `only a treasurer of ${d.requirement.eligible.join(', ')} can reject this ${what}`);
  const open = held.filter((t) => !d.approvedTowns.includes(t) && (requestedTown === undefined || t === requestedTown));
  if (!open.length) throw new DomainError('conflict', 'town_already_approved', `your town has already approved this ${what}; a town that approved cannot reject it`);
  return open[0]!;
}

export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * 24 * 60 * 60 * 1000).toISOString();
}

export type GovernanceProposalStatus = 'proposed' | 'applied' | 'rejected' | 'expired';

export interface DecisionNote {
  town: TownCode;
  by: string;
  name?: string;
  comment?: string;
  at: string;
}

export interface GovernanceProposal {
  id: string;
  fundId: string;
  rule: GovernanceRule;
  /** The rule version the proposal was made against: a proposal never overwrites a newer change. */
  baseVersion: number;
  status: GovernanceProposalStatus;
  requirement: Requirement;
  approvedTowns: TownCode[];
  approvers: string[];
  approvals: DecisionNote[];
  proposedBy: string;
  proposedByName?: string;
  proposerTown: TownCode;
  comment?: string;
  createdAt: string;
  deadlineAt: string;
  decidedAt?: string;
  rejection?: DecisionNote;
}

export function effectiveGovernanceStatus(p: Pick<GovernanceProposal, 'status' | 'deadlineAt'>, now: Date): GovernanceProposalStatus {
  return p.status === 'proposed' && isDecisionExpired(p, now) ? 'expired' : p.status;
}
