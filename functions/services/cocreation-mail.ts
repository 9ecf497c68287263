/**
 * The co-creation mails, composed from the catalog. Reviewers and company contacts have no language on
 * file, so their mail carries both (Japanese first, then English below a rule); a donor who opted in to
 * progress updates chose a language when donating and gets that one.
 */
import type { Application, ApplicationStatus, Review } from '../domain/applications.js';
import type { Challenge, Municipality } from '../domain/catalog.js';
import { formatYen } from '../domain/money.js';
import { pick, t, type Lang, type MessageKey, type Params } from '../i18n/index.js';
import type { ChallengeSubscriber } from '../store/challenges.js';
import type { Mail } from '../store/outbox.js';

const LANGS: readonly Lang[] = ['ja', 'en'];

type Words = Pick<Mail, 'subject' | 'text'>;

/** Both languages of one mail, Japanese first. */
function inBoth(words: (lang: Lang) => Words): Words {
  const [ja, en] = LANGS.map(words);
  return { subject: `${ja!.subject} / ${en!.subject}`, text: `${ja!.text}\n\n${t('ja', 'cocreation.mail.separator')}\n${en!.text}` };
}

/** One subject and one text from the catalog in both languages; params may differ by language (a town's name in each). */
const bilingual = (subject: MessageKey, text: MessageKey, params: (lang: Lang) => Params): Words => inBoth((lang) => ({ subject: t(lang, subject, params(lang)), text: t(lang, text, params(lang)) }));

const townNameIn = (lang: Lang, towns: readonly Municipality[], code: string) => {
  const town = towns.find((x) => x.code === code);
  return town ? pick(lang, town.name, town.nameEn) : code;
};

const titleIn = (lang: Lang, ch: Challenge) => pick(lang, ch.title, ch.titleEn ?? '');

/**
 * The mail to each reviewer of the named towns when an application is (re)submitted.
 * @example submittedMail({ app, round: 1, forTowns: ['113611'], towns, baseUrl })
 */
export function submittedMail(opts: { app: Application; round: number; forTowns: readonly string[]; towns: readonly Municipality[]; baseUrl: string }): Pick<Mail, 'subject' | 'text' | 'kind'> {
  const { app, round } = opts;
  const again = round > 1;
  return {
    kind: 'application.submitted',
    ...bilingual(again ? 'cocreation.mail.resubmitted.subject' : 'cocreation.mail.submitted.subject', again ? 'cocreation.mail.resubmitted.text' : 'cocreation.mail.submitted.text', (lang) => ({
      towns: opts.forTowns.map((c) => townNameIn(lang, opts.towns, c)).join(t(lang, 'cocreation.townSep')),
      company: app.companyName,
      round,
      title: app.title,
      amount: formatYen(app.requestedAmount),
      url: `${opts.baseUrl}/review/applications/${app.id}`,
    })),
  };
}

/**
 * The mail to the company when a town answers: the decision, the public answer, and what happens next.
 * @example answerMail({ app, review, status: 'adopted', towns, baseUrl })
 */
export function answerMail(opts: { app: Application; review: Review; status: ApplicationStatus; towns: readonly Municipality[]; baseUrl: string }): Pick<Mail, 'subject' | 'text' | 'kind'> {
  const { app, review, status } = opts;
  return {
    kind: 'application.answer',
    ...bilingual('cocreation.mail.answer.subject', 'cocreation.mail.answer.text', (lang) => ({
      town: townNameIn(lang, opts.towns, review.town),
      decision: t(lang, `cocreation.decision.${review.decision}`),
      title: app.title,
      company: app.companyName,
      round: app.round,
      answer: review.publicAnswer,
      outcome: status === 'adopted' || status === 'rejected' || status === 'changes_requested' ? t(lang, `cocreation.mail.outcome.${status}`) : '',
      url: `${opts.baseUrl}/company/applications/${app.id}`,
    })),
  };
}

/** The mail to the operating company's contact when its challenge is published. */
export function publishedMail(ch: Challenge, baseUrl: string): Pick<Mail, 'subject' | 'text' | 'kind'> {
  return {
    kind: 'challenge.published',
    ...bilingual('cocreation.mail.published.subject', 'cocreation.mail.published.text', (lang) => ({
      title: titleIn(lang, ch),
      deadline: ch.deadline,
      url: `${baseUrl}/challenges/${ch.id}`,
      updatesUrl: `${baseUrl}/company/challenges/${ch.id}/updates`,
    })),
  };
}

/** A progress update for one subscriber, in the language they donated in (both when unknown). */
export function updateMail(opts: { challenge: Challenge; update: { title: string; text: string; date: string }; to: ChallengeSubscriber; baseUrl: string }): Mail {
  const { challenge: ch, update, to } = opts;
  const params = (lang: Lang): Params => ({
    challenge: titleIn(lang, ch),
    title: update.title,
    text: update.text,
    date: update.date,
    url: `${opts.baseUrl}/challenges/${ch.id}`,
  });
  const one = (lang: Lang): Words => ({
    subject: t(lang, 'cocreation.mail.update.subject', params(lang)),
    text: [
      to.name ? t(lang, 'cocreation.mail.update.greeting', { name: to.name }) : t(lang, 'cocreation.mail.update.greetingAnonymous'),
      '',
      t(lang, 'cocreation.mail.update.text', params(lang)),
      '',
      t(lang, 'cocreation.mail.update.footer'),
    ].join('\n'),
  });
  if (to.lang) return { to: to.email, kind: 'challenge.update', ...one(to.lang) };
  return { to: to.email, kind: 'challenge.update', ...inBoth(one) };
}
