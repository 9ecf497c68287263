/** User profiles and companies. Identity (who signed in) is Cognito's or the dev provider's job. */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
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
  if (!res.Item) return undefined;
  const { PK: _p, SK: _s, GSI1PK: _g, GSI1SK: _h, type: _t, ...user } = res.Item;
  return user as UserProfile;
}

export async function putCompany(db: Db, company: Company): Promise<void> {
  await db.doc.send(new PutCommand({ TableName: db.table, Item: { ...keys.company(company.id), type: 'company', GSI1PK: lists.companies, GSI1SK: company.id, ...company } }));
}

export async function getCompany(db: Db, id: string): Promise<Company | undefined> {
  const res = await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.company(id) }));
  if (!res.Item) return undefined;
  const { PK: _p, SK: _s, GSI1PK: _g, GSI1SK: _h, type: _t, ...company } = res.Item;
  return company as Company;
}
