/** The donor's emails: Japanese first, English below, as every mail of the platform. */
import type { Municipality } from '../domain/catalog.js';
import { oneStopDeadline, receiptYear, type Donation } from '../domain/donations.js';
import { formatJaDate } from '../domain/jst.js';
import { formatYen } from '../domain/money.js';
import type { Mail } from '../store/outbox.js';

type Links = { thanks: string; receipt: string; oneStopForm: string };

const enDate = (d: string) => new Date(`${d}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

export function paidMail(d: Donation, town: Municipality, links: Links, paidDate: string): Mail {
  const year = receiptYear(paidDate);
  const deadline = oneStopDeadline(year);
  const ja = [
    `${d.donor.name} 様`,
    '',
    `共創ファンドを通じた${town.name}へのご寄附、誠にありがとうございます。`,
    `寄附金額: ${formatYen(d.amount)}`,
    `使途: ${d.purpose}`,
    `受領日: ${formatJaDate(paidDate)}`,
    '',
    `寄附金受領証明書(印刷できます): ${links.receipt}`,
    ...(d.oneStop
      ? [`ワンストップ特例申請書(記入済み・マイナンバー欄は手書き): ${links.oneStopForm}`, `申請書は${formatJaDate(deadline)}必着で${town.name}へ郵送してください。`]
      : []),
    `寄附の状況: ${links.thanks}`,
  ];
  const en = [
    `Dear ${d.donor.name},`,
    '',
    `Thank you for your hometown-tax donation to ${town.nameEn} through Kyoso Fund.`,
    `Amount: ${formatYen(d.amount)}`,
    `Purpose: ${d.purposeEn}`,
    `Received on: ${enDate(paidDate)}`,
    '',
    `Receipt (printable): ${links.receipt}`,
    ...(d.oneStop ? [`One-stop exception form (prefilled; write your My Number by hand): ${links.oneStopForm}`, `Post it to ${town.nameEn} so that it arrives by ${enDate(deadline)}.`] : []),
    `Your donation: ${links.thanks}`,
  ];
  return {
    to: d.donor.email,
    subject: `【共創ファンド】ご寄附ありがとうございます / Thank you for your donation (${formatYen(d.amount)})`,
    text: [...ja, '', '----', '', ...en].join('\n'),
    kind: 'donation.paid',
  };
}

export function refundedMail(d: Donation, town: Municipality, links: Links): Mail {
  const ja = [
    `${d.donor.name} 様`,
    '',
    `${town.name}へのご寄附(${formatYen(d.amount)})を返金しました。`,
    'お支払いに使われた方法へ返金されます。この寄附の寄附金受領証明書は無効となりました(確定申告・ワンストップ特例に使わないでください)。',
    `寄附の状況: ${links.thanks}`,
  ];
  const en = [
    `Dear ${d.donor.name},`,
    '',
    `Your donation of ${formatYen(d.amount)} to ${town.nameEn} has been refunded to the payment method you used.`,
    'Its receipt is now void: do not use it for a tax return or the one-stop exception.',
    `Your donation: ${links.thanks}`,
  ];
  return {
    to: d.donor.email,
    subject: `【共創ファンド】ご寄附を返金しました / Your donation has been refunded`,
    text: [...ja, '', '----', '', ...en].join('\n'),
    kind: 'donation.refunded',
  };
}

export function oneStopReminderMail(d: Donation, town: Municipality, links: Links, year: number): Mail {
  const deadline = oneStopDeadline(year);
  const ja = [
    `${d.donor.name} 様`,
    '',
    `${year}年に${town.name}へいただいたご寄附(${formatYen(d.amount)}、${d.paidDate ? formatJaDate(d.paidDate) : ''})について、ワンストップ特例申請書がまだ${town.name}に届いていません。`,
    `申請書は${formatJaDate(deadline)}必着です。印刷して、マイナンバーを手書きし、本人確認書類の写しを添えて郵送してください。`,
    `申請書(記入済み): ${links.oneStopForm}`,
    '確定申告をされる場合は、申請書の提出は不要です(寄附金受領証明書を添付してください)。',
  ];
  const en = [
    `Dear ${d.donor.name},`,
    '',
    `${town.nameEn} has not yet received your one-stop exception form for your ${year} donation of ${formatYen(d.amount)}.`,
    `It must arrive by ${enDate(deadline)}. Print it, write your My Number by hand, and post it with copies of your ID documents.`,
    `Form (prefilled): ${links.oneStopForm}`,
    'If you file a tax return instead, you do not need the form (attach the receipt to the return).',
  ];
  return {
    to: d.donor.email,
    subject: `【共創ファンド】ワンストップ特例申請書の提出期限(${formatJaDate(deadline)}必着) / One-stop form due ${enDate(deadline)}`,
    text: [...ja, '', '----', '', ...en].join('\n'),
    kind: 'donation.onestop_reminder',
  };
}
