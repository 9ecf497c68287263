/**
 * The treasurer's list of donations their town received, with the refund form for paid ones. Plain GET
 * filters and POST forms; a refused refund comes back as this page with the message beside that form.
 */
import { BackOfficeStyles } from '../components/back-office-ui.js';
import { formatDate } from '../components/date.js';
import { DONATION_CSS_HREF } from '../components/donation-styles.js';
import { t, type Lang } from '../../functions/i18n/index.js';
import { Yen } from '../components/yen.js';
import { Layout, type PageCtx } from '../layout.js';

const TEXT = {
  title: ['寄附の一覧・返金', 'Donations & refunds'],
  lead: [
    '{town}が受け取った寄附です(受領日の新しい順、日付は日本時間)。返金すると、台帳に取消の仕訳が記録され、受領証明書は無効になり、寄附者にメールが送られます。',
    'Donations received by {town}, newest first (dates in JST). A refund posts a reversing ledger entry, voids the receipt and emails the donor.',
  ],
  back: ['会計ダッシュボードへ戻る', 'Back to the treasury dashboard'],
  filters: ['表示する寄附', 'Which donations'],
  town: ['町', 'Town'],
  year: ['受領年', 'Year received'],
  status: ['状態', 'Status'],
  statusAll: ['すべて', 'All'],
  show: ['表示', 'Show'],
  none: ['該当する寄附はありません。', 'No donations match.'],
  received: ['受領日', 'Received'],
  donor: ['寄附者', 'Donor'],
  purpose: ['使途', 'Purpose'],
  receiptNo: ['受領証明書番号', 'Receipt no.'],
  oneStop: ['ワンストップ特例', 'One-stop'],
  oneStopYes: ['申請あり', 'requested'],
  oneStopNo: ['なし', 'no'],
  receipt: ['受領証明書', 'Receipt'],
  void: ['無効', 'void'],
  refundOpen: ['返金する', 'Refund'],
  reason: ['返金理由(必須)', 'Reason (required)'],
  reasonHint: ['寄附者へのメールと監査ログに記録されます。', 'Goes into the donor’s email and the audit log.'],
  confirm: ['寄附者に確認済み', 'I have checked this refund with the donor'],
  refundButton: ['この寄附を返金する', 'Refund this donation'],
  refundedOn: ['返金日', 'Refunded on'],
  refundReason: ['返金理由', 'Reason'],
  older: ['さらに古い寄附', 'Older donations'],
  newest: ['最新に戻る', 'Back to the newest'],
  'notice.refunded': ['返金しました。受領証明書は無効になり、寄附者にメールを送りました。', 'Refunded. The receipt is now void and the donor has been emailed.'],
  'notice.already': ['この寄附はすでに返金済みです。二重に返金されることはありません。', 'This donation had already been refunded; nothing was refunded twice.'],
  'err.reason_required': ['返金理由を入力してください。', 'Enter the reason for the refund.'],
  'err.reason_too_long': ['返金理由は500文字以内で入力してください。', 'Keep the reason within 500 characters.'],
  'err.confirm_required': ['寄附者に確認したうえで「寄附者に確認済み」にチェックしてください。', 'Check the refund with the donor, then tick “I have checked this refund with the donor”.'],
  'err.not_paid': ['この寄附は受領済みではないため、返金できません。', 'Only a received (paid) donation can be refunded.'],
  'err.insufficient_funds': [
    'この寄附のお金はすでに配分または支出されているため、返金できません。返金は行われていません。',
    'This donation’s money has already been allocated or paid out, so it cannot be refunded. Nothing was refunded.',
  ],
  'err.state_conflict': ['この寄附の状態が変わりました。一覧を開き直してください。', 'This donation changed in the meantime; reload the list.'],
  'err.payments_unavailable': ['決済サービスに接続できませんでした。返金は行われていません。しばらくしてからもう一度お試しください。', 'The payment service could not be reached. Nothing was refunded; try again shortly.'],
  'err.busy': ['混み合っています。返金は行われていません。しばらくしてからもう一度お試しください。', 'The system is busy. Nothing was refunded; try again shortly.'],
  'err.other': ['返金できませんでした。', 'The refund could not be made.'],
} as const;

type TextKey = keyof typeof TEXT;

function tx(lang: Lang, key: TextKey, params: Record<string, string> = {}): string {
  const text: string = TEXT[key][lang === 'en' ? 1 : 0];
  return text.replace(/\{(\w+)\}/g, (m, name: string) => params[name] ?? m);
}

export type RefundErrorCode = 'reason_required' | 'reason_too_long' | 'confirm_required';

/** A refused refund in the reader's language; codes the page does not know keep the service's own words. */
export function refundErrorText(lang: Lang, code: string, serviceMessage?: string): string {
  const key = `err.${code}`;
  if (key in TEXT) return tx(lang, key as TextKey);
  return serviceMessage ? `${tx(lang, 'err.other')} (${serviceMessage})` : tx(lang, 'err.other');
}

export type StatusFilter = 'all' | 'paid' | 'refunded';
export type ListNotice = 'refunded' | 'already';

export interface TreasurerDonationRow {
  id: string;
  paidDate?: string;
  amount: number;
  donorName: string;
  donorKana: string;
  purpose: string;
  purposeHref?: string;
  receiptNumber?: string;
  receiptVoid: boolean;
  status: string;
  oneStop: boolean;
  receiptHref: string;
  refundable: boolean;
  refundedDate?: string;
  refundReason?: string;
}

/** The refund form that was refused: its donation, what was typed, and each message beside its field. */
export interface RefusedRefund {
  donationId: string;
  reason: string;
  confirmed: boolean;
  errors: { reason?: string; confirm?: string; form?: string };
}

export interface TreasurerDonationsProps {
  ctx: PageCtx;
  town: { code: string; name: string };
  towns: { code: string; name: string }[];
  year: number;
  status: StatusFilter;
  /** The page's position (a cursor), sent back with the refund form so the treasurer returns here. */
  after?: string;
  rows: TreasurerDonationRow[];
  olderHref?: string;
  newestHref?: string;
  notice?: { kind: ListNotice; donationId?: string };
  refused?: RefusedRefund;
}

export function TreasurerDonationsPage(p: TreasurerDonationsProps) {
  const { lang } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={`${tx(lang, 'title')} — ${p.town.name}`}>
      <link rel="stylesheet" href={DONATION_CSS_HREF} />
      <BackOfficeStyles />
      <p class="breadcrumb">
        <a href={`/treasurer?town=${p.town.code}`}>{tx(lang, 'back')}</a>
      </p>
      <header class="page-head">
        <h1>
          {tx(lang, 'title')}({p.town.name} {p.year})
        </h1>
        <p class="lead">{tx(lang, 'lead', { town: p.town.name })}</p>
      </header>
      {p.notice ? (
        <p class="notice" role="status" data-notice={p.notice.kind}>
          {tx(lang, `notice.${p.notice.kind}`)}
        </p>
      ) : null}
      {p.refused && !p.rows.some((r) => r.id === p.refused!.donationId) ? (
        // The refused donation is not on this page (another filter or page): the message still shows.
        <p class="warning" role="alert" data-error-for="form">
          {[p.refused.errors.form, p.refused.errors.reason, p.refused.errors.confirm].filter(Boolean).join(' ')}
        </p>
      ) : null}
      <form method="get" action="/treasurer/donations" class="filters">
        <fieldset>
          <legend class="visually-hidden">{tx(lang, 'filters')}</legend>
          {p.towns.length > 1 ? (
            <div class="field">
              <label for="td-town">{tx(lang, 'town')}</label>
              <select id="td-town" name="town">
                {p.towns.map((t) => (
                  <option value={t.code} selected={t.code === p.town.code}>
                    {t.name}
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <input type="hidden" name="town" value={p.town.code} />
          )}
          <div class="field">
            <label for="td-year">{tx(lang, 'year')}</label>
            <input id="td-year" name="year" inputmode="numeric" value={String(p.year)} />
          </div>
          <div class="field">
            <label for="td-status">{tx(lang, 'status')}</label>
            <select id="td-status" name="status">
              {(['all', 'paid', 'refunded'] as const).map((s) => (
                <option value={s} selected={s === p.status}>
                  {s === 'all' ? tx(lang, 'statusAll') : t(lang, `donation.status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div class="filter-actions">
            <button class="btn btn-secondary" type="submit">
              {tx(lang, 'show')}
            </button>
          </div>
        </fieldset>
      </form>
      {p.rows.length === 0 ? (
        <p class="muted">{tx(lang, 'none')}</p>
      ) : (
        <ul class="bo-list" data-testid="town-donations">
          {p.rows.map((r) => (
            <DonationItem lang={lang} r={r} p={p} refused={p.refused?.donationId === r.id ? p.refused : undefined} />
          ))}
        </ul>
      )}
      {p.olderHref || p.newestHref ? (
        <p class="actions-row">
          {p.newestHref ? <a href={p.newestHref}>{tx(lang, 'newest')}</a> : null}
          {p.olderHref ? (
            <a href={p.olderHref} rel="next">
              {tx(lang, 'older')}
            </a>
          ) : null}
        </p>
      ) : null}
    </Layout>
  );
}

function DonationItem(props: { lang: Lang; r: TreasurerDonationRow; p: TreasurerDonationsProps; refused?: RefusedRefund }) {
  const { lang, r, refused } = props;
  const id = `don-${r.id}`;
  return (
    <li class="bo-item" id={id} data-donation={r.id} data-status={r.status}>
      <h2>
        <Yen amount={r.amount} /> <span class={`status-pill ${r.status}`}>{t(lang, r.status === 'refunded' ? 'donation.status.refunded' : r.status === 'paid' ? 'donation.status.paid' : 'donation.status.pending')}</span>
      </h2>
      <p class="meta">
        <span>
          {tx(lang, 'received')}: {r.paidDate ? formatDate(lang, r.paidDate) : '—'}
        </span>
        <span>
          {tx(lang, 'donor')}: {r.donorName}
          {r.donorKana ? `(${r.donorKana})` : ''}
        </span>
        <span>
          {tx(lang, 'purpose')}: {r.purposeHref ? <a href={r.purposeHref}>{r.purpose}</a> : r.purpose}
        </span>
        <span>
          {tx(lang, 'receiptNo')}: {r.receiptNumber ?? '—'}
          {r.receiptVoid ? `(${tx(lang, 'void')})` : ''}
        </span>
        <span data-col="one-stop">
          {tx(lang, 'oneStop')}: {r.oneStop ? tx(lang, 'oneStopYes') : tx(lang, 'oneStopNo')}
        </span>
      </p>
      {r.receiptNumber || r.status === 'paid' || r.status === 'refunded' ? (
        <p class="small">
          <a href={r.receiptHref} data-link="receipt">
            {tx(lang, 'receipt')}
            {r.receiptVoid ? `(${tx(lang, 'void')})` : ''}
          </a>
        </p>
      ) : null}
      {r.status === 'refunded' ? (
        <p class="small muted">
          {r.refundedDate ? `${tx(lang, 'refundedOn')}: ${formatDate(lang, r.refundedDate)}` : null}
          {r.refundReason ? ` ${tx(lang, 'refundReason')}: ${r.refundReason}` : null}
        </p>
      ) : null}
      {r.refundable ? <RefundForm lang={lang} r={r} p={props.p} refused={refused} /> : null}
    </li>
  );
}

function RefundForm(props: { lang: Lang; r: TreasurerDonationRow; p: TreasurerDonationsProps; refused?: RefusedRefund }) {
  const { lang, r, refused } = props;
  const e = refused?.errors ?? {};
  const reasonId = `reason-${r.id}`;
  const confirmId = `confirm-${r.id}`;
  return (
    <details open={refused ? true : undefined}>
      <summary>{tx(lang, 'refundOpen')}</summary>
      <div class="bo-decide">
        <form method="post" action={`/treasurer/donations/${encodeURIComponent(r.id)}/refund`} class="donate-form" data-testid="refund-form">
          <input type="hidden" name="year" value={String(props.p.year)} />
          <input type="hidden" name="status" value={props.p.status} />
          {props.p.after ? <input type="hidden" name="after" value={props.p.after} /> : null}
          {e.form ? (
            <p class="field-error" role="alert" data-error-for="form">
              {e.form}
            </p>
          ) : null}
          <div class={`field${e.reason ? ' invalid' : ''}`}>
            <label for={reasonId}>{tx(lang, 'reason')}</label>
            <p class="hint" id={`${reasonId}-hint`}>
              {tx(lang, 'reasonHint')}
            </p>
            <textarea
              id={reasonId}
              name="reason"
              maxlength={500}
              required
              aria-invalid={e.reason ? 'true' : undefined}
              aria-describedby={`${reasonId}-hint${e.reason ? ` ${reasonId}-error` : ''}`}
            >
              {refused?.reason ?? ''}
            </textarea>
            {e.reason ? (
              <p class="field-error" id={`${reasonId}-error`} data-error-for="reason">
                {e.reason}
              </p>
            ) : null}
          </div>
          <div class={`field${e.confirm ? ' invalid' : ''}`}>
            <label class="check" for={confirmId}>
              <input id={confirmId} type="checkbox" name="confirm" value="1" required checked={refused?.confirmed || undefined} aria-invalid={e.confirm ? 'true' : undefined} />
              <span>{tx(lang, 'confirm')}</span>
            </label>
            {e.confirm ? (
              <p class="field-error" data-error-for="confirm">
                {e.confirm}
              </p>
            ) : null}
          </div>
          <div>
            <button class="btn btn-small btn-reject" type="submit">
              {tx(lang, 'refundButton')}
            </button>
          </div>
        </form>
      </div>
    </details>
  );
}
