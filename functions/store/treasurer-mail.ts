/**
 * Mail to the treasurers whose decision a proposal or request waits for, queued in the same transaction
 * as the proposal: a treasurer learns of it without watching the dashboard.
 */
import type { TransactItem } from './db.js';
import type { Db } from './db.js';
import { mailItem } from './outbox.js';
import { usersWithRole } from './users.js';

export async function treasurerMails(
  db: Db,
  towns: readonly string[],
  notice: { cause: string; subject: string; text: string; kind: string; at: string; except?: string },
): Promise<TransactItem[]> {
  const people = (await Promise.all([...new Set(towns)].map((t) => usersWithRole(db, `treasurer:${t}`)))).flat();
  const emails = [...new Set(people.filter((u) => u.id !== notice.except && u.email).map((u) => u.email))];
  return emails.map((to) => mailItem(notice.cause, { to, subject: notice.subject, text: notice.text, kind: notice.kind }, notice.at));
}
