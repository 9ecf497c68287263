/** What the local seed needs from the store: whether the table was seeded, and create-if-absent writes. */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db.js';
import { keys } from './keys.js';

export async function isSeeded(db: Db): Promise<boolean> {
  const res = await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.seedMarker() }));
  return Boolean(res.Item);
}

export async function markSeeded(db: Db, at: Date): Promise<void> {
  await db.doc.send(new PutCommand({ TableName: db.table, Item: { ...keys.seedMarker(), type: 'seed', at: at.toISOString() } }));
}

/** Runs a conditional create; an item that already exists (a half-finished earlier seed) is fine. */
export async function createIfAbsent(write: Promise<unknown>): Promise<void> {
  try {
    await write;
  } catch (e) {
    if ((e as Error).name !== 'ConditionalCheckFailedException') throw e;
  }
}
