import type { Allocation } from '../../functions/domain/allocations.js';
import { ActionForm, BackOfficeStyles, CommentField, Notice, Problems, Status } from '../components/back-office-ui.js';
import { t } from '../../functions/i18n/index.js';
import { formatDate } from '../components/date.js';
import { townName, type TownIndex } from '../components/town-badge.js';
import { Yen } from '../components/yen.js';
import { WorkspaceStyles } from '../components/workspace.js';
import { Layout, type PageCtx } from '../layout.js';

export interface AllocationDetailProps {
  ctx: PageCtx;
  towns: TownIndex;
  allocation: Allocation;
  /** Towns this reader may approve or reject for right now (empty: no buttons). */
  canDecideFor: string[];
  backTown?: string;
  notice?: string;
  problem?: string;
}

export function AllocationDetailPage(p: AllocationDetailProps) {
  const { lang } = p.ctx;
  const a = p.allocation;
  const name = (t: string) => townName(lang, p.towns, t);
  const self = `/treasurer/allocations/${a.id}`;
  return (
    <Layout ctx={p.ctx} title={t(lang, 'treasury.al.title', { id: a.id })}>
      <WorkspaceStyles />
      <BackOfficeStyles />
      <p class="breadcrumb">
        <a href={`/treasurer${p.backTown ? `?town=${p.backTown}` : ''}`}>{t(lang, 'treasury.bo.back')}</a>
      </p>
      <div class="page-head">
        <h1>
          {a.fundName} → {a.challengeTitle} <Status lang={lang} kind="al" status={a.status} />
        </h1>
        <p class="muted">{t(lang, 'treasury.al.title', { id: a.id })}</p>
      </div>
      <Notice lang={lang} notice={p.notice} />
      <Problems lang={lang} message={p.problem} />
      <div class="panel">
        <dl class="kv">
          <dt>{t(lang, 'treasury.al.total')}</dt>
          <dd>
            <strong>
              <Yen amount={a.total} />
            </strong>
          </dd>
          <dt>{t(lang, 'treasury.al.draws')}</dt>
          <dd>
            <ul>
              {a.draws.map((d) => (
                <li data-town={d.town}>
                  {name(d.town)} <Yen amount={d.amount} />
                </li>
              ))}
            </ul>
          </dd>
          <dt>{t(lang, 'treasury.al.challenge')}</dt>
          <dd>
            <a href={`/challenges/${a.challengeId}`}>{a.challengeTitle}</a>
          </dd>
          <dt>{t(lang, 'treasury.al.proposedBy')}</dt>
          <dd>
            {a.proposedByName ?? a.proposedBy}({name(a.proposerTown)})・{formatDate(lang, a.proposedOn)}
          </dd>
          <dt>{t(lang, 'treasury.bo.governance')}</dt>
          <dd>
            {a.rule.rule === 'quorum'
              ? t(lang, 'treasury.al.requirement.quorum', { n: a.requirement.needed })
              : t(lang, 'treasury.al.requirement.all_drawn', { towns: a.requirement.eligible.map(name).join('、') })}
          </dd>
          {a.status === 'proposed' ? (
            <>
              <dt>{t(lang, 'treasury.bo.deadline')}</dt>
              <dd>{formatDate(lang, a.deadlineAt.slice(0, 10))}</dd>
            </>
          ) : null}
          {a.executedOn ? (
            <>
              <dt>{t(lang, 'treasury.al.executedOn')}</dt>
              <dd>
                {formatDate(lang, a.executedOn)}({t(lang, 'treasury.al.entry')}: <code>{a.entryId}</code>)
              </dd>
            </>
          ) : null}
          {a.comment ? (
            <>
              <dt>{t(lang, 'treasury.bo.comment')}</dt>
              <dd class="prose">{a.comment}</dd>
            </>
          ) : null}
        </dl>
      </div>

      <section aria-labelledby="appr-h">
        <h2 id="appr-h">{t(lang, 'treasury.al.approvals')}</h2>
        {a.approvals.length ? (
          <ul class="history" data-testid="approvals">
            {a.approvals.map((n) => (
              <li data-town={n.town}>
                <strong>{name(n.town)}</strong> — {n.name ?? n.by} <span class="who">{n.at.slice(0, 16).replace('T', ' ')} UTC</span>
                {n.comment ? <p class="prose">{n.comment}</p> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{t(lang, 'treasury.al.approvalsNone')}</p>
        )}
        {a.rejection ? (
          <p class="notice warn">
            {t(lang, 'treasury.al.rejectedBy')}: {name(a.rejection.town)} — {a.rejection.name ?? a.rejection.by}
            {a.rejection.comment ? `: ${a.rejection.comment}` : ''}
          </p>
        ) : null}
      </section>

      {p.canDecideFor.length ? (
        <section aria-label={t(lang, 'treasury.al.approve')} class="bo-decide">
          {p.canDecideFor.map((town) => (
            <ActionForm action={`${self}/approve`} button={t(lang, 'treasury.al.approveFor', { town: name(town) })} back={self} testid="approve-allocation">
              <input type="hidden" name="town" value={town} />
              <CommentField lang={lang} id={`c-${town}`} />
            </ActionForm>
          ))}
          <ActionForm action={`${self}/reject`} button={t(lang, 'treasury.al.reject')} danger back={self}>
            <input type="hidden" name="town" value={p.canDecideFor[0]} />
            <CommentField lang={lang} id="c-reject" />
          </ActionForm>
        </section>
      ) : null}
    </Layout>
  );
}
