/**
 * From 20 December to 10 January (JST), every paid one-stop donation of the year whose form has not
 * reached its town gets one reminder email. Idempotent: the donation is marked and the mail id derives
 * from (donation, year), both conditional, so running every 15 minutes (or twice) sends one mail each.
 */
import { reminderYear } from '../../domain/donations.js';
import { listTowns } from '../../store/catalog.js';
import type { Db } from '../../store/db.js';
import { listOneStopRequests, sendOneStopReminder } from '../../store/donations.js';
import { oneStopReminderMail } from '../donation-mail.js';
import type { ScheduledTask } from './schedule.js';

export async function remindOneStopForms(db: Db, now: Date): Promise<Record<string, unknown>> {
  const year = reminderYear(now);
  if (year === undefined) return { season: false };
  let sent = 0;
  let skipped = 0;
  for (const town of await listTowns(db)) {
    for (const d of await listOneStopRequests(db, town.code, year)) {
      if (d.status !== 'paid' || d.oneStopReceivedOn || d.oneStopRemindedAt) continue;
      const links = d.donorLinks;
      if (!links) {
        skipped++;
        continue;
      }
      if (await sendOneStopReminder(db, d, year, oneStopReminderMail(d, town, links, year))) sent++;
    }
  }
  return { season: true, year, sent, skipped };
}

export const oneStopReminderTask: ScheduledTask = { name: 'one-stop-reminders', run: remindOneStopForms };
