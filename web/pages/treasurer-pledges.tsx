import { transferReference, type Pledge } from '../../functions/domain/corporate.js';
import { t, pick, type Lang } from '../../functions/i18n/index.js';
import { CorporateStyles, FieldError, Notice, ProblemList, type FieldProblem } from '../components/corporate-ui.js';
import { JstDate } from '../components/date.js';
import { townName, type TownIndex } from '../components/town-badge.js';
import { Yen } from '../components/yen.js';
import { Layout, type PageCtx } from '../layout.js';
import { PledgeStatus } from './pledge-detail.js';

export interface TreasurerPledgesProps {
  ctx: PageCtx;
  towns: TownIndex;
  myTowns: string[];
  pending: Pledge[];
  others: Pledge[];
  today: string;
  flash?: { kind: 'ok' | 'error'; text: string };
  /** A refused confirmation: which pledge, what was typed, and why. */
  failed?: { pledgeId: string; values: { receivedOn?: string; amount?: string }; problems: FieldProblem[] };
}

export function TreasurerPledgesPage(props: TreasurerPledgesProps) {
  const { ctx } = props;
  const { lang } = ctx;
  return (
    <Layout ctx={ctx} title={t(lang, 'corporate.treasurer.title')}>
      <CorporateStyles />
      <header class="page-head">
        <h1>{t(lang, 'corporate.treasurer.title')}</h1>
        <p class="lead">{t(lang, 'corporate.treasurer.lead')}</p>
        <p class="small">
          {props.myTowns.map((code) => townName(lang, props.towns, code)).join(t(lang, 'corporate.sep.towns'))} · <a href="/treasurer/regional-plans">{t(lang, 'corporate.treasurer.plans')}</a>
        </p>
      </header>
      {props.flash ? <Notice kind={props.flash.kind}>{props.flash.text}</Notice> : null}
      <section aria-labelledby="pending-heading">
        <h2 id="pending-heading">{t(lang, 'corporate.treasurer.pending')}</h2>
        {props.pending.length ? props.pending.map((p) => <PendingCard {...props} p={p} lang={lang} />) : <p>{t(lang, 'corporate.treasurer.nonePending')}</p>}
      </section>
      <section aria-labelledby="recent-heading">
        <h2 id="recent-heading">{t(lang, 'corporate.treasurer.recent')}</h2>
        {props.others.length ? (
          <div class="table-scroll" role="region" aria-label={t(lang, 'corporate.treasurer.recent')} tabindex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'corporate.detail.company')}</th>
                  <th scope="col">{t(lang, 'corporate.pledges.target')}</th>
                  <th scope="col" class="amount">{t(lang, 'corporate.pledges.amount')}</th>
                  <th scope="col">{t(lang, 'corporate.pledges.status')}</th>
                  <th scope="col">{t(lang, 'corporate.detail.receivedOn')}</th>
                  <th scope="col">{t(lang, 'corporate.pledges.receipt')}</th>
                </tr>
              </thead>
              <tbody>
                {props.others.map((p) => (
                  <tr data-pledge={p.id}>
                    <td>{p.companyName}</td>
                    <td>{pick(lang, p.targetTitle, p.targetTitleEn)}</td>
                    <td class="amount">
                      <Yen amount={p.amount} />
                    </td>
                    <td>
                      <PledgeStatus lang={lang} status={p.status} />
                    </td>
                    <td class="nowrap">{p.receivedOn ? <JstDate lang={lang} date={p.receivedOn} /> : '—'}</td>
                    <td>{p.receiptNumber ? <a href={`/api/corporate-pledges/${p.id}/receipt`}>{p.receiptNumber}</a> : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t(lang, 'corporate.treasurer.noneRecent')}</p>
        )}
      </section>
    </Layout>
  );
}

function PendingCard(props: TreasurerPledgesProps & { p: Pledge; lang: Lang }) {
  const { p, lang } = props;
  const failed = props.failed?.pledgeId === p.id ? props.failed : undefined;
  const problems = failed?.problems ?? [];
  const has = (path: string) => problems.some((x) => x.path === path);
  const idp = `pl-${p.id}`;
  return (
    <article class="pledge-card" data-pledge={p.id} aria-labelledby={`${idp}-h`}>
      <h3 id={`${idp}-h`}>
        {p.companyName} — <Yen amount={p.amount} />
      </h3>
      <dl class="kv">
        <dt>{t(lang, 'corporate.pledges.target')}</dt>
        <dd>{pick(lang, p.targetTitle, p.targetTitleEn)}</dd>
        <dt>{t(lang, 'corporate.pledges.town')}</dt>
        <dd>{townName(lang, props.towns, p.receivingTown)}</dd>
        <dt>{t(lang, 'corporate.pledges.pledgedOn')}</dt>
        <dd>
          <JstDate lang={lang} date={p.pledgedOn} />
        </dd>
        <dt>{t(lang, 'corporate.detail.expiresOn')}</dt>
        <dd>
          <JstDate lang={lang} date={p.expiresOn} />
        </dd>
        <dt>{t(lang, 'corporate.detail.reference')}</dt>
        <dd>{transferReference(p.id)}</dd>
        <dt>{t(lang, 'corporate.detail.disclosure')}</dt>
        <dd>{t(lang, p.disclose.name ? (p.disclose.amount ? 'corporate.detail.discloseBoth' : 'corporate.detail.discloseName') : 'corporate.detail.discloseNone')}</dd>
      </dl>
      {failed ? (
        <Notice kind="error">
          <ProblemList lang={lang} problems={problems} />
        </Notice>
      ) : null}
      <form class="corp-form" method="post" action={`/treasurer/pledges/${p.id}/confirm`} novalidate>
        <div class={`field${has('receivedOn') ? ' has-error' : ''}`}>
          <label for={`${idp}-on`}>{t(lang, 'corporate.treasurer.receivedOn')}</label>
          <input id={`${idp}-on`} name="receivedOn" type="date" max={props.today} value={failed?.values.receivedOn ?? props.today} required />
          <FieldError lang={lang} problems={problems} path="receivedOn" />
        </div>
        <div class={`field${has('amount') ? ' has-error' : ''}`}>
          <label for={`${idp}-amount`}>{t(lang, 'corporate.treasurer.amount')}</label>
          <input id={`${idp}-amount`} name="amount" type="number" inputmode="numeric" min={1} step={1} value={failed?.values.amount ?? ''} required aria-describedby={`${idp}-rule`} />
          <p id={`${idp}-rule`} class="small muted">
            {t(lang, 'corporate.treasurer.amountRule')}
          </p>
          <FieldError lang={lang} problems={problems} path="amount" />
        </div>
        <button class="btn" type="submit">
          {t(lang, 'corporate.treasurer.confirm')}
        </button>
      </form>
      <form class="corp-form" method="post" action={`/treasurer/pledges/${p.id}/cancel`}>
        <div class="actions-row">
          <label for={`${idp}-reason`} class="visually-hidden">
            {t(lang, 'corporate.detail.cancelReason')}
          </label>
          <input id={`${idp}-reason`} name="reason" type="text" maxlength={500} placeholder={t(lang, 'corporate.detail.cancelReason')} />
          <button class="btn btn-secondary" type="submit">
            {t(lang, 'corporate.treasurer.cancel')}
          </button>
        </div>
      </form>
    </article>
  );
}
