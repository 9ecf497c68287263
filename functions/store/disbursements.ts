/**
 * Disbursements on DynamoDB. Each approval is its own item (APPROVER#<user>, put only if absent) in the
 * same transaction as the disbursement's conditional update (still requested, approval count unchanged),
 * so one person cannot count twice and two approvals cannot both be "the second". The second approval's
 * transaction also carries the ledger entry that reserves the money (available → payable) with its
 * balance conditions; marking paid posts payable → the town's bank in the transition scheduled → paid.
 * Entry ids derive from the disbursement, so a repeated "paid" finds the first entry and posts nothing.
 */
import { treasurerMails } from './treasurer-mail.js';
import { fromItem } from './items.js';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  assertCanApproveDisbursement,
  assertCanRejectDisbursement,
  defaultTransferDate,
  normalizeBankAccount,
  normalizePayee,
  paidEntry,
  REQUIRED_DISBURSEMENT_APPROVALS,
  reserveEntry,
  type Disbursement,
  type DisbursementApproval,
  type Payee,
  type TownBankAccount,
} from '../domain/disbursements.js';
import { RuleError } from '../domain/governance.js';
import { InsufficientFundsError } from '../domain/ledger/balances.js';
import { accounts } from '../domain/ledger/accounts.js';
import { formatYen } from '../domain/money.js';
import { jstDate } from '../domain/jst.js';
import { getChallenge } from './catalog.js';
import { nowIso, type Db, type TransactItem } from './db.js';
import { writeAudited } from './audit.js';
import { NotFoundError, StateConflictError } from './errors.js';
import { audit, newId, rereadOnConflict } from './governance.js';
import { APPROVER_PREFIX, keys, lists } from './keys.js';
import { postEntry, readShards } from './ledger.js';
import { mailItem } from './outbox.js';
import { getCompany } from './users.js';

export interface RequestInput {
  challengeId: string;
  amount: number;
  milestone: string;
  invoiceNumber: string;
  payee: Payee;
}

export interface CompanyActor {
  sub: string;
  name?: string;
  companyId?: string;
}

export interface TreasurerActor {
  sub: string;
  name?: string;
  treasurerTowns: string[];
}

export async function requestDisbursement(db: Db, input: RequestInput, actor: CompanyActor, opts: { requestId?: string } = {}): Promise<Disbursement> {
  const challenge = await getChallenge(db, input.challengeId);
  if (!challenge || challenge.status === 'draft') throw new RuleError('rule', 'unknown_challenge', `there is no published challenge ${input.challengeId}`, [{ path: 'challengeId', message: 'unknown challenge' }]);
  if (!actor.companyId || actor.companyId !== challenge.operatorCompanyId) {
    throw new RuleError('forbidden', 'not_operator', 'only the operating company of this challenge can request a disbursement for it');
  }
  const { payee, problems } = normalizePayee(input.payee);
  if (!payee) throw new RuleError('invalid', 'bad_payee', problems[0]!.message, problems);
  const available = (await readShards(db, accounts.challengeAvailable(challenge.id))).total;
  if (input.amount > available) {
    throw new RuleError('rule', 'over_limit', `the challenge has ${formatYen(available)} not yet paid out or reserved; ${formatYen(input.amount)} is more than that`, [
      { path: 'amount', code: 'over_limit', message: `at most ${formatYen(available)}` },
    ]);
  }
  const requestedAt = nowIso(db);
  const d: Disbursement = {
    id: newId('db'),
    challengeId: challenge.id,
    town: challenge.leadTown,
    companyId: actor.companyId,
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
  const { approvals: _a, ...stored } = d;
  const notices = await treasurerMails(db, [d.town], {
    cause: `disbursement:${d.id}:requested`,
    subject: `【共創ファンド】支払の承認依頼: ${challenge.title} ${formatYen(d.amount)} / Payment awaiting approval`,
    text: `「${challenge.title}」の運営企業から ${formatYen(d.amount)} の支払請求がありました(${d.milestone}、請求書番号 ${d.invoiceNumber})。会計管理者2名の承認が必要です。会計管理者ページ /treasurer から確認してください。\n\nThe operator of "${challenge.titleEn}" requested a payment of ${formatYen(d.amount)} (${d.milestone}, invoice ${d.invoiceNumber}). Two treasurers must approve it on /treasurer.`,
    kind: 'disbursement.awaiting_approval',
    at: requestedAt,
  });
  await writeAudited(
    db,
    [{ Put: { Item: { ...keys.disbursement(d.id), type: 'disbursement', GSI1PK: lists.townDisbursements(d.town), GSI1SK: `${requestedAt}#${d.id}`, ...stored, approvalCount: 0 }, ConditionExpression: 'attribute_not_exists(PK)' } }, ...notices],
    audit(`town:${d.town}`, {
      actor: actor.sub,
      role: `company:${actor.companyId}`,
      action: 'disbursement.request',
      target: `disbursement:${d.id}`,
      after: { challengeId: d.challengeId, amount: d.amount, milestone: d.milestone, invoiceNumber: d.invoiceNumber, payee: d.payee },
      requestId: opts.requestId,
    }),
  );
  return d;
}

export async function getDisbursement(db: Db, id: string): Promise<Disbursement> {
  const res = await db.doc.send(
    new QueryCommand({ TableName: db.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.disbursement(id).PK }, ConsistentRead: true }),
  );
  const items = (res.Items ?? []) as Record<string, unknown>[];
  const meta = fromItem<Disbursement>(items.find((i) => i.SK === 'META'));
  if (!meta) throw new NotFoundError(`disbursement ${id} not found`);
  const approvals = items
    .filter((i) => String(i.SK).startsWith(APPROVER_PREFIX))
    .map((i) => fromItem<DisbursementApproval>(i)!)
    .sort((a, b) => a.at.localeCompare(b.at));
  return { ...meta, approvals };
}

async function companyMail(db: Db, d: Disbursement, cause: string, subject: string, text: string, kind: string, at: string): Promise<TransactItem[]> {
  const company = await getCompany(db, d.companyId);
  if (!company?.contactEmail) return [];
  return [mailItem(`disbursement:${d.id}:${cause}`, { to: company.contactEmail, subject, text, kind }, at)];
}

export interface ApproveDisbursementResult {
  disbursement: Disbursement;
  /** True when this was the second approval: the money is reserved and the transfer scheduled. */
  scheduled: boolean;
}

export async function approveDisbursement(
  db: Db,
  id: string,
  actor: TreasurerActor,
  opts: { comment?: string; paymentDate?: string; requestId?: string } = {},
): Promise<ApproveDisbursementResult> {
  return rereadOnConflict(async () => {
    const at = nowIso(db);
    const today = jstDate(new Date(at));
    const d = await getDisbursement(db, id);
    assertCanApproveDisbursement(d, actor);
    if (opts.paymentDate && opts.paymentDate < today) {
      throw new RuleError('rule', 'past_payment_date', `the transfer date ${opts.paymentDate} has passed; name today or a later day`, [{ path: 'paymentDate', message: 'today or later' }]);
    }
    const note: DisbursementApproval = { by: actor.sub, name: actor.name, comment: opts.comment, at };
    const seen = d.approvers.length;
    const second = seen + 1 >= REQUIRED_DISBURSEMENT_APPROVALS;
    const paymentDate = opts.paymentDate ?? (d as Disbursement & { paymentDate?: string }).paymentDate;
    const scheduledFor = second ? (paymentDate ?? defaultTransferDate(today)) : undefined;
    const sets: Record<string, unknown> = { approvalCount: seen + 1 };
    if (opts.paymentDate) sets.paymentDate = opts.paymentDate;
    if (second) Object.assign(sets, { status: 'scheduled', scheduledFor, scheduledAt: at });
    const pk = keys.disbursement(id);
    const items: TransactItem[] = [
      { Put: { Item: { ...keys.personApproval(pk.PK, actor.sub), type: 'approver', ...note }, ConditionExpression: 'attribute_not_exists(PK)' } },
      guardedUpdate(pk, 'requested', seen, sets, actor.sub),
    ];
    const change = audit(`town:${d.town}`, {
      actor: actor.sub,
      role: `treasurer:${d.town}`,
      action: second ? 'disbursement.approve_and_schedule' : 'disbursement.approve',
      target: `disbursement:${id}`,
      before: { status: d.status, approvers: d.approvers },
      after: { status: second ? 'scheduled' : 'requested', approvers: [...d.approvers, actor.sub], comment: opts.comment, scheduledFor },
      requestId: opts.requestId,
    });
    const next: Disbursement = { ...d, ...(sets as Partial<Disbursement>), approvers: [...d.approvers, actor.sub], approvals: [...d.approvals, note] };
    if (!second) {
      await writeAudited(db, items, change);
      return { disbursement: next, scheduled: false };
    }
    const company = await getCompany(db, d.companyId);
    items.push(
      ...(await companyMail(
        db,
        d,
        'scheduled',
        `【共創ファンド】お支払いが承認されました / Disbursement approved (${d.id})`,
        `${d.milestone} のお支払い ${formatYen(d.amount)} が承認され、${scheduledFor} に振り込まれる予定です。\n\nThe disbursement of ${formatYen(d.amount)} for "${d.milestone}" was approved; the transfer is scheduled for ${scheduledFor}.`,
        'disbursement.scheduled',
        at,
      )),
    );
    try {
      const res = await postEntry(db, reserveEntry(d, today, company?.name), { transition: items, audit: change });
      if (res.duplicate) throw new StateConflictError('scheduled concurrently');
    } catch (e) {
      if (e instanceof InsufficientFundsError) {
        throw new RuleError(
          'conflict',
          'insufficient_funds',
          `the challenge has ${formatYen(e.available)} available, less than the ${formatYen(d.amount)} requested; nothing was reserved, your approval was not recorded and the request stays requested`,
          [{ path: 'amount', code: 'insufficient_funds', message: e.message }],
        );
      }
      throw e;
    }
    return { disbursement: next, scheduled: true };
  });
}

/** SET the given fields if the status is still `status` and, when `seen` is given, the count unchanged. */
function guardedUpdate(key: { PK: string; SK: string }, status: string, seen: number | undefined, sets: Record<string, unknown>, approver?: string): TransactItem {
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = { ':expected': status };
  const clauses: string[] = [];
  Object.entries(sets).forEach(([k, v], i) => {
    names[`#f${i}`] = k;
    values[`:f${i}`] = v;
    clauses.push(`#f${i} = :f${i}`);
  });
  let condition = '#status = :expected';
  if (seen !== undefined) {
    names['#count'] = 'approvalCount';
    values[':seen'] = seen;
    condition += ' AND #count = :seen';
  }
  if (approver) {
    names['#people'] = 'approvers';
    values[':sub'] = [approver];
    clauses.push('#people = list_append(#people, :sub)');
  }
  return { Update: { Key: key, UpdateExpression: `SET ${clauses.join(', ')}`, ConditionExpression: condition, ExpressionAttributeNames: names, ExpressionAttributeValues: values } };
}

export async function rejectDisbursement(db: Db, id: string, actor: TreasurerActor, reason: string, opts: { requestId?: string } = {}): Promise<Disbursement> {
  return rereadOnConflict(async () => {
    const at = nowIso(db);
    const d = await getDisbursement(db, id);
    assertCanRejectDisbursement(d, actor);
    const rejection = { by: actor.sub, name: actor.name, reason, at };
    await writeAudited(
      db,
      [
        guardedUpdate(keys.disbursement(id), 'requested', d.approvers.length, { status: 'rejected', rejection }),
        ...(await companyMail(
          db,
          d,
          'rejected',
          `【共創ファンド】お支払いの申請が差し戻されました / Disbursement request rejected (${d.id})`,
          `${d.milestone} のお支払い申請 ${formatYen(d.amount)} は承認されませんでした。理由: ${reason}\n\nYour disbursement request of ${formatYen(d.amount)} for "${d.milestone}" was rejected. Reason: ${reason}`,
          'disbursement.rejected',
          at,
        )),
      ],
      audit(`town:${d.town}`, { actor: actor.sub, role: `treasurer:${d.town}`, action: 'disbursement.reject', target: `disbursement:${id}`, before: { status: d.status }, after: { status: 'rejected', reason }, requestId: opts.requestId }),
    );
    return { ...d, status: 'rejected', rejection };
  });
}

export interface PaidResult {
  disbursement: Disbursement;
  /** True when it had already been marked paid with this date: nothing was posted this time. */
  duplicate: boolean;
}

export async function markDisbursementPaid(db: Db, id: string, actor: TreasurerActor, paidOn: string, opts: { requestId?: string } = {}): Promise<PaidResult> {
  return rereadOnConflict(async () => {
    const at = nowIso(db);
    const d = await getDisbursement(db, id);
    if (!actor.treasurerTowns.includes(d.town)) throw new RuleError('forbidden', 'not_treasurer', `only a treasurer of the paying town ${d.town} can mark this disbursement paid`);
    if (d.status === 'paid') {
      if (d.paidOn === paidOn) return { disbursement: d, duplicate: true };
      throw new RuleError('conflict', 'already_paid', `this disbursement was already marked paid on ${d.paidOn}`);
    }
    if (d.status !== 'scheduled') throw new RuleError('conflict', 'not_scheduled', `this disbursement is ${d.status}; only a scheduled (approved) disbursement can be marked paid`);
    if (paidOn > jstDate(new Date(at))) throw new RuleError('rule', 'future_date', `${paidOn} is in the future; mark the transfer paid once the bank has made it`, [{ path: 'paidOn', message: 'today or earlier' }]);
    if (paidOn < d.requestedOn) throw new RuleError('rule', 'before_request', `the transfer date ${paidOn} is before the request (${d.requestedOn})`, [{ path: 'paidOn', message: `on or after ${d.requestedOn}` }]);
    const company = await getCompany(db, d.companyId);
    const sets = { status: 'paid', paidOn, paidBy: actor.sub, paidAt: at };
    const transition: TransactItem[] = [
      guardedUpdate(keys.disbursement(id), 'scheduled', undefined, sets),
      ...(await companyMail(
        db,
        d,
        'paid',
        `【共創ファンド】お振込みが完了しました / Transfer made (${d.id})`,
        `${d.milestone} のお支払い ${formatYen(d.amount)} を ${paidOn} に振り込みました。\n\nThe transfer of ${formatYen(d.amount)} for "${d.milestone}" was made on ${paidOn}.`,
        'disbursement.paid',
        at,
      )),
    ];
    const res = await postEntry(db, paidEntry(d, paidOn, company?.name), {
      transition,
      audit: audit(`town:${d.town}`, { actor: actor.sub, role: `treasurer:${d.town}`, action: 'disbursement.paid', target: `disbursement:${id}`, before: { status: 'scheduled' }, after: { status: 'paid', paidOn }, requestId: opts.requestId }),
    });
    // A concurrent identical submit posted first: report its result, posting nothing.
    if (res.duplicate) throw new StateConflictError('paid concurrently');
    return { disbursement: { ...d, ...(sets as Partial<Disbursement>) }, duplicate: false };
  });
}

/** A paying town's disbursements, newest first. Approval notes are not included (read one for those). */
export async function listTownDisbursements(db: Db, town: string): Promise<Disbursement[]> {
  const out: Disbursement[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const res = await db.doc.send(
      new QueryCommand({ TableName: db.table, IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': lists.townDisbursements(town) }, ScanIndexForward: false, ExclusiveStartKey }),
    );
    out.push(...(res.Items ?? []).map((i) => ({ ...fromItem<Disbursement>(i)!, approvals: [] })));
    ExclusiveStartKey = res.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return out;
}

/** Scheduled transfers of a town for one transfer date: what goes into that day's Zengin file. */
export async function scheduledTransfers(db: Db, town: string, date: string): Promise<Disbursement[]> {
  return (await listTownDisbursements(db, town)).filter((d) => d.status === 'scheduled' && d.scheduledFor === date);
}

// ---------------------------------------------------------------- the town's own bank account

export async function getTownBankAccount(db: Db, town: string): Promise<TownBankAccount | undefined> {
  const res = await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.townBankAccount(town), ConsistentRead: true }));
  const item = fromItem<TownBankAccount & { town: string; updatedAt: string; updatedBy: string }>(res.Item);
  if (!item) return undefined;
  const { town: _t, updatedAt: _u, updatedBy: _b, ...account } = item;
  return account;
}

export async function putTownBankAccount(db: Db, town: string, input: TownBankAccount, actor: { sub: string }, opts: { requestId?: string } = {}): Promise<TownBankAccount> {
  const { account, problems } = normalizeBankAccount(input);
  if (!account) throw new RuleError('invalid', 'bad_bank_account', problems[0]!.message, problems);
  const before = await getTownBankAccount(db, town);
  const at = nowIso(db);
  await writeAudited(
    db,
    [{ Put: { Item: { ...keys.townBankAccount(town), type: 'town_bank_account', town, ...account, updatedAt: at, updatedBy: actor.sub } } }],
    audit(`town:${town}`, { actor: actor.sub, role: `treasurer:${town}`, action: 'town.bank_account.set', target: `town:${town}:bank-account`, before, after: account, requestId: opts.requestId }),
  );
  return account;
}
