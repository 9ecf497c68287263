/** A company user's own company: reading and editing its profile (法人番号, head office, contact). */
import { hasRole, type Actor } from '../domain/actor.js';
import { companyProfileIssues, type Company, type CompanyProfileInput } from '../domain/company.js';
import { updateCompanyProfile } from '../store/companies.js';
import { getCompany } from '../store/users.js';
import { cocreationRefusal, refuseIssues } from './cocreation-refusals.js';
import type { ServiceContext } from './context.js';

/**
 * The company the actor works for; 403 for anyone who is not a company user.
 * @example const company = await companyOf(ctx, actor)
 */
export async function companyOf(ctx: ServiceContext, actor: Actor): Promise<Company> {
  if (!actor.companyId || !hasRole(actor, 'company')) throw cocreationRefusal('forbidden', 'forbidden', 'cocreation.company_only');
  const company = await getCompany(ctx.db, actor.companyId);
  if (!company) throw cocreationRefusal('not_found', 'not_found', 'cocreation.company_not_found');
  return company;
}

/** @example const me = await myCompany(ctx, actor) */
export const myCompany = (ctx: ServiceContext, actor: Actor): Promise<Company> => companyOf(ctx, actor);

/**
 * Saves the company's profile after checking the 法人番号 and municipality check digits; audited on the network chain.
 * @example await updateMyCompany(ctx, actor, { corporateNumber: '2011001012345', … })
 */
export async function updateMyCompany(ctx: ServiceContext, actor: Actor, input: CompanyProfileInput): Promise<Company> {
  const company = await companyOf(ctx, actor);
  const profile: CompanyProfileInput = {
    corporateNumber: input.corporateNumber.trim(),
    name: input.name.trim(),
    nameKana: input.nameKana.trim(),
    headOfficeAddress: input.headOfficeAddress.trim(),
    headOfficeTown: input.headOfficeTown.trim(),
    contactName: input.contactName.trim(),
    contactEmail: input.contactEmail.trim(),
  };
  const issues = companyProfileIssues(profile);
  if (issues.length) refuseIssues(issues);
  const before = Object.fromEntries(Object.keys(profile).map((k) => [k, company[k as keyof Company]]));
  await updateCompanyProfile(ctx.db, company.id, profile, {
    chain: 'network',
    input: { actor: actor.sub, role: 'company', action: 'company.profile.update', target: `company:${company.id}`, before, after: profile, requestId: ctx.requestId },
  });
  return { ...company, ...profile };
}
