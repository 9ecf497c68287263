/**
 * Journal entries: two or more postings whose debits equal their credits, in integer yen. An entry's
 * id is derived from the business event that causes it (`donation:<id>:paid`), so the same event can
 * only ever post once. Entries are never edited: a correction is a new entry that reverses another.
 */
import { isYen, type Yen } from '../money.js';
import { accountInfo, type AccountInfo } from './accounts.js';
import type { TownCode } from '../municipality.js';
import { DomainError } from '../errors.js';

/** Where money came from, for the public totals: individual donors, companies, or fund allocations. */
export type Channel = 'individual' | 'corporate' | 'allocation' | 'disbursement' | 'opening' | 'proxy' | 'fee';

export interface Posting {
  account: string;
  /** Positive = debit, negative = credit. Signed amounts make "debits equal credits" a plain sum. */
  amount: Yen;
}

export interface JournalEntry {
  id: string;
  /** Effective date in JST (YYYY-MM-DD): for a donation, the day the money was received. */
  date: string;
  memo: string;
  channel: Channel;
  /** The town the movement belongs to, for per-town totals. */
  town: TownCode;
  postings: Posting[];
  /** Set on a reversal: the id of the entry it undoes. */
  reverses?: string;
  /** Public counterpart (e.g. the donor's display name where they allowed it). */
  counterpart?: string;
}

export class LedgerRuleError extends DomainError {
  override name = 'LedgerRuleError';
  constructor(message: string) {
    super('rule', 'ledger_rule', message);
  }
}

const ENTRY_ID = /^[A-Za-z0-9:_-]{1,200}$/;

export function validateEntry(entry: JournalEntry): JournalEntry {
  if (!ENTRY_ID.test(entry.id)) throw new LedgerRuleError(`bad entry id: ${entry.id}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(entry.date)) throw new LedgerRuleError(`bad entry date: ${entry.date}`);
  if (entry.postings.length < 2) throw new LedgerRuleError('an entry needs at least two postings');
  const seen = new Set<string>();
  let sum = 0;
  for (const p of entry.postings) {
    accountInfo(p.account);
    if (!isYen(p.amount) || p.amount === 0) throw new LedgerRuleError(`posting to ${p.account} must be a non-zero integer yen amount`);
    if (seen.has(p.account)) throw new LedgerRuleError(`account ${p.account} appears twice in entry ${entry.id}`);
    seen.add(p.account);
    sum += p.amount;
  }
  if (sum !== 0) throw new LedgerRuleError(`entry ${entry.id} is unbalanced: debits − credits = ${sum}`);
  return entry;
}

/** How a posting moves the account's balance, which is kept on the account's normal side. */
export function balanceDelta(info: Pick<AccountInfo, 'normal'>, amount: Yen): Yen {
  return info.normal === 'debit' ? amount : -amount;
}

export function reversalOf(entry: JournalEntry, date: string, memo: string): JournalEntry {
  return {
    id: `${entry.id}:reversal`,
    date,
    memo,
    channel: entry.channel,
    town: entry.town,
    counterpart: entry.counterpart,
    reverses: entry.id,
    postings: entry.postings.map((p) => ({ account: p.account, amount: -p.amount })),
  };
}

/** A two-posting entry: debit one account, credit another, the same amount. */
export function transfer(
  base: Omit<JournalEntry, 'postings'>,
  debit: string,
  credit: string,
  amount: Yen,
): JournalEntry {
  if (!isYen(amount) || amount <= 0) throw new LedgerRuleError('a transfer amount must be a positive integer yen');
  return validateEntry({ ...base, postings: [{ account: debit, amount }, { account: credit, amount: -amount }] });
}
