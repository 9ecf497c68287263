import type { Application } from '../../functions/domain/applications.js';
import type { Challenge, Municipality } from '../../functions/domain/catalog.js';
import { jstDate } from '../../functions/domain/jst.js';
import { t, pick } from '../../functions/i18n/index.js';
import { type FlashKey } from '../components/flash.js';
import { JstDate } from '../components/date.js';
import { indexTowns, townName } from '../components/town-badge.js';
import { AppStatusBadge, ChallengeStatusText, Flash, WorkspaceNav, WorkspaceStyles } from '../components/workspace.js';
import { Yen } from '../components/yen.js';
import { Layout, type PageCtx } from '../layout.js';

/** What the dashboard shows of the company. */
export interface CompanyView {
  name: string;
  corporateNumber: string;
  headOfficeAddress: string;
  contactName: string;
  contactEmail: string;
}

export function CompanyDashboardPage(props: {
  ctx: PageCtx;
  company: CompanyView;
  applications: Application[];
  challenges: Challenge[];
  towns: Municipality[];
  reviewer?: boolean;
  flash?: FlashKey;
}) {
  const { ctx, company } = props;
  const { lang } = ctx;
  const towns = indexTowns(props.towns);
  return (
    <Layout ctx={ctx} title={t(lang, 'cocreation.dash.title')}>
      <WorkspaceStyles />
      <WorkspaceNav lang={lang} company reviewer={props.reviewer} active="company" />
      <header class="page-head">
        <h1>{t(lang, 'cocreation.dash.title')}</h1>
        <p class="lead">{t(lang, 'cocreation.dash.lead')}</p>
      </header>
      <Flash lang={lang} flash={props.flash} />

      <section aria-labelledby="profile-heading" class="panel">
        <h2 id="profile-heading">{company.name}</h2>
        <dl class="kv">
          <dt>{t(lang, 'cocreation.profile.corporateNumber')}</dt>
          <dd class="num">{company.corporateNumber}</dd>
          <dt>{t(lang, 'cocreation.profile.headOfficeAddress')}</dt>
          <dd>{company.headOfficeAddress}</dd>
          <dt>{t(lang, 'cocreation.profile.contactName')}</dt>
          <dd>
            {company.contactName} &lt;{company.contactEmail}&gt;
          </dd>
        </dl>
        <p>
          <a href="/company/profile">{t(lang, 'cocreation.dash.editProfile')}</a>
          {' · '}
          <a href="/company/pledges">{t(lang, 'cocreation.dash.pledges')}</a>
        </p>
      </section>

      <section aria-labelledby="apps-heading">
        <div class="section-head">
          <h2 id="apps-heading">{t(lang, 'cocreation.dash.applications')}</h2>
          <a class="btn" href="/company/applications/new">
            {t(lang, 'cocreation.dash.newApplication')}
          </a>
        </div>
        {props.applications.length === 0 ? (
          <p class="muted">{t(lang, 'cocreation.dash.noApplications')}</p>
        ) : (
          <div class="table-scroll">
            <table class="ws-table">
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'cocreation.col.title')}</th>
                  <th scope="col">{t(lang, 'cocreation.col.status')}</th>
                  <th scope="col">{t(lang, 'cocreation.col.towns')}</th>
                  <th scope="col" class="amount">
                    {t(lang, 'cocreation.col.amount')}
                  </th>
                  <th scope="col">{t(lang, 'cocreation.col.updated')}</th>
                </tr>
              </thead>
              <tbody>
                {props.applications.map((a) => (
                  <tr data-application={a.id}>
                    <td>
                      <a href={`/company/applications/${a.id}`}>{a.title}</a>
                    </td>
                    <td>
                      <AppStatusBadge lang={lang} status={a.status} />
                    </td>
                    <td>{a.towns.map((c) => townName(lang, towns, c)).join(t(lang, 'cocreation.townSep'))}</td>
                    <td class="amount">
                      <Yen amount={a.requestedAmount} />
                    </td>
                    <td>
                      <JstDate lang={lang} date={jst(a.updatedAt)} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="challenges-heading">
        <h2 id="challenges-heading">{t(lang, 'cocreation.dash.challenges')}</h2>
        {props.challenges.length === 0 ? (
          <p class="muted">{t(lang, 'cocreation.dash.noChallenges')}</p>
        ) : (
          <div class="table-scroll">
            <table class="ws-table">
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'cocreation.col.title')}</th>
                  <th scope="col">{t(lang, 'cocreation.col.status')}</th>
                  <th scope="col">{t(lang, 'cocreation.col.deadline')}</th>
                  <th scope="col">{t(lang, 'cocreation.col.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {props.challenges.map((ch) => (
                  <tr data-challenge={ch.id}>
                    <td>{ch.status === 'draft' ? pick(lang, ch.title, ch.titleEn) : <a href={`/challenges/${ch.id}`}>{pick(lang, ch.title, ch.titleEn)}</a>}</td>
                    <td>
                      <ChallengeStatusText lang={lang} status={ch.status} />
                    </td>
                    <td>
                      <JstDate lang={lang} date={ch.deadline} />
                    </td>
                    <td>
                      {ch.status === 'draft' ? null : (
                        <>
                          <a href={`/company/challenges/${ch.id}/updates`}>{t(lang, 'cocreation.dash.postUpdate')}</a>
                          {' · '}
                          <a href={`/company/challenges/${ch.id}/disbursements/new`}>{t(lang, 'cocreation.dash.requestPayment')}</a>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </Layout>
  );
}

/** ISO instant → JST calendar day, for display. */
export const jst = (iso: string): string => jstDate(new Date(iso));
