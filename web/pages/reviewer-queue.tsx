/** The reviewer's queue: the applications naming the reviewer's towns, filtered by status, town and date. */
import { APPLICATION_STATUSES, type Application } from '../../functions/domain/applications.js';
import type { Municipality } from '../../functions/domain/catalog.js';
import { t, type MessageKey, pick } from '../../functions/i18n/index.js';
import { JstDate } from '../components/date.js';
import { indexTowns, townName } from '../components/town-badge.js';
import { AppStatusBadge, DecisionBadge, WorkspaceNav, WorkspaceStyles } from '../components/workspace.js';
import { Yen } from '../components/yen.js';
import { Layout, type PageCtx } from '../layout.js';
import { jst } from './company-dashboard.js';

export interface QueueFilter {
  status?: string;
  town?: string;
  from?: string;
  to?: string;
}

export function ReviewerQueuePage(props: { ctx: PageCtx; applications: Application[]; myTowns: string[]; towns: Municipality[]; filter: QueueFilter; company?: boolean }) {
  const { ctx, filter } = props;
  const { lang } = ctx;
  const towns = indexTowns(props.towns);
  const mine = props.myTowns.map((c) => townName(lang, towns, c)).join(t(lang, 'cocreation.townSep'));
  const filterable = props.towns.filter((t) => props.myTowns.includes(t.code));
  return (
    <Layout ctx={ctx} title={t(lang, 'cocreation.queue.title')}>
      <WorkspaceStyles />
      <WorkspaceNav lang={lang} reviewer company={props.company} active="review" />
      <header class="page-head">
        <h1>{t(lang, 'cocreation.queue.title')}</h1>
        <p class="lead">{t(lang, 'cocreation.queue.lead', { towns: mine || '—' })}</p>
      </header>
      <form method="get" action="/review" class="filters">
        <fieldset>
          <legend>{t(lang, 'cocreation.queue.filter')}</legend>
          <div class="field">
            <label for="q-status">{t(lang, 'cocreation.queue.status')}</label>
            <select id="q-status" name="status">
              <option value="">{t(lang, 'cocreation.queue.anyStatus')}</option>
              {APPLICATION_STATUSES.filter((s) => s !== 'draft').map((s) => (
                <option value={s} selected={filter.status === s}>
                  {t(lang, `cocreation.appStatus.${s}` as MessageKey)}
                </option>
              ))}
            </select>
          </div>
          {filterable.length > 1 ? (
            <div class="field">
              <label for="q-town">{t(lang, 'cocreation.queue.town')}</label>
              <select id="q-town" name="town">
                <option value="">{t(lang, 'cocreation.queue.anyTown')}</option>
                {filterable.map((t) => (
                  <option value={t.code} selected={filter.town === t.code}>
                    {pick(lang, t.name, t.nameEn)}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div class="field">
            <label for="q-from">{t(lang, 'cocreation.queue.from')}</label>
            <input id="q-from" type="date" name="from" value={filter.from ?? ''} />
          </div>
          <div class="field">
            <label for="q-to">{t(lang, 'cocreation.queue.to')}</label>
            <input id="q-to" type="date" name="to" value={filter.to ?? ''} />
          </div>
          <div class="filter-actions">
            <button class="btn btn-secondary" type="submit">
              {t(lang, 'cocreation.queue.apply')}
            </button>
            <a href="/review">{t(lang, 'cocreation.queue.reset')}</a>
          </div>
        </fieldset>
      </form>
      <p class="muted">{t(lang, 'cocreation.queue.count', { n: props.applications.length })}</p>
      {props.applications.length === 0 ? (
        <p>{t(lang, 'cocreation.queue.none')}</p>
      ) : (
        <div class="table-scroll">
          <table class="ws-table">
            <thead>
              <tr>
                <th scope="col">{t(lang, 'cocreation.col.title')}</th>
                <th scope="col">{t(lang, 'cocreation.col.company')}</th>
                <th scope="col">{t(lang, 'cocreation.col.status')}</th>
                <th scope="col">{t(lang, 'cocreation.col.myDecision')}</th>
                <th scope="col">{t(lang, 'cocreation.col.towns')}</th>
                <th scope="col" class="amount">
                  {t(lang, 'cocreation.col.amount')}
                </th>
                <th scope="col">{t(lang, 'cocreation.col.submitted')}</th>
              </tr>
            </thead>
            <tbody>
              {props.applications.map((a) => (
                <tr data-application={a.id}>
                  <td>
                    <a href={`/review/applications/${a.id}`}>{a.title}</a>
                  </td>
                  <td>{a.companyName}</td>
                  <td>
                    <AppStatusBadge lang={lang} status={a.status} />
                  </td>
                  <td>
                    {a.towns
                      .filter((t) => props.myTowns.includes(t))
                      .map((t) => (
                        <DecisionBadge lang={lang} decision={a.decisions[t]} />
                      ))}
                  </td>
                  <td>{a.towns.map((c) => townName(lang, towns, c)).join(t(lang, 'cocreation.townSep'))}</td>
                  <td class="amount">
                    <Yen amount={a.requestedAmount} />
                  </td>
                  <td>{a.submittedAt ? <JstDate lang={lang} date={jst(a.submittedAt)} /> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
