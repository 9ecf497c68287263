import { describe, expect, it } from 'vitest';
import {
  allocationRequirement,
  approvalTownFor,
  governanceRequirement,
  isDecisionComplete,
  rejectionTownFor,
  validateRule,
  type TownDecision,
} from '../../functions/domain/governance.js';
import type { Actor } from '../../functions/domain/actor.js';
import type { DomainError } from '../../functions/domain/errors.js';

/** A person holding the treasurer role of these towns, as the domain sees them. */
const tr = (sub: string, ...towns: string[]): Actor => ({ sub, roles: towns.map((t) => `treasurer:${t}`) });

const Y = '113611';
const B = '074071';
const A = '325252';
const now = new Date('2026-12-01T00:00:00Z');
const open = (over: Partial<TownDecision> = {}): TownDecision => ({
  status: 'proposed',
  deadlineAt: '2026-12-15T00:00:00.000Z',
  requirement: { eligible: [Y, B], needed: 2 },
  approvedTowns: [],
  approvers: [],
  ...over,
});
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as DomainError).code;
  }
  return 'ok';
};

describe('who must approve', () => {
  it('all_drawn: every drawn town, each once; quorum: that many member towns', () => {
    expect(allocationRequirement({ rule: 'all_drawn' }, [Y, B, A], [Y, B, B])).toEqual({ eligible: [Y, B], needed: 2 });
    expect(allocationRequirement({ rule: 'quorum', quorum: 2 }, [Y, B, A], [A])).toEqual({ eligible: [Y, B, A], needed: 2 });
    expect(allocationRequirement({ rule: 'quorum', quorum: 5 }, [Y, B], [Y]).needed).toBe(2);
    expect(governanceRequirement([Y, B, A])).toEqual({ eligible: [Y, B, A], needed: 3 });
  });

  it('completes on distinct eligible towns only', () => {
    expect(isDecisionComplete([Y], { eligible: [Y, B], needed: 2 })).toBe(false);
    expect(isDecisionComplete([Y, Y], { eligible: [Y, B], needed: 2 })).toBe(false);
    expect(isDecisionComplete([Y, A], { eligible: [Y, B], needed: 2 })).toBe(false);
    expect(isDecisionComplete([B, Y], { eligible: [Y, B], needed: 2 })).toBe(true);
  });

  it('validates quorum rules against the member count', () => {
    expect(validateRule({ rule: 'all_drawn' }, [Y, B, A])).toEqual([]);
    expect(validateRule({ rule: 'quorum', quorum: 3 }, [Y, B, A])).toEqual([]);
    expect(validateRule({ rule: 'quorum', quorum: 0 }, [Y, B, A])[0]?.path).toBe('quorum');
    expect(validateRule({ rule: 'quorum', quorum: 4 }, [Y, B, A])[0]?.path).toBe('quorum');
    expect(validateRule({ rule: 'quorum', quorum: 1.5 }, [Y, B, A])[0]?.path).toBe('quorum');
  });
});

describe('an approval counts for one town of the approver, once', () => {
  it('counts for the approver’s own eligible town', () => {
    expect(approvalTownFor(open(), tr('ty', Y), undefined, now, 'x')).toBe(Y);
    expect(approvalTownFor(open({ approvedTowns: [Y], approvers: ['ty'] }), tr('tb', B), undefined, now, 'x')).toBe(B);
  });

  it('refuses twice by a person, twice for a town, other towns, non-eligible towns, closed and expired', () => {
    expect(code(() => approvalTownFor(open({ approvedTowns: [Y], approvers: ['ty'] }), tr('ty', Y), undefined, now, 'x'))).toBe('already_approved');
    expect(code(() => approvalTownFor(open({ approvedTowns: [Y], approvers: ['ty'] }), tr('ty2', Y), undefined, now, 'x'))).toBe('town_already_approved');
    expect(code(() => approvalTownFor(open(), tr('ta', A), undefined, now, 'x'))).toBe('not_eligible');
    expect(code(() => approvalTownFor(open(), tr('ty', Y), B, now, 'x'))).toBe('not_your_town');
    expect(code(() => approvalTownFor(open({ status: 'approved' }), tr('ty', Y), undefined, now, 'x'))).toBe('not_open');
    expect(code(() => approvalTownFor(open(), tr('ty', Y), undefined, new Date('2026-12-15T00:00:00Z'), 'x'))).toBe('expired');
    expect(code(() => approvalTownFor(open(), tr('admin'), undefined, now, 'x'))).toBe('not_eligible');
  });

  it('a treasurer of two pending towns must name one, and then counts once only', () => {
    const both = tr('tyb', Y, B);
    expect(code(() => approvalTownFor(open(), both, undefined, now, 'x'))).toBe('town_required');
    expect(approvalTownFor(open(), both, B, now, 'x')).toBe(B);
    expect(code(() => approvalTownFor(open({ approvedTowns: [B], approvers: ['tyb'] }), both, Y, now, 'x'))).toBe('already_approved');
  });

  it('only a town that has not approved may reject', () => {
    expect(rejectionTownFor(open(), tr('tb', B), undefined, now, 'x')).toBe(B);
    expect(code(() => rejectionTownFor(open({ approvedTowns: [Y], approvers: ['ty'] }), tr('ty2', Y), undefined, now, 'x'))).toBe('town_already_approved');
    expect(code(() => rejectionTownFor(open(), tr('ta', A), undefined, now, 'x'))).toBe('not_eligible');
    expect(code(() => rejectionTownFor(open({ status: 'rejected' }), tr('tb', B), undefined, now, 'x'))).toBe('not_open');
  });
});
