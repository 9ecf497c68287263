/**
 * What the corporate-version pages are given: words already in the reader's language where the service
 * composes them (how to pay, why a form was refused), domain types for the rest. The API's presenters
 * (functions/api/presenters/corporate.ts) build these; the pages never see a service result.
 */
import type { PlanTarget } from '../../functions/domain/regional-plans.js';

/** A refusal or field issue as the pages show it: the field it belongs to, in the reader's language. */
export interface FieldProblem {
  path: string;
  code: string;
  message: string;
}

/** A challenge or fund the company may pledge to, with the towns that can receive it today. */
export interface PledgeOptionView {
  target: PlanTarget;
  title: string;
  titleEn: string;
  towns: string[];
  eligibleTowns: string[];
  operatorCompanyId?: string;
}

/** How to pay a pledge by bank transfer, worded for the reader. */
export interface BankTransferView {
  payee: string;
  amount: number;
  reference: string;
  dueBy: string;
  account?: { bankCode: string; bankNameKana: string; branchCode: string; branchNameKana: string; accountType: 'ordinary' | 'current'; accountNumber: string; holderKana: string };
  instructions: string;
}
