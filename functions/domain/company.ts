/** A company's profile: who it is (法人番号), where its head office is (which decides 企業版 eligibility). */
import { fieldIssue as issue, isEmail } from './applications.js';
import type { Issue } from './errors.js';
import { isCorporateNumber, isTownCode } from './municipality.js';

export interface CompanyProfileInput {
  corporateNumber: string;
  name: string;
  nameKana: string;
  headOfficeAddress: string;
  headOfficeTown: string;
  contactName: string;
  contactEmail: string;
}

/** A registered company: its profile under a stable id (the company users' `companyId`). */
export interface Company extends CompanyProfileInput {
  id: string;
}

const blank = (s: unknown) => typeof s !== 'string' || s.trim() === '';

/** Full-width digits and hyphens are what people paste from 国税庁法人番号公表サイト; accept and normalize them. */
export function normalizeDigits(s: string): string {
  return s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[\s\-‐－ー]/g, '');
}

export function companyProfileIssues(p: CompanyProfileInput): Issue[] {
  const out: Issue[] = [];
  if (!/^\d{13}$/.test(p.corporateNumber ?? '')) {
    out.push(issue('corporateNumber', 'invalid_corporate_number', 'cocreation.corporate_number_digits'));
  } else if (!isCorporateNumber(p.corporateNumber)) {
    out.push(issue('corporateNumber', 'invalid_corporate_number', 'cocreation.corporate_number_check_digit'));
  }
  if (!/^\d{6}$/.test(p.headOfficeTown ?? '')) {
    out.push(issue('headOfficeTown', 'invalid_town_code', 'cocreation.head_office_town_digits'));
  } else if (!isTownCode(p.headOfficeTown)) {
    out.push(issue('headOfficeTown', 'invalid_town_code', 'cocreation.head_office_town_check_digit'));
  }
  if (blank(p.name)) out.push(issue('name', 'required', 'cocreation.company_name_required'));
  if (blank(p.nameKana)) out.push(issue('nameKana', 'required', 'cocreation.company_kana_required'));
  if (blank(p.headOfficeAddress)) out.push(issue('headOfficeAddress', 'required', 'cocreation.head_office_address_required'));
  if (blank(p.contactName)) out.push(issue('contactName', 'required', 'cocreation.contact_person_required'));
  if (!isEmail(p.contactEmail)) out.push(issue('contactEmail', 'invalid_email', 'cocreation.contact_email_invalid'));
  for (const k of ['name', 'nameKana', 'headOfficeAddress', 'contactName'] as const) {
    if (typeof p[k] === 'string' && p[k].length > 200) out.push(issue(k, 'too_long', 'cocreation.too_long', { max: 200 }));
  }
  return out;
}
