/** What the back-office tests need to call the services directly, as a route or a scheduled job would. */
import type { Actor } from '../../functions/domain/actor.js';
import { unconfiguredPayments } from '../../functions/payments/port.js';
import type { ServiceContext } from '../../functions/services/context.js';
import { nowOf, type Db } from '../../functions/store/db.js';

/** A service context on this table, reading the table's (possibly pinned) clock. */
export function ctxOf(db: Db): ServiceContext {
  const fail = async (): Promise<string> => {
    throw new Error('no secrets in back-office tests');
  };
  return { db, now: () => nowOf(db), baseUrl: 'http://localhost:3000', payments: unconfiguredPayments, secrets: { donationLink: fail, stripeWebhook: fail } };
}

/** A person holding the treasurer role of these towns. */
export const treasurer = (sub: string, ...towns: string[]): Actor => ({ sub, roles: towns.map((t) => `treasurer:${t}`) });
