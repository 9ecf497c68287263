import type { Disbursement } from '../../functions/domain/disbursements.js';
import type { Yen as YenAmount } from '../../functions/domain/money.js';
import { BackOfficeStyles, Input, Notice, Problems, Select, Status, type FieldErrors } from '../components/back-office-ui.js';
import { bt } from '../components/back-office-text.js';
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
    <Layout ctx={p.ctx} title={bt(lang, 'db.new')}>
      <WorkspaceStyles />
      <BackOfficeStyles />
      <p class="breadcrumb">
        <a href="/company">{lang === 'ja' ? '事業者のページ' : 'Company workspace'}</a>
      </p>
      <div class="page-head">
        <h1>{bt(lang, 'db.new')}</h1>
        <p class="lead">{bt(lang, 'db.newLead', { challenge: p.challenge.title })}</p>
      </div>
      <Notice lang={lang} notice={p.notice} />
      <Problems lang={lang} message={p.problem} errors={p.errors} />
      <p class="notice" data-testid="limit">
        {bt(lang, 'db.limit')}{' '}
        <strong>
          <Yen amount={p.limit} />
        </strong>
      </p>
      <form class="form" method="post" action={`/company/challenges/${p.challenge.id}/disbursements/new`} data-testid="disbursement-form">
        <Input name="amount" label={bt(lang, 'db.amount')} value={v.amount} errors={p.errors} inputmode="numeric" required />
        <Input name="milestone" label={bt(lang, 'db.milestone')} value={v.milestone} errors={p.errors} maxlength={200} required />
        <Input name="invoiceNumber" label={bt(lang, 'db.invoice')} value={v.invoiceNumber} errors={p.errors} maxlength={50} required />
        <fieldset class="group">
          <legend>{bt(lang, 'db.payee')}</legend>
          <div class="pair">
            <Input name="bankCode" label={bt(lang, 'db.bankCode')} value={v.bankCode} errors={p.errors} inputmode="numeric" maxlength={4} required />
            <Input name="branchCode" label={bt(lang, 'db.branchCode')} value={v.branchCode} errors={p.errors} inputmode="numeric" maxlength={3} required />
          </div>
          <div class="pair">
            <Select
              name="accountType"
              label={bt(lang, 'db.accountType')}
              value={v.accountType || 'ordinary'}
              options={[
                { value: 'ordinary', label: bt(lang, 'db.ordinary') },
                { value: 'current', label: bt(lang, 'db.current') },
              ]}
              errors={p.errors}
            />
            <Input name="accountNumber" label={bt(lang, 'db.accountNumber')} value={v.accountNumber} errors={p.errors} inputmode="numeric" maxlength={7} required />
          </div>
          <Input name="holderKana" label={bt(lang, 'db.holderKana')} hint={bt(lang, 'db.holderHint')} value={v.holderKana} errors={p.errors} required />
        </fieldset>
        <div class="form-actions">
          <button class="btn" type="submit">
            {bt(lang, 'db.submit')}
          </button>
        </div>
      </form>
      {p.requests.length ? (
        <section aria-labelledby="req-h">
          <h2 id="req-h">{bt(lang, 'db.list')}</h2>
          <div class="table-scroll">
            <table data-testid="requests">
              <thead>
                <tr>
                  <th scope="col">{bt(lang, 'db.milestone')}</th>
                  <th scope="col" class="amount">
                    {bt(lang, 'db.amount')}
                  </th>
                  <th scope="col">{bt(lang, 'db.requestedOn')}</th>
                  <th scope="col">{bt(lang, 'db.scheduledFor')}</th>
                  <th scope="col">{lang === 'ja' ? '状態' : 'Status'}</th>
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
