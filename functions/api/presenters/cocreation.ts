/**
 * Co-creation presenters: what the services return, shaped for the wire (the JSON routes) and for the
 * workspace pages (form values as typed, errors keyed by field), and the pages' forms read back into
 * service input.
 */
import { APPLICATION_STATUSES, type Application, type ApplicationInput, type Review } from '../../domain/applications.js';
import type { Challenge } from '../../domain/catalog.js';
import type { CompanyProfileInput } from '../../domain/company.js';
import { normalizeDigits } from '../../domain/company.js';
import { refuse, type DomainError, type Issue } from '../../domain/errors.js';
import { isValidDateString, jstDate } from '../../domain/jst.js';
import type { Lang } from '../../i18n/index.js';
import type { ApplicationFilter, ReviewInput } from '../../services/applications.js';
import type { ChallengeInput } from '../../services/challenges.js';
import type { ChallengeUpdate } from '../../services/progress-updates.js';
import type { ApplicationFormValues } from '../../../web/pages/application-form.js';
import type { ChallengeFormValues } from '../../../web/pages/challenge-editor.js';
import type { UpdateFormValues } from '../../../web/pages/challenge-updates.js';
import type { ReviewFormValues } from '../../../web/pages/review-form.js';
import type { Errors } from '../../../web/components/workspace.js';
import { issueMessages } from '../errors.js';

// ───────────── the wire ─────────────

/** What goes over the wire: the bookkeeping fields (lock version, author id) stay inside. */
export function applicationJson(app: Application, reviews?: Review[]) {
  const { version: _v, createdBy: _c, ...rest } = app;
  return { ...rest, decisions: rest.decisions as Record<string, Review['decision']>, ...(reviews ? { reviews } : {}) };
}

export function challengeState(ch: Challenge) {
  return {
    challengeId: ch.id,
    status: ch.status,
    applicationId: ch.applicationId,
    title: ch.title,
    towns: ch.towns,
    leadTown: ch.leadTown,
    target: ch.targetAmount,
    deadline: ch.deadline,
    operatorCompanyId: ch.operatorCompanyId,
  };
}

export const updateJson = ({ id, challengeId, title, text, date, createdAt }: ChallengeUpdate) => ({ id, challengeId, title, text, date, createdAt });

// ───────────── pages: errors ─────────────

/** Issue paths → the field whose error they show under (every town's problem shows under the towns). */
export function fieldErrors(lang: Lang, e: DomainError): Errors {
  const out: Errors = {};
  for (const i of issueMessages(lang, e)) {
    const path = i.path ?? '';
    const key = /^(towns|kpis)\.\d+$/.test(path) ? path.split('.')[0]! : path;
    out[key] ??= i.message;
  }
  return out;
}

/** Broken rules found without a refusal (what still stands between a saved draft and submitting it). */
export const issueErrors = (lang: Lang, issues: Issue[]): Errors => fieldErrors(lang, refuse.invalid('validation_failed', issues));

// ───────────── pages: forms ─────────────

export type Form = Record<string, string | File | (string | File)[]>;

export const str = (f: Form, k: string): string => {
  const v = f[k];
  const x = Array.isArray(v) ? v[0] : v;
  return typeof x === 'string' ? x : '';
};

const strs = (f: Form, k: string): string[] => {
  const v = f[k];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
};

/** Yen as people type them: "1,000,000", "１０００円", "¥5000". Anything else is NaN and refused by the rules. */
export function parseYen(text: string): number {
  const s = text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[,，¥￥円\s]/g, '');
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}

export const emptyApplicationValues = (contact: { contactName: string; contactEmail: string }): ApplicationFormValues => ({
  title: '',
  summary: '',
  problem: '',
  proposal: '',
  towns: [],
  requestedAmount: '',
  budget: [],
  kpis: '',
  startDate: '',
  endDate: '',
  corporateVersion: false,
  contactName: contact.contactName,
  contactEmail: contact.contactEmail,
});

export function applicationValues(app: ApplicationInput): ApplicationFormValues {
  return {
    title: app.title,
    summary: app.summary,
    problem: app.problem,
    proposal: app.proposal,
    towns: app.towns,
    requestedAmount: String(app.requestedAmount),
    budget: app.budget.map((l) => ({ item: l.item, amount: String(l.amount) })),
    kpis: app.kpis.join('\n'),
    startDate: app.startDate,
    endDate: app.endDate,
    corporateVersion: app.corporateVersion,
    contactName: app.contact?.name ?? '',
    contactEmail: app.contact?.email ?? '',
  };
}

/** Empty budget rows are dropped, so error paths (budget.2.amount) point at the rows shown again. */
export function readApplicationForm(f: Form): { values: ApplicationFormValues; input: ApplicationInput } {
  const items = strs(f, 'budgetItem');
  const amounts = strs(f, 'budgetAmount');
  const budget = items.map((item, i) => ({ item: item.trim(), amount: (amounts[i] ?? '').trim() })).filter((l) => l.item || l.amount);
  const values: ApplicationFormValues = {
    title: str(f, 'title'),
    summary: str(f, 'summary'),
    problem: str(f, 'problem'),
    proposal: str(f, 'proposal'),
    towns: strs(f, 'towns'),
    requestedAmount: str(f, 'requestedAmount').trim(),
    budget,
    kpis: str(f, 'kpis'),
    startDate: str(f, 'startDate').trim(),
    endDate: str(f, 'endDate').trim(),
    corporateVersion: str(f, 'corporateVersion') === 'yes',
    contactName: str(f, 'contactName'),
    contactEmail: str(f, 'contactEmail').trim(),
  };
  const contact = values.contactName.trim() || values.contactEmail ? { name: values.contactName, email: values.contactEmail } : undefined;
  const input: ApplicationInput = {
    title: values.title,
    summary: values.summary,
    problem: values.problem,
    proposal: values.proposal,
    towns: values.towns,
    requestedAmount: parseYen(values.requestedAmount),
    budget: budget.map((l) => ({ item: l.item, amount: parseYen(l.amount) })),
    kpis: values.kpis.split(/\r?\n/),
    startDate: values.startDate,
    endDate: values.endDate,
    corporateVersion: values.corporateVersion,
    ...(contact ? { contact } : {}),
  };
  return { values, input };
}

export function readProfileForm(f: Form): CompanyProfileInput {
  return {
    corporateNumber: normalizeDigits(str(f, 'corporateNumber')),
    name: str(f, 'name'),
    nameKana: str(f, 'nameKana'),
    headOfficeAddress: str(f, 'headOfficeAddress'),
    headOfficeTown: normalizeDigits(str(f, 'headOfficeTown')),
    contactName: str(f, 'contactName'),
    contactEmail: str(f, 'contactEmail'),
  };
}

export const readUpdateForm = (f: Form): UpdateFormValues => ({ title: str(f, 'title'), date: str(f, 'date').trim(), text: str(f, 'text') });

export const emptyUpdateValues = (today: Date): UpdateFormValues => ({ title: '', date: jstDate(today), text: '' });

export function readReviewForm(f: Form): { values: ReviewFormValues; input: ReviewInput } {
  const values: ReviewFormValues = {
    town: str(f, 'town'),
    decision: str(f, 'decision'),
    scores: { proposer: str(f, 'score-proposer'), residents: str(f, 'score-residents'), town: str(f, 'score-town') },
    publicAnswer: str(f, 'publicAnswer'),
    privateNote: str(f, 'privateNote'),
  };
  // A missing score is NaN, which the rules refuse on its own field.
  const score = (s: string | undefined) => (s ? Number(s) : Number.NaN);
  const input = {
    town: values.town,
    decision: values.decision,
    scores: { proposer: score(values.scores.proposer), residents: score(values.scores.residents), town: score(values.scores.town) },
    publicAnswer: values.publicAnswer,
    privateNote: values.privateNote,
  } as ReviewInput;
  return { values, input };
}

export const emptyReviewValues = (town: string): ReviewFormValues => ({ town, decision: '', scores: {}, publicAnswer: '', privateNote: '' });

export function readChallengeForm(f: Form): { values: ChallengeFormValues; input: ChallengeInput } {
  const values: ChallengeFormValues = {
    title: str(f, 'title'),
    titleEn: str(f, 'titleEn'),
    summary: str(f, 'summary'),
    summaryEn: str(f, 'summaryEn'),
    description: str(f, 'description'),
    descriptionEn: str(f, 'descriptionEn'),
    theme: str(f, 'theme'),
    towns: strs(f, 'towns'),
    leadTown: str(f, 'leadTown'),
    target: str(f, 'target').trim(),
    deadline: str(f, 'deadline').trim(),
  };
  return { values, input: { ...values, target: parseYen(values.target) } };
}

export function challengeValues(ch: Challenge): ChallengeFormValues {
  return {
    title: ch.title,
    titleEn: ch.titleEn,
    summary: ch.summary,
    summaryEn: ch.summaryEn,
    description: ch.description,
    descriptionEn: ch.descriptionEn,
    theme: ch.theme,
    towns: ch.towns,
    leadTown: ch.leadTown,
    target: String(ch.targetAmount),
    deadline: ch.deadline,
  };
}

/** A new challenge starts from the application: its title, summary, proposal, towns and amount; 60 days to fund it. */
export function defaultChallengeValues(app: Application, lead: string, today: Date): ChallengeFormValues {
  return {
    title: app.title,
    titleEn: '',
    summary: app.summary,
    summaryEn: '',
    description: app.proposal,
    descriptionEn: '',
    theme: '',
    towns: app.towns,
    leadTown: lead,
    target: String(app.requestedAmount),
    deadline: jstDate(new Date(today.getTime() + 60 * 24 * 3600_000)),
  };
}

/** A hand-edited URL with a value we do not know just does not filter: a page should not answer 400. */
export function queueFilter(query: (k: string) => string | undefined): ApplicationFilter {
  const status = APPLICATION_STATUSES.find((s) => s === query('status'));
  const town = query('town');
  const from = query('from');
  const to = query('to');
  return { status, town, from: isValidDateString(from) ? from : undefined, to: isValidDateString(to) ? to : undefined };
}
