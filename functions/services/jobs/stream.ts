/**
 * What happens after a write: the DynamoDB stream feeds these consumers (Lambda in AWS, the local
 * poller on DynamoDB Local). Each consumer must be idempotent: a record can be delivered twice.
 */
import type { Db } from '../../store/db.js';
import { markMail, type StoredMail } from '../../store/outbox.js';
import type { Mailer } from './mailer.js';

export interface StreamRecord {
  eventName?: 'INSERT' | 'MODIFY' | 'REMOVE' | string;
  newImage?: Record<string, unknown>;
  oldImage?: Record<string, unknown>;
}

export interface StreamDeps {
  db: Db;
  mailer: Mailer;
}

export async function processStreamRecord(deps: StreamDeps, record: StreamRecord): Promise<void> {
  const item = record.newImage;
  if (record.eventName === 'INSERT' && item?.type === 'mail') {
    const mail = item as unknown as StoredMail;
    await deps.mailer.send(mail);
    await markMail(deps.db, mail.id, 'sent');
  }
}
