/**
 * A pooled fund's allocation rule as the treasurers of its member towns see and change it: the rule in
 * words, the open rule changes with each member town's approval, and plain POST forms to propose,
 * approve and reject. Every rule is the store's and the domain's (store/governance.ts, the same calls
 * the JSON API under /api/funds/:id/governance-proposals makes); refusals come back as the page with
 * the message beside the form, in the page's language.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Fund } from '../../domain/catalog.js';
import { approvalTownFor, GOVERNANCE_PROPOSAL_DAYS, rejectionTownFor, RuleError, type Actor, type GovernanceProposal } from '../../domain/governance.js';
import { listTowns } from '../../store/catalog.js';
import { nowIso, type Db } from '../../store/db.js';
import { NotFoundError } from '../../store/errors.js';
import { STATUS_OF } from '../errors.js';
import {
  approveGovernanceChange,
  fundGovernance,
  getGovernanceProposal,
  listGovernanceProposals,
  proposeGovernanceChange,
  rejectGovernanceChange,
} from '../../store/governance.js';
import { t, errorText, isMessageKey, pick, type Lang } from '../../i18n/index.js';
import type { FieldErrors } from '../../../web/components/back-office-ui.js';
import { indexTowns } from '../../../web/components/town-badge.js';
import { FundGovernancePage, type FundGovernanceProps, type GovernanceFormValues, type GovernanceProposalView } from '../../../web/pages/fund-governance.js';
import { NotAllowedPage } from '../../../web/pages/treasurer-dashboard.js';
import { townsWithRole, type Principal } from '../auth.js';
import { actorOf } from '../back-office.js';
import type { AppEnv } from '../context.js';
import { pageCtx, renderPersonalPage, signInRedirect } from '../page-context.js';
import { createRouter } from '../router.js';
import { GovernanceProposalRequest } from '../schemas/allocations.js';
import { renderNotFound } from './pages.js';

type C = Context<AppEnv>;
type Form = Record<string, string | File | (string | File)[]>;

export const fundGovernancePages = createRouter();

/** The JSON API's statuses for these refusals, except that bad form input is a 422 like the other back-office forms. */
const STATUS: Record<RuleError['kind'], ContentfulStatusCode> = { ...STATUS_OF, invalid: 422 };
const EMPTY_FORM: GovernanceFormValues = { rule: 'quorum', quorum: '', comment: '' };

interface Gate {
  principal: Principal;
  fund: Fund;
  /** Member towns the reader is treasurer of (never empty), and the one they act for (?town=). */
  held: string[];
  town: string;
}

/** Signed in, and treasurer of at least one member town of the fund. */
async function gate(c: C): Promise<Gate | Response> {
  const principal = c.var.principal;
  if (!principal) return signInRedirect(c);
  let fund: Fund;
  try {
    fund = (await fundGovernance(c.var.deps.db, c.req.param('fundId') ?? '')).fund;
  } catch (e) {
    if (e instanceof NotFoundError) return renderNotFound(c);
    throw e;
  }
  const mine = townsWithRole(principal, 'treasurer');
  const held = fund.members.filter((t) => mine.includes(t));
  if (!held.length) return renderPersonalPage(c, <NotAllowedPage ctx={pageCtx(c)} message={t(c.var.lang, 'treasury.gv.forbidden')} />, 403);
  const asked = c.req.query('town');
  return { principal, fund, held, town: asked && held.includes(asked) ? asked : held[0]! };
}

const str = (f: Form, k: string): string => {
  const v = f[k];
  const x = Array.isArray(v) ? v[0] : v;
  return typeof x === 'string' ? x.trim() : '';
};

/** Whether a domain check lets this person act for `town` now: the page offers only what would succeed. */
function allowed(check: () => unknown): boolean {
  try {
    check();
    return true;
  } catch (e) {
    if (e instanceof RuleError) return false;
    throw e;
  }
}

function viewOf(p: GovernanceProposal, actor: Actor, town: string, now: Date): GovernanceProposalView {
  return {
    ...p,
    canApprove: allowed(() => approvalTownFor(p, actor, town, now, 'rule change')),
    canReject: allowed(() => rejectionTownFor(p, actor, town, now, 'rule change')),
  };
}

async function renderGovernance(
  c: C,
  g: Gate,
  extra: { form?: FundGovernanceProps['form']; decision?: FundGovernanceProps['decision'] } = {},
  status: ContentfulStatusCode = 200,
) {
  const db: Db = c.var.deps.db;
  const lang = c.var.lang;
  const [{ fund, rule }, list, towns] = await Promise.all([fundGovernance(db, g.fund.id), listGovernanceProposals(db, g.fund.id), listTowns(db)]);
  const now = new Date(nowIso(db));
  const actor = actorOf(g.principal);
  // The list carries no approval notes; open proposals are few, so each is read whole.
  const open = await Promise.all(list.filter((p) => p.status === 'proposed').map(async (p) => viewOf(await getGovernanceProposal(db, fund.id, p.id), actor, g.town, now)));
  const notice = c.req.query('notice');
  return renderPersonalPage(
    c,
    <FundGovernancePage
      ctx={pageCtx(c)}
      towns={indexTowns(towns.sort((a, b) => a.code.localeCompare(b.code)))}
      fund={{ id: fund.id, name: pick(lang, fund.name, fund.nameEn), members: fund.members }}
      rule={rule}
      town={g.town}
      myTowns={g.held}
      open={open}
      closed={list.filter((p) => p.status !== 'proposed').slice(0, 20)}
      proposalDays={GOVERNANCE_PROPOSAL_DAYS}
      notice={notice && isMessageKey(`treasury.notice.${notice}`) ? notice : undefined}
      form={extra.form ?? { values: EMPTY_FORM, errors: {} }}
      decision={extra.decision}
    />,
    status,
  );
}

const pagePath = (fundId: string, town: string, notice: string) => `/treasurer/funds/${fundId}/governance?town=${town}&notice=${notice}`;

fundGovernancePages.get('/treasurer/funds/:fundId/governance', async (c) => {
  const g = await gate(c);
  if (g instanceof Response) return g;
  return renderGovernance(c, g);
});

/** Whole numbers as people type them (全角 too); anything else stays a non-number for the schema to refuse. */
const wholeNumber = (s: string) => (/^\d+$/.test(s.normalize('NFKC')) ? Number(s.normalize('NFKC')) : Number.NaN);

function quorumMessage(lang: Lang, members: number) {
  return t(lang, 'treasury.err.quorum_range', { n: members });
}

fundGovernancePages.post('/treasurer/funds/:fundId/governance/proposals', async (c) => {
  const g = await gate(c);
  if (g instanceof Response) return g;
  const lang = c.var.lang;
  const form = await c.req.parseBody();
  const values: GovernanceFormValues = { rule: str(form, 'rule'), quorum: str(form, 'quorum'), comment: str(form, 'comment').slice(0, 1000) };
  const members = g.fund.members.length;
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
    const rule = b.rule === 'quorum' ? { rule: 'quorum' as const, quorum: b.quorum! } : { rule: 'all_drawn' as const };
    try {
      // The proposal is made for the town the page acts for, not whichever member town comes first.
      await proposeGovernanceChange(c.var.deps.db, g.fund.id, rule, { ...actorOf(g.principal), treasurerTowns: [g.town] }, { comment: b.comment, requestId: c.var.requestId });
      return c.redirect(pagePath(g.fund.id, g.town, 'governance.proposed'), 303);
    } catch (e) {
      if (!(e instanceof RuleError)) throw e;
      if (e.details.some((d) => d.path === 'quorum')) errors.quorum = quorumMessage(lang, members);
      else problem = errorText(lang, e.code);
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
    const db = c.var.deps.db;
    const form = await c.req.parseBody();
    const id = c.req.param('proposalId') ?? '';
    const town = str(form, 'town') || g.town;
    const opts = { comment: str(form, 'comment').slice(0, 1000) || undefined, town, requestId: c.var.requestId };
    try {
      let notice = 'governance.rejected';
      if (kind === 'approve') notice = (await approveGovernanceChange(db, g.fund.id, id, actorOf(g.principal), opts)).applied ? 'governance.applied' : 'governance.approved';
      else await rejectGovernanceChange(db, g.fund.id, id, actorOf(g.principal), opts);
      return c.redirect(pagePath(g.fund.id, g.held.includes(town) ? town : g.town, notice), 303);
    } catch (e) {
      if (e instanceof NotFoundError) return renderNotFound(c);
      if (!(e instanceof RuleError)) throw e;
      return renderGovernance(c, g, { decision: { proposalId: id, message: errorText(c.var.lang, e.code) } }, STATUS[e.kind]);
    }
  };
}

fundGovernancePages.post('/treasurer/funds/:fundId/governance/proposals/:proposalId/approve', decision('approve'));
fundGovernancePages.post('/treasurer/funds/:fundId/governance/proposals/:proposalId/reject', decision('reject'));
