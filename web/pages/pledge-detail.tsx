import type { EstimatedRelief, Pledge } from '../../functions/domain/corporate.js';
import { formatYen } from '../../functions/domain/money.js';
import { t, pick, type Lang } from '../../functions/i18n/index.js';
import { CorporateStyles, Notice } from '../components/corporate-ui.js';
import { JstDate } from '../components/date.js';
import { townName, type TownIndex } from '../components/town-badge.js';
import { Yen } from '../components/yen.js';
import { Layout, type PageCtx } from '../layout.js';
import type { BankTransferView } from '../views/corporate.js';

export function PledgeStatus(props: { lang: Lang; status: Pledge['status'] }) {
  return (
    <span class={`status ${props.status === 'paid' ? 'open' : ''}`} data-status={props.status}>
      {t(props.lang, `corporate.status.${props.status}`)}
    </span>
  );
}

export interface PledgeDetailProps {
  ctx: PageCtx;
  towns: TownIndex;
  pledge: Pledge;
  relief: EstimatedRelief;
  bank?: BankTransferView;
  accepted?: boolean;
  /** Where the cancel form posts, when the reader may cancel. */
  cancelAction?: string;
  back: { href: string; label: string };
}

export function PledgeDetailPage(props: PledgeDetailProps) {
  const { ctx, pledge: p } = props;
  const { lang } = ctx;
  const title = pick(lang, p.targetTitle, p.targetTitleEn);
  return (
    <Layout ctx={ctx} title={t(lang, 'corporate.detail.title')}>
      <CorporateStyles />
      <nav class="breadcrumb" aria-label="breadcrumb">
        <a href={props.back.href}>{props.back.label}</a> /
      </nav>
      <header class="page-head">
        <h1>
          {t(lang, 'corporate.detail.title')}: {title}
        </h1>
        <p>
          <PledgeStatus lang={lang} status={p.status} />
        </p>
      </header>
      {props.accepted && p.status === 'pledged' ? (
        <Notice kind="ok">
          <strong>{t(lang, 'corporate.detail.accepted')}</strong>
        </Notice>
      ) : null}
      {p.status === 'cancelled' ? <Notice kind="error">{t(lang, 'corporate.detail.cancelled')}</Notice> : null}
      {p.status === 'expired' ? <Notice kind="error">{t(lang, 'corporate.detail.expired')}</Notice> : null}
      <div class="grid two">
        <section class="panel" aria-labelledby="facts-heading">
          <h2 id="facts-heading">{t(lang, 'corporate.detail.title')}</h2>
          <dl class="kv">
            <dt>{t(lang, 'corporate.detail.company')}</dt>
            <dd>{p.companyName}</dd>
            <dt>{t(lang, 'corporate.pledges.target')}</dt>
            <dd>
              <a href={p.target.kind === 'challenge' ? `/challenges/${p.target.id}` : `/funds/${p.target.id}`}>{title}</a>
            </dd>
            <dt>{t(lang, 'corporate.pledges.town')}</dt>
            <dd>{townName(lang, props.towns, p.receivingTown)}</dd>
            <dt>{t(lang, 'corporate.pledges.amount')}</dt>
            <dd data-amount={String(p.amount)}>
              <Yen amount={p.amount} />
            </dd>
            <dt>{t(lang, 'corporate.pledges.pledgedOn')}</dt>
            <dd>
              <JstDate lang={lang} date={p.pledgedOn} />
            </dd>
            <dt>{t(lang, 'corporate.detail.plan')}</dt>
            <dd>{p.planName}</dd>
            <dt>{t(lang, 'corporate.detail.project')}</dt>
            <dd>{p.projectName}</dd>
            <dt>{t(lang, 'corporate.detail.disclosure')}</dt>
            <dd>{t(lang, p.disclose.name ? (p.disclose.amount ? 'corporate.detail.discloseBoth' : 'corporate.detail.discloseName') : 'corporate.detail.discloseNone')}</dd>
            {p.status === 'pledged' ? (
              <>
                <dt>{t(lang, 'corporate.detail.expiresOn')}</dt>
                <dd>
                  <JstDate lang={lang} date={p.expiresOn} wareki />
                </dd>
              </>
            ) : null}
            {p.receivedOn ? (
              <>
                <dt>{t(lang, 'corporate.detail.receivedOn')}</dt>
                <dd>
                  <JstDate lang={lang} date={p.receivedOn} wareki />
                </dd>
                <dt>{t(lang, 'corporate.detail.receiptNumber')}</dt>
                <dd data-receipt-number>{p.receiptNumber}</dd>
              </>
            ) : null}
          </dl>
          {p.status === 'paid' ? (
            <p>
              <a class="btn" href={`/api/corporate-pledges/${p.id}/receipt`}>
                {t(lang, 'corporate.detail.printReceipt')}
              </a>
            </p>
          ) : null}
        </section>
        {props.bank && p.status === 'pledged' ? <BankPanel lang={lang} bank={props.bank} /> : null}
      </div>
      <ReliefPanel lang={lang} relief={props.relief} />
      {props.cancelAction && p.status === 'pledged' ? (
        <form class="corp-form" method="post" action={props.cancelAction}>
          <fieldset>
            <legend>{t(lang, 'corporate.detail.cancel')}</legend>
            <div class="field">
              <label for="reason">{t(lang, 'corporate.detail.cancelReason')}</label>
              <input id="reason" name="reason" type="text" maxlength={500} />
            </div>
            <button class="btn btn-secondary" type="submit">
              {t(lang, 'corporate.detail.cancel')}
            </button>
          </fieldset>
        </form>
      ) : null}
    </Layout>
  );
}

function BankPanel(props: { lang: Lang; bank: BankTransferView }) {
  const { lang, bank } = props;
  const a = bank.account;
  return (
    <section class="panel" aria-labelledby="bank-heading" id="bank-transfer">
      <h2 id="bank-heading">{t(lang, 'corporate.detail.bank')}</h2>
      <dl class="kv">
        <dt>{t(lang, 'corporate.detail.payee')}</dt>
        <dd>{bank.payee}</dd>
        <dt>{t(lang, 'corporate.detail.account')}</dt>
        <dd>
          {a
            ? `${a.bankNameKana} (${a.bankCode}) ${a.branchNameKana} (${a.branchCode}) ${t(lang, `corporate.accountType.${a.accountType}`)} ${a.accountNumber} ${a.holderKana}`
            : t(lang, 'corporate.detail.accountPending')}
        </dd>
        <dt>{t(lang, 'corporate.pledges.amount')}</dt>
        <dd>
          <Yen amount={bank.amount} />
        </dd>
        <dt>{t(lang, 'corporate.detail.reference')}</dt>
        <dd>
          <strong data-reference>{bank.reference}</strong>
        </dd>
        <dt>{t(lang, 'corporate.detail.expiresOn')}</dt>
        <dd>
          <JstDate lang={lang} date={bank.dueBy} wareki />
        </dd>
      </dl>
      <p class="small">{bank.instructions}</p>
      <p class="small muted">{t(lang, 'corporate.detail.amountRule')}</p>
    </section>
  );
}

export function ReliefPanel(props: { lang: Lang; relief: EstimatedRelief }) {
  const { lang, relief: e } = props;
  return (
    <section class="panel" aria-labelledby="relief-heading" id="estimated-relief">
      <h2 id="relief-heading">{t(lang, 'corporate.detail.relief')}</h2>
      <div class="table-scroll">
        <table>
          <tbody>
            <tr>
              <th scope="row">{t(lang, 'corporate.detail.inhabitantTax', { p: e.rates.inhabitantTax })}</th>
              <td class="amount">
                <Yen amount={e.taxCredit.inhabitantTax} />
              </td>
            </tr>
            <tr>
              <th scope="row">{t(lang, 'corporate.detail.enterpriseTax', { p: e.rates.enterpriseTax })}</th>
              <td class="amount">
                <Yen amount={e.taxCredit.enterpriseTax} />
              </td>
            </tr>
            <tr>
              <th scope="row">{t(lang, 'corporate.detail.corporateTax', { p: e.rates.corporateTaxMax })}</th>
              <td class="amount">{t(lang, 'corporate.detail.corporateTaxValue', { max: formatYen(e.corporateTaxMax) })}</td>
            </tr>
            <tr>
              <th scope="row">{t(lang, 'corporate.detail.creditTotal', { p: e.rates.taxCredit })}</th>
              <td class="amount">
                <Yen amount={e.taxCredit.total} />
              </td>
            </tr>
            <tr>
              <th scope="row">{t(lang, 'corporate.detail.lossDeduction', { p: e.rates.lossDeduction })}</th>
              <td class="amount">
                <Yen amount={e.lossDeduction} />
              </td>
            </tr>
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t(lang, 'corporate.detail.reliefTotal', { p: e.rates.total })}</th>
              <td class="amount" data-relief-total={String(e.total)}>
                <Yen amount={e.total} />
              </td>
            </tr>
            <tr>
              <th scope="row">{t(lang, 'corporate.detail.netCost')}</th>
              <td class="amount">
                <Yen amount={e.netCost} />
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      <h3>{t(lang, 'corporate.detail.caveats')}</h3>
      <ul class="caveats">
        {e.caveats.map((c) => (
          <li>{t(lang, `corporate.caveat.${c}`)}</li>
        ))}
      </ul>
    </section>
  );
}
