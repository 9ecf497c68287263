/**
 * Corporate-version service results as the API's JSON (words in both languages, the wire shapes of
 * schemas/corporate.ts) and as the pages' view models (words in the reader's language, web/views/corporate.ts).
 */
import type { z } from '@hono/zod-openapi';
import { estimateRelief, type EstimatedRelief } from '../../domain/corporate.js';
import type { DomainError } from '../../domain/errors.js';
import { formatYen } from '../../domain/money.js';
import { pick, t, type Lang } from '../../i18n/index.js';
import type { BankTransfer, PledgeRecord } from '../../services/pledges.js';
import type { PlanView } from '../../services/regional-plans.js';
import type { BankTransferView, FieldProblem } from '../../../web/views/corporate.js';
import type { PlanTargetChoice } from '../../../web/pages/regional-plans.js';
import type { Challenge, Fund } from '../../domain/catalog.js';
import { issueMessages } from '../errors.js';
import type { BankTransferSchema, PlanSchema, PledgeSchema, ReliefSchema } from '../schemas/corporate.js';

const both = <T>(f: (lang: Lang) => T) => ({ ja: f('ja'), en: f('en') });

export const receiptUrl = (id: string) => `/api/corporate-pledges/${id}/receipt`;

/** The estimate with its caveats written out in both languages. */
export function reliefJson(e: EstimatedRelief): z.infer<typeof ReliefSchema> {
  return { ...e, caveats: both((lang) => e.caveats.map((c) => t(lang, `corporate.caveat.${c}`))) };
}

function payee(lang: Lang, b: BankTransfer) {
  return t(lang, 'corporate.bank.payee', { town: pick(lang, b.town.name, b.town.nameEn) });
}

function instructions(lang: Lang, b: BankTransfer) {
  const town = pick(lang, b.town.name, b.town.nameEn);
  return t(lang, b.account ? 'corporate.bank.instructions.account' : 'corporate.bank.instructions.noAccount', { town, amount: formatYen(b.amount), due: b.dueBy, reference: b.reference });
}

export function bankTransferJson(b: BankTransfer): z.infer<typeof BankTransferSchema> {
  return { payee: both((lang) => payee(lang, b)), amount: b.amount, reference: b.reference, dueBy: b.dueBy, account: b.account, instructions: both((lang) => instructions(lang, b)) };
}

/** How to pay, for a page in the reader's language. */
export function bankTransferView(lang: Lang, b: BankTransfer): BankTransferView {
  const account = b.account ? { ...b.account, accountType: b.account.accountType === 'current' ? ('current' as const) : ('ordinary' as const) } : undefined;
  return { payee: payee(lang, b), amount: b.amount, reference: b.reference, dueBy: b.dueBy, account, instructions: instructions(lang, b) };
}

/** The wire view of a pledge for its parties; bank details only while it awaits payment. */
export function pledgeJson({ pledge: p, bankTransfer }: PledgeRecord): z.infer<typeof PledgeSchema> {
  return {
    pledgeId: p.id,
    id: p.id,
    status: p.status,
    ...(p.target.kind === 'challenge' ? { challengeId: p.target.id } : { fundId: p.target.id }),
    targetTitle: p.targetTitle,
    receivingTown: p.receivingTown,
    amount: p.amount,
    noEconomicBenefit: p.noEconomicBenefit,
    disclose: p.disclose,
    company: { id: p.companyId, name: p.companyName, corporateNumber: p.corporateNumber },
    pledgedOn: p.pledgedOn,
    expiresOn: p.expiresOn,
    fiscalYear: p.fiscalYear,
    plan: { id: p.planId, name: p.planName, project: p.projectName },
    estimatedRelief: reliefJson(estimateRelief(p.amount)),
    bankTransfer: p.status === 'pledged' && bankTransfer ? bankTransferJson(bankTransfer) : undefined,
    receivedOn: p.receivedOn,
    receiptNumber: p.receiptNumber,
    receiptUrl: p.receiptNumber ? receiptUrl(p.id) : undefined,
    entryId: p.entryId,
    cancelledAt: p.cancelledAt,
    cancelReason: p.cancelReason,
    expiredAt: p.expiredAt,
  };
}

export function planJson(p: PlanView): z.infer<typeof PlanSchema> {
  return { id: p.id, town: p.town, name: p.name, approvedOn: p.approvedOn, periodStart: p.periodStart, periodEnd: p.periodEnd, projects: p.projects, current: p.current, version: p.version };
}

/** A refusal's issues as the form shows them, next to their fields. */
export function problemsOf(lang: Lang, e: DomainError): FieldProblem[] {
  return issueMessages(lang, e).map((i) => ({ path: i.path ?? '', code: i.code, message: i.message }));
}

/** A problem the page found before any service was called (the typed amount or date is not one). */
export function formProblem(lang: Lang, path: string, code: string, key: 'error.corporate.invalid_amount' | 'error.corporate.invalid_received_on'): FieldProblem {
  return { path, code, message: t(lang, key) };
}

/** What each shown town's plan may list: the published challenges it takes part in and the funds it is a member of. */
export function planChoices(view: { plansByTown: { town: string }[]; challenges: Challenge[]; funds: Fund[] }): Record<string, PlanTargetChoice[]> {
  const choices: Record<string, PlanTargetChoice[]> = {};
  for (const { town } of view.plansByTown) {
    choices[town] = [
      ...view.challenges.filter((ch) => ch.status !== 'draft' && ch.towns.includes(town)).map((ch) => ({ kind: 'challenge' as const, id: ch.id, title: ch.title, titleEn: ch.titleEn })),
      ...view.funds.filter((f) => f.members.includes(town)).map((f) => ({ kind: 'fund' as const, id: f.id, title: f.name, titleEn: f.nameEn })),
    ];
  }
  return choices;
}
