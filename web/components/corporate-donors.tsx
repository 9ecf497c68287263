import { fiscalYearLabel, type CorporateDonorYear } from '../../functions/domain/corporate.js';
import { type Lang, t } from '../../functions/i18n/index.js';
import { Yen } from './yen.js';

/**
 * Corporate-version donors of a challenge or fund, per fiscal year of receipt (from
 * `corporateDonors(ctx, {kind, id})` in functions/services/pledges.ts). Only companies that consented
 * are named, amounts only where consented; everything else appears in the totals alone.
 */
export function CorporateDonors(props: { lang: Lang; years: CorporateDonorYear[] }) {
  const { lang, years } = props;
  return (
    <section id="corporate-donors" class="corporate-donors" aria-labelledby="corporate-donors-heading">
      <h2 id="corporate-donors-heading">{t(lang, 'corporate.donors.heading')}</h2>
      {years.length ? <p class="ledger-note">{t(lang, 'corporate.donors.intro')}</p> : <p class="ledger-note">{t(lang, 'corporate.donors.none')}</p>}
      {years.map((y) => (
        <div class="table-scroll" role="region" aria-label={`${t(lang, 'corporate.donors.heading')} ${fiscalYearLabel(y.fiscalYear, lang)}`} tabindex={0} data-fy={String(y.fiscalYear)}>
          <table>
            <caption>{fiscalYearLabel(y.fiscalYear, lang)}</caption>
            <thead>
              <tr>
                <th scope="col">{t(lang, 'corporate.donors.company')}</th>
                <th scope="col" class="amount">
                  {t(lang, 'corporate.donors.amount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {y.donors.map((d) => (
                <tr class="corporate-donor">
                  <th scope="row">{d.name}</th>
                  <td class="amount">{d.amount === undefined ? <span class="muted">{t(lang, 'corporate.donors.amountWithheld')}</span> : <Yen amount={d.amount} />}</td>
                </tr>
              ))}
              {y.anonymousCount ? (
                <tr>
                  <th scope="row" class="muted">
                    {t(lang, 'corporate.donors.anonymous', { n: y.anonymousCount })}
                  </th>
                  <td class="amount">
                    <span class="muted">{t(lang, 'corporate.donors.amountWithheld')}</span>
                  </td>
                </tr>
              ) : null}
            </tbody>
            <tfoot>
              {y.anonymousTotal ? (
                <tr>
                  <th scope="row">{t(lang, 'corporate.donors.withheldTotal')}</th>
                  <td class="amount">
                    <Yen amount={y.anonymousTotal} />
                  </td>
                </tr>
              ) : null}
              <tr>
                <th scope="row">{t(lang, 'corporate.donors.total', { n: y.count })}</th>
                <td class="amount">
                  <Yen amount={y.total} />
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      ))}
    </section>
  );
}
