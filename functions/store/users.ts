/** User profiles and companies. Identity (who signed in) is Cognito's or the dev provider's job. */
import { fromItem } from './items.js';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Company } from '../domain/company.js';
import type { Db } from './db.js';
import { queryAll } from './query.js';
import { keys, lists } from './keys.js';

export interface UserProfile {
  id: string;
  name: string;
  email: string;
  roles: string[];
  companyId?: string;
}

/** A company as stored: its profile and its id (the type lives in the domain). */
export type { Company } from '../domain/company.js';

export async function putUser(db: Db, user: UserProfile): Promise<void> {
  await db.doc.send(new PutCommand({ TableName: db.table, Item: { ...keys.user(user.id), type: 'user', GSI1PK: lists.users, GSI1SK: user.id, ...user } }));
}

export async function getUser(db: Db, id: string): Promise<UserProfile | undefined> {
  const res = await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.user(id) }));
  return fromItem<UserProfile>(res.Item);
}

export async function putCompany(db: Db, company: Company): Promise<void> {
  await db.doc.send(new PutCommand({ TableName: db.table, Item: { ...keys.company(company.id), type: 'company', GSI1PK: lists.companies, GSI1SK: company.id, ...company } }));
}

export async function getCompany(db: Db, id: string): Promise<Company | undefined> {
  const res = await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.company(id) }));
  return fromItem<Company>(res.Item);
}

/** Every user profile (a small list: staff and company users), e.g. to find a town's reviewers. */
export async function listUsers(db: Db): Promise<UserProfile[]> {
  return queryAll<UserProfile>(db, { IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': lists.users } });
}

export async function usersWithRole(db: Db, role: string): Promise<UserProfile[]> {
  return (await listUsers(db)).filter((u) => u.roles.includes(role));
}
