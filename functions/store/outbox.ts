/**
 * Emails are written to an outbox in the same transaction as the change that causes them, so a
 * notification is sent if and only if the change happened. The stream handler delivers them (SES in
 * AWS); locally the dev mailbox page reads the outbox.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import type { Db, TransactItem } from './db.js';
import { keys, lists } from './keys.js';
import { queryAllRaw } from './query.js';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** Groups mail for the dev mailbox and for tests (e.g. 'application.answer'). */
  kind: string;
}

export interface StoredMail extends Mail {
  id: string;
  createdAt: string;
  status: 'queued' | 'sent' | 'failed';
}

/** The id derives from the cause, so a retried change cannot queue the same mail twice. */
export function mailItem(causeId: string, mail: Mail, createdAt: string): TransactItem {
  const id = createHash('sha256').update(`${causeId}|${mail.to}|${mail.kind}`).digest('hex').slice(0, 24);
  return {
    Put: {
      Item: { ...keys.mail(id), type: 'mail', GSI1PK: lists.mailbox, GSI1SK: `${createdAt}#${id}`, id, createdAt, status: 'queued', ...mail },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

export async function listMail(db: Db, opts: { to?: string; limit?: number } = {}): Promise<StoredMail[]> {
  const limit = opts.limit ?? (opts.to ? undefined : 100);
  return queryAllRaw(
    db,
    {
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': lists.mailbox, ...(opts.to ? { ':to': opts.to } : {}) },
      FilterExpression: opts.to ? '#to = :to' : undefined,
      ExpressionAttributeNames: opts.to ? { '#to': 'to' } : undefined,
      ScanIndexForward: false,
      // A filtered read must page on until it has what it wants: one page may hold none of this person's mail.
      Limit: opts.to ? undefined : limit,
    },
    { limit },
  ) as unknown as Promise<StoredMail[]>;
}

export async function markMail(db: Db, id: string, status: 'sent' | 'failed'): Promise<void> {
  await db.doc.send(
    new UpdateCommand({ TableName: db.table, Key: keys.mail(id), UpdateExpression: 'SET #s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': status } }),
  );
}
