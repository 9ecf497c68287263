/** A company user edits its company's profile (法人番号 and head-office code are checked on save). */
import type { CompanyProfileInput } from '../../functions/domain/company.js';
import { t } from '../../functions/i18n/index.js';
import { type FlashKey } from '../components/flash.js';
import { ErrorSummary, Field, Flash, WorkspaceNav, WorkspaceStyles, type Errors } from '../components/workspace.js';
import { Layout, type PageCtx } from '../layout.js';

export function CompanyProfilePage(props: { ctx: PageCtx; values: CompanyProfileInput; errors: Errors; flash?: FlashKey; reviewer?: boolean }) {
  const { ctx, values: v, errors } = props;
  const { lang } = ctx;
  return (
    <Layout ctx={ctx} title={t(lang, 'cocreation.profile.title')}>
      <WorkspaceStyles />
      <WorkspaceNav lang={lang} company reviewer={props.reviewer} active="company" />
      <header class="page-head">
        <p class="breadcrumb">
          <a href="/company">{t(lang, 'cocreation.ws.company')}</a> /
        </p>
        <h1>{t(lang, 'cocreation.profile.title')}</h1>
      </header>
      <Flash lang={lang} flash={props.flash} />
      <ErrorSummary lang={lang} errors={errors} />
      <form method="post" action="/company/profile" class="form" novalidate>
        <Field lang={lang} name="corporateNumber" label={t(lang, 'cocreation.profile.corporateNumber')} hint={t(lang, 'cocreation.profile.corporateNumberHint')} value={v.corporateNumber} errors={errors} required inputmode="numeric" maxlength={20} />
        <Field lang={lang} name="name" label={t(lang, 'cocreation.profile.name')} value={v.name} errors={errors} required autocomplete="organization" />
        <Field lang={lang} name="nameKana" label={t(lang, 'cocreation.profile.nameKana')} value={v.nameKana} errors={errors} required />
        <Field lang={lang} name="headOfficeAddress" label={t(lang, 'cocreation.profile.headOfficeAddress')} value={v.headOfficeAddress} errors={errors} required autocomplete="street-address" />
        <Field lang={lang} name="headOfficeTown" label={t(lang, 'cocreation.profile.headOfficeTown')} hint={t(lang, 'cocreation.profile.headOfficeTownHint')} value={v.headOfficeTown} errors={errors} required inputmode="numeric" maxlength={10} />
        <Field lang={lang} name="contactName" label={t(lang, 'cocreation.profile.contactName')} value={v.contactName} errors={errors} required autocomplete="name" />
        <Field lang={lang} name="contactEmail" type="email" label={t(lang, 'cocreation.profile.contactEmail')} value={v.contactEmail} errors={errors} required autocomplete="email" />
        <div class="form-actions">
          <button class="btn" type="submit">
            {t(lang, 'cocreation.profile.save')}
          </button>
          <a href="/company">{t(lang, 'cocreation.form.cancel')}</a>
        </div>
      </form>
    </Layout>
  );
}
