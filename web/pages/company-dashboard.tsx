import type { Application } from '../../functions/domain/applications.js';
import type { Challenge, Municipality } from '../../functions/domain/catalog.js';
import { jstDate } from '../../functions/domain/jst.js';
import type { Company } from '../../functions/store/users.js';
import { at, type FlashKey } from '../components/applications-i18n.js';
import { JstDate } from '../components/date.js';
import { indexTowns, townName } from '../components/town-badge.js';
import { AppStatusBadge, ChallengeStatusText, Flash, WorkspaceNav, WorkspaceStyles } from '../components/workspace.js';
import { Yen } from '../components/yen.js';
import { pick } from '../i18n.js';
import { Layout, type PageCtx } from '../layout.js';

export function CompanyDashboardPage(props: {
  ctx: PageCtx;
  company: Company;
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
    <Layout ctx={ctx} title={at(lang, 'dash.title')}>
      <WorkspaceStyles />
      <WorkspaceNav lang={lang} company reviewer={props.reviewer} active="company" />
      <header class="page-head">
        <h1>{at(lang, 'dash.title')}</h1>
        <p class="lead">{at(lang, 'dash.lead')}</p>
      </header>
      <Flash lang={lang} flash={props.flash} />

      <section aria-labelledby="profile-heading" class="panel">
        <h2 id="profile-heading">{company.name}</h2>
        <dl class="kv">
          <dt>{at(lang, 'profile.corporateNumber')}</dt>
          <dd class="num">{company.corporateNumber}</dd>
          <dt>{at(lang, 'profile.headOfficeAddress')}</dt>
          <dd>{company.headOfficeAddress}</dd>
          <dt>{at(lang, 'profile.contactName')}</dt>
          <dd>
            {company.contactName} &lt;{company.contactEmail}&gt;
          </dd>
        </dl>
        <p>
          <a href="/company/profile">{at(lang, 'dash.editProfile')}</a>
          {' · '}
          <a href="/company/pledges">{pick(lang, '企業版ふるさと納税(寄附の申出)', 'Corporate-version pledges')}</a>
        </p>
      </section>

      <section aria-labelledby="apps-heading">
        <div class="section-head">
          <h2 id="apps-heading">{at(lang, 'dash.applications')}</h2>
          <a class="btn" href="/company/applications/new">
            {at(lang, 'dash.newApplication')}
          </a>
        </div>
        {props.applications.length === 0 ? (
          <p class="muted">{at(lang, 'dash.noApplications')}</p>
        ) : (
          <div class="table-scroll">
            <table class="ws-table">
              <thead>
                <tr>
                  <th scope="col">{at(lang, 'col.title')}</th>
                  <th scope="col">{at(lang, 'col.status')}</th>
                  <th scope="col">{at(lang, 'col.towns')}</th>
                  <th scope="col" class="amount">
                    {at(lang, 'col.amount')}
                  </th>
                  <th scope="col">{at(lang, 'col.updated')}</th>
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
                    <td>{a.towns.map((c) => townName(lang, towns, c)).join(lang === 'ja' ? '・' : ', ')}</td>
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
        <h2 id="challenges-heading">{at(lang, 'dash.challenges')}</h2>
        {props.challenges.length === 0 ? (
          <p class="muted">{at(lang, 'dash.noChallenges')}</p>
        ) : (
          <div class="table-scroll">
            <table class="ws-table">
              <thead>
                <tr>
                  <th scope="col">{at(lang, 'col.title')}</th>
                  <th scope="col">{at(lang, 'col.status')}</th>
                  <th scope="col">{at(lang, 'col.deadline')}</th>
                  <th scope="col">{at(lang, 'col.actions')}</th>
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
                          <a href={`/company/challenges/${ch.id}/updates`}>{at(lang, 'dash.postUpdate')}</a>
                          {' · '}
                          <a href={`/company/challenges/${ch.id}/disbursements/new`}>{pick(lang, '支払を請求する', 'Request a payment')}</a>
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
