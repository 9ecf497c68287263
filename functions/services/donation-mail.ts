/**
 * The donor's emails: Japanese first, English below, as every mail of the platform. Every sentence is a
 * catalog key (`donation.mail.*`); this module only lays them out.
 */
import type { Municipality } from '../domain/catalog.js';
import { oneStopDeadline, receiptYear, type Donation } from '../domain/donations.js';
import { formatJaDate } from '../domain/jst.js';
import { formatYen } from '../domain/money.js';
import { pick, t, type Lang } from '../i18n/index.js';
import type { Mail } from '../store/outbox.js';

type Links = { thanks: string; receipt: string; oneStopForm: string };

const enDate = (d: string) => new Date(`${d}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const DATE_IN: Record<Lang, (d: string) => string> = { ja: formatJaDate, en: enDate };
const LANGS: Lang[] = ['ja', 'en'];

/** The Japanese block, a rule, then the English block. */
const bilingual = (lines: (lang: Lang) => string[]) => LANGS.map((lang) => lines(lang).join('\n')).join('\n\n----\n\n');
const townIn = (lang: Lang, town: Municipality) => pick(lang, town.name, town.nameEn);

/**
 * The thank-you mail, sent in the payment's own transaction.
 * @example const mail = paidMail(donation, town, links, '2026-12-31')
 */
export function paidMail(d: Donation, town: Municipality, links: Links, paidDate: string): Mail {
  const deadline = oneStopDeadline(receiptYear(paidDate));
  const amount = formatYen(d.amount);
  const text = bilingual((lang) => [
    t(lang, 'donation.mail.dear', { name: d.donor.name }),
    '',
    t(lang, 'donation.mail.paid.thanks', { town: townIn(lang, town) }),
    t(lang, 'donation.mail.amount', { amount }),
    t(lang, 'donation.mail.purpose', { purpose: pick(lang, d.purpose, d.purposeEn) }),
    t(lang, 'donation.mail.receivedOn', { date: DATE_IN[lang](paidDate) }),
    '',
    t(lang, 'donation.mail.receipt', { url: links.receipt }),
    ...(d.oneStop
      ? [t(lang, 'donation.mail.oneStopForm', { url: links.oneStopForm }), t(lang, 'donation.mail.oneStopDue', { deadline: DATE_IN[lang](deadline), town: townIn(lang, town) })]
      : []),
    t(lang, 'donation.mail.status', { url: links.thanks }),
  ]);
  return { to: d.donor.email, subject: `${t('ja', 'donation.mail.paid.subject')} / ${t('en', 'donation.mail.paid.subject')} (${amount})`, text, kind: 'donation.paid' };
}

/** @example const mail = refundedMail(donation, town, links) */
export function refundedMail(d: Donation, town: Municipality, links: Links): Mail {
  const amount = formatYen(d.amount);
  const text = bilingual((lang) => [
    t(lang, 'donation.mail.dear', { name: d.donor.name }),
    '',
    t(lang, 'donation.mail.refunded.done', { town: townIn(lang, town), amount }),
    t(lang, 'donation.mail.refunded.void'),
    t(lang, 'donation.mail.status', { url: links.thanks }),
  ]);
  return { to: d.donor.email, subject: `${t('ja', 'donation.mail.refunded.subject')} / ${t('en', 'donation.mail.refunded.subject')}`, text, kind: 'donation.refunded' };
}

/** @example const mail = oneStopReminderMail(donation, town, links, 2026) */
export function oneStopReminderMail(d: Donation, town: Municipality, links: Links, year: number): Mail {
  const deadline = oneStopDeadline(year);
  const amount = formatYen(d.amount);
  const text = bilingual((lang) => [
    t(lang, 'donation.mail.dear', { name: d.donor.name }),
    '',
    t(lang, 'donation.mail.reminder.notYet', { year, town: townIn(lang, town), amount, date: d.paidDate ? DATE_IN[lang](d.paidDate) : '' }),
    t(lang, 'donation.mail.reminder.due', { deadline: DATE_IN[lang](deadline) }),
    t(lang, 'donation.mail.reminder.form', { url: links.oneStopForm }),
    t(lang, 'donation.mail.reminder.taxReturn'),
  ]);
  return {
    to: d.donor.email,
    subject: `${t('ja', 'donation.mail.reminder.subject', { deadline: formatJaDate(deadline) })} / ${t('en', 'donation.mail.reminder.subject', { deadline: enDate(deadline) })}`,
    text,
    kind: 'donation.onestop_reminder',
  };
}
