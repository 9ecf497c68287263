/**
 * Who hears of a decision that waits for them, and how composed mail joins the transaction that causes
 * it. The words are the services' (services/treasury-mail.ts); this module only finds addresses and turns
 * each mail into an outbox row, so a notification is queued if and only if the change happened.
 */
import type { Db, TransactItem } from './db.js';
import { mailItem, type Mail } from './outbox.js';
import { usersWithRole } from './users.js';

/** A composed mail and the change that causes it (its outbox id derives from the cause). */
export interface QueuedMail extends Mail {
  cause: string;
}

/**
 * The distinct addresses of the treasurers of `towns`, leaving out `except` (the person acting).
 * @example await treasurerEmails(db, ['113611'], 'treasurer-yokoze') // ['treasurer2@town.yokoze.example']
 */
export async function treasurerEmails(db: Db, towns: readonly string[], except?: string): Promise<string[]> {
  const people = (await Promise.all([...new Set(towns)].map((t) => usersWithRole(db, `treasurer:${t}`)))).flat();
  return [...new Set(people.filter((u) => u.id !== except && u.email).map((u) => u.email))];
}

/** The outbox rows of composed mail, to write in the same transaction as their cause. */
export function mailItems(mails: readonly QueuedMail[], at: string): TransactItem[] {
  return mails.map(({ cause, ...mail }) => mailItem(cause, mail, at));
}
