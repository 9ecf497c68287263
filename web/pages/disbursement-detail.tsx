import type { Disbursement } from '../../functions/domain/disbursements.js';
import { ActionForm, BackOfficeStyles, CommentField, Notice, Problems, Status } from '../components/back-office-ui.js';
import { t } from '../../functions/i18n/index.js';
import { formatDate } from '../components/date.js';
import { Yen } from '../components/yen.js';
import { WorkspaceStyles } from '../components/workspace.js';
import { Layout, type PageCtx } from '../layout.js';

export interface DisbursementDetailProps {
  ctx: PageCtx;
  disbursement: Disbursement;
  challengeTitle: string;
  today: string;
  canApprove: boolean;
  canReject: boolean;
  canMarkPaid: boolean;
  notice?: string;
  problem?: string;
}

export function DisbursementDetailPage(p: DisbursementDetailProps) {
  const { lang } = p.ctx;
  const d = p.disbursement;
  const self = `/treasurer/disbursements/${d.id}`;
  return (
    <Layout ctx={p.ctx} title={t(lang, 'treasury.db.title', { id: d.id })}>
      <WorkspaceStyles />
      <BackOfficeStyles />
      <p class="breadcrumb">
        <a href={`/treasurer?town=${d.town}`}>{t(lang, 'treasury.bo.back')}</a>
      </p>
      <div class="page-head">
        <h1>
          {d.milestone} <Status lang={lang} kind="db" status={d.status} />
        </h1>
        <p class="muted">{t(lang, 'treasury.db.title', { id: d.id })}</p>
      </div>
      <Notice lang={lang} notice={p.notice} />
      <Problems lang={lang} message={p.problem} />
      <DisbursementFacts lang={lang} d={d} challengeTitle={p.challengeTitle} />
      <section aria-labelledby="appr-h">
        <h2 id="appr-h">{t(lang, 'treasury.db.approvals', { n: d.approvals.length })}</h2>
        <p class="small muted">{t(lang, 'treasury.db.twoPeople')}</p>
        {d.approvals.length ? (
          <ul class="history" data-testid="approvals">
            {d.approvals.map((a) => (
              <li>
                <strong>{a.name ?? a.by}</strong> <span class="who">{a.at.slice(0, 16).replace('T', ' ')} UTC</span>
                {a.comment ? <p class="prose">{a.comment}</p> : null}
              </li>
            ))}
          </ul>
        ) : null}
        {d.rejection ? (
          <p class="notice warn">
            {t(lang, 'treasury.db.reason')}: {d.rejection.reason}({d.rejection.name ?? d.rejection.by})
          </p>
        ) : null}
      </section>
      <div class="bo-decide">
        {p.canApprove ? (
          <ActionForm action={`${self}/approve`} button={t(lang, 'treasury.db.approve')} back={self}>
            <label for="pd">{t(lang, 'treasury.db.paymentDate')}</label>
            <input id="pd" type="date" name="paymentDate" min={p.today} />
            <p class="hint">{t(lang, 'treasury.db.paymentDateHint')}</p>
            <CommentField lang={lang} id="dc" />
          </ActionForm>
        ) : null}
        {p.canReject ? (
          <ActionForm action={`${self}/reject`} button={t(lang, 'treasury.db.reject')} danger back={self}>
            <CommentField lang={lang} id="dr" name="reason" label={t(lang, 'treasury.db.reason')} required />
          </ActionForm>
        ) : null}
        {p.canMarkPaid ? (
          <ActionForm action={`${self}/paid`} button={t(lang, 'treasury.db.markPaid')} back={self}>
            <label for="po">{t(lang, 'treasury.db.paidOn')}</label>
            <input id="po" type="date" name="paidOn" value={p.today} max={p.today} required />
          </ActionForm>
        ) : null}
      </div>
    </Layout>
  );
}

export function DisbursementFacts(props: { lang: 'ja' | 'en'; d: Disbursement; challengeTitle: string }) {
  const { lang, d } = props;
  return (
    <div class="panel">
      <dl class="kv">
        <dt>{t(lang, 'treasury.db.amount')}</dt>
        <dd>
          <strong>
            <Yen amount={d.amount} />
          </strong>
        </dd>
        <dt>{t(lang, 'treasury.bo.col.challenge')}</dt>
        <dd>
          <a href={`/challenges/${d.challengeId}`}>{props.challengeTitle}</a>
        </dd>
        <dt>{t(lang, 'treasury.db.invoice')}</dt>
        <dd>{d.invoiceNumber}</dd>
        <dt>{t(lang, 'treasury.db.requestedBy')}</dt>
        <dd>
          {d.requestedByName ?? d.requestedBy}・{formatDate(lang, d.requestedOn)}
        </dd>
        <dt>{t(lang, 'treasury.db.payee')}</dt>
        <dd>
          <span class="num">
            {d.payee.bankCode}-{d.payee.branchCode} {t(lang, d.payee.accountType === 'ordinary' ? 'treasury.db.ordinary' : 'treasury.db.current')} {d.payee.accountNumber}
          </span>{' '}
          <span lang="ja">{d.payee.holderKana}</span>
        </dd>
        {d.scheduledFor ? (
          <>
            <dt>{t(lang, 'treasury.db.scheduledFor')}</dt>
            <dd>{formatDate(lang, d.scheduledFor)}</dd>
          </>
        ) : null}
        {d.paidOn ? (
          <>
            <dt>{t(lang, 'treasury.db.paidOn')}</dt>
            <dd>{formatDate(lang, d.paidOn)}</dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}
