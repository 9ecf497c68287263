/**
 * Paying a challenge's operating company for a milestone: the company asks, two different treasurers of
 * the paying town approve (neither the requester), the second approval reserves the money, a treasurer
 * marks the transfer paid. Who may do each step, and what each refusal and mail says, is decided here and
 * in domain/disbursements.ts; the store writes each step in one conditional transaction.
 */
import { hasRole, isAdmin, townsWithRole, type Actor } from '../domain/actor.js';
import type { Challenge } from '../domain/catalog.js';
import {
  assertCanApproveDisbursement,
  assertCanRejectDisbursement,
  defaultTransferDate,
  inTransferOrder,
  normalizeBankAccount,
  normalizePayee,
  paidEntry,
  REQUIRED_DISBURSEMENT_APPROVALS,
  reserveEntry,
  zenginTransfersOf,
  type Disbursement,
  type DisbursementApproval,
  type Payee,
  type TownBankAccount,
} from '../domain/disbursements.js';
import { DomainError } from '../domain/errors.js';
import { jstDate } from '../domain/jst.js';
import { accounts } from '../domain/ledger/accounts.js';
import { InsufficientFundsError } from '../domain/ledger/balances.js';
import { formatYen } from '../domain/money.js';
import { buildZenginTransferFile } from '../domain/zengin.js';
import { writeAudited } from '../store/audit.js';
import { getChallenge } from '../store/catalog.js';
import {
  getDisbursement as readDisbursement,
  getTownBankAccount as readBankAccount,
  insertDisbursement,
  listTownDisbursements as readTownDisbursements,
  putTownBankAccount,
  scheduledTransfers,
  writeDisbursementApproval,
  writeDisbursementPaid,
  writeDisbursementRejection,
} from '../store/disbursements.js';
import { audit, newId, rereadOnConflict } from '../store/governance.js';
import { readShards } from '../store/ledger.js';
import { treasurerEmails } from '../store/treasurer-mail.js';
import { getCompany } from '../store/users.js';
import type { ServiceContext } from './context.js';
import { companyMails, disbursementAwaitingMails } from './treasury-mail.js';

export interface RequestInput {
  challengeId: string;
  amount: number;
  milestone: string;
  invoiceNumber: string;
  payee: Payee;
}

/** The operating company of a published challenge, or why not. */
async function operatedChallenge(ctx: ServiceContext, actor: Actor, challengeId: string): Promise<Challenge> {
  const challenge = await getChallenge(ctx.db, challengeId);
  if (!challenge || challenge.status === 'draft') {
    const params = { challengeId };
    throw new DomainError('rule', 'unknown_challenge', `there is no published challenge ${challengeId}`, {
      key: 'disbursement_unknown_challenge',
      params,
      issues: [{ path: 'challengeId', code: 'unknown_challenge', key: 'disbursement_unknown_challenge', params, message: 'unknown challenge' }],
    });
  }
  if (!actor.companyId || actor.companyId !== challenge.operatorCompanyId) {
    throw new DomainError('forbidden', 'not_operator', 'only the operating company of this challenge can request a disbursement for it');
  }
  return challenge;
}

/**
 * The operating company asks for a payment; the paying town's treasurers are mailed.
 * @example await requestDisbursement(ctx, actor, { challengeId: 'yokoze-bandai-dx', amount: 100000, milestone: '第1期', invoiceNumber: 'INV-1', payee })
 */
export async function requestDisbursement(ctx: ServiceContext, actor: Actor, input: RequestInput): Promise<Disbursement> {
  const challenge = await operatedChallenge(ctx, actor, input.challengeId);
  const { payee, problems } = normalizePayee(input.payee);
  if (!payee) throw new DomainError('invalid', 'bad_payee', problems[0]!.message, { key: 'payee_invalid', params: { field: problems[0]!.path ?? 'payee' }, issues: problems });
  const available = (await readShards(ctx.db, accounts.challengeAvailable(challenge.id))).total;
  if (input.amount > available) {
    const params = { available: formatYen(available), amount: formatYen(input.amount) };
    throw new DomainError('rule', 'over_limit', `the challenge has ${formatYen(available)} not yet paid out or reserved; ${formatYen(input.amount)} is more than that`, {
      params,
      issues: [{ path: 'amount', code: 'over_limit', params, message: `at most ${formatYen(available)}` }],
    });
  }
  const requestedAt = ctx.now().toISOString();
  const d: Disbursement = {
    id: newId('db'),
    challengeId: challenge.id,
    town: challenge.leadTown,
    companyId: actor.companyId!,
    amount: input.amount,
    milestone: input.milestone,
    invoiceNumber: input.invoiceNumber,
    payee,
    status: 'requested',
    requestedBy: actor.sub,
    requestedByName: actor.name,
    requestedAt,
    requestedOn: jstDate(new Date(requestedAt)),
    approvers: [],
    approvals: [],
  };
  await insertDisbursement(
    ctx.db,
    d,
    disbursementAwaitingMails(d, challenge, await treasurerEmails(ctx.db, [d.town])),
    audit(`town:${d.town}`, {
      actor: actor.sub,
      role: `company:${actor.companyId}`,
      action: 'disbursement.request',
      target: `disbursement:${d.id}`,
      after: { challengeId: d.challengeId, amount: d.amount, milestone: d.milestone, invoiceNumber: d.invoiceNumber, payee: d.payee },
      requestId: ctx.requestId,
    }),
  );
  return d;
}

/** The operating company, the paying town's treasurers and admins. */
function canRead(actor: Actor, d: Disbursement): boolean {
  return isAdmin(actor) || townsWithRole(actor, 'treasurer').includes(d.town) || Boolean(actor.companyId && actor.companyId === d.companyId && hasRole(actor, 'company'));
}

/**
 * One disbursement with its approvals, for the people it concerns.
 * @example const d = await getDisbursement(ctx, actor, 'db_x')
 */
export async function getDisbursement(ctx: ServiceContext, actor: Actor, id: string): Promise<Disbursement> {
  const d = await readDisbursement(ctx.db, id);
  if (!canRead(actor, d)) throw new DomainError('forbidden', 'forbidden', 'only the operating company and the paying town’s treasurers can read this disbursement', { key: 'disbursement_read_forbidden' });
  return d;
}

export interface TreasurerDisbursementView {
  disbursement: Disbursement;
  challengeTitle: string;
  canApprove: boolean;
  canReject: boolean;
  canMarkPaid: boolean;
}

/**
 * A disbursement as a treasurer of the paying town sees it, with what they may do next (anyone else is refused).
 * @example const v = await disbursementForTreasurer(ctx, actor, 'db_x')
 */
export async function disbursementForTreasurer(ctx: ServiceContext, actor: Actor, id: string): Promise<TreasurerDisbursementView> {
  const d = await readDisbursement(ctx.db, id);
  if (!townsWithRole(actor, 'treasurer').includes(d.town)) throw new DomainError('forbidden', 'not_treasurer', `only a treasurer of the paying town ${d.town} can see this disbursement here`);
  const challenge = await getChallenge(ctx.db, d.challengeId);
  return {
    disbursement: d,
    challengeTitle: challenge?.title ?? d.challengeId,
    canApprove: d.status === 'requested' && d.requestedBy !== actor.sub && !d.approvers.includes(actor.sub),
    canReject: d.status === 'requested',
    canMarkPaid: d.status === 'scheduled',
  };
}

export interface ApproveDisbursementResult {
  disbursement: Disbursement;
  /** True when this was the second approval: the money is reserved and the transfer scheduled. */
  scheduled: boolean;
}

/**
 * Approves as a treasurer of the paying town (not the requester, not twice); the second approval
 * reserves the money and schedules the transfer.
 * @example const { scheduled } = await approveDisbursement(ctx, actor, 'db_x', { paymentDate: '2026-05-01' })
 */
export async function approveDisbursement(ctx: ServiceContext, actor: Actor, id: string, input: { comment?: string; paymentDate?: string } = {}): Promise<ApproveDisbursementResult> {
  return rereadOnConflict(async () => {
    const at = ctx.now().toISOString();
    const day = jstDate(new Date(at));
    const d = await readDisbursement(ctx.db, id);
    assertCanApproveDisbursement(d, actor);
    if (input.paymentDate && input.paymentDate < day) {
      throw new DomainError('rule', 'past_payment_date', `the transfer date ${input.paymentDate} has passed; name today or a later day`, { issues: [{ path: 'paymentDate', code: 'past_payment_date', message: 'today or later' }] });
    }
    const note: DisbursementApproval = { by: actor.sub, name: actor.name, comment: input.comment, at };
    const seen = d.approvers.length;
    const second = seen + 1 >= REQUIRED_DISBURSEMENT_APPROVALS;
    const paymentDate = input.paymentDate ?? (d as Disbursement & { paymentDate?: string }).paymentDate;
    const scheduledFor = second ? (paymentDate ?? defaultTransferDate(day)) : undefined;
    const sets: Record<string, unknown> = { approvalCount: seen + 1 };
    if (input.paymentDate) sets.paymentDate = input.paymentDate;
    if (second) Object.assign(sets, { status: 'scheduled', scheduledFor, scheduledAt: at });
    const change = audit(`town:${d.town}`, {
      actor: actor.sub,
      role: `treasurer:${d.town}`,
      action: second ? 'disbursement.approve_and_schedule' : 'disbursement.approve',
      target: `disbursement:${id}`,
      before: { status: d.status, approvers: d.approvers },
      after: { status: second ? 'scheduled' : 'requested', approvers: [...d.approvers, actor.sub], comment: input.comment, scheduledFor },
      requestId: ctx.requestId,
    });
    const next: Disbursement = { ...d, ...(sets as Partial<Disbursement>), approvers: [...d.approvers, actor.sub], approvals: [...d.approvals, note] };
    if (!second) {
      await writeDisbursementApproval(ctx.db, d, note, sets, change);
      return { disbursement: next, scheduled: false };
    }
    const company = await getCompany(ctx.db, d.companyId);
    try {
      await writeDisbursementApproval(ctx.db, d, note, sets, change, {
        reserve: reserveEntry(d, day, company?.name),
        mails: companyMails(d, 'scheduled', company?.contactEmail, { date: scheduledFor }),
      });
    } catch (e) {
      if (e instanceof InsufficientFundsError) {
        throw new DomainError(
          'conflict',
          'insufficient_funds',
          `the challenge has ${formatYen(e.available)} available, less than the ${formatYen(d.amount)} requested; nothing was reserved, your approval was not recorded and the request stays requested`,
          { key: 'disbursement_short', params: { available: formatYen(e.available), needed: formatYen(d.amount) }, issues: [{ path: 'amount', code: 'insufficient_funds', params: { account: e.account, needed: e.needed, available: e.available }, message: e.message }] },
        );
      }
      throw e;
    }
    return { disbursement: next, scheduled: true };
  });
}

/**
 * Rejects a request, with a reason the company is mailed (a treasurer of the paying town, until approved).
 * @example await rejectDisbursement(ctx, actor, 'db_x', '請求書の金額が契約と異なります')
 */
export async function rejectDisbursement(ctx: ServiceContext, actor: Actor, id: string, reason: string): Promise<Disbursement> {
  return rereadOnConflict(async () => {
    const at = ctx.now().toISOString();
    const d = await readDisbursement(ctx.db, id);
    assertCanRejectDisbursement(d, actor);
    const rejection = { by: actor.sub, name: actor.name, reason, at };
    const company = await getCompany(ctx.db, d.companyId);
    await writeDisbursementRejection(
      ctx.db,
      d,
      rejection,
      companyMails(d, 'rejected', company?.contactEmail, { reason }),
      audit(`town:${d.town}`, { actor: actor.sub, role: `treasurer:${d.town}`, action: 'disbursement.reject', target: `disbursement:${id}`, before: { status: d.status }, after: { status: 'rejected', reason }, requestId: ctx.requestId }),
    );
    return { ...d, status: 'rejected', rejection };
  });
}

export interface PaidResult {
  disbursement: Disbursement;
  /** True when it had already been marked paid with this date: nothing was posted this time. */
  duplicate: boolean;
}

/**
 * Marks the bank transfer made (a treasurer of the paying town); posts the payment once, however often it is submitted.
 * @example await markDisbursementPaid(ctx, actor, 'db_x', '2026-05-01')
 */
export async function markDisbursementPaid(ctx: ServiceContext, actor: Actor, id: string, paidOn: string): Promise<PaidResult> {
  return rereadOnConflict(async () => {
    const at = ctx.now().toISOString();
    const d = await readDisbursement(ctx.db, id);
    if (!townsWithRole(actor, 'treasurer').includes(d.town)) throw new DomainError('forbidden', 'not_treasurer', `only a treasurer of the paying town ${d.town} can mark this disbursement paid`);
    if (d.status === 'paid') {
      if (d.paidOn === paidOn) return { disbursement: d, duplicate: true };
      throw new DomainError('conflict', 'already_paid', `this disbursement was already marked paid on ${d.paidOn}`);
    }
    if (d.status !== 'scheduled') throw new DomainError('conflict', 'not_scheduled', `this disbursement is ${d.status}; only a scheduled (approved) disbursement can be marked paid`);
    if (paidOn > jstDate(new Date(at))) {
      throw new DomainError('rule', 'future_date', `${paidOn} is in the future; mark the transfer paid once the bank has made it`, { issues: [{ path: 'paidOn', code: 'future_date', message: 'today or earlier' }] });
    }
    if (paidOn < d.requestedOn) {
      throw new DomainError('rule', 'before_request', `the transfer date ${paidOn} is before the request (${d.requestedOn})`, { issues: [{ path: 'paidOn', code: 'before_request', message: `on or after ${d.requestedOn}` }] });
    }
    const company = await getCompany(ctx.db, d.companyId);
    const sets = { status: 'paid', paidOn, paidBy: actor.sub, paidAt: at };
    await writeDisbursementPaid(
      ctx.db,
      d,
      sets,
      paidEntry(d, paidOn, company?.name),
      companyMails(d, 'paid', company?.contactEmail, { date: paidOn }),
      audit(`town:${d.town}`, { actor: actor.sub, role: `treasurer:${d.town}`, action: 'disbursement.paid', target: `disbursement:${id}`, before: { status: 'scheduled' }, after: { status: 'paid', paidOn }, requestId: ctx.requestId }),
    );
    return { disbursement: { ...d, ...(sets as Partial<Disbursement>) }, duplicate: false };
  });
}

/** A treasurer of the town, or an admin. */
function assertTownTreasurerOrAdmin(actor: Actor, town: string): void {
  if (!hasRole(actor, 'treasurer', town) && !isAdmin(actor)) throw new DomainError('forbidden', 'forbidden', `this needs the treasurer role for town ${town}`, { key: 'town_role_required', params: { role: 'treasurer', town } });
}

/** Only the town's own treasurers: payment files, donor data and the town's account are the town's, not the network's. */
export function assertOwnTreasurer(actor: Actor, town: string, what: string): void {
  assertTownTreasurerOrAdmin(actor, town);
  if (!townsWithRole(actor, 'treasurer').includes(town)) throw new DomainError('forbidden', 'forbidden', `only a treasurer of ${town} can ${what}`, { key: 'own_treasurer_only', params: { town } });
}

/**
 * The disbursements a town pays, newest first (its treasurers, admins).
 * @example await listTownDisbursements(ctx, actor, '113611')
 */
export async function listTownDisbursements(ctx: ServiceContext, actor: Actor, town: string): Promise<Disbursement[]> {
  assertTownTreasurerOrAdmin(actor, town);
  return readTownDisbursements(ctx.db, town);
}

/**
 * The town's own bank account (its treasurers, admins); not found until a treasurer sets it.
 * @example await getTownBankAccount(ctx, actor, '113611')
 */
export async function getTownBankAccount(ctx: ServiceContext, actor: Actor, town: string): Promise<TownBankAccount> {
  assertTownTreasurerOrAdmin(actor, town);
  const account = await readBankAccount(ctx.db, town);
  if (!account) throw new DomainError('not_found', 'not_found', 'bank account not found', { key: 'bank_account_not_found', params: { town } });
  return account;
}

/**
 * Sets the town's own bank account (a treasurer of the town); kana are stored half-width.
 * @example await setTownBankAccount(ctx, actor, '113611', account)
 */
export async function setTownBankAccount(ctx: ServiceContext, actor: Actor, town: string, input: TownBankAccount): Promise<TownBankAccount> {
  assertOwnTreasurer(actor, town, 'set its bank account');
  const { account, problems } = normalizeBankAccount(input);
  if (!account) throw new DomainError('invalid', 'bad_bank_account', problems[0]!.message, { key: 'bank_account_invalid', params: { field: problems[0]!.path ?? 'account' }, issues: problems });
  const before = await readBankAccount(ctx.db, town);
  await putTownBankAccount(
    ctx.db,
    town,
    account,
    actor.sub,
    audit(`town:${town}`, { actor: actor.sub, role: `treasurer:${town}`, action: 'town.bank_account.set', target: `town:${town}:bank-account`, before, after: account, requestId: ctx.requestId }),
  );
  return account;
}

/**
 * The scheduled disbursements of one transfer date as a 全銀協 総合振込 file (Shift_JIS bytes); the download is audited.
 * @example const { bytes, filename } = await zenginFile(ctx, actor, '113611', '2026-05-01')
 */
export async function zenginFile(ctx: ServiceContext, actor: Actor, town: string, date: string): Promise<{ bytes: Uint8Array<ArrayBuffer>; filename: string }> {
  assertOwnTreasurer(actor, town, 'download its files');
  const account = await readBankAccount(ctx.db, town);
  if (!account) throw new DomainError('rule', 'no_bank_account', `set the town's bank account first (PUT /api/towns/${town}/bank-account)`, { params: { town } });
  const list = inTransferOrder(await scheduledTransfers(ctx.db, town, date));
  if (!list.length) throw new DomainError('not_found', 'no_transfers', `no scheduled disbursements for ${date}`, { params: { date } });
  const bytes = buildZenginTransferFile({
    transferDate: date,
    requester: {
      code: account.requesterCode,
      nameKana: account.requesterNameKana,
      bankCode: account.bankCode,
      bankNameKana: account.bankNameKana,
      branchCode: account.branchCode,
      branchNameKana: account.branchNameKana,
      accountType: account.accountType,
      accountNumber: account.accountNumber,
    },
    transfers: zenginTransfersOf(list),
  });
  const total = list.reduce((a, d) => a + d.amount, 0);
  await writeAudited(ctx.db, [], audit(`town:${town}`, { actor: actor.sub, role: `treasurer:${town}`, action: 'zengin.export', target: `town:${town}:zengin:${date}`, after: { date, count: list.length, total, disbursements: list.map((d) => d.id) }, requestId: ctx.requestId }));
  return { bytes: new Uint8Array(bytes), filename: `zengin-${town}-${date.replaceAll('-', '')}.txt` };
}

export interface RequestBoard {
  challenge: Challenge;
  /** What the challenge has not yet paid out or reserved. */
  limit: number;
  /** This company's requests for the challenge, newest first. */
  requests: Disbursement[];
}

/**
 * The operating company's request page: the limit and its earlier requests (anyone else is refused;
 * an unknown or draft challenge is not found).
 * @example const board = await disbursementRequestBoard(ctx, actor, 'yokoze-bandai-dx')
 */
export async function disbursementRequestBoard(ctx: ServiceContext, actor: Actor, challengeId: string): Promise<RequestBoard> {
  const challenge = await getChallenge(ctx.db, challengeId);
  if (!challenge || challenge.status === 'draft') throw new DomainError('not_found', 'not_found', `challenge ${challengeId} not found`, { key: 'disbursement_challenge_not_found', params: { challengeId } });
  if (!hasRole(actor, 'company') || !actor.companyId || actor.companyId !== challenge.operatorCompanyId) throw new DomainError('forbidden', 'not_operator', 'only the operating company of this challenge can use this page');
  const [limit, list] = await Promise.all([readShards(ctx.db, accounts.challengeAvailable(challenge.id)), readTownDisbursements(ctx.db, challenge.leadTown)]);
  return { challenge, limit: limit.total, requests: list.filter((d) => d.challengeId === challenge.id && d.companyId === actor.companyId) };
}
