/**
 * The corporate version's mails. Companies and treasurers may read either language, so every mail carries
 * both: the subject as "日本語 / English", the body Japanese first and English below a rule. The words are
 * the catalog's (`corporate.mail.*`); this module only fills them in.
 */
import type { Municipality } from '../domain/catalog.js';
import type { Pledge } from '../domain/corporate.js';
import { formatYen } from '../domain/money.js';
import { pick, t, type Lang, type MessageKey, type Params } from '../i18n/index.js';
import type { Mail } from '../store/outbox.js';
import type { BankTransfer } from './pledges.js';

type Town = Pick<Municipality, 'name' | 'nameEn'> | undefined;

const subjectOf = (key: MessageKey) => `${t('ja', key)} / ${t('en', key)}`;
const bodyOf = (ja: string, en: string) => [ja, '', '---', en].join('\n');
const townName = (lang: Lang, town: Town, code: string) => (town ? pick(lang, town.name, town.nameEn) : code);
const targetOf = (lang: Lang, p: Pledge) => pick(lang, p.targetTitle, p.targetTitleEn);
const targetPath = (p: Pledge) => (p.target.kind === 'challenge' ? `/challenges/${p.target.id}` : `/funds/${p.target.id}`);

/** Both languages of one body key, each with its own town name and target title. */
function bilingual(key: MessageKey, params: (lang: Lang) => Params): string {
  return bodyOf(t('ja', key, params('ja')), t('en', key, params('en')));
}

/**
 * To the company: the pledge was accepted, and how to pay it.
 * @example pledgeAcceptedMail(baseUrl, pledge, town, bank)
 */
export function pledgeAcceptedMail(baseUrl: string, p: Pledge, town: Municipality, bank: BankTransfer): Mail {
  const a = bank.account;
  const url = `${baseUrl}/company/pledges/${p.id}`;
  const account = (lang: Lang) =>
    a
      ? t(lang, 'corporate.mail.accepted.account', {
          bankName: a.bankNameKana,
          bankCode: a.bankCode,
          branchName: a.branchNameKana,
          branchCode: a.branchCode,
          accountType: t(lang, a.accountType === 'current' ? 'corporate.accountType.current' : 'corporate.accountType.ordinary'),
          accountNumber: a.accountNumber,
          holder: a.holderKana,
        })
      : t(lang, 'corporate.mail.accepted.noAccount', { town: townName(lang, town, p.receivingTown) });
  return {
    to: p.contactEmail,
    kind: 'corporate_pledge.accepted',
    subject: subjectOf('corporate.mail.accepted.subject'),
    text: bilingual('corporate.mail.accepted.body', (lang) => ({
      company: p.companyName,
      target: targetOf(lang, p),
      plan: p.planName,
      project: p.projectName,
      town: townName(lang, town, p.receivingTown),
      amount: formatYen(p.amount),
      account: account(lang),
      reference: bank.reference,
      due: p.expiresOn,
      url,
    })),
  };
}

/** To each treasurer of the receiving town: a pledge to watch the bank account for. */
export function newPledgeMail(baseUrl: string, p: Pledge, town: Municipality, to: string): Mail {
  const url = `${baseUrl}/treasurer/pledges`;
  return {
    to,
    kind: 'corporate_pledge.new',
    subject: subjectOf('corporate.mail.new.subject'),
    text: bilingual('corporate.mail.new.body', (lang) => ({
      company: p.companyName,
      corporateNumber: p.corporateNumber,
      town: townName(lang, town, p.receivingTown),
      target: targetOf(lang, p),
      amount: formatYen(p.amount),
      due: p.expiresOn,
      url,
    })),
  };
}

/** To the company: the money arrived and the receipt can be printed. */
export function receiptMail(baseUrl: string, p: Pledge, town: Town): Mail {
  const url = `${baseUrl}/api/corporate-pledges/${p.id}/receipt`;
  return {
    to: p.contactEmail,
    kind: 'corporate_pledge.receipt',
    subject: subjectOf('corporate.mail.receipt.subject'),
    text: bilingual('corporate.mail.receipt.body', (lang) => ({
      company: p.companyName,
      town: townName(lang, town, p.receivingTown),
      receivedOn: p.receivedOn ?? '',
      amount: formatYen(p.amount),
      receiptNumber: p.receiptNumber ?? '',
      url,
    })),
  };
}

/** To the company (and, on cancel, the treasurers): the pledge ended unpaid. */
export function closedMail(baseUrl: string, p: Pledge, town: Town, to: string, how: 'cancelled' | 'expired', reason?: string): Mail {
  const url = `${baseUrl}${targetPath(p)}`;
  return {
    to,
    kind: `corporate_pledge.${how}`,
    subject: subjectOf(`corporate.mail.${how}.subject`),
    text: bilingual(`corporate.mail.${how}.body`, (lang) => ({
      company: p.companyName,
      town: townName(lang, town, p.receivingTown),
      amount: formatYen(p.amount),
      target: targetOf(lang, p),
      reason: reason ? t(lang, 'corporate.mail.reason', { reason }) : '',
      url,
    })),
  };
}
