/**
 * The application form (new and edit). One plain POST form with two buttons: save the draft, or submit
 * it. Errors come back next to their fields, in the page's language, with the values kept.
 */
import type { Review } from '../../functions/domain/applications.js';
import type { Municipality } from '../../functions/domain/catalog.js';
import { ReviewHistory } from '../components/application-detail.js';
import { t, pick } from '../../functions/i18n/index.js';
import { type FlashKey } from '../components/flash.js';
import { indexTowns } from '../components/town-badge.js';
import { ErrorSummary, Field, FieldError, fieldId, Flash, Group, Problem, WorkspaceNav, WorkspaceStyles, type Errors } from '../components/workspace.js';
import { Layout, type PageCtx } from '../layout.js';

/** What the form shows: text as typed, so a wrong amount comes back exactly as entered. */
export interface ApplicationFormValues {
  title: string;
  summary: string;
  problem: string;
  proposal: string;
  towns: string[];
  requestedAmount: string;
  budget: { item: string; amount: string }[];
  kpis: string;
  startDate: string;
  endDate: string;
  corporateVersion: boolean;
  contactName: string;
  contactEmail: string;
}

/** Empty lines to type into without JavaScript; saving adds more when these are used up. */
const SPARE_BUDGET_ROWS = 3;
const MIN_BUDGET_ROWS = 4;

export function ApplicationFormPage(props: {
  ctx: PageCtx;
  mode: 'new' | 'edit';
  id?: string;
  values: ApplicationFormValues;
  errors: Errors;
  towns: Municipality[];
  /** Earlier answers, so the company sees what to change when a town asked for changes. */
  reviews?: Review[];
  flash?: FlashKey;
  problem?: string;
  errorLead?: string;
  reviewer?: boolean;
}) {
  const { ctx, values: v, errors } = props;
  const { lang } = ctx;
  const title = t(lang, props.mode === 'new' ? 'cocreation.form.newTitle' : 'cocreation.form.editTitle');
  const action = props.mode === 'new' ? '/company/applications/new' : `/company/applications/${props.id}/edit`;
  const rows = [...v.budget];
  while (rows.length < Math.max(MIN_BUDGET_ROWS, v.budget.length + SPARE_BUDGET_ROWS)) rows.push({ item: '', amount: '' });
  return (
    <Layout ctx={ctx} title={title}>
      <WorkspaceStyles />
      <WorkspaceNav lang={lang} company reviewer={props.reviewer} active="company" />
      <header class="page-head">
        <p class="breadcrumb">
          <a href="/company">{t(lang, 'cocreation.ws.company')}</a> /
        </p>
        <h1>{title}</h1>
        <p class="lead">{t(lang, 'cocreation.form.lead')}</p>
      </header>
      <Flash lang={lang} flash={props.flash} />
      <Problem message={props.problem} />
      <ErrorSummary lang={lang} errors={errors} lead={props.errorLead} />
      <form method="post" action={action} class="form" novalidate>
        <Field lang={lang} name="title" label={t(lang, 'cocreation.form.title')} value={v.title} errors={errors} required maxlength={200} />
        <Field lang={lang} name="summary" label={t(lang, 'cocreation.form.summary')} hint={t(lang, 'cocreation.form.summaryHint')} value={v.summary} errors={errors} multiline rows={3} />
        <Field lang={lang} name="problem" label={t(lang, 'cocreation.form.problem')} value={v.problem} errors={errors} multiline rows={6} />
        <Field lang={lang} name="proposal" label={t(lang, 'cocreation.form.proposal')} value={v.proposal} errors={errors} multiline rows={8} />

        <Group legend={t(lang, 'cocreation.form.towns')} name="towns" errors={errors} hint={t(lang, 'cocreation.form.townsHint')}>
          <div class="choices">
            {props.towns.map((town) => (
              <label>
                <input type="checkbox" name="towns" value={town.code} checked={v.towns.includes(town.code)} data-town={town.code} />
                {pick(lang, town.name, town.nameEn)}
              </label>
            ))}
          </div>
        </Group>

        <Field lang={lang} name="requestedAmount" label={t(lang, 'cocreation.form.requestedAmount')} value={v.requestedAmount} errors={errors} required inputmode="numeric" />

        <Group legend={t(lang, 'cocreation.form.budget')} name="budget" errors={errors} hint={t(lang, 'cocreation.form.budgetHint')}>
          <div class="budget-table">
            <div class="budget-row small muted" aria-hidden="true">
              <span>{t(lang, 'cocreation.form.budgetItem')}</span>
              <span>{t(lang, 'cocreation.form.budgetAmount')}</span>
            </div>
            {rows.map((row, i) => {
              const itemKey = `budget.${i}.item`;
              const amountKey = `budget.${i}.amount`;
              const n = t(lang, 'cocreation.form.budgetRow', { n: i + 1 });
              return (
                <div class={`budget-row${errors[itemKey] || errors[amountKey] ? ' invalid' : ''}`}>
                  <div>
                    <input id={fieldId(itemKey)} name="budgetItem" value={row.item} aria-label={`${n} ${t(lang, 'cocreation.form.budgetItem')}`} aria-invalid={errors[itemKey] ? 'true' : undefined} />
                    <FieldError name={itemKey} errors={errors} />
                  </div>
                  <div>
                    <input id={fieldId(amountKey)} name="budgetAmount" value={row.amount} inputmode="numeric" aria-label={`${n} ${t(lang, 'cocreation.form.budgetAmount')}`} aria-invalid={errors[amountKey] ? 'true' : undefined} />
                    <FieldError name={amountKey} errors={errors} />
                  </div>
                </div>
              );
            })}
          </div>
        </Group>

        <Field lang={lang} name="kpis" label={t(lang, 'cocreation.form.kpis')} hint={t(lang, 'cocreation.form.kpisHint')} value={v.kpis} errors={errors} multiline rows={4} required />

        <Group legend={t(lang, 'cocreation.form.schedule')}>
          <div class="pair">
            <Field lang={lang} name="startDate" type="date" label={t(lang, 'cocreation.form.startDate')} value={v.startDate} errors={errors} required />
            <Field lang={lang} name="endDate" type="date" label={t(lang, 'cocreation.form.endDate')} value={v.endDate} errors={errors} required />
          </div>
        </Group>

        <div class="choices">
          <label>
            <input type="checkbox" name="corporateVersion" value="yes" checked={v.corporateVersion} />
            {t(lang, 'cocreation.form.corporateVersion')}
          </label>
        </div>

        <Group legend={t(lang, 'cocreation.form.contact')}>
          <div class="pair">
            <Field lang={lang} name="contact.name" formName="contactName" label={t(lang, 'cocreation.form.contactName')} value={v.contactName} errors={errors} autocomplete="name" />
            <Field lang={lang} name="contact.email" formName="contactEmail" type="email" label={t(lang, 'cocreation.form.contactEmail')} value={v.contactEmail} errors={errors} autocomplete="email" />
          </div>
        </Group>

        <div class="form-actions">
          <button class="btn btn-secondary" type="submit" name="action" value="save">
            {t(lang, 'cocreation.form.save')}
          </button>
          <button class="btn" type="submit" name="action" value="submit">
            {t(lang, 'cocreation.form.submit')}
          </button>
          <a href="/company">{t(lang, 'cocreation.form.cancel')}</a>
        </div>
      </form>
      {props.reviews && props.reviews.length > 0 ? <ReviewHistory lang={lang} reviews={props.reviews} towns={indexTowns(props.towns)} /> : null}
    </Layout>
  );
}
