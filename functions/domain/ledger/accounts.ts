/**
 * The chart of accounts. An account id is a readable path (`town:113611:bank`) so that a journal line
 * tells a treasurer what it is without a lookup; its kind, normal side and the rules the ledger enforces
 * on it all follow from the id alone.
 */
import type { TownCode } from '../municipality.js';

export type AccountKind =
  | 'town_clearing' // asset: card/konbini money on its way from Stripe to the town
  | 'town_bank' // asset: the town's bank account
  | 'town_fees' // expense: payment fees the town bears
  | 'proxy_receivable' // asset: what a proxy town owes a stricken town
  | 'fund_share' // liability: a member town's available share of a pooled fund
  | 'challenge_available' // liability: money held for a challenge, not yet committed to a payment
  | 'challenge_payable' // liability: approved disbursements awaiting the bank transfer
  | 'proxy_payable'; // liability: what a proxy town must forward to the stricken town

export type NormalSide = 'debit' | 'credit';

export interface AccountInfo {
  id: string;
  kind: AccountKind;
  normal: NormalSide;
  /** Money held for someone else may never go below zero: that would be spending money nobody gave. */
  constrained: boolean;
  /**
   * Accounts that the public pays into at peak (a popular challenge, a town's clearing account, a
   * pooled fund) are split into balance shards so no single item takes every write; see store/ledger.ts.
   */
  shards: number;
  town?: TownCode;
  fundId?: string;
  challengeId?: string;
}

export const HOT_ACCOUNT_SHARDS = 8;

const KIND_RULES: Record<AccountKind, { normal: NormalSide; constrained: boolean; shards: number }> = {
  town_clearing: { normal: 'debit', constrained: false, shards: HOT_ACCOUNT_SHARDS },
  town_bank: { normal: 'debit', constrained: false, shards: 1 },
  town_fees: { normal: 'debit', constrained: false, shards: 1 },
  proxy_receivable: { normal: 'debit', constrained: false, shards: 1 },
  fund_share: { normal: 'credit', constrained: true, shards: HOT_ACCOUNT_SHARDS },
  challenge_available: { normal: 'credit', constrained: true, shards: HOT_ACCOUNT_SHARDS },
  challenge_payable: { normal: 'credit', constrained: true, shards: 1 },
  proxy_payable: { normal: 'credit', constrained: true, shards: 1 },
};

export const accounts = {
  clearing: (town: TownCode) => `town:${town}:clearing`,
  bank: (town: TownCode) => `town:${town}:bank`,
  fees: (town: TownCode) => `town:${town}:fees`,
  fundShare: (fundId: string, town: TownCode) => `fund:${fundId}:share:${town}`,
  challengeAvailable: (challengeId: string) => `challenge:${challengeId}:available`,
  challengePayable: (challengeId: string) => `challenge:${challengeId}:payable`,
  proxyPayable: (proxyTown: TownCode, strickenTown: TownCode) => `town:${proxyTown}:proxy-payable:${strickenTown}`,
  proxyReceivable: (strickenTown: TownCode, proxyTown: TownCode) =>
    `town:${strickenTown}:proxy-receivable:${proxyTown}`,
} as const;

const ID = '[A-Za-z0-9_-]{1,64}';
const PATTERNS: [RegExp, (m: RegExpMatchArray) => Omit<AccountInfo, 'id' | 'normal' | 'constrained' | 'shards'>][] = [
  [/^town:(\d{6}):clearing$/, (m) => ({ kind: 'town_clearing', town: m[1] })],
  [/^town:(\d{6}):bank$/, (m) => ({ kind: 'town_bank', town: m[1] })],
  [/^town:(\d{6}):fees$/, (m) => ({ kind: 'town_fees', town: m[1] })],
  [/^town:(\d{6}):proxy-payable:(\d{6})$/, (m) => ({ kind: 'proxy_payable', town: m[1] })],
  [/^town:(\d{6}):proxy-receivable:(\d{6})$/, (m) => ({ kind: 'proxy_receivable', town: m[1] })],
  [new RegExp(`^fund:(${ID}):share:(\\d{6})$`), (m) => ({ kind: 'fund_share', fundId: m[1], town: m[2] })],
  [new RegExp(`^challenge:(${ID}):available$`), (m) => ({ kind: 'challenge_available', challengeId: m[1] })],
  [new RegExp(`^challenge:(${ID}):payable$`), (m) => ({ kind: 'challenge_payable', challengeId: m[1] })],
];

export function accountInfo(id: string): AccountInfo {
  for (const [pattern, build] of PATTERNS) {
    const m = id.match(pattern);
    if (m) {
      const base = build(m);
      return { id, ...base, ...KIND_RULES[base.kind] };
    }
  }
  throw new RangeError(`unknown account: ${id}`);
}
