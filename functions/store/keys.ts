/**
 * Every DynamoDB key the platform uses, in one place. Access patterns:
 *  - a thing by id: PK = <KIND>#<id>, SK = META
 *  - all things of a kind (towns, funds, challenges): GSI1PK = <KIND>S, GSI1SK = sort field
 *  - a ledger account shard's balance: PK = ACCT#<account>#<shard>, SK = BAL
 *  - a shard's postings newest first: PK = ACCT#<account>#<shard>, SK begins_with P#
 *  - a journal entry: PK = ENTRY#<id>, SK = ENTRY; its reversal marker: SK = REVERSED
 *  - an audit chain: PK = AUDIT#<chain>, SK = HEAD (the tip) or R#<seq>
 *  - an idempotency record: PK = IDEM#<scope>#<key>, SK = IDEM
 *  - an outgoing email: PK = MAIL#<id>, SK = MAIL; the dev mailbox lists GSI1PK = MAILBOX
 */
export const META = 'META';

export const keys = {
  town: (code: string) => ({ PK: `TOWN#${code}`, SK: META }),
  fund: (id: string) => ({ PK: `FUND#${id}`, SK: META }),
  challenge: (id: string) => ({ PK: `CHAL#${id}`, SK: META }),
  user: (id: string) => ({ PK: `USER#${id}`, SK: META }),
  company: (id: string) => ({ PK: `COMPANY#${id}`, SK: META }),

  balance: (account: string, shard: number) => ({ PK: accountShardPk(account, shard), SK: 'BAL' }),
  posting: (account: string, shard: number, sortKey: string) => ({ PK: accountShardPk(account, shard), SK: sortKey }),
  entry: (id: string) => ({ PK: `ENTRY#${id}`, SK: 'ENTRY' }),
  reversalMarker: (id: string) => ({ PK: `ENTRY#${id}`, SK: 'REVERSED' }),

  auditHead: (chain: string) => ({ PK: `AUDIT#${chain}`, SK: 'HEAD' }),
  auditRecord: (chain: string, seq: number) => ({ PK: `AUDIT#${chain}`, SK: `R#${String(seq).padStart(12, '0')}` }),

  idempotency: (scope: string, key: string) => ({ PK: `IDEM#${scope}#${key}`, SK: 'IDEM' }),
  mail: (id: string) => ({ PK: `MAIL#${id}`, SK: 'MAIL' }),
} as const;

/** GSI1 partitions that list every item of a kind. */
export const lists = {
  towns: 'TOWNS',
  funds: 'FUNDS',
  challenges: 'CHALLENGES',
  users: 'USERS',
  companies: 'COMPANIES',
  entries: 'ENTRIES',
  auditChains: 'AUDIT_CHAINS',
  mailbox: 'MAILBOX',
} as const;

export function accountShardPk(account: string, shard: number): string {
  return `ACCT#${account}#${shard}`;
}

/** Postings sort by the time they were written, then the entry id, so "newest first" is a reverse query. */
export function postingSortKey(writtenAt: string, entryId: string): string {
  return `P#${writtenAt}#${entryId}`;
}

export const POSTING_PREFIX = 'P#';
