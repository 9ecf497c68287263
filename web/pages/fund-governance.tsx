import type { DecisionNote, GovernanceProposal, GovernanceRule } from '../../functions/domain/governance.js';
import { jstDate } from '../../functions/domain/jst.js';
import { ActionForm, BackOfficeStyles, CommentField, fid, Notice, Problems, type FieldErrors } from '../components/back-office-ui.js';
import { t, type Lang } from '../../functions/i18n/index.js';
import { formatDate } from '../components/date.js';
import { townName, type TownIndex } from '../components/town-badge.js';
import { WorkspaceStyles } from '../components/workspace.js';
import { Layout, type PageCtx } from '../layout.js';
import { TownSwitch } from './treasurer-dashboard.js';

/** A rule change as this reader may act on it; what they may do is decided by the route (domain rules). */
export interface GovernanceProposalView extends GovernanceProposal {
  canApprove: boolean;
  canReject: boolean;
}

export interface GovernanceFormValues {
  rule: string;
  quorum: string;
  comment: string;
}

export interface FundGovernanceProps {
  ctx: PageCtx;
  towns: TownIndex;
  fund: { id: string; name: string; members: string[] };
  rule: GovernanceRule;
  /** The member town the reader acts for, and every member town they are treasurer of. */
  town: string;
  myTowns: string[];
  open: GovernanceProposalView[];
  closed: GovernanceProposal[];
  proposalDays: number;
  notice?: string;
  form: { values: GovernanceFormValues; errors: FieldErrors; problem?: string };
  /** A refused approval or rejection, shown beside that proposal's forms. */
  decision?: { proposalId: string; message: string };
}

export function ruleText(lang: Lang, rule: GovernanceRule, members: number): string {
  return rule.rule === 'quorum' ? t(lang, 'treasury.gv.rule.quorum', { n: rule.quorum, m: members }) : t(lang, 'treasury.gv.rule.all_drawn');
}

function shortRule(lang: Lang, rule: GovernanceRule, members: number): string {
  return rule.rule === 'quorum' ? t(lang, 'treasury.gv.short.quorum', { n: rule.quorum, m: members }) : t(lang, 'treasury.gv.short.all_drawn');
}

/** An instant in Japan time: the day as dates are shown elsewhere, then HH:MM. */
function jstDateTime(lang: Lang, iso: string): string {
  const d = new Date(iso);
  const hm = new Date(d.getTime() + 9 * 3600_000).toISOString().slice(11, 16);
  return `${formatDate(lang, jstDate(d))} ${hm}`;
}

function GvStatus(props: { lang: Lang; status: string }) {
  // 'applied' borrows the 'approved' badge colours of the shared stylesheet.
  return (
    <span class={`bo-status ${props.status === 'applied' ? 'approved' : props.status}`} data-status={props.status}>
      {t(props.lang, `treasury.gv.status.${props.status}` as 'treasury.gv.status.proposed')}
    </span>
  );
}

export function FundGovernancePage(p: FundGovernanceProps) {
  const { lang } = p.ctx;
  const name = (t: string) => townName(lang, p.towns, t);
  const self = `/treasurer/funds/${p.fund.id}/governance`;
  const members = p.fund.members.length;
  const shown = new Set([...p.open, ...p.closed].map((x) => x.id));
  const looseProblem = p.decision && !shown.has(p.decision.proposalId) ? p.decision.message : undefined;
  const v = p.form.values;
  const quorumError = p.form.errors.quorum;
  return (
    <Layout ctx={p.ctx} title={t(lang, 'treasury.gv.title', { fund: p.fund.name })}>
      <WorkspaceStyles />
      <BackOfficeStyles />
      <p class="breadcrumb">
        <a href={`/treasurer?town=${p.town}`}>{t(lang, 'treasury.bo.back')}</a>
      </p>
      <div class="page-head">
        <h1>{t(lang, 'treasury.gv.title', { fund: p.fund.name })}</h1>
        <p class="lead">{t(lang, 'treasury.gv.lead')}</p>
      </div>
      <TownSwitch lang={lang} towns={p.towns} myTowns={p.myTowns} town={p.town} path={self} />
      <Notice lang={lang} notice={p.notice} />

      <section aria-labelledby="gv-current-h" class="panel">
        <h2 id="gv-current-h">{t(lang, 'treasury.gv.current')}</h2>
        <p data-testid="current-rule" data-rule={p.rule.rule} data-quorum={p.rule.rule === 'quorum' ? p.rule.quorum : undefined}>
          <strong>{ruleText(lang, p.rule, members)}</strong>
        </p>
        <p class="small muted">
          {t(lang, 'treasury.gv.members')}: {p.fund.members.map(name).join('、')}
        </p>
      </section>

      <section aria-labelledby="gv-open-h">
        <h2 id="gv-open-h">{t(lang, 'treasury.gv.open')}</h2>
        {looseProblem ? <Problems lang={lang} message={looseProblem} /> : null}
        {p.open.length ? (
          <ul class="bo-list" data-testid="open-proposals">
            {p.open.map((x) => (
              <ProposalItem lang={lang} p={p} x={x} name={name} problem={p.decision?.proposalId === x.id ? p.decision.message : undefined} />
            ))}
          </ul>
        ) : (
          <p class="muted">{t(lang, 'treasury.gv.openNone')}</p>
        )}
      </section>

      <section aria-labelledby="gv-new-h">
        <h2 id="gv-new-h">{t(lang, 'treasury.gv.new')}</h2>
        <p class="small">{t(lang, 'treasury.gv.newLead', { n: members, days: p.proposalDays })}</p>
        <Problems lang={lang} message={p.form.problem} errors={p.form.errors} />
        <form class="form" method="post" action={`${self}/proposals?town=${p.town}`} data-testid="governance-form">
          <fieldset class={`group${p.form.errors.rule ? ' invalid' : ''}`} id={fid('rule')}>
            <legend>{t(lang, 'treasury.gv.ruleLegend')}</legend>
            <div class="choices">
              <label>
                <input type="radio" name="rule" value="all_drawn" checked={v.rule === 'all_drawn'} /> {t(lang, 'treasury.gv.choice.all_drawn')}
              </label>
              <label>
                <input type="radio" name="rule" value="quorum" checked={v.rule === 'quorum'} /> {t(lang, 'treasury.gv.choice.quorum')}
              </label>
            </div>
            {p.form.errors.rule ? (
              <p class="field-error" data-error-for="rule">
                {p.form.errors.rule}
              </p>
            ) : null}
          </fieldset>
          <div class={`field${quorumError ? ' invalid' : ''}`}>
            <label for={fid('quorum')}>{t(lang, 'treasury.gv.quorum')}</label>
            <p class="hint" id={`${fid('quorum')}-hint`}>
              {t(lang, 'treasury.gv.quorumHint', { n: members })}
            </p>
            <input
              id={fid('quorum')}
              name="quorum"
              type="number"
              inputmode="numeric"
              min={1}
              max={members}
              step={1}
              value={v.quorum}
              aria-invalid={quorumError ? 'true' : undefined}
              aria-describedby={`${fid('quorum')}-hint${quorumError ? ` ${fid('quorum')}-error` : ''}`}
            />
            {quorumError ? (
              <p class="field-error" id={`${fid('quorum')}-error`} data-error-for="quorum">
                {quorumError}
              </p>
            ) : null}
          </div>
          <div class="field">
            <label for={fid('comment')}>{t(lang, 'treasury.gv.reasonField')}</label>
            <textarea id={fid('comment')} name="comment" maxlength={1000}>
              {v.comment}
            </textarea>
          </div>
          <div class="form-actions">
            <button class="btn" type="submit">
              {t(lang, 'treasury.al.submit')}
            </button>
          </div>
        </form>
      </section>

      {p.closed.length ? (
        <section aria-labelledby="gv-history-h">
          <h2 id="gv-history-h">{t(lang, 'treasury.gv.history')}</h2>
          <ul class="bo-list" data-testid="closed-proposals">
            {p.closed.map((x) => (
              <li class="bo-item" data-proposal={x.id}>
                <h3>
                  {shortRule(lang, x.rule, members)} <GvStatus lang={lang} status={x.status} />
                </h3>
                <p class="meta">
                  <span>
                    {t(lang, 'treasury.al.proposedBy')}: {x.proposedByName ?? x.proposedBy}({name(x.proposerTown)})・{jstDateTime(lang, x.createdAt)}
                  </span>
                  {x.decidedAt ? (
                    <span>
                      {t(lang, 'treasury.gv.decidedOn')}: {jstDateTime(lang, x.decidedAt)}
                    </span>
                  ) : null}
                </p>
                {x.rejection ? <RejectionNote lang={lang} note={x.rejection} name={name} /> : null}
                {p.decision?.proposalId === x.id ? (
                  <p class="field-error" role="alert" data-problem-for={x.id}>
                    {p.decision.message}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}

function RejectionNote(props: { lang: Lang; note: DecisionNote; name: (t: string) => string }) {
  const n = props.note;
  return (
    <p class="notice warn">
      {t(props.lang, 'treasury.al.rejectedBy')}: {props.name(n.town)} — {n.name ?? n.by}
      {n.comment ? `: ${n.comment}` : ''}
    </p>
  );
}

function ProposalItem(props: { lang: Lang; p: FundGovernanceProps; x: GovernanceProposalView; name: (t: string) => string; problem?: string }) {
  const { lang, p, x, name } = props;
  const base = `/treasurer/funds/${p.fund.id}/governance/proposals/${x.id}`;
  const noteOf = (t: string) => x.approvals.find((n) => n.town === t);
  const approved = x.requirement.eligible.filter((t) => x.approvedTowns.includes(t)).length;
  return (
    <li class="bo-item" data-proposal={x.id}>
      <h3>
        {t(lang, 'treasury.gv.proposedRule')}: {shortRule(lang, x.rule, p.fund.members.length)} <GvStatus lang={lang} status={x.status} />
      </h3>
      <p>{ruleText(lang, x.rule, p.fund.members.length)}</p>
      <p class="meta">
        <span>
          {t(lang, 'treasury.al.proposedBy')}: {x.proposedByName ?? x.proposedBy}({name(x.proposerTown)})・{jstDateTime(lang, x.createdAt)}
        </span>
        <span>
          {t(lang, 'treasury.bo.deadline')}: {jstDateTime(lang, x.deadlineAt)}
        </span>
        <span data-testid="progress">{t(lang, 'treasury.gv.progress', { k: approved, n: x.requirement.needed })}</span>
      </p>
      {x.comment ? (
        <p class="small">
          {t(lang, 'treasury.gv.reason')}: {x.comment}
        </p>
      ) : null}
      <h4 class="small">{t(lang, 'treasury.gv.towns')}</h4>
      <ul class="history" data-testid="town-approvals">
        {x.requirement.eligible.map((town) => {
          const note = noteOf(town);
          const done = x.approvedTowns.includes(town);
          return (
            <li data-town={town} data-approved={done ? 'true' : 'false'}>
              <strong>{name(town)}</strong> — {done ? t(lang, 'treasury.gv.townApproved') : t(lang, 'treasury.gv.townNeeded')}
              {note ? (
                <>
                  {' '}
                  <span class="who">
                    {note.name ?? note.by}・{jstDateTime(lang, note.at)}
                  </span>
                  {note.comment ? <p class="prose">{note.comment}</p> : null}
                </>
              ) : null}
            </li>
          );
        })}
      </ul>
      {props.problem ? (
        <p class="field-error" role="alert" data-problem-for={x.id}>
          {props.problem}
        </p>
      ) : null}
      {x.canApprove || x.canReject ? (
        <div class="bo-decide">
          {x.canApprove ? (
            <ActionForm action={`${base}/approve?town=${p.town}`} button={t(lang, 'treasury.al.approveFor', { town: name(p.town) })} testid="approve-governance">
              <input type="hidden" name="town" value={p.town} />
              <CommentField lang={lang} id={`gc-${x.id}`} />
            </ActionForm>
          ) : null}
          {x.canReject ? (
            <ActionForm action={`${base}/reject?town=${p.town}`} button={t(lang, 'treasury.al.reject')} danger testid="reject-governance">
              <input type="hidden" name="town" value={p.town} />
              <CommentField lang={lang} id={`gr-${x.id}`} />
            </ActionForm>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
