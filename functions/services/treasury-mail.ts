/**
 * The back office's mail: to the treasurers a decision waits for, and to the operating company when its
 * request moves on. Japanese first, English below, as every mail of the platform; every sentence is a
 * catalog key (`treasury.mail.*`), this module only fills and lays them out.
 */
import type { Allocation } from '../domain/allocations.js';
import type { Challenge, Fund } from '../domain/catalog.js';
import type { Disbursement } from '../domain/disbursements.js';
import { formatYen } from '../domain/money.js';
import { pick, t, type Lang, type MessageKey, type Params } from '../i18n/index.js';
import type { QueuedMail } from '../store/treasurer-mail.js';

type Words = { subject: string; text: string };
type MailKind = 'allocationAwaiting' | 'disbursementAwaiting' | 'disbursementScheduled' | 'disbursementRejected' | 'disbursementPaid';

/** Subject "日本語 / English", text the Japanese paragraph, a blank line, the English one. */
function bilingual(kind: MailKind, params: (lang: Lang) => Params): Words {
  const [ja, en] = (['ja', 'en'] as const).map((lang) => ({
    subject: t(lang, `treasury.mail.${kind}.subject` as MessageKey, params(lang)),
    text: t(lang, `treasury.mail.${kind}.text` as MessageKey, params(lang)),
  }));
  return { subject: `${ja!.subject} / ${en!.subject}`, text: `${ja!.text}\n\n${en!.text}` };
}

const toEach = (to: readonly string[], cause: string, kind: string, words: Words): QueuedMail[] => to.map((address) => ({ to: address, cause, kind, ...words }));

/**
 * The request for approval of a new allocation, to the treasurers of the towns that decide.
 * @example allocationAwaitingMails(a, fund, challenge, ['treasurer@town.bandai.example'])
 */
export function allocationAwaitingMails(a: Allocation, fund: Pick<Fund, 'name' | 'nameEn'>, challenge: Pick<Challenge, 'title' | 'titleEn'>, to: readonly string[]): QueuedMail[] {
  const words = bilingual('allocationAwaiting', (lang) => ({
    title: pick(lang, challenge.title, challenge.titleEn),
    fund: pick(lang, fund.name, fund.nameEn),
    amount: formatYen(a.total),
    by: a.proposedByName ?? a.proposedBy,
    deadline: a.deadlineAt.slice(0, 10),
  }));
  return toEach(to, `allocation:${a.id}:proposed`, 'allocation.awaiting_approval', words);
}

/**
 * The request for approval of a payment, to the paying town's treasurers.
 * @example disbursementAwaitingMails(d, challenge, ['treasurer@town.yokoze.example'])
 */
export function disbursementAwaitingMails(d: Disbursement, challenge: Pick<Challenge, 'title' | 'titleEn'>, to: readonly string[]): QueuedMail[] {
  const words = bilingual('disbursementAwaiting', (lang) => ({ title: pick(lang, challenge.title, challenge.titleEn), amount: formatYen(d.amount), milestone: d.milestone, invoice: d.invoiceNumber }));
  return toEach(to, `disbursement:${d.id}:requested`, 'disbursement.awaiting_approval', words);
}

/**
 * What the operating company hears when its request is scheduled, rejected or paid.
 * @example companyMails(d, 'paid', 'hanako@kyoso-tech.example', { date: '2026-05-01' })
 */
export function companyMails(d: Disbursement, step: 'scheduled' | 'rejected' | 'paid', to: string | undefined, extra: { date?: string; reason?: string }): QueuedMail[] {
  if (!to) return [];
  const kind = ({ scheduled: 'disbursementScheduled', rejected: 'disbursementRejected', paid: 'disbursementPaid' } as const)[step];
  const words = bilingual(kind, () => ({ id: d.id, milestone: d.milestone, amount: formatYen(d.amount), date: extra.date ?? '', reason: extra.reason ?? '' }));
  return toEach([to], `disbursement:${d.id}:${step}`, `disbursement.${step}`, words);
}
