/** Reading and checking the audit chains; appending happens inside each change's transaction (db.ts). */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { verifyAuditChain, type AuditRecord, type ChainProblem } from '../domain/audit.js';
import { transact, type AuditedChange, type Db, type TransactItem } from './db.js';
import { keys, lists } from './keys.js';
import { queryAll, queryAllRaw } from './query.js';

/** One chain's records in sequence order, read consistently (the verifier compares them with the head). */
export async function auditRecords(db: Db, chain: string): Promise<AuditRecord[]> {
  return queryAll<AuditRecord>(db, {
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :r)',
    ExpressionAttributeValues: { ':pk': keys.auditHead(chain).PK, ':r': 'R#' },
    ConsistentRead: true,
  });
}

export async function auditChains(db: Db): Promise<string[]> {
  const heads = await queryAllRaw(db, { IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': lists.auditChains } });
  return heads.map((i) => i.chain as string);
}

export async function verifyAuditChains(db: Db): Promise<{ ok: boolean; chains: number; problems: (ChainProblem & { chain: string })[] }> {
  const chains = await auditChains(db);
  const problems = (
    await Promise.all(
      chains.map(async (chain) => {
        const head = await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.auditHead(chain), ConsistentRead: true }));
        const tip = head.Item ? { seq: head.Item.seq as number, hash: head.Item.hash as string } : undefined;
        return verifyAuditChain(await auditRecords(db, chain), tip).map((p) => ({ ...p, chain }));
      }),
    )
  ).flat();
  return { ok: problems.length === 0, chains: chains.length, problems };
}

/** A change by a person that moves no money: its items and its audit record in one transaction. */
export async function writeAudited(db: Db, items: TransactItem[], audit: AuditedChange): Promise<void> {
  await transact(db, async () => ({ items, result: undefined }), { audit });
}

/** Records of the given chains, newest first, filtered by target and actor prefix. */
export async function searchAudit(db: Db, chains: string[], filter: { target?: string; actor?: string; limit?: number } = {}): Promise<AuditRecord[]> {
  const all = (await Promise.all(chains.map((chain) => auditRecords(db, chain)))).flat();
  return all
    .filter((r) => !filter.target || r.target.startsWith(filter.target))
    .filter((r) => !filter.actor || r.actor === filter.actor)
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
    .slice(0, filter.limit ?? 200);
}
