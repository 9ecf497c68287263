/** A company's profile: who it is (法人番号), where its head office is (which decides 企業版 eligibility). */
import type { Issue } from './applications.js';
import { isEmail } from './applications.js';
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

const blank = (s: unknown) => typeof s !== 'string' || s.trim() === '';

/** Full-width digits and hyphens are what people paste from 国税庁法人番号公表サイト; accept and normalize them. */
export function normalizeDigits(s: string): string {
  return s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[\s\-‐－ー]/g, '');
}

export function companyProfileIssues(p: CompanyProfileInput): Issue[] {
  const out: Issue[] = [];
  if (!/^\d{13}$/.test(p.corporateNumber ?? '')) {
    out.push({ path: 'corporateNumber', code: 'invalid_corporate_number', en: 'the corporate number (法人番号) must have 13 digits', ja: '法人番号は13桁の数字で入力してください' });
  } else if (!isCorporateNumber(p.corporateNumber)) {
    out.push({ path: 'corporateNumber', code: 'invalid_corporate_number', en: 'the corporate number (法人番号) check digit is wrong; please check the number', ja: '法人番号のチェックディジット(先頭の1桁)が正しくありません。番号をご確認ください' });
  }
  if (!/^\d{6}$/.test(p.headOfficeTown ?? '')) {
    out.push({ path: 'headOfficeTown', code: 'invalid_town_code', en: 'the head-office municipality code must have 6 digits', ja: '本店所在地の地方公共団体コードは6桁の数字で入力してください' });
  } else if (!isTownCode(p.headOfficeTown)) {
    out.push({ path: 'headOfficeTown', code: 'invalid_town_code', en: 'the head-office municipality code check digit is wrong', ja: '本店所在地の地方公共団体コードのチェックディジット(6桁目)が正しくありません' });
  }
  if (blank(p.name)) out.push({ path: 'name', code: 'required', en: 'the company name is required', ja: '法人名を入力してください' });
  if (blank(p.nameKana)) out.push({ path: 'nameKana', code: 'required', en: 'the company name in katakana is required', ja: '法人名(フリガナ)を入力してください' });
  if (blank(p.headOfficeAddress)) out.push({ path: 'headOfficeAddress', code: 'required', en: 'the head-office address is required', ja: '本店所在地を入力してください' });
  if (blank(p.contactName)) out.push({ path: 'contactName', code: 'required', en: 'the contact person is required', ja: '担当者名を入力してください' });
  if (!isEmail(p.contactEmail)) out.push({ path: 'contactEmail', code: 'invalid_email', en: 'the contact email address is not valid', ja: '担当者のメールアドレスが正しくありません' });
  for (const k of ['name', 'nameKana', 'headOfficeAddress', 'contactName'] as const) {
    if (typeof p[k] === 'string' && p[k].length > 200) out.push({ path: k, code: 'too_long', en: `${k} is longer than 200 characters`, ja: '200文字以内で入力してください' });
  }
  return out;
}
