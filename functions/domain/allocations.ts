/**
 * Allocations: moving money from towns' shares of a pooled fund to a challenge, decided jointly.
 * A treasurer proposes how much each town's share gives (or asks for a split by share size); the towns
 * the fund's rule names approve; the last approval moves the money in one journal entry. Nothing moves
 * before that, and a proposal that nobody completes lapses.
 *
 * The proposer does not approve by proposing: proposing drafts, approving signs. The proposer approves
 * like everyone else, for their own town only, so "both towns approved" always means two deliberate
 * approvals by two towns' treasurers.
 */
import type { Fund } from './catalog.js';
import { accounts } from './ledger/accounts.js';
import type { JournalEntry } from './ledger/entry.js';
import { isYen, type Yen } from './money.js';
import type { TownCode } from './municipality.js';
import { DomainError, type Issue } from './errors.js';
import { allocationRequirement, isDecisionExpired, type DecisionNote, type GovernanceRule, type Requirement } from './governance.js';

export type AllocationStatus = 'proposed' | 'approved' | 'rejected' | 'expired';
export const ALLOCATION_STATUSES: readonly AllocationStatus[] = ['proposed', 'approved', 'rejected', 'expired'];

/** Default life of a proposal; the scheduled task marks older ones expired. */
export const ALLOCATION_EXPIRY_DAYS = 14;
/**
 * At most this many towns per allocation. One execution is one DynamoDB transaction (≤100 items); a
 * drawn share may be split over up to 8 balance shards (2 items each), so 5 draws stay well inside.
 */
export const MAX_DRAWS = 5;

export interface Draw {
  town: TownCode;
  amount: Yen;
}

export interface Allocation {
  id: string;
  fundId: string;
  fundName: string;
  challengeId: string;
  challengeTitle: string;
  /** The challenge's lead town: the entry is booked there. */
  challengeLeadTown: TownCode;
  draws: Draw[];
  total: Yen;
  comment?: string;
  status: AllocationStatus;
  /** The fund's rule when proposed: a later rule change does not move the goalposts of open proposals. */
  rule: GovernanceRule;
  requirement: Requirement;
  approvedTowns: TownCode[];
  approvers: string[];
  approvals: DecisionNote[];
  proposedBy: string;
  proposedByName?: string;
  proposerTown: TownCode;
  createdAt: string;
  /** JST date of the proposal. */
  proposedOn: string;
  deadlineAt: string;
  decidedAt?: string;
  /** JST date the money moved (the journal entry's date). */
  executedOn?: string;
  entryId?: string;
  rejection?: DecisionNote;
  expiredAt?: string;
}

export const allocationEntryId = (id: string) => `allocation:${id}:executed`;

/** What a reader sees: a proposal past its deadline is expired even before the task has marked it. */
export function effectiveAllocationStatus(a: Pick<Allocation, 'status' | 'deadlineAt'>, now: Date): AllocationStatus {
  return a.status === 'proposed' && isDecisionExpired(a, now) ? 'expired' : a.status;
}

/** Shape rules for draws: member towns, each once, whole yen above zero. Balances are the store's job. */
export function drawProblems(draws: readonly Draw[], fund: Pick<Fund, 'members'>): Issue[] {
  const problems: Issue[] = [];
  if (draws.length === 0) problems.push({ path: 'draws', code: 'empty', key: 'allocation_no_draws', message: 'name at least one town share to draw from' });
  if (draws.length > MAX_DRAWS) problems.push({ path: 'draws', code: 'too_many', key: 'allocation_too_many_draws', params: { max: MAX_DRAWS }, message: `at most ${MAX_DRAWS} towns per allocation` });
  const seen = new Set<string>();
  draws.forEach((d, i) => {
    if (!fund.members.includes(d.town)) problems.push({ path: `draws.${i}.town`, code: 'not_member', params: { town: d.town }, message: `town ${d.town} is not a member of this fund` });
    if (seen.has(d.town)) problems.push({ path: `draws.${i}.town`, code: 'duplicate', message: `town ${d.town} is named twice; give one amount per town`, key: 'allocation_town_twice', params: { town: d.town } });
    seen.add(d.town);
    if (!isYen(d.amount) || d.amount <= 0) problems.push({ path: `draws.${i}.amount`, code: 'amount', key: 'allocation_amount', message: 'each amount must be a whole number of yen above zero' });
  });
  return problems;
}

/**
 * Splits `amount` over the shares in proportion to their size, in whole yen. Each town gets the floor
 * of its exact part; the yen left over go to the largest share (ties: the first listed), and only if
 * that share cannot take them all, on to the next largest, so that no draw ever exceeds its share.
 * Towns whose part is zero are left out. Uses BigInt so amount × share cannot lose precision.
 */
export function splitByShare(amount: Yen, shares: readonly { town: TownCode; available: Yen }[]): Draw[] {
  if (!isYen(amount) || amount <= 0) throw new DomainError('invalid', 'amount', 'the amount must be a whole number of yen above zero', { key: 'allocation_amount', issues: [{ path: 'amount', code: 'amount', key: 'allocation_amount', message: 'must be > 0' }] });
  const usable = shares.filter((s) => s.available > 0);
  const total = usable.reduce((a, s) => a + s.available, 0);
  if (amount > total) {
    throw new DomainError('rule', 'insufficient_share', `the shares hold ¥${total} in all, less than the ¥${amount} asked for`, {
      params: { available: total, amount },
      issues: [{ path: 'amount', code: 'insufficient_share', params: { available: total, amount }, message: `at most ¥${total}` }],
    });
  }
  const parts = usable.map((s) => ({ town: s.town, available: s.available, amount: Number((BigInt(amount) * BigInt(s.available)) / BigInt(total)) }));
  let left = amount - parts.reduce((a, p) => a + p.amount, 0);
  const largestFirst = [...parts].sort((a, b) => b.available - a.available);
  for (const p of largestFirst) {
    if (left === 0) break;
    const room = p.available - p.amount;
    const take = Math.min(room, left);
    p.amount += take;
    left -= take;
  }
  return parts.filter((p) => p.amount > 0).map((p) => ({ town: p.town, amount: p.amount }));
}

/** The fields of a new proposal that follow from the rule; ids, times and people come from the store. */
export function newAllocationDecision(fund: Pick<Fund, 'members' | 'governance'>, draws: readonly Draw[]) {
  const rule = fund.governance ?? { rule: 'all_drawn' };
  return {
    rule,
    requirement: allocationRequirement(rule, fund.members, draws.map((d) => d.town)),
    total: draws.reduce((a, d) => a + d.amount, 0),
  };
}

/**
 * The one entry that executes an allocation: each drawn share is debited (its liability falls), the
 * challenge's available money is credited with the total. The ledger refuses it if a share no longer
 * covers its draw. Booked to the challenge's lead town, where the money now works.
 */
export function allocationEntry(
  a: Pick<Allocation, 'id' | 'fundId' | 'challengeId' | 'draws' | 'total'>,
  opts: { date: string; town: TownCode; fundName: string },
): JournalEntry {
  return {
    id: allocationEntryId(a.id),
    date: opts.date,
    memo: `${opts.fundName}から配分 / allocation from the fund (${a.id})`,
    channel: 'allocation',
    town: opts.town,
    counterpart: opts.fundName,
    postings: [
      ...a.draws.map((d) => ({ account: accounts.fundShare(a.fundId, d.town), amount: d.amount })),
      { account: accounts.challengeAvailable(a.challengeId), amount: -a.total },
    ],
  };
}

/** Challenges an allocation may go to: published, still running, in at least one member town. */
export function allocationTargetProblem(
  challenge: { status: string; towns: readonly TownCode[] },
  fund: Pick<Fund, 'members'>,
): string | undefined {
  if (challenge.status === 'draft' || challenge.status === 'completed') return `the challenge is ${challenge.status}; allocations go to published challenges that are not completed`;
  if (!challenge.towns.some((t) => fund.members.includes(t))) return 'the challenge involves none of the fund’s member towns';
  return undefined;
}
