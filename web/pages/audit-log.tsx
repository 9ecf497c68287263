import type { AuditRecord } from '../../functions/domain/audit.js';
import { Layout, type PageCtx } from '../layout.js';
import { t } from '../../functions/i18n/index.js';

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
    <Layout ctx={props.ctx} title={t(lang, 'audit.title')}>
      <h1>{t(lang, 'audit.title')}</h1>
      <p class={props.chainsOk ? 'notice ok' : 'notice error'} role="status" data-chain-ok={String(props.chainsOk)}>
        {props.chainsOk
          ? t(lang, 'audit.chainOk')
          : t(lang, 'audit.chainBroken')}
      </p>
      <form method="get" class="filters">
        <label>
          {t(lang, 'audit.town')}
          <select name="town">
            <option value="">{t(lang, 'audit.anyTown')}</option>
            {props.towns.map((town) => (
              <option value={town.code} selected={f.town === town.code}>
                {town.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t(lang, 'audit.target')}
          <input name="target" value={f.target ?? ''} placeholder="allocation:" />
        </label>
        <label>
          {t(lang, 'audit.actor')}
          <input name="actor" value={f.actor ?? ''} placeholder="treasurer-yokoze" />
        </label>
        <button type="submit">{t(lang, 'audit.filter')}</button>
      </form>
      {props.records.length === 0 ? (
        <p>{t(lang, 'audit.none')}</p>
      ) : (
        <div class="table-scroll">
          <table class="audit">
            <thead>
              <tr>
                <th>{t(lang, 'audit.when')}</th>
                <th>{t(lang, 'audit.actor')}</th>
                <th>{t(lang, 'audit.action')}</th>
                <th>{t(lang, 'audit.targetColumn')}</th>
                <th>{t(lang, 'audit.change')}</th>
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
