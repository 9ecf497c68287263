/**
 * The one-stop exception (ワンストップ特例): how many towns a donor has given to this year, the town's list
 * of requested forms, the treasurer marking a paper form received, and the reminders before 10 January.
 */
import { hasRole, isAdmin, type Actor } from '../domain/actor.js';
import type { Municipality } from '../domain/catalog.js';
import { formatPostalCode, normalizeEmail, oneStopDeadline, oneStopReceivedOnProblem, reminderYear, type Donation, type OneStopCount } from '../domain/donations.js';
import { DomainError, refuse } from '../domain/errors.js';
import { jstDate, jstYear } from '../domain/jst.js';
import { listTowns } from '../store/catalog.js';
import { listOneStopRequests, markOneStopReceived as storeReceived, sendOneStopReminder } from '../store/donations.js';
import { nowOf, type ServiceContext } from './context.js';
import { oneStopReminderMail } from './donation-mail.js';
import { findDonation, oneStopCountOf } from './donations.js';
import { csvText } from './exports.js';

/**
 * Refuses anyone but the town's treasurer (or an admin).
 * @example const who = requireTreasurer(actor, '113611')
 */
export function requireTreasurer(actor: Actor | undefined, town: string): Actor {
  if (!actor) throw refuse.unauthenticated();
  if (!hasRole(actor, 'treasurer', town) && !isAdmin(actor)) throw new DomainError('forbidden', 'forbidden', 'forbidden', { key: 'donation.treasurer_only', params: { town } });
  return actor;
}

/**
 * The signed-in donor's own count; only admins may ask about another email (a count per email would tell
 * anyone where someone gives).
 * @example const count = await myOneStopCount(ctx, actor, { town: '113611' })
 */
export async function myOneStopCount(ctx: ServiceContext, actor: Actor | undefined, q: { email?: string; town?: string }): Promise<OneStopCount> {
  if (!actor) throw refuse.unauthenticated();
  const email = q.email ? normalizeEmail(q.email) : actor.email;
  if (q.email && email !== normalizeEmail(actor.email ?? '') && !isAdmin(actor)) throw new DomainError('forbidden', 'forbidden', 'forbidden', { key: 'donation.own_email_only' });
  return oneStopCountOf(ctx, { email, userId: actor.sub }, q.town);
}

/**
 * A town's one-stop requests of a calendar year (default: this year), oldest payment first.
 * @example const { requests } = await townOneStopRequests(ctx, actor, { town: '113611', year: 2026 })
 */
export async function townOneStopRequests(ctx: ServiceContext, actor: Actor | undefined, q: { town: string; year?: number }): Promise<{ town: string; year: number; deadline: string; requests: Donation[] }> {
  requireTreasurer(actor, q.town);
  const year = q.year ?? jstYear(nowOf(ctx));
  return { town: q.town, year, deadline: oneStopDeadline(year), requests: await listOneStopRequests(ctx.db, q.town, year) };
}

const ONE_STOP_CSV_HEADER = ['受領証明書番号', '寄附日', '寄附金額', '氏名', 'フリガナ', '郵便番号', '住所', 'メールアドレス', '状態', '申請書受理日', '寄附番号'];

/**
 * The same list as CSV for Excel (UTF-8 with BOM, CRLF), through the platform's one CSV encoder.
 * @example const { text, filename } = await townOneStopCsv(ctx, actor, { town: '113611', year: 2026 })
 */
export async function townOneStopCsv(ctx: ServiceContext, actor: Actor | undefined, q: { town: string; year?: number }): Promise<{ text: string; filename: string }> {
  const list = await townOneStopRequests(ctx, actor, q);
  const rows = list.requests.map((d) => [
    d.receiptNumber,
    d.paidDate,
    d.amount,
    d.donor.name,
    d.donor.nameKana,
    formatPostalCode(d.donor.postalCode),
    d.donor.address,
    d.donor.email,
    d.status,
    d.oneStopReceivedOn,
    d.id,
  ]);
  return { text: `\uFEFF${csvText([ONE_STOP_CSV_HEADER, ...rows])}`, filename: `one-stop-${list.town}-${list.year}.csv` };
}

/**
 * The towns whose one-stop lists this person may open: their treasurer towns, or every town for an admin.
 * @example const towns = await oneStopTowns(ctx, actor)
 */
export async function oneStopTowns(ctx: ServiceContext, actor: Actor): Promise<Municipality[]> {
  const all = (await listTowns(ctx.db)).sort((a, b) => a.code.localeCompare(b.code));
  return isAdmin(actor) ? all : all.filter((t) => hasRole(actor, 'treasurer', t.code));
}

/**
 * The receiving town's treasurer has the donor's paper form (default: today, JST). Audited on the town's chain.
 * @example const d = await markOneStopReceived(ctx, actor, { id: 'don_1' })
 */
export async function markOneStopReceived(ctx: ServiceContext, actor: Actor | undefined, req: { id: string; receivedOn?: string }): Promise<Donation> {
  const d = await findDonation(ctx, req.id);
  const who = requireTreasurer(actor, d.receivingTown);
  const today = jstDate(nowOf(ctx));
  const on = req.receivedOn ?? today;
  const problem = oneStopReceivedOnProblem(d.paidDate, on, today);
  if (problem) throw new DomainError('rule', 'bad_received_on', 'bad_received_on', { key: problem.key, params: problem.params, issues: [problem] });
  await storeReceived(ctx.db, d, on, who.sub, {
    chain: `town:${d.receivingTown}`,
    input: { actor: who.sub, role: `treasurer:${d.receivingTown}`, action: 'donation.one_stop_received', target: `donation:${d.id}`, before: { received: false }, after: { receivedOn: on }, requestId: ctx.requestId },
  });
  return findDonation(ctx, d.id);
}

/**
 * From 20 December to 10 January (JST), every paid one-stop donation of the year whose form has not
 * reached its town gets one reminder email. Idempotent: the donation is marked and the mail id derives
 * from (donation, year), both conditional, so running every 15 minutes (or twice) sends one mail each.
 * @example await remindOneStopForms({ db, now: () => new Date() })
 */
export async function remindOneStopForms(ctx: Pick<ServiceContext, 'db' | 'now'>): Promise<Record<string, unknown>> {
  const year = reminderYear(ctx.now());
  if (year === undefined) return { season: false };
  let sent = 0;
  let skipped = 0;
  for (const town of await listTowns(ctx.db)) {
    for (const d of await listOneStopRequests(ctx.db, town.code, year)) {
      if (d.status !== 'paid' || d.oneStopReceivedOn || d.oneStopRemindedAt) continue;
      const links = d.donorLinks;
      if (!links) {
        skipped++;
        continue;
      }
      if (await sendOneStopReminder(ctx.db, d, year, oneStopReminderMail(d, town, links, year))) sent++;
    }
  }
  return { season: true, year, sent, skipped };
}
