import type { AuditRecord } from '../../functions/domain/audit.js';
import { Layout, type PageCtx } from '../layout.js';
import { pick } from '../../functions/i18n/index.js';

export interface AuditFilter {
  target?: string;
  actor?: string;
  town?: string;
}

/** The audit log for treasurers and admins: who did what, when, with before/after, and whether the chain holds. */
export function AuditLogPage(props: { ctx: PageCtx; records: AuditRecord[]; chainsOk: boolean; filter: AuditFilter; towns: { code: string; name: string }[] }) {
  const { lang } = props.ctx;
  const f = props.filter;
  return (
    <Layout ctx={props.ctx} title={pick(lang, '監査ログ', 'Audit log')}>
      <h1>{pick(lang, '監査ログ', 'Audit log')}</h1>
      <p class={props.chainsOk ? 'notice ok' : 'notice error'} role="status" data-chain-ok={String(props.chainsOk)}>
        {props.chainsOk
          ? pick(lang, 'ハッシュチェーンの検証: 改ざんは検出されませんでした。', 'Hash chain check: no tampering detected.')
          : pick(lang, 'ハッシュチェーンの検証: 改ざんまたは欠落が検出されました。管理者に連絡してください。', 'Hash chain check: a changed or missing record was detected. Contact the administrator.')}
      </p>
      <form method="get" class="filters">
        <label>
          {pick(lang, '町', 'Town')}
          <select name="town">
            <option value="">{pick(lang, 'すべて', 'All')}</option>
            {props.towns.map((t) => (
              <option value={t.code} selected={f.town === t.code}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {pick(lang, '対象(前方一致)', 'Target (prefix)')}
          <input name="target" value={f.target ?? ''} placeholder="allocation:" />
        </label>
        <label>
          {pick(lang, '操作者', 'Actor')}
          <input name="actor" value={f.actor ?? ''} placeholder="treasurer-yokoze" />
        </label>
        <button type="submit">{pick(lang, '絞り込む', 'Filter')}</button>
      </form>
      {props.records.length === 0 ? (
        <p>{pick(lang, '該当する記録はありません。', 'No matching records.')}</p>
      ) : (
        <div class="table-scroll">
          <table class="audit">
            <thead>
              <tr>
                <th>{pick(lang, '日時 (UTC)', 'When (UTC)')}</th>
                <th>{pick(lang, '操作者', 'Actor')}</th>
                <th>{pick(lang, '操作', 'Action')}</th>
                <th>{pick(lang, '対象', 'Target')}</th>
                <th>{pick(lang, '変更前 → 変更後', 'Before → after')}</th>
                <th>#</th>
              </tr>
            </thead>
            <tbody>
              {props.records.map((r) => (
                <tr>
                  <td>{r.at.replace('T', ' ').slice(0, 19)}</td>
                  <td>
                    {r.actor}
                    <br />
                    <small>{r.role}</small>
                  </td>
                  <td>{r.action}</td>
                  <td>{r.target}</td>
                  <td>
                    <code>{r.before === undefined ? '—' : JSON.stringify(r.before)}</code> → <code>{r.after === undefined ? '—' : JSON.stringify(r.after)}</code>
                  </td>
                  <td title={r.hash}>
                    {r.chain}#{r.seq}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
