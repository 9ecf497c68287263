/**
 * Disbursements: paying the operating company of a challenge for a milestone. The company asks; two
 * different treasurers of the paying town (the challenge's lead town) approve, neither of them the
 * person who asked; the second approval reserves the money in the ledger (challenge available →
 * payable) and schedules the bank transfer; the treasurer marks it paid with the transfer date, which
 * moves payable → the town's bank account. A request can be rejected, with a reason, until approved.
 *
 *   requested ──(2nd approval, ledger reserve)──▶ scheduled ──(paid, ledger pay)──▶ paid
 *       └──(reject with reason)──▶ rejected
 */
import { accounts } from './ledger/accounts.js';
import type { JournalEntry } from './ledger/entry.js';
import type { Yen } from './money.js';
import type { TownCode } from './municipality.js';
import { townsWithRole, type Actor } from './actor.js';
import { DomainError, type Issue } from './errors.js';
import { toHalfWidthKana, type ZenginAccountType, type ZenginTransfer } from './zengin.js';

export type DisbursementStatus = 'requested' | 'scheduled' | 'paid' | 'rejected';
export const DISBURSEMENT_STATUSES: readonly DisbursementStatus[] = ['requested', 'scheduled', 'paid', 'rejected'];
export const REQUIRED_DISBURSEMENT_APPROVALS = 2;
/** The 受取人名 field of a 全銀 data record is 30 half-width characters; longer names would be cut. */
export const HOLDER_KANA_MAX = 30;

export interface Payee {
  bankCode: string;
  branchCode: string;
  accountType: ZenginAccountType;
  accountNumber: string;
  /** Half-width katakana as the bank registers it (ｶ)ｷﾖｳｿｳﾃﾂｸ). */
  holderKana: string;
}

export interface DisbursementApproval {
  by: string;
  name?: string;
  comment?: string;
  at: string;
}

export interface Disbursement {
  id: string;
  challengeId: string;
  /** The paying town: the challenge's lead town. */
  town: TownCode;
  companyId: string;
  amount: Yen;
  milestone: string;
  invoiceNumber: string;
  payee: Payee;
  status: DisbursementStatus;
  requestedBy: string;
  requestedByName?: string;
  requestedAt: string;
  requestedOn: string;
  approvers: string[];
  approvals: DisbursementApproval[];
  /** The transfer date (振込指定日) set by the approving treasurers; the Zengin file is per date. */
  scheduledFor?: string;
  scheduledAt?: string;
  paidOn?: string;
  paidBy?: string;
  paidAt?: string;
  rejection?: { by: string; name?: string; reason: string; at: string };
}

export const disbursementReserveEntryId = (id: string) => `disbursement:${id}:approved`;
export const disbursementPaidEntryId = (id: string) => `disbursement:${id}:paid`;

/**
 * The payee as banks need it. The holder name may be typed in full-width katakana (or hiragana) and is
 * converted; anything a bank cannot take (kanji, symbols) is refused rather than guessed.
 */
export function normalizePayee(p: Payee): { payee?: Payee; problems: Issue[] } {
  const problems: Issue[] = [];
  if (!/^\d{4}$/.test(p.bankCode)) problems.push({ path: 'payee.bankCode', code: 'bad_payee', message: 'the bank code has 4 digits' });
  if (!/^\d{3}$/.test(p.branchCode)) problems.push({ path: 'payee.branchCode', code: 'bad_payee', message: 'the branch code has 3 digits' });
  if (p.accountType !== 'ordinary' && p.accountType !== 'current') problems.push({ path: 'payee.accountType', code: 'bad_payee', message: 'ordinary (普通) or current (当座)' });
  if (!/^\d{7}$/.test(p.accountNumber)) problems.push({ path: 'payee.accountNumber', code: 'bad_payee', message: 'the account number has 7 digits (pad with leading zeros)' });
  let holderKana = '';
  try {
    holderKana = toHalfWidthKana(p.holderKana).trim();
    if (!holderKana) problems.push({ path: 'payee.holderKana', code: 'kana', message: 'the account holder name (kana) is required' });
    else if (holderKana.length > HOLDER_KANA_MAX) problems.push({ path: 'payee.holderKana', code: 'kana_length', message: `the holder name is ${holderKana.length} half-width characters; banks take at most ${HOLDER_KANA_MAX}` });
  } catch (e) {
    problems.push({ path: 'payee.holderKana', code: 'kana', message: `write the holder name in katakana as the bank registers it: ${(e as Error).message}` });
  }
  return problems.length ? { problems } : { payee: { ...p, holderKana }, problems };
}

/** Whether the actor is a treasurer of the town that pays this disbursement. */
export const isPayingTreasurer = (d: Pick<Disbursement, 'town'>, actor: Actor) => townsWithRole(actor, 'treasurer').includes(d.town);

/** The checks an approval must pass; the store re-checks the status atomically when it writes. */
export function assertCanApproveDisbursement(d: Disbursement, actor: Actor): void {
  if (!isPayingTreasurer(d, actor)) throw new DomainError('forbidden', 'not_treasurer', `only a treasurer of the paying town ${d.town} can approve this disbursement`);
  if (actor.sub === d.requestedBy) throw new DomainError('forbidden', 'requester_cannot_approve', 'you requested this disbursement; two other people must approve it');
  if (d.status !== 'requested') throw new DomainError('conflict', 'not_open', `this disbursement is ${d.status}; only a requested disbursement can be approved`);
  if (d.approvers.includes(actor.sub)) throw new DomainError('conflict', 'already_approved', 'you have already approved this disbursement; a second, different treasurer must approve');
}

export function assertCanRejectDisbursement(d: Disbursement, actor: Actor): void {
  if (!isPayingTreasurer(d, actor)) throw new DomainError('forbidden', 'not_treasurer', `only a treasurer of the paying town ${d.town} can reject this disbursement`);
  if (d.status !== 'requested') throw new DomainError('conflict', 'not_open', `this disbursement is ${d.status}; only a requested disbursement can be rejected`);
}

/**
 * The transfer date when the approvers name none: the next weekday after approval, so the bank has the
 * file a day ahead. Japanese public holidays are not known here; the treasurer can name a date.
 */
export function defaultTransferDate(today: string): string {
  const d = new Date(`${today}T00:00:00Z`);
  do d.setUTCDate(d.getUTCDate() + 1);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6);
  return d.toISOString().slice(0, 10);
}

/** Approval reserves the money: it leaves the challenge's available balance for its payable account. */
export function reserveEntry(d: Pick<Disbursement, 'id' | 'challengeId' | 'town' | 'amount' | 'milestone'>, date: string, companyName?: string): JournalEntry {
  return {
    id: disbursementReserveEntryId(d.id),
    date,
    memo: `支払承認: ${d.milestone} / disbursement approved (${d.id})`,
    channel: 'disbursement',
    town: d.town,
    counterpart: companyName,
    postings: [
      { account: accounts.challengeAvailable(d.challengeId), amount: d.amount },
      { account: accounts.challengePayable(d.challengeId), amount: -d.amount },
    ],
  };
}

/** The bank transfer happened: the payable is settled from the town's bank account. */
export function paidEntry(d: Pick<Disbursement, 'id' | 'challengeId' | 'town' | 'amount' | 'milestone'>, paidOn: string, companyName?: string): JournalEntry {
  return {
    id: disbursementPaidEntryId(d.id),
    date: paidOn,
    memo: `支払: ${d.milestone} / disbursement paid (${d.id})`,
    channel: 'disbursement',
    town: d.town,
    counterpart: companyName,
    postings: [
      { account: accounts.challengePayable(d.challengeId), amount: d.amount },
      { account: accounts.bank(d.town), amount: -d.amount },
    ],
  };
}

/** The order transfers appear in a file: oldest request first. */
export function inTransferOrder<T extends Pick<Disbursement, 'requestedAt' | 'id'>>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => a.requestedAt.localeCompare(b.requestedAt) || a.id.localeCompare(b.id));
}

/** Scheduled disbursements as transfer lines of a 総合振込 file, oldest request first. */
export function zenginTransfersOf(list: readonly Disbursement[]): ZenginTransfer[] {
  return inTransferOrder(list).map((d) => ({
      bankCode: d.payee.bankCode,
      branchCode: d.payee.branchCode,
      accountType: d.payee.accountType,
      accountNumber: d.payee.accountNumber,
      holderKana: d.payee.holderKana,
      amount: d.amount,
    }));
}

/** A town's own account at its bank, which the 総合振込 header names as the paying side. */
export interface TownBankAccount {
  bankCode: string;
  bankNameKana: string;
  branchCode: string;
  branchNameKana: string;
  accountType: ZenginAccountType;
  accountNumber: string;
  /** 振込依頼人コード (委託者コード), 10 digits assigned by the bank. */
  requesterCode: string;
  requesterNameKana: string;
}

export function normalizeBankAccount(b: TownBankAccount): { account?: TownBankAccount; problems: Issue[] } {
  const problems: Issue[] = [];
  if (!/^\d{4}$/.test(b.bankCode)) problems.push({ path: 'bankCode', code: 'bad_bank_account', message: 'the bank code has 4 digits' });
  if (!/^\d{3}$/.test(b.branchCode)) problems.push({ path: 'branchCode', code: 'bad_bank_account', message: 'the branch code has 3 digits' });
  if (!/^\d{7}$/.test(b.accountNumber)) problems.push({ path: 'accountNumber', code: 'bad_bank_account', message: 'the account number has 7 digits' });
  if (!/^\d{10}$/.test(b.requesterCode)) problems.push({ path: 'requesterCode', code: 'bad_bank_account', message: 'the requester code (委託者コード) has 10 digits' });
  const kana = (path: keyof TownBankAccount, max: number, required: boolean): string => {
    const raw = String(b[path] ?? '');
    try {
      const v = toHalfWidthKana(raw).trim();
      if (required && !v) problems.push({ path, code: 'bad_bank_account', message: 'required' });
      if (v.length > max) problems.push({ path, code: 'bad_bank_account', message: `at most ${max} half-width characters (it is ${v.length})` });
      return v;
    } catch (e) {
      problems.push({ path, code: 'kana', message: (e as Error).message });
      return raw;
    }
  };
  const account: TownBankAccount = {
    ...b,
    bankNameKana: kana('bankNameKana', 15, true),
    branchNameKana: kana('branchNameKana', 15, true),
    requesterNameKana: kana('requesterNameKana', 40, true),
  };
  return problems.length ? { problems } : { account, problems };
}
