import type { Disbursement } from '../../functions/domain/disbursements.js';
import type { Yen as YenAmount } from '../../functions/domain/money.js';
import { BackOfficeStyles, Input, Notice, Problems, Select, Status, type FieldErrors } from '../components/back-office-ui.js';
import { t } from '../../functions/i18n/index.js';
import { formatDate } from '../components/date.js';
import { Yen } from '../components/yen.js';
import { WorkspaceStyles } from '../components/workspace.js';
import { Layout, type PageCtx } from '../layout.js';

export interface DisbursementRequestValues {
  amount: string;
  milestone: string;
  invoiceNumber: string;
  bankCode: string;
  branchCode: string;
  accountType: string;
  accountNumber: string;
  holderKana: string;
}

export interface DisbursementRequestProps {
  ctx: PageCtx;
  challenge: { id: string; title: string };
  limit: YenAmount;
  values: DisbursementRequestValues;
  errors: FieldErrors;
  problem?: string;
  notice?: string;
  requests: Disbursement[];
}

/** The operating company's request form, with its earlier requests for the challenge and their status. */
export function DisbursementRequestPage(p: DisbursementRequestProps) {
  const { lang } = p.ctx;
  const v = p.values;
  return (
    <Layout ctx={p.ctx} title={t(lang, 'treasury.db.new')}>
      <WorkspaceStyles />
      <BackOfficeStyles />
      <p class="breadcrumb">
        <a href="/company">{t(lang, 'treasury.db.companyWorkspace')}</a>
      </p>
      <div class="page-head">
        <h1>{t(lang, 'treasury.db.new')}</h1>
        <p class="lead">{t(lang, 'treasury.db.newLead', { challenge: p.challenge.title })}</p>
      </div>
      <Notice lang={lang} notice={p.notice} />
      <Problems lang={lang} message={p.problem} errors={p.errors} />
      <p class="notice" data-testid="limit">
        {t(lang, 'treasury.db.limit')}{' '}
        <strong>
          <Yen amount={p.limit} />
        </strong>
      </p>
      <form class="form" method="post" action={`/company/challenges/${p.challenge.id}/disbursements/new`} data-testid="disbursement-form">
        <Input name="amount" label={t(lang, 'treasury.db.amount')} value={v.amount} errors={p.errors} inputmode="numeric" required />
        <Input name="milestone" label={t(lang, 'treasury.db.milestone')} value={v.milestone} errors={p.errors} maxlength={200} required />
        <Input name="invoiceNumber" label={t(lang, 'treasury.db.invoice')} value={v.invoiceNumber} errors={p.errors} maxlength={50} required />
        <fieldset class="group">
          <legend>{t(lang, 'treasury.db.payee')}</legend>
          <div class="pair">
            <Input name="bankCode" label={t(lang, 'treasury.db.bankCode')} value={v.bankCode} errors={p.errors} inputmode="numeric" maxlength={4} required />
            <Input name="branchCode" label={t(lang, 'treasury.db.branchCode')} value={v.branchCode} errors={p.errors} inputmode="numeric" maxlength={3} required />
          </div>
          <div class="pair">
            <Select
              name="accountType"
              label={t(lang, 'treasury.db.accountType')}
              value={v.accountType || 'ordinary'}
              options={[
                { value: 'ordinary', label: t(lang, 'treasury.db.ordinary') },
                { value: 'current', label: t(lang, 'treasury.db.current') },
              ]}
              errors={p.errors}
            />
            <Input name="accountNumber" label={t(lang, 'treasury.db.accountNumber')} value={v.accountNumber} errors={p.errors} inputmode="numeric" maxlength={7} required />
          </div>
          <Input name="holderKana" label={t(lang, 'treasury.db.holderKana')} hint={t(lang, 'treasury.db.holderHint')} value={v.holderKana} errors={p.errors} required />
        </fieldset>
        <div class="form-actions">
          <button class="btn" type="submit">
            {t(lang, 'treasury.db.submit')}
          </button>
        </div>
      </form>
      {p.requests.length ? (
        <section aria-labelledby="req-h">
          <h2 id="req-h">{t(lang, 'treasury.db.list')}</h2>
          <div class="table-scroll">
            <table data-testid="requests">
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'treasury.db.milestone')}</th>
                  <th scope="col" class="amount">
                    {t(lang, 'treasury.db.amount')}
                  </th>
                  <th scope="col">{t(lang, 'treasury.db.requestedOn')}</th>
                  <th scope="col">{t(lang, 'treasury.db.scheduledFor')}</th>
                  <th scope="col">{t(lang, 'treasury.db.col.status')}</th>
                </tr>
              </thead>
              <tbody>
                {p.requests.map((d) => (
                  <tr data-disbursement={d.id}>
                    <td>
                      {d.milestone}
                      {d.rejection ? <div class="small muted">{d.rejection.reason}</div> : null}
                    </td>
                    <td class="amount">
                      <Yen amount={d.amount} />
                    </td>
                    <td>{formatDate(lang, d.requestedOn)}</td>
                    <td>{d.paidOn ? formatDate(lang, d.paidOn) : d.scheduledFor ? formatDate(lang, d.scheduledFor) : '—'}</td>
                    <td>
                      <Status lang={lang} kind="db" status={d.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </Layout>
  );
}
