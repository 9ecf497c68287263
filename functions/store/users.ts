/** User profiles and companies. Identity (who signed in) is Cognito's or the dev provider's job. */
import { fromItem } from './items.js';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db.js';
import { keys, lists } from './keys.js';

export interface UserProfile {
  id: string;
  name: string;
  email: string;
  roles: string[];
  companyId?: string;
}

export interface Company {
  id: string;
  corporateNumber: string;
  name: string;
  nameKana: string;
  headOfficeAddress: string;
  headOfficeTown: string;
  contactName: string;
  contactEmail: string;
}

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
  const out: UserProfile[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const res = await db.doc.send(
      new QueryCommand({ TableName: db.table, IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': lists.users }, ExclusiveStartKey }),
    );
    for (const item of res.Items ?? []) out.push(fromItem<UserProfile>(item));
    ExclusiveStartKey = res.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return out;
}

export async function usersWithRole(db: Db, role: string): Promise<UserProfile[]> {
  return (await listUsers(db)).filter((u) => u.roles.includes(role));
}
