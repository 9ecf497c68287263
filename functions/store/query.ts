/** The one paging loop: every store read that wants all of a partition or index range goes through here. */
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db.js';
import { fromItem } from './items.js';

export type QueryInput = Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>;

/**
 * Every item a Query matches, page after page (DynamoDB returns at most 1 MB per page), turned back into
 * domain objects. `limit` stops early once that many items are in hand.
 * @example const towns = await queryAll<Municipality>(db, { IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': lists.towns } })
 */
export async function queryAll<T>(db: Db, input: QueryInput, opts: { limit?: number } = {}): Promise<T[]> {
  const out: T[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const res = await db.doc.send(new QueryCommand({ ...input, TableName: db.table, ExclusiveStartKey }));
    for (const item of res.Items ?? []) out.push(fromItem<T>(item)!);
    if (opts.limit !== undefined && out.length >= opts.limit) return out.slice(0, opts.limit);
    ExclusiveStartKey = res.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return out;
}

/** The raw stored items, for the few readers that need the keys (e.g. the ledger's verifier). */
export async function queryAllRaw(db: Db, input: QueryInput): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const res = await db.doc.send(new QueryCommand({ ...input, TableName: db.table, ExclusiveStartKey }));
    out.push(...(res.Items ?? []));
    ExclusiveStartKey = res.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return out;
}
