/**
 * The one paging loop: every store read that wants all of a partition, an index range or (for audits) the
 * table goes through here. DynamoDB returns at most 1 MB per page, and a filtered page may hold nothing, so
 * a reader that stops after one page silently loses items.
 */
import { QueryCommand, ScanCommand, type QueryCommandInput, type ScanCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db.js';
import { fromItem } from './items.js';

export type QueryInput = Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>;
export type ScanInput = Omit<ScanCommandInput, 'TableName' | 'ExclusiveStartKey'>;
type Page = { Items?: Record<string, unknown>[]; LastEvaluatedKey?: Record<string, unknown> };

async function collect(send: (start: Record<string, unknown> | undefined) => Promise<Page>, limit?: number): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await send(start);
    out.push(...(page.Items ?? []));
    if (limit !== undefined && out.length >= limit) return out.slice(0, limit);
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

/**
 * The stored items a Query matches, every page; `limit` stops once that many are in hand.
 * @example const rows = await queryAllRaw(db, { KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': 'TOWN#113611' } })
 */
export function queryAllRaw(db: Db, input: QueryInput, opts: { limit?: number } = {}): Promise<Record<string, unknown>[]> {
  return collect((ExclusiveStartKey) => db.doc.send(new QueryCommand({ ...input, TableName: db.table, ExclusiveStartKey })), opts.limit);
}

/**
 * Like queryAllRaw, turned back into domain objects (the store's key and type attributes dropped).
 * @example const towns = await queryAll<Municipality>(db, { IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': lists.towns } })
 */
export async function queryAll<T>(db: Db, input: QueryInput, opts: { limit?: number } = {}): Promise<T[]> {
  return (await queryAllRaw(db, input, opts)).map((item) => fromItem<T>(item));
}

/**
 * Every stored item a Scan matches. Only for whole-table audits (the ledger's verifier, admin only): no
 * request a visitor can make may scan.
 * @example const rows = await scanAllRaw(db, { FilterExpression: '#t = :e', ExpressionAttributeNames: { '#t': 'type' }, ExpressionAttributeValues: { ':e': 'entry' } })
 */
export function scanAllRaw(db: Db, input: ScanInput): Promise<Record<string, unknown>[]> {
  return collect((ExclusiveStartKey) => db.doc.send(new ScanCommand({ ...input, TableName: db.table, ExclusiveStartKey })));
}
