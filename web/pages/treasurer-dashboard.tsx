import { raw } from 'hono/html';
import type { Allocation } from '../../functions/domain/allocations.js';
import type { Disbursement, TownBankAccount } from '../../functions/domain/disbursements.js';
import type { Yen as YenAmount } from '../../functions/domain/money.js';
import { ActionForm, BackOfficeStyles, CommentField, Input, Notice, Problems, Select, Status, type FieldErrors } from '../components/back-office-ui.js';
import { t, pick, type Lang } from '../../functions/i18n/index.js';
import { formatDate, formatMonth } from '../components/date.js';
import { townName, type TownIndex } from '../components/town-badge.js';
import { Yen } from '../components/yen.js';
import { WorkspaceStyles } from '../components/workspace.js';
import { Layout, type PageCtx } from '../layout.js';

export interface ChallengeBalance {
  id: string;
  title: string;
  lead: boolean;
  raised: YenAmount;
  allocated: YenAmount;
  available: YenAmount;
  payable: YenAmount;
}

export interface FundBalance {
  id: string;
  name: string;
  shares: { town: string; available: YenAmount }[];
  total: YenAmount;
}

export interface ChartView {
  fy: number;
  inflowSvg: string;
  outflowSvg: string;
  months: string[];
  rows: { individual: YenAmount; corporate: YenAmount; allocation: YenAmount; inflowLast: YenAmount; outflow: YenAmount; outflowLast: YenAmount }[];
}

export interface DashboardProps {
  ctx: PageCtx;
  town: string;
  myTowns: string[];
  towns: TownIndex;
  today: string;
  notice?: string;
  problem?: string;
  awaiting: Allocation[];
  waitingOthers: Allocation[];
  disbursements: Disbursement[];
  scheduled: Disbursement[];
  challengeTitles: Record<string, string>;
  funds: FundBalance[];
  challenges: ChallengeBalance[];
  charts: ChartView;
  hasBankAccount: boolean;
}

const EXPORT_KINDS = ['donations', 'receipts', 'one-stop', 'corporate-pledges', 'allocations', 'disbursements'] as const;

export function TownSwitch(props: { lang: Lang; towns: TownIndex; myTowns: string[]; town: string; path: string }) {
  if (props.myTowns.length < 2) return null;
  return (
    <nav class="bo-towns" aria-label={t(props.lang, 'treasury.bo.switchTown')}>
      {props.myTowns.map((code) => (
        <a href={`${props.path}?town=${code}`} aria-current={code === props.town ? 'page' : undefined}>
          {townName(props.lang, props.towns, code)}
        </a>
      ))}
    </nav>
  );
}

export function DrawList(props: { lang: Lang; towns: TownIndex; draws: { town: string; amount: YenAmount }[] }) {
  return (
    <span>
      {props.draws.map((d, i) => (
        <>
          {i ? '・' : ''}
          {townName(props.lang, props.towns, d.town)} <Yen amount={d.amount} />
        </>
      ))}
    </span>
  );
}

export function TreasurerDashboardPage(p: DashboardProps) {
  const { lang } = p.ctx;
  const name = townName(lang, p.towns, p.town);
  const back = `/treasurer?town=${p.town}`;
  const scheduledDates = [...new Set(p.scheduled.map((d) => d.scheduledFor!).filter(Boolean))].sort();
  return (
    <Layout ctx={p.ctx} title={t(lang, 'treasury.bo.townTitle', { town: name })}>
      <WorkspaceStyles />
      <BackOfficeStyles />
      <div class="page-head">
        <h1>{t(lang, 'treasury.bo.townTitle', { town: name })}</h1>
        <p class="lead">{t(lang, 'treasury.bo.lead')}</p>
      </div>
      <TownSwitch lang={lang} towns={p.towns} myTowns={p.myTowns} town={p.town} path="/treasurer" />
      <Notice lang={lang} notice={p.notice} />
      <Problems lang={lang} message={p.problem} />

      <section aria-labelledby="menu-h" class="bo-noprint">
        <h2 id="menu-h" class="visually-hidden">
          {t(lang, 'treasury.bo.menu')}
        </h2>
        <ul class="bo-menu">
          <li>
            <a class="btn btn-small" href={`/treasurer/allocations/new?town=${p.town}`}>
              {t(lang, 'treasury.bo.proposeAllocation')}
            </a>
          </li>
          <li>
            <a class="btn btn-secondary btn-small" href={`/treasurer/report?town=${p.town}&fy=${p.charts.fy}`}>
              {t(lang, 'treasury.bo.report')}
            </a>
          </li>
          <li>
            <a class="btn btn-secondary btn-small" href={`/treasurer/bank-account?town=${p.town}`}>
              {t(lang, 'treasury.bo.bankAccount')}
            </a>
          </li>
          {[
            { href: `/treasurer/donations?town=${p.town}`, ja: '寄附の一覧・返金', en: 'Donations & refunds' },
            { href: `/treasurer/one-stop?town=${p.town}`, ja: 'ワンストップ特例申請', en: 'One-stop requests' },
            { href: `/treasurer/pledges?town=${p.town}`, ja: '企業版の寄附の申出', en: 'Corporate pledges' },
            { href: `/treasurer/regional-plans?town=${p.town}`, ja: '地域再生計画', en: 'Regional plans' },
            { href: `/audit?town=${p.town}`, ja: '監査ログ', en: 'Audit log' },
          ].map((l) => (
            <li>
              <a class="btn btn-secondary btn-small" href={l.href}>
                {pick(lang, l.ja, l.en)}
              </a>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="queue-h">
        <h2 id="queue-h">{t(lang, 'treasury.bo.queue')}</h2>

        <h3 id="q-alloc">{t(lang, 'treasury.bo.queue.allocations')}</h3>
        {p.awaiting.length ? (
          <ul class="bo-list" aria-labelledby="q-alloc" data-testid="queue-allocations">
            {p.awaiting.map((a) => (
              <AllocationItem lang={lang} towns={p.towns} a={a} town={p.town} back={back} decide />
            ))}
          </ul>
        ) : (
          <p class="muted">{t(lang, 'treasury.bo.queue.allocationsNone')}</p>
        )}

        {p.waitingOthers.length ? (
          <>
            <h3 id="q-others">{t(lang, 'treasury.bo.queue.waitingOthers')}</h3>
            <ul class="bo-list" aria-labelledby="q-others" data-testid="queue-waiting-others">
              {p.waitingOthers.map((a) => (
                <AllocationItem lang={lang} towns={p.towns} a={a} town={p.town} back={back} />
              ))}
            </ul>
          </>
        ) : null}

        <h3 id="q-disb">{t(lang, 'treasury.bo.queue.disbursements')}</h3>
        {p.disbursements.length ? (
          <ul class="bo-list" aria-labelledby="q-disb" data-testid="queue-disbursements">
            {p.disbursements.map((d) => (
              <li class="bo-item" data-disbursement={d.id}>
                <DisbursementHead lang={lang} d={d} title={p.challengeTitles[d.challengeId] ?? d.challengeId} />
                <p class="small muted">{t(lang, 'treasury.db.twoPeople')}</p>
                <div class="bo-decide">
                  <ActionForm action={`/treasurer/disbursements/${d.id}/approve`} button={t(lang, 'treasury.db.approve')} back={back}>
                    <label for={`pd-${d.id}`}>{t(lang, 'treasury.db.paymentDate')}</label>
                    <input id={`pd-${d.id}`} type="date" name="paymentDate" min={p.today} />
                    <CommentField lang={lang} id={`dc-${d.id}`} />
                  </ActionForm>
                  <ActionForm action={`/treasurer/disbursements/${d.id}/reject`} button={t(lang, 'treasury.db.reject')} danger back={back}>
                    <CommentField lang={lang} id={`dr-${d.id}`} name="reason" label={t(lang, 'treasury.db.reason')} required />
                  </ActionForm>
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{t(lang, 'treasury.bo.queue.disbursementsNone')}</p>
        )}

        <h3 id="q-sched">{t(lang, 'treasury.bo.queue.scheduled')}</h3>
        {!p.hasBankAccount && p.scheduled.length ? (
          <p class="notice warn">
            <a href={`/treasurer/bank-account?town=${p.town}`}>{t(lang, 'treasury.bank.missing')}</a>
          </p>
        ) : null}
        {scheduledDates.length ? (
          <ul class="bo-menu bo-noprint" data-testid="zengin-links">
            {scheduledDates.map((date) => (
              <li>
                <a class="btn btn-secondary btn-small" href={`/api/towns/${p.town}/zengin?date=${date}`} download>
                  {t(lang, 'treasury.bo.queue.zengin', { date: formatDate(lang, date) })}
                </a>
              </li>
            ))}
          </ul>
        ) : null}
        {p.scheduled.length ? (
          <ul class="bo-list" aria-labelledby="q-sched" data-testid="queue-scheduled">
            {p.scheduled.map((d) => (
              <li class="bo-item" data-disbursement={d.id}>
                <DisbursementHead lang={lang} d={d} title={p.challengeTitles[d.challengeId] ?? d.challengeId} />
                <div class="bo-decide">
                  <ActionForm action={`/treasurer/disbursements/${d.id}/paid`} button={t(lang, 'treasury.db.markPaid')} back={back}>
                    <label for={`po-${d.id}`}>{t(lang, 'treasury.db.paidOn')}</label>
                    <input id={`po-${d.id}`} type="date" name="paidOn" value={p.today} max={p.today} required />
                  </ActionForm>
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{t(lang, 'treasury.bo.queue.scheduledNone')}</p>
        )}
      </section>

      <section aria-labelledby="bal-h">
        <h2 id="bal-h">{t(lang, 'treasury.bo.balances')}</h2>
        <div class="bo-grid">
          {p.funds.map((f) => (
            <div class="table-scroll">
              <table data-testid={`fund-${f.id}`}>
                <caption>{t(lang, 'treasury.bo.fundShares', { fund: f.name })}</caption>
                <tbody>
                  {f.shares.map((s) => (
                    <tr data-town={s.town}>
                      <th scope="row">
                        {townName(lang, p.towns, s.town)}
                        {s.town === p.town ? ' ★' : ''}
                      </th>
                      <td class="amount">
                        <Yen amount={s.available} />
                      </td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t(lang, 'treasury.rp.total')}</th>
                    <td class="amount">
                      <Yen amount={f.total} />
                    </td>
                  </tr>
                </tfoot>
              </table>
              <p class="small bo-noprint">
                <a href={`/treasurer/funds/${f.id}/governance?town=${p.town}`} data-testid={`governance-${f.id}`}>
                  {t(lang, 'treasury.gv.link')}
                </a>
              </p>
            </div>
          ))}
          <div class="table-scroll">
            <table data-testid="challenge-balances">
              <caption>{t(lang, 'treasury.bo.challenges')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'treasury.bo.col.challenge')}</th>
                  <th scope="col" class="amount">
                    {t(lang, 'treasury.bo.col.raised')}
                  </th>
                  <th scope="col" class="amount">
                    {t(lang, 'treasury.bo.col.allocated')}
                  </th>
                  <th scope="col" class="amount">
                    {t(lang, 'treasury.bo.col.available')}
                  </th>
                  <th scope="col" class="amount">
                    {t(lang, 'treasury.bo.col.payable')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {p.challenges.map((c) => (
                  <tr data-challenge={c.id}>
                    <th scope="row">
                      <a href={`/challenges/${c.id}`}>{c.title}</a>
                      {c.lead ? <span class="muted small"> ({t(lang, 'treasury.bo.col.lead')})</span> : null}
                    </th>
                    <td class="amount">
                      <Yen amount={c.raised} />
                    </td>
                    <td class="amount" data-col="allocated">
                      <Yen amount={c.allocated} />
                    </td>
                    <td class="amount" data-col="available">
                      <Yen amount={c.available} />
                    </td>
                    <td class="amount">
                      <Yen amount={c.payable} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </section>

      <section aria-labelledby="charts-h">
        <h2 id="charts-h">{t(lang, 'treasury.bo.charts')}</h2>
        <div class="bo-grid">
          <figure class="bo-chart" data-testid="chart-inflow">
            <figcaption>{t(lang, 'treasury.bo.chart.inflow', { fy: p.charts.fy })}</figcaption>
            {raw(p.charts.inflowSvg)}
          </figure>
          <figure class="bo-chart" data-testid="chart-outflow">
            <figcaption>{t(lang, 'treasury.bo.chart.outflow')}</figcaption>
            {raw(p.charts.outflowSvg)}
          </figure>
        </div>
        <details>
          <summary>{t(lang, 'treasury.bo.chart.table')}</summary>
          <div class="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'treasury.bo.month')}</th>
                  <th scope="col" class="amount">
                    {t(lang, 'treasury.bo.series.individual')}
                  </th>
                  <th scope="col" class="amount">
                    {t(lang, 'treasury.bo.series.corporate')}
                  </th>
                  <th scope="col" class="amount">
                    {t(lang, 'treasury.bo.series.allocation')}
                  </th>
                  <th scope="col" class="amount">
                    {t(lang, 'treasury.bo.series.inflowLast')}
                  </th>
                  <th scope="col" class="amount">
                    {t(lang, 'treasury.bo.series.outThis', { fy: p.charts.fy })}
                  </th>
                  <th scope="col" class="amount">
                    {t(lang, 'treasury.bo.series.outLast', { fy: p.charts.fy - 1 })}
                  </th>
                </tr>
              </thead>
              <tbody>
                {p.charts.months.map((m, i) => {
                  const r = p.charts.rows[i]!;
                  return (
                    <tr>
                      <th scope="row">{formatMonth(lang, m)}</th>
                      {[r.individual, r.corporate, r.allocation, r.inflowLast, r.outflow, r.outflowLast].map((v) => (
                        <td class="amount">
                          <Yen amount={v} />
                        </td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </details>
      </section>

      <section aria-labelledby="exp-h" class="bo-noprint">
        <h2 id="exp-h">{t(lang, 'treasury.bo.exports', { fy: p.charts.fy })}</h2>
        <ExportLinks lang={lang} town={p.town} year={p.charts.fy} basis="fiscal" />
        <h3>{t(lang, 'treasury.bo.exportsCalendar', { year: Number(p.today.slice(0, 4)) })}</h3>
        <ExportLinks lang={lang} town={p.town} year={Number(p.today.slice(0, 4))} basis="calendar" />
      </section>
    </Layout>
  );
}

function ExportLinks(props: { lang: Lang; town: string; year: number; basis: 'fiscal' | 'calendar' }) {
  const { lang } = props;
  return (
    <ul class="bo-exports" data-testid={`exports-${props.basis}`}>
      {EXPORT_KINDS.map((k) => (
        <li>
          {t(lang, `treasury.bo.export.${k}`)}:{' '}
          {(['utf8', 'sjis'] as const).map((enc, i) => (
            <>
              {i ? ' / ' : ''}
              <a href={`/api/towns/${props.town}/exports/${k}.csv?year=${props.year}&basis=${props.basis}&encoding=${enc}`} download>
                {t(lang, `treasury.bo.export.${enc}`)}
              </a>
            </>
          ))}
        </li>
      ))}
    </ul>
  );
}

function DisbursementHead(props: { lang: Lang; d: Disbursement; title: string }) {
  const { lang, d } = props;
  return (
    <>
      <h3>
        <a href={`/treasurer/disbursements/${d.id}`}>{d.milestone}</a> <Status lang={lang} kind="db" status={d.status} />
      </h3>
      <p class="amount-big">
        <Yen amount={d.amount} />
      </p>
      <p class="meta">
        <span>{props.title}</span>
        <span>
          {t(lang, 'treasury.db.invoice')}: {d.invoiceNumber}
        </span>
        <span>
          {t(lang, 'treasury.db.requestedOn')}: {formatDate(lang, d.requestedOn)}
        </span>
        {d.scheduledFor ? (
          <span>
            {t(lang, 'treasury.db.scheduledFor')}: {formatDate(lang, d.scheduledFor)}
          </span>
        ) : null}
        <span>{t(lang, 'treasury.db.approvals', { n: d.approvers.length })}</span>
      </p>
    </>
  );
}

function AllocationItem(props: { lang: Lang; towns: TownIndex; a: Allocation; town: string; back: string; decide?: boolean }) {
  const { lang, a, towns } = props;
  const waiting = a.requirement.eligible.filter((t) => !a.approvedTowns.includes(t));
  return (
    <li class="bo-item" data-allocation={a.id}>
      <h3>
        <a href={`/treasurer/allocations/${a.id}`}>
          {a.fundName} → {a.challengeTitle}
        </a>{' '}
        <Status lang={lang} kind="al" status={a.status} />
      </h3>
      <p class="amount-big">
        <Yen amount={a.total} />
      </p>
      <p class="meta">
        <span>
          {t(lang, 'treasury.al.draws')}: <DrawList lang={lang} towns={towns} draws={a.draws} />
        </span>
        <span>
          {t(lang, 'treasury.al.proposedBy')}: {a.proposedByName ?? a.proposedBy}
        </span>
        <span>
          {t(lang, 'treasury.bo.deadline')}: {formatDate(lang, a.deadlineAt.slice(0, 10))}
        </span>
        <span>{t(lang, 'treasury.al.waitingFor', { towns: waiting.map((t) => townName(lang, towns, t)).join('、') })}</span>
      </p>
      {a.comment ? <p class="small">{a.comment}</p> : null}
      {props.decide ? (
        <div class="bo-decide">
          <ActionForm action={`/treasurer/allocations/${a.id}/approve`} button={t(lang, 'treasury.al.approveFor', { town: townName(lang, towns, props.town) })} back={props.back} testid="approve-allocation">
            <input type="hidden" name="town" value={props.town} />
            <CommentField lang={lang} id={`ac-${a.id}`} />
          </ActionForm>
          <ActionForm action={`/treasurer/allocations/${a.id}/reject`} button={t(lang, 'treasury.al.reject')} danger back={props.back}>
            <input type="hidden" name="town" value={props.town} />
            <CommentField lang={lang} id={`ar-${a.id}`} />
          </ActionForm>
        </div>
      ) : null}
    </li>
  );
}

export function BankAccountPage(p: { ctx: PageCtx; town: string; myTowns: string[]; towns: TownIndex; values: Partial<Record<keyof TownBankAccount, string>>; errors: FieldErrors; notice?: string }) {
  const { lang } = p.ctx;
  const v = p.values;
  const f = (name: keyof TownBankAccount, inputmode?: 'numeric', maxlength?: number) => (
    <Input name={name} label={t(lang, `treasury.bank.${name}`)} value={v[name]} errors={p.errors} inputmode={inputmode} maxlength={maxlength} required />
  );
  return (
    <Layout ctx={p.ctx} title={t(lang, 'treasury.bank.title')}>
      <WorkspaceStyles />
      <BackOfficeStyles />
      <p class="breadcrumb">
        <a href={`/treasurer?town=${p.town}`}>{t(lang, 'treasury.bo.back')}</a>
      </p>
      <div class="page-head">
        <h1>
          {t(lang, 'treasury.bank.title')} — {townName(lang, p.towns, p.town)}
        </h1>
        <p class="lead">{t(lang, 'treasury.bank.lead')}</p>
      </div>
      <TownSwitch lang={lang} towns={p.towns} myTowns={p.myTowns} town={p.town} path="/treasurer/bank-account" />
      <Notice lang={lang} notice={p.notice} />
      <Problems lang={lang} errors={p.errors} />
      <form class="form" method="post" action={`/treasurer/bank-account?town=${p.town}`}>
        <div class="pair">
          {f('bankCode', 'numeric', 4)}
          {f('bankNameKana')}
        </div>
        <div class="pair">
          {f('branchCode', 'numeric', 3)}
          {f('branchNameKana')}
        </div>
        <div class="pair">
          <Select
            name="accountType"
            label={t(lang, 'treasury.bank.accountType')}
            value={v.accountType ?? 'ordinary'}
            options={[
              { value: 'ordinary', label: t(lang, 'treasury.db.ordinary') },
              { value: 'current', label: t(lang, 'treasury.db.current') },
            ]}
            errors={p.errors}
          />
          {f('accountNumber', 'numeric', 7)}
        </div>
        <div class="pair">
          {f('requesterCode', 'numeric', 10)}
          {f('requesterNameKana')}
        </div>
        <div class="form-actions">
          <button class="btn" type="submit">
            {t(lang, 'treasury.bo.save')}
          </button>
        </div>
      </form>
    </Layout>
  );
}

export function NotAllowedPage(p: { ctx: PageCtx; message: string }) {
  return (
    <Layout ctx={p.ctx} title={p.message}>
      <div class="page-head">
        <h1>{p.message}</h1>
        <p>
          <a href="/">{t(p.ctx.lang, 'treasury.bo.home')}</a>
        </p>
      </div>
    </Layout>
  );
}
