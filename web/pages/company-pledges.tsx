import { fiscalYearLabel, type CompanyYearSummary, type Pledge } from '../../functions/domain/corporate.js';
import { t, pick } from '../../functions/i18n/index.js';
import { CorporateStyles } from '../components/corporate-ui.js';
import { JstDate } from '../components/date.js';
import { townName, type TownIndex } from '../components/town-badge.js';
import { Yen } from '../components/yen.js';
import { Layout, type PageCtx } from '../layout.js';
import { PledgeStatus } from './pledge-detail.js';

export function CompanyPledgesPage(props: { ctx: PageCtx; towns: TownIndex; companyName: string; pledges: Pledge[]; summaries: CompanyYearSummary[] }) {
  const { ctx, pledges, summaries } = props;
  const { lang } = ctx;
  return (
    <Layout ctx={ctx} title={t(lang, 'corporate.pledges.title')}>
      <CorporateStyles />
      <header class="page-head">
        <h1>{t(lang, 'corporate.pledges.title')}</h1>
        <p class="lead">
          {props.companyName} — {t(lang, 'corporate.pledges.lead')}
        </p>
        <p>
          <a class="btn" href="/company/pledges/new">
            {t(lang, 'corporate.pledges.new')}
          </a>
        </p>
      </header>
      <section aria-labelledby="summary-heading">
        <h2 id="summary-heading">{t(lang, 'corporate.pledges.summary')}</h2>
        {summaries.length ? (
          <div class="table-scroll" role="region" aria-label={t(lang, 'corporate.pledges.summary')} tabindex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'corporate.pledges.fy')}</th>
                  <th scope="col" class="amount">{t(lang, 'corporate.pledges.paidCount')}</th>
                  <th scope="col" class="amount">{t(lang, 'corporate.pledges.paidAmount')}</th>
                  <th scope="col" class="amount">{t(lang, 'corporate.pledges.relief')}</th>
                  <th scope="col" class="amount">{t(lang, 'corporate.pledges.pending')}</th>
                  <th scope="col">CSV</th>
                </tr>
              </thead>
              <tbody>
                {summaries.map((s) => (
                  <tr data-fy={String(s.fiscalYear)}>
                    <th scope="row" class="nowrap">{fiscalYearLabel(s.fiscalYear, lang)}</th>
                    <td class="amount num">{s.paidCount}</td>
                    <td class="amount">
                      <Yen amount={s.paidAmount} />
                    </td>
                    <td class="amount">
                      <Yen amount={s.estimatedRelief} />
                    </td>
                    <td class="amount">
                      <Yen amount={s.pendingAmount} />
                    </td>
                    <td>
                      <a href={`/api/companies/me/pledges.csv?fy=${s.fiscalYear}`} download>
                        {t(lang, 'corporate.pledges.csv')}
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t(lang, 'corporate.pledges.none')}</p>
        )}
        {summaries.length ? (
          <p>
            <a href="/api/companies/me/pledges.csv" download>
              {t(lang, 'corporate.pledges.csvAll')}
            </a>
          </p>
        ) : null}
      </section>
      <section aria-labelledby="list-heading">
        <h2 id="list-heading">{t(lang, 'corporate.pledges.list')}</h2>
        {pledges.length ? (
          <div class="table-scroll" role="region" aria-label={t(lang, 'corporate.pledges.list')} tabindex={0}>
            <table class="pledges">
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'corporate.pledges.pledgedOn')}</th>
                  <th scope="col">{t(lang, 'corporate.pledges.target')}</th>
                  <th scope="col">{t(lang, 'corporate.pledges.town')}</th>
                  <th scope="col" class="amount">{t(lang, 'corporate.pledges.amount')}</th>
                  <th scope="col">{t(lang, 'corporate.pledges.status')}</th>
                  <th scope="col">{t(lang, 'corporate.pledges.receipt')}</th>
                </tr>
              </thead>
              <tbody>
                {pledges.map((p) => (
                  <tr data-pledge={p.id}>
                    <td class="nowrap">
                      <JstDate lang={lang} date={p.pledgedOn} />
                    </td>
                    <td>
                      <a href={`/company/pledges/${p.id}`}>{pick(lang, p.targetTitle, p.targetTitleEn)}</a>
                    </td>
                    <td>{townName(lang, props.towns, p.receivingTown)}</td>
                    <td class="amount">
                      <Yen amount={p.amount} />
                    </td>
                    <td>
                      <PledgeStatus lang={lang} status={p.status} />
                    </td>
                    <td>{p.status === 'paid' ? <a href={`/api/corporate-pledges/${p.id}/receipt`}>{p.receiptNumber}</a> : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t(lang, 'corporate.pledges.none')}</p>
        )}
      </section>
    </Layout>
  );
}
