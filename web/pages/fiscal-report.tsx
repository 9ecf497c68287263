import type { Channel } from '../../functions/domain/ledger/entry.js';
import type { Period, Statement } from '../../functions/domain/reports.js';
import { BackOfficeStyles } from '../components/back-office-ui.js';
import { pick, t, type Lang } from '../../functions/i18n/index.js';
import { formatDate } from '../components/date.js';
import { townName, type TownIndex } from '../components/town-badge.js';
import { Yen } from '../components/yen.js';
import { WorkspaceStyles } from '../components/workspace.js';
import { Layout, type PageCtx } from '../layout.js';
import { TownSwitch } from './treasurer-dashboard.js';

/** The council's statement of one fiscal year, as this page shows it. */
export interface FiscalReportView {
  town: string;
  period: Period;
  funds: { fund: { id: string; name: string }; share: Statement }[];
  challenges: { challenge: { id: string; title: string; titleEn?: string }; lead: boolean; available: Statement; payable: Statement }[];
  totals: { shares: Statement; available: Statement; paid: number };
}

export interface FiscalReportProps {
  ctx: PageCtx;
  towns: TownIndex;
  myTowns: string[];
  report: FiscalReportView;
  today: string;
  years: number[];
}

const channelName = (lang: Lang, ch: Channel) => t(lang, `channel.${ch}`);

function breakdown(lang: Lang, by: Partial<Record<Channel, number>>): string {
  return Object.entries(by)
    .filter(([, v]) => v)
    .map(([ch, v]) => `${channelName(lang, ch as Channel)} ${new Intl.NumberFormat('ja-JP').format(v!)}`)
    .join(' / ');
}

function Row(props: { lang: Lang; label: string; s: Statement; extra?: number; lead?: boolean; testid?: string }) {
  const { lang, s } = props;
  return (
    <tr data-testid={props.testid}>
      <th scope="row">
        {props.label}
        {props.lead === false ? <span class="muted small"> ※</span> : null}
      </th>
      <td class="amount">
        <Yen amount={s.opening} />
      </td>
      <td class="amount">
        <Yen amount={s.inflow} />
        <div class="small muted">{breakdown(lang, s.inflowByChannel)}</div>
      </td>
      <td class="amount">
        <Yen amount={s.outflow} />
        <div class="small muted">{breakdown(lang, s.outflowByChannel)}</div>
      </td>
      {props.extra !== undefined ? (
        <td class="amount">
          <Yen amount={props.extra} />
        </td>
      ) : null}
      <td class="amount">
        <strong>
          <Yen amount={s.closing} />
        </strong>
      </td>
    </tr>
  );
}

/** The council's annual statement: printable on A4 (the site chrome and buttons drop out in print). */
export function FiscalReportPage(p: FiscalReportProps) {
  const { lang } = p.ctx;
  const r = p.report;
  const town = townName(lang, p.towns, r.town);
  const fy = r.period.year;
  const head = (extra?: string) => (
    <thead>
      <tr>
        <th scope="col"></th>
        <th scope="col" class="amount">
          {t(lang, 'treasury.rp.opening')}
        </th>
        <th scope="col" class="amount">
          {t(lang, 'treasury.rp.inflow')}
        </th>
        <th scope="col" class="amount">
          {t(lang, 'treasury.rp.outflow')}
        </th>
        {extra ? (
          <th scope="col" class="amount">
            {extra}
          </th>
        ) : null}
        <th scope="col" class="amount">
          {t(lang, 'treasury.rp.closing')}
        </th>
      </tr>
    </thead>
  );
  return (
    <Layout ctx={p.ctx} title={t(lang, 'treasury.rp.title', { fy, town })}>
      <WorkspaceStyles />
      <BackOfficeStyles />
      <div class="bo-report">
        <p class="breadcrumb bo-noprint">
          <a href={`/treasurer?town=${r.town}`}>{t(lang, 'treasury.bo.back')}</a>
        </p>
        <TownSwitch lang={lang} towns={p.towns} myTowns={p.myTowns} town={r.town} path="/treasurer/report" />
        <h1>{t(lang, 'treasury.rp.title', { fy, town })}</h1>
        <p class="sub">{t(lang, 'treasury.rp.subtitle')}</p>
        <p class="sub">
          {t(lang, 'treasury.rp.period', { from: formatDate(lang, r.period.from), to: formatDate(lang, r.period.to) })}・{t(lang, 'treasury.rp.generated', { date: formatDate(lang, p.today) })}
        </p>
        <nav class="bo-noprint bo-menu" aria-label={t(lang, 'treasury.rp.otherYear')}>
          {p.years.map((y) => (
            <a class="btn btn-secondary btn-small" href={`/treasurer/report?town=${r.town}&fy=${y}`} aria-current={y === fy ? 'page' : undefined}>
              {t(lang, 'treasury.bo.fy', { fy: y })}
            </a>
          ))}
        </nav>

        <section aria-labelledby="rp-funds">
          <h2 id="rp-funds">{t(lang, 'treasury.rp.funds')}</h2>
          <div class="table-scroll">
            <table data-testid="report-funds">
              {head()}
              <tbody>
                {r.funds.map((f) => (
                  <Row lang={lang} label={t(lang, 'treasury.bo.ourShare', { town: `${f.fund.name} ${town}` })} s={f.share} testid={`fund-${f.fund.id}`} />
                ))}
              </tbody>
            </table>
          </div>
        </section>

        <section aria-labelledby="rp-ch">
          <h2 id="rp-ch">{t(lang, 'treasury.rp.challenges')}</h2>
          <div class="table-scroll">
            <table data-testid="report-challenges">
              {head(t(lang, 'treasury.rp.paid'))}
              <tbody>
                {r.challenges.map((c) => (
                  <Row lang={lang} label={pick(lang, c.challenge.title, c.challenge.titleEn ?? '')} s={c.available} extra={c.payable.outflowByChannel.disbursement ?? 0} lead={c.lead} testid={`challenge-${c.challenge.id}`} />
                ))}
              </tbody>
              <tfoot>
                <Row lang={lang} label={t(lang, 'treasury.rp.total')} s={r.totals.available} extra={r.totals.paid} testid="challenges-total" />
              </tfoot>
            </table>
          </div>
        </section>
        <p class="small muted">{t(lang, 'treasury.rp.note')}</p>
        <p class="bo-noprint small muted">{t(lang, 'treasury.rp.printHint')}</p>
      </div>
    </Layout>
  );
}
