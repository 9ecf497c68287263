/** The database's one cheap reachability check: a single-item read of a key nothing writes. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db.js';

/** Resolves when the table answered within `timeoutMs`; throws otherwise. */
export async function pingTable(db: Db, timeoutMs: number): Promise<void> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    await Promise.race([
      db.doc.send(new GetCommand({ TableName: db.table, Key: { PK: 'HEALTH', SK: 'PING' } }), { abortSignal: abort.signal }),
      new Promise((_, reject) => abort.signal.addEventListener('abort', () => reject(new Error(`no answer within ${timeoutMs} ms`)))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
