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
 *  - an application: PK = APP#<id>, SK = META (listed by GSI1PK = APPS); its reviews SK begins_with REV#<round>#
 *  - a challenge's progress updates: PK = CHAL#<id>, SK begins_with UPD#<date>#; its opted-in donors
 *    (progress mail): PK = CHAL#<id>, SK = SUB#<email>
 *  - an allocation / disbursement / rule-change proposal: PK = ALLOC#|DISB#|GOVP#<id>, SK = META; its
 *    approvals in the same partition (SK APPROVAL#<town>, APPROVER#<user>); listed by GSI1 (see lists)
 *  - a town's bank account for transfer files: PK = TOWN#<code>, SK = BANK
 *  - a donation: PK = DONATION#<id>, SK = META (a donor's by GSI1PK = DONOR#<email hash>); a signed-in
 *    donor's: PK = USER#<sub>, SK begins_with DONATION#; a town's one-stop requests of a year:
 *    PK = ONESTOP#<town>#<year>; a town's received donations of a year: PK = TOWNDON#<town>#<year>,
 *    SK = D#<paidAt>#<id>; receipt counters RCPTSEQ#<town>#<year> and issued numbers RECEIPT#<no>;
 *    processed Stripe events STRIPE_EVENT#<id>; PaymentIntent → donation PAYINTENT#<id>
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
  /** Set once the local demo data has been seeded. */
  seedMarker: () => ({ PK: 'SEED', SK: 'SEED' }),

  // Co-creation applications: the application, and its reviews (all rounds) in the same partition.
  application: (id: string) => ({ PK: `APP#${id}`, SK: META }),
  applicationReview: (id: string, round: number, at: string, town: string) => ({ PK: `APP#${id}`, SK: `${REVIEW_PREFIX}${String(round).padStart(3, '0')}#${at}#${town}` }),
  // A challenge's progress updates and its opted-in donors live in the challenge's partition.
  challengeUpdate: (challengeId: string, date: string, updateId: string) => ({ PK: `CHAL#${challengeId}`, SK: `${UPDATE_PREFIX}${date}#${updateId}` }),
  /** Written by the donation flow when a donor opts in to progress mail (email lower-cased). */
  challengeSubscriber: (challengeId: string, email: string) => ({ PK: `CHAL#${challengeId}`, SK: `${SUBSCRIBER_PREFIX}${email.trim().toLowerCase()}` }),

  // Treasurers' back office: allocations, disbursements and rule changes keep each approval as its own
  // item in the decision's partition (APPROVAL#<town> for town decisions, APPROVER#<user> per person).
  allocation: (id: string) => ({ PK: `ALLOC#${id}`, SK: META }),
  disbursement: (id: string) => ({ PK: `DISB#${id}`, SK: META }),
  governanceProposal: (id: string) => ({ PK: `GOVP#${id}`, SK: META }),
  townApproval: (decisionPk: string, town: string) => ({ PK: decisionPk, SK: `${APPROVAL_PREFIX}${town}` }),
  personApproval: (decisionPk: string, sub: string) => ({ PK: decisionPk, SK: `${APPROVER_PREFIX}${sub}` }),
  /** A town's own bank account details for the 全銀 transfer file header. */
  townBankAccount: (code: string) => ({ PK: `TOWN#${code}`, SK: 'BANK' }),

  // Individual donations (see store/donations.ts). A donor's donations are listed by GSI1PK = DONOR#<hash
  // of the email>; a signed-in donor's also by pointers in the user's partition.
  donation: (id: string) => ({ PK: `DONATION#${id}`, SK: META }),
  userDonation: (sub: string, createdAt: string, id: string) => ({ PK: `USER#${sub}`, SK: `${USER_DONATION_PREFIX}${createdAt}#${id}` }),
  /**
   * Donations a town received, by the calendar year the money arrived (the receipt year), sorted by the
   * arrival time: pointers written with the payment and rewritten (status) by the refund, for the
   * treasurer's list.
   */
  townDonation: (town: string, year: number, paidAt: string, donationId: string) => ({ PK: `TOWNDON#${town}#${year}`, SK: `${TOWN_DONATION_PREFIX}${paidAt}#${donationId}` }),
  /** One-stop requests of a town's calendar year (pointers to the donations), for the treasurer's list. */
  oneStopRequest: (town: string, year: number, donationId: string) => ({ PK: `ONESTOP#${town}#${year}`, SK: `D#${donationId}` }),
  /** The per-town-per-year receipt counter, and one marker per issued number (uniqueness by condition). */
  receiptCounter: (town: string, year: number) => ({ PK: `RCPTSEQ#${town}#${year}`, SK: 'SEQ' }),
  receiptNumber: (number: string) => ({ PK: `RECEIPT#${number}`, SK: 'RECEIPT' }),
  stripeEvent: (eventId: string) => ({ PK: `STRIPE_EVENT#${eventId}`, SK: 'EVENT' }),
  /** From a Stripe PaymentIntent to its donation, for charge.refunded events. */
  paymentIntent: (id: string) => ({ PK: `PAYINTENT#${id}`, SK: 'PI' }),
  /** Sessions of the local checkout emulator (never used with real Stripe). */
  emulatorSession: (id: string) => ({ PK: `DEVCHECKOUT#${id}`, SK: 'SESSION' }),

  // Corporate-version pledges (store/pledges.ts): the pledge, listed per receiving town by GSI1
  // (lists.townPledges); a pointer per company; a pointer while unpaid, sorted by expiry day, for the
  // expiry task; the per-town-per-fiscal-year receipt counter and one marker per issued receipt number.
  pledge: (id: string) => ({ PK: `PLEDGE#${id}`, SK: META }),
  companyPledge: (companyId: string, createdAt: string, id: string) => ({ PK: `PLEDGES#COMPANY#${companyId}`, SK: `${createdAt}#${id}` }),
  openPledge: (expiresOn: string, id: string) => ({ PK: 'PLEDGES#OPEN', SK: `${expiresOn}#${id}` }),
  corporateReceiptCounter: (town: string, fiscalYear: number) => ({ PK: `CRCPTSEQ#${town}#${fiscalYear}`, SK: 'SEQ' }),
  corporateReceipt: (number: string) => ({ PK: `CRECEIPT#${number}`, SK: 'RECEIPT' }),
  /** A town's 地域再生計画, all in one partition per town (store/regional-plans.ts). */
  regionalPlan: (town: string, id: string) => ({ PK: `RPLAN#${town}`, SK: `PLAN#${id}` }),
} as const;

export const USER_DONATION_PREFIX = 'DONATION#';
export const TOWN_DONATION_PREFIX = 'D#';

export const APPROVAL_PREFIX = 'APPROVAL#';
export const APPROVER_PREFIX = 'APPROVER#';

export const REVIEW_PREFIX = 'REV#';
export const UPDATE_PREFIX = 'UPD#';
export const SUBSCRIBER_PREFIX = 'SUB#';

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
  applications: 'APPS',
  /** Allocations while proposed, and once decided (the scheduled expiry only reads the open ones). */
  allocationsOpen: 'ALLOCS#open',
  allocationsClosed: 'ALLOCS#closed',
  /** Disbursements by paying town: `DISBS#<town>`. */
  townDisbursements: (town: string) => `DISBS#${town}`,
  /** Rule-change proposals by fund: `GOVPS#<fundId>`. */
  fundGovernanceProposals: (fundId: string) => `GOVPS#${fundId}`,
  /** Corporate-version pledges by receiving town: `PLEDGES#TOWN#<town>`, sorted by creation time. */
  townPledges: (town: string) => `PLEDGES#TOWN#${town}`,
} as const;

export function accountShardPk(account: string, shard: number): string {
  return `ACCT#${account}#${shard}`;
}

/** Postings sort by the time they were written, then the entry id, so "newest first" is a reverse query. */
export function postingSortKey(writtenAt: string, entryId: string): string {
  return `P#${writtenAt}#${entryId}`;
}

export const POSTING_PREFIX = 'P#';
