/**
 * The company's workspace home (/company) and its profile (/company/profile).
 * Plain POST forms that redirect on success and re-render with each error next to its field; every rule is
 * the same service the JSON API calls, and the presenters (presenters/cocreation.ts) shape forms and errors.
 */
import { myCompany, updateMyCompany } from '../../../services/companies.js';
import { companyDashboard } from '../../../services/cocreation-workspaces.js';
import { CompanyDashboardPage } from '../../../../web/pages/company-dashboard.js';
import { CompanyProfilePage } from '../../../../web/pages/company-profile.js';
import { pageCtx, renderPersonalPage as render } from '../../page-context.js';
import { fieldErrors, readProfileForm } from '../../presenters/cocreation.js';
import { createRouter } from '../../router.js';
import { servicesOf } from '../../services.js';
import { flashOf, hasIssues, isReviewer, parseForm, workspace } from '../shared/cocreation.js';

export const companyHomePages = createRouter();

companyHomePages.get(
  '/',
  workspace('company', async (c, p) => {
    const { company, applications, challenges, towns } = await companyDashboard(servicesOf(c), p);
    return render(c, <CompanyDashboardPage ctx={pageCtx(c)} company={company} applications={applications} challenges={challenges} towns={towns} reviewer={isReviewer(p)} flash={flashOf(c)} />);
  }),
);

companyHomePages.get(
  '/profile',
  workspace('company', async (c, p) => {
    const { id: _id, ...values } = await myCompany(servicesOf(c), p);
    return render(c, <CompanyProfilePage ctx={pageCtx(c)} values={values} errors={{}} flash={flashOf(c)} reviewer={isReviewer(p)} />);
  }),
);

companyHomePages.post(
  '/profile',
  workspace('company', async (c, p) => {
    const values = readProfileForm(await parseForm(c));
    try {
      await updateMyCompany(servicesOf(c), p, values);
      return c.redirect('/company?done=profileSaved', 303);
    } catch (e) {
      if (hasIssues(e)) return render(c, <CompanyProfilePage ctx={pageCtx(c)} values={values} errors={fieldErrors(c.var.lang, e)} reviewer={isReviewer(p)} />, 400);
      throw e;
    }
  }),
);
