import type { DynamoDBDocumentClient, TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { nextAuditRecord, type AuditInput, type AuditRecord } from '../domain/audit.js';
import { BusyError, backoffMs, cancellationOf, isRetryable, sleep, StateConflictError, type Cancellation } from './errors.js';
import { keys, lists } from './keys.js';
import { GetCommand } from '@aws-sdk/lib-dynamodb';

/** What every store function needs: a document client and the table. */
export interface Db {
  doc: Pick<DynamoDBDocumentClient, 'send'>;
  table: string;
  /** Injectable clock, so tests can post entries "in" a given month. */
  now?: () => Date;
}

type SdkTransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
/** A transaction item without its table name: store modules speak in keys and conditions only. */
export type TransactItem = { [Op in keyof SdkTransactItem]?: Omit<NonNullable<SdkTransactItem[Op]>, 'TableName'> };

export const nowIso = (db: Db) => nowOf(db).toISOString();

/** Fills in the table name, so the callers' transition items stay about keys and conditions only. */
function withTable(db: Db, item: TransactItem): SdkTransactItem {
  const out: Record<string, unknown> = {};
  for (const [op, body] of Object.entries(item)) out[op] = { TableName: db.table, ...(body as object) };
  return out as SdkTransactItem;
}

export interface AuditedChange {
  chain: string;
  input: AuditInput;
}

export const MAX_ATTEMPTS = 10;

/**
 * Runs one TransactWriteItems with the audit record appended, retrying conflicts and throttling with
 * jittered backoff. `build` runs again on each attempt, so callers can re-read what they plan from.
 * `onCancel` decides what a failed condition means (a duplicate, a conflict, insufficient funds); it may
 * return 'retry' to re-plan, a value to return, or throw.
 */
export async function transact<T>(
  db: Db,
  build: (attempt: number) => Promise<{ items: TransactItem[]; result: T }>,
  opts: {
    audit?: AuditedChange;
    onCancel?: (c: Cancellation, itemCount: number) => Promise<T | 'retry'> | T | 'retry';
  } = {},
): Promise<T> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const { items, result } = await build(attempt);
    const all = [...items];
    if (opts.audit) all.push(...(await auditItems(db, opts.audit)));
    try {
      await db.doc.send(new TransactWriteCommand({ TransactItems: all.map((i) => withTable(db, i)) }));
      return result;
    } catch (error) {
      if (isRetryable(error)) {
        await sleep(backoffMs(attempt));
        continue;
      }
      const c = cancellationOf(error);
      if (!c) throw error;
      // The audit head moved under us: someone else appended to the chain first. Re-read and retry.
      if (opts.audit && c.codes.slice(items.length).some((code) => code === 'ConditionalCheckFailed')) {
        await sleep(backoffMs(attempt));
        continue;
      }
      const decision = opts.onCancel ? await opts.onCancel(c, items.length) : undefined;
      if (decision === 'retry') {
        await sleep(backoffMs(attempt));
        continue;
      }
      if (decision !== undefined) return decision;
      throw new StateConflictError('the change conflicts with the current state; reload and try again');
    }
  }
  throw new BusyError('the ledger is busy; please retry (the request is safe to repeat)');
}

async function auditItems(db: Db, change: AuditedChange): Promise<TransactItem[]> {
  const head = await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.auditHead(change.chain), ConsistentRead: true }));
  const tip = head.Item as { seq: number; hash: string } | undefined;
  const record: AuditRecord = nextAuditRecord(change.chain, tip, change.input, nowIso(db));
  return [
    { Put: { Item: { ...keys.auditRecord(change.chain, record.seq), type: 'audit', ...record }, ConditionExpression: 'attribute_not_exists(PK)' } },
    tip
      ? {
          Update: {
            Key: keys.auditHead(change.chain),
            UpdateExpression: 'SET #seq = :seq, #h = :hash',
            ConditionExpression: '#seq = :prev',
            ExpressionAttributeNames: { '#h': 'hash', '#seq': 'seq' },
            ExpressionAttributeValues: { ':seq': record.seq, ':hash': record.hash, ':prev': tip.seq },
          },
        }
      : {
          Put: {
            Item: { ...keys.auditHead(change.chain), type: 'audit_head', chain: change.chain, seq: record.seq, hash: record.hash, GSI1PK: lists.auditChains, GSI1SK: change.chain },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
  ];
}

/** The store's one clock: the injected one in tests, else the system's. */
export const nowOf = (db: Pick<Db, 'now'>): Date => (db.now ? db.now() : new Date());
