/**
 * The stream path: a change that queues mail in its transaction is delivered by the same consumer the
 * stream Lambda runs, fed here by the local poller from DynamoDB Local's stream — including items the
 * local stream API renders oddly (an empty map).
 */
import { describe, expect, it } from 'vitest';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { writeAudited } from '../../functions/store/audit.js';
import { listMail, mailItem } from '../../functions/store/outbox.js';
import type { Mail } from '../../functions/store/outbox.js';
import { startStreamPoller } from '../../infra/local/stream-poller.js';
import { dynamoEndpoint, freshDb } from '../support/platform.js';

describe('stream consumer via the local poller', () => {
  it('sends queued mail exactly once and marks it sent, past an item with an empty map', async () => {
    const db = await freshDb();
    const sent: Mail[] = [];
    const poller = await startStreamPoller(dynamoEndpoint(), { db, mailer: { send: async (m) => void sent.push(m) } }, { autoStart: false });
    try {
      await db.doc.send(new PutCommand({ TableName: db.table, Item: { PK: 'THING#1', SK: 'META', type: 'thing', decisions: {}, nested: { inner: {} } } }));
      await writeAudited(db, [mailItem('thing:1:created', { to: 'a@example.jp', subject: '件名', text: '本文', kind: 'test' }, new Date().toISOString())], {
        chain: 'network',
        input: { actor: 'admin', role: 'admin', action: 'thing.create', target: 'thing:1' },
      });
      await poller.drain();
      await poller.drain();
      expect(sent.map((m) => m.to)).toEqual(['a@example.jp']);
      const [mail] = await listMail(db, { to: 'a@example.jp' });
      expect(mail?.status).toBe('sent');
    } finally {
      poller.stop();
    }
  });
});
