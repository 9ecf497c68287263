/**
 * A pooled fund's allocation rule as the treasurers of its member towns see and change it: the rule in
 * words, the open rule changes with each member town's approval, and plain POST forms to propose,
 * approve and reject. Every rule is the services' and the domain's (services/fund-governance.ts, the same
 * calls the JSON API under /api/funds/:id/governance-proposals makes); refusals come back as the page
 * with the message beside the form, in the page's language.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Actor } from '../../../domain/actor.js';
import { isDomainError, type ErrorKind } from '../../../domain/errors.js';
import { t, isMessageKey, pick, type Lang } from '../../../i18n/index.js';
import { errorText } from '../shared/back-office.js';
import { listMemberTowns } from '../../../services/catalog.js';
import type { ServiceContext } from '../../../services/context.js';
import { approveGovernanceChange, governanceBoard, GOVERNANCE_PROPOSAL_DAYS, proposeGovernanceChange, rejectGovernanceChange, type GovernanceBoard } from '../../../services/fund-governance.js';
import type { FieldErrors } from '../../../../web/components/back-office-ui.js';
import { indexTowns } from '../../../../web/components/town-badge.js';
import { FundGovernancePage, type FundGovernanceProps, type GovernanceFormValues } from '../../../../web/pages/fund-governance.js';
import { NotAllowedPage } from '../../../../web/pages/treasurer-dashboard.js';
import type { AppEnv } from '../../context.js';
import { STATUS_OF } from '../../errors.js';
import { pageCtx, renderPersonalPage, signInRedirect } from '../../page-context.js';
import { createRouter } from '../../router.js';
import { GovernanceProposalRequest, ruleOf } from '../../schemas/allocations.js';
import { servicesOf } from '../../services.js';
import { renderNotFound } from '../not-found.js';

type C = Context<AppEnv>;
type Form = Record<string, string | File | (string | File)[]>;

export const fundGovernancePages = createRouter();

/** The JSON API's statuses for these refusals, except that bad form input is a 422 like the other back-office forms. */
const STATUS: Record<ErrorKind, ContentfulStatusCode> = { ...STATUS_OF, invalid: 422 };
const EMPTY_FORM: GovernanceFormValues = { rule: 'quorum', quorum: '', comment: '' };

interface Gate {
  actor: Actor;
  ctx: ServiceContext;
  board: GovernanceBoard;
}

/** Signed in, and treasurer of at least one member town of the fund; else sign in, the 404 or the 403 page. */
async function gate(c: C): Promise<Gate | Response> {
  const actor = c.var.principal;
  if (!actor) return signInRedirect(c);
  const ctx = servicesOf(c);
  const board = await boardOf(c, ctx, actor);
  return board instanceof Response ? board : { actor, ctx, board };
}

async function boardOf(c: C, ctx: ServiceContext, actor: Actor): Promise<GovernanceBoard | Response> {
  try {
    return await governanceBoard(ctx, actor, c.req.param('fundId') ?? '', c.req.query('town'));
  } catch (e) {
    if (isDomainError(e) && e.kind === 'not_found') return renderNotFound(c);
    if (isDomainError(e) && e.kind === 'forbidden') return renderPersonalPage(c, <NotAllowedPage ctx={pageCtx(c)} message={t(c.var.lang, 'treasury.gv.forbidden')} />, 403);
    throw e;
  }
}

const str = (f: Form, k: string): string => {
  const v = f[k];
  const x = Array.isArray(v) ? v[0] : v;
  return typeof x === 'string' ? x.trim() : '';
};

/** The page after a change (or a refusal): read again, so it shows what is stored now. */
async function renderGovernance(
  c: C,
  g: Gate,
  extra: { form?: FundGovernanceProps['form']; decision?: FundGovernanceProps['decision'] } = {},
  status: ContentfulStatusCode = 200,
) {
  const lang = c.var.lang;
  const [board, towns] = await Promise.all([boardOf(c, g.ctx, g.actor), listMemberTowns(g.ctx)]);
  if (board instanceof Response) return board;
  const notice = c.req.query('notice');
  return renderPersonalPage(
    c,
    <FundGovernancePage
      ctx={pageCtx(c)}
      towns={indexTowns(towns)}
      fund={{ id: board.fund.id, name: pick(lang, board.fund.name, board.fund.nameEn), members: board.fund.members }}
      rule={board.rule}
      town={board.town}
      myTowns={board.held}
      open={board.open}
      closed={board.closed}
      proposalDays={GOVERNANCE_PROPOSAL_DAYS}
      notice={notice && isMessageKey(`treasury.notice.${notice}`) ? notice : undefined}
      form={extra.form ?? { values: EMPTY_FORM, errors: {} }}
      decision={extra.decision}
    />,
    status,
  );
}

const pagePath = (fundId: string, town: string, notice: string) => `/treasurer/funds/${fundId}/governance?town=${town}&notice=${notice}`;

fundGovernancePages.get('/funds/:fundId/governance', async (c) => {
  const g = await gate(c);
  if (g instanceof Response) return g;
  return renderGovernance(c, g);
});

/** Whole numbers as people type them (全角 too); anything else stays a non-number for the schema to refuse. */
const wholeNumber = (s: string) => (/^\d+$/.test(s.normalize('NFKC')) ? Number(s.normalize('NFKC')) : Number.NaN);

function quorumMessage(lang: Lang, members: number) {
  return t(lang, 'error.quorum_range', { n: members });
}

fundGovernancePages.post('/funds/:fundId/governance/proposals', async (c) => {
  const g = await gate(c);
  if (g instanceof Response) return g;
  const lang = c.var.lang;
  const form = await c.req.parseBody();
  const values: GovernanceFormValues = { rule: str(form, 'rule'), quorum: str(form, 'quorum'), comment: str(form, 'comment').slice(0, 1000) };
  const members = g.board.fund.members.length;
  const errors: FieldErrors = {};
  let problem: string | undefined;
  let status: ContentfulStatusCode = 422;
  const parsed = GovernanceProposalRequest.safeParse({
    rule: values.rule,
    quorum: values.rule === 'quorum' ? wholeNumber(values.quorum) : undefined,
    comment: values.comment || undefined,
  });
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const field = String(i.path[0] ?? 'rule');
      errors[field] ??= field === 'quorum' ? quorumMessage(lang, members) : t(lang, 'treasury.err.rule_required');
    }
  } else {
    const b = parsed.data;
    const { fund, town } = g.board;
    try {
      // The proposal is made for the town the page acts for, not whichever member town comes first.
      await proposeGovernanceChange(g.ctx, g.actor, fund.id, { rule: ruleOf(b), comment: b.comment, town });
      return c.redirect(pagePath(fund.id, town, 'governance.proposed'), 303);
    } catch (e) {
      if (!isDomainError(e) || e.kind === 'unavailable') throw e;
      if (e.issues.some((d) => d.path === 'quorum')) errors.quorum = quorumMessage(lang, members);
      else problem = errorText(lang, e);
      status = STATUS[e.kind];
    }
  }
  return renderGovernance(c, g, { form: { values, errors, problem } }, status);
});

/** Approve or reject for the town the form names; the domain decides whether this person may. */
function decision(kind: 'approve' | 'reject') {
  return async (c: C) => {
    const g = await gate(c);
    if (g instanceof Response) return g;
    const { fund, held } = g.board;
    const form = await c.req.parseBody();
    const id = c.req.param('proposalId') ?? '';
    const town = str(form, 'town') || g.board.town;
    const input = { comment: str(form, 'comment').slice(0, 1000) || undefined, town };
    try {
      let notice = 'governance.rejected';
      if (kind === 'approve') notice = (await approveGovernanceChange(g.ctx, g.actor, fund.id, id, input)).applied ? 'governance.applied' : 'governance.approved';
      else await rejectGovernanceChange(g.ctx, g.actor, fund.id, id, input);
      return c.redirect(pagePath(fund.id, held.includes(town) ? town : g.board.town, notice), 303);
    } catch (e) {
      if (!isDomainError(e) || e.kind === 'unavailable') throw e;
      if (e.kind === 'not_found') return renderNotFound(c);
      return renderGovernance(c, g, { decision: { proposalId: id, message: errorText(c.var.lang, e) } }, STATUS[e.kind]);
    }
  };
}

fundGovernancePages.post('/funds/:fundId/governance/proposals/:proposalId/approve', decision('approve'));
fundGovernancePages.post('/funds/:fundId/governance/proposals/:proposalId/reject', decision('reject'));
