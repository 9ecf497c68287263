/**
 * The local checkout emulator's sessions on the table, so a pending konbini payment survives a restart of
 * `npm start`. The store knows only what it conditions on (the id, the idempotency key, the state, the refund
 * flag); the session's other fields are the emulator's (payments/port.ts `SessionStore`), stored as given.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { transact, type Db } from './db.js';
import { conditionalUpdate } from './donations.js';
import { StateConflictError } from './errors.js';
import { fromItem } from './items.js';
import { keys } from './keys.js';

export interface StoredCheckoutSession {
  id: string;
  idempotencyKey: string;
  state: string;
  refunded?: boolean;
}

/**
 * The emulator's session storage on this table (wired in infra/local/platform.ts).
 * @example createCheckoutEmulator({ store: checkoutSessionStore<EmulatedSession>(db), baseUrl, webhookSecret })
 */
export function checkoutSessionStore<S extends StoredCheckoutSession>(db: Db) {
  const get = async (id: string): Promise<S | undefined> => {
    const res = await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.emulatorSession(id), ConsistentRead: true }));
    return fromItem<S>(res.Item);
  };
  return {
    get,
    /** Stores the session unless one exists under the same idempotency key; returns whichever is stored. */
    async claim(session: S): Promise<S> {
      const idem = keys.idempotency('emulator-checkout', session.idempotencyKey);
      try {
        await transact(db, async () => ({
          items: [
            { Put: { Item: { ...idem, type: 'idempotency', sessionId: session.id }, ConditionExpression: 'attribute_not_exists(PK)' } },
            { Put: { Item: { ...keys.emulatorSession(session.id), type: 'emulator_session', ...session }, ConditionExpression: 'attribute_not_exists(PK)' } },
          ],
          result: undefined,
        }));
        return session;
      } catch (e) {
        if (!(e instanceof StateConflictError)) throw e;
        const res = await db.doc.send(new GetCommand({ TableName: db.table, Key: idem, ConsistentRead: true }));
        const existing = res.Item && (await get(res.Item.sessionId as string));
        if (!existing) throw e;
        return existing;
      }
    },
    /** Moves the state only from `from`; false if the session was elsewhere. */
    async move(id: string, from: S['state'][], to: S['state']): Promise<boolean> {
      return conditionalUpdate(db, {
        Key: keys.emulatorSession(id),
        UpdateExpression: 'SET #s = :to',
        ConditionExpression: `#s IN (${from.map((_, i) => `:f${i}`).join(', ')})`,
        ExpressionAttributeNames: { '#s': 'state' },
        ExpressionAttributeValues: { ':to': to, ...Object.fromEntries(from.map((s, i) => [`:f${i}`, s])) },
      });
    },
    async markRefunded(id: string): Promise<boolean> {
      return conditionalUpdate(db, {
        Key: keys.emulatorSession(id),
        UpdateExpression: 'SET refunded = :t',
        ConditionExpression: 'attribute_not_exists(refunded)',
        ExpressionAttributeValues: { ':t': true },
      });
    },
  };
}
