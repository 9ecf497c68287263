/** Towns, funds and challenges: small, read-mostly items listed through GSI1. */
import { fromItem } from './items.js';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Challenge, Fund, Municipality } from '../domain/catalog.js';
import { accounts } from '../domain/ledger/accounts.js';
import type { Db } from './db.js';
import { keys, lists } from './keys.js';
import { readShards } from './ledger.js';
import { queryAll } from './query.js';


const listKind = <T>(db: Db, list: string) => queryAll<T>(db, { IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': list } });

async function getKind<T>(db: Db, key: { PK: string; SK: string }): Promise<T | undefined> {
  const res = await db.doc.send(new GetCommand({ TableName: db.table, Key: key }));
  return fromItem<T>(res.Item);
}

export const listTowns = (db: Db) => listKind<Municipality>(db, lists.towns);
export const getTown = (db: Db, code: string) => getKind<Municipality>(db, keys.town(code));
export const listFunds = (db: Db) => listKind<Fund>(db, lists.funds);
export const getFund = (db: Db, id: string) => getKind<Fund>(db, keys.fund(id));
export const listChallenges = (db: Db) => listKind<Challenge>(db, lists.challenges);
export const getChallenge = (db: Db, id: string) => getKind<Challenge>(db, keys.challenge(id));

/** Catalog items are created once (seed, onboarding); a second put of the same id is refused. */
export async function putTown(db: Db, town: Municipality): Promise<void> {
  await db.doc.send(new PutCommand({ TableName: db.table, Item: { ...keys.town(town.code), type: 'town', GSI1PK: lists.towns, GSI1SK: town.code, ...town }, ConditionExpression: 'attribute_not_exists(PK)' }));
}
export async function putFund(db: Db, fund: Fund): Promise<void> {
  await db.doc.send(new PutCommand({ TableName: db.table, Item: { ...keys.fund(fund.id), type: 'fund', GSI1PK: lists.funds, GSI1SK: fund.id, ...fund }, ConditionExpression: 'attribute_not_exists(PK)' }));
}
export function challengeItem(ch: Challenge): Record<string, unknown> {
  return { ...keys.challenge(ch.id), type: 'challenge', GSI1PK: lists.challenges, GSI1SK: `${ch.deadline}#${ch.id}`, ...ch };
}
export async function putChallenge(db: Db, ch: Challenge): Promise<void> {
  await db.doc.send(new PutCommand({ TableName: db.table, Item: challengeItem(ch), ConditionExpression: 'attribute_not_exists(PK)' }));
}

/** Raised money and supporter count come from the ledger, never from a counter on the challenge item. */
export async function challengeTotals(db: Db, challengeId: string) {
  const s = await readShards(db, accounts.challengeAvailable(challengeId));
  const ind = s.byChannel.individual ?? { net: 0, count: 0 };
  const corp = s.byChannel.corporate ?? { net: 0, count: 0 };
  const alloc = s.byChannel.allocation ?? { net: 0, count: 0 };
  return {
    raised: ind.net + corp.net,
    donorCount: ind.count + corp.count,
    allocated: alloc.net,
    available: s.total,
    byChannel: { individual: ind.net, corporate: corp.net, allocation: alloc.net },
  };
}

export async function fundShares(db: Db, fund: Fund) {
  return Promise.all(fund.members.map(async (town) => ({ town, available: (await readShards(db, accounts.fundShare(fund.id, town))).total })));
}
