/**
 * Corporate-version pages (no client JavaScript): the company's pledges, the pledge form and a pledge's
 * page; the treasurer's payment confirmations and regional plans. Forms post here, then redirect (303); a
 * refusal re-renders the form with each reason next to its field, in the reader's language. The rules are
 * the same actions the JSON API calls (corporate-actions.ts).
 */
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../context.js';
import { createRouter } from '../router.js';
import { ApiError } from '../errors.js';
import { pageCtx, renderPersonalPage, signInRedirect } from '../page-context.js';
import { townsWithRole, hasRole } from '../auth.js';
import { canCancelPledge, companyYearSummaries, estimateRelief, isPledgeCompany, type Pledge } from '../../domain/corporate.js';
import { isValidDateString, jstDate } from '../../domain/jst.js';
import { normalizeDigits } from '../../domain/company.js';
import { listChallenges, listFunds, listTowns } from '../../store/catalog.js';
import { listPledges } from '../../store/pledges.js';
import {
  bankTransferFor,
  BilingualError,
  cancelPledgeAs,
  companyOf,
  confirmPaymentAs,
  createPlanAs,
  createPledgeAs,
  myPledges,
  partyOf,
  plansOf,
  pledgeOptions,
  readPledgeAs,
  RefusalError,
  type CorpCtx,
  type PledgeInput,
} from '../corporate-actions.js';
import { indexTowns } from '../../../web/components/town-badge.js';
import { t } from '../../i18n/index.js';
import { CorporateStyles, Notice, type FieldProblem } from '../../../web/components/corporate-ui.js';
import { Layout, type PageCtx } from '../../../web/layout.js';
import { CompanyPledgesPage } from '../../../web/pages/company-pledges.js';
import { PledgeDetailPage } from '../../../web/pages/pledge-detail.js';
import { PledgeFormPage, type PledgeFormValues } from '../../../web/pages/pledge-form.js';
import { TreasurerPledgesPage, type TreasurerPledgesProps } from '../../../web/pages/treasurer-pledges.js';
import { PROJECT_SLOTS, RegionalPlansPage, type PlanFormValues, type PlanTargetChoice } from '../../../web/pages/regional-plans.js';

type C = Context<AppEnv>;

export const corporatePages = createRouter();

const ctxOf = (c: C): CorpCtx => ({ db: c.var.deps.db, baseUrl: c.var.deps.baseUrl, requestId: c.get('requestId') });
const todayOf = (c: C) => jstDate(c.var.deps.db.now ? c.var.deps.db.now() : new Date());

const render = renderPersonalPage;

const signIn = signInRedirect;

function ErrorPage(props: { ctx: PageCtx; message: string }) {
  return (
    <Layout ctx={props.ctx} title={t(props.ctx.lang, 'corporate.corp.name')}>
      <CorporateStyles />
      <h1>{t(props.ctx.lang, 'corporate.corp.name')}</h1>
      <Notice kind="error">{props.message}</Notice>
      <p>
        <a href="/">共創ファンド / Kyoso Fund</a>
      </p>
    </Layout>
  );
}

/** An API refusal as a page, in the reader's language. */
function renderError(c: C, e: unknown) {
  if (e instanceof BilingualError) return render(c, <ErrorPage ctx={pageCtx(c)} message={c.var.lang === 'en' ? e.en : e.ja} />, e.status);
  if (e instanceof ApiError) return render(c, <ErrorPage ctx={pageCtx(c)} message={e.message} />, e.status as ContentfulStatusCode);
  throw e;
}

const problemsOf = (e: RefusalError): FieldProblem[] => e.refusals.map((r) => ({ path: r.path, code: r.code, ja: r.ja, en: r.en }));

const str = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

/** Amounts typed by people: full-width digits, commas and a trailing 円 are fine; anything else is not. */
function parseYen(raw: string): number | undefined {
  const s = normalizeDigits(raw).replace(/[,，円¥￥]/g, '');
  if (!/^\d{1,13}$/.test(s)) return undefined;
  return Number(s);
}

const amountProblem: FieldProblem = { path: 'amount', code: 'invalid_amount', ja: '金額は円単位の整数で入力してください', en: 'enter the amount as a whole number of yen' };
const dateProblem: FieldProblem = { path: 'receivedOn', code: 'invalid_date', ja: '受領日を正しい日付で入力してください', en: 'enter the date received as a real date' };

// ---------------------------------------------------------------- company

corporatePages.get('/company/pledges', async (c) => {
  if (!c.var.principal) return signIn(c);
  try {
    const { company, pledges } = await myPledges(ctxOf(c), c.var.principal);
    const towns = indexTowns(await listTowns(c.var.deps.db));
    return render(c, <CompanyPledgesPage ctx={pageCtx(c)} towns={towns} companyName={company.name} pledges={pledges} summaries={companyYearSummaries(pledges)} />);
  } catch (e) {
    return renderError(c, e);
  }
});

async function renderForm(c: C, target: { challengeId?: string; fundId?: string }, values: PledgeFormValues | undefined, problems: FieldProblem[], status: ContentfulStatusCode = 200) {
  const db = c.var.deps.db;
  const company = await companyOf(db, c.var.principal);
  const [options, townList] = await Promise.all([pledgeOptions(db), listTowns(db)]);
  const selected = options.find((o) => (target.challengeId ? o.target.kind === 'challenge' && o.target.id === target.challengeId : target.fundId ? o.target.kind === 'fund' && o.target.id === target.fundId : false));
  const defaultTown = selected ? (selected.eligibleTowns.find((t) => t !== company.headOfficeTown) ?? selected.eligibleTowns[0] ?? selected.towns[0]) : undefined;
  return render(
    c,
    <PledgeFormPage
      ctx={pageCtx(c)}
      towns={indexTowns(townList)}
      options={options}
      selected={selected}
      companyId={company.id}
      headOfficeTown={company.headOfficeTown}
      values={values ?? { receivingTown: defaultTown, noEconomicBenefit: false, discloseName: true, discloseAmount: true }}
      problems={problems}
      nonce={randomBytes(12).toString('hex')}
    />,
    status,
  );
}

corporatePages.get('/company/pledges/new', async (c) => {
  if (!c.var.principal) return signIn(c);
  try {
    return await renderForm(c, { challengeId: c.req.query('challengeId'), fundId: c.req.query('fundId') }, undefined, []);
  } catch (e) {
    return renderError(c, e);
  }
});

corporatePages.post('/company/pledges', async (c) => {
  if (!c.var.principal) return signIn(c);
  const form = await c.req.parseBody();
  const target = { challengeId: str(form.challengeId) || undefined, fundId: str(form.fundId) || undefined };
  const values: PledgeFormValues = {
    receivingTown: str(form.receivingTown),
    amount: str(form.amount),
    noEconomicBenefit: str(form.noEconomicBenefit) === 'true',
    discloseName: str(form.discloseName) === 'true',
    discloseAmount: str(form.discloseAmount) === 'true',
  };
  try {
    const amount = parseYen(values.amount ?? '');
    if (amount === undefined || amount <= 0) return await renderForm(c, target, values, [amountProblem], 400);
    const input: PledgeInput = {
      ...target,
      receivingTown: values.receivingTown ?? '',
      amount,
      noEconomicBenefit: Boolean(values.noEconomicBenefit),
      disclose: { name: Boolean(values.discloseName), amount: Boolean(values.discloseAmount) },
    };
    const nonce = str(form.nonce);
    const out = await createPledgeAs(ctxOf(c), c.var.principal, input, /^[0-9a-f]{24}$/.test(nonce) ? `form:${nonce}` : undefined);
    return c.redirect(`/company/pledges/${out.pledge.id}?accepted=1`, 303);
  } catch (e) {
    if (e instanceof RefusalError) return renderForm(c, target, values, problemsOf(e), 422);
    return renderError(c, e);
  }
});

function cancelActionFor(c: C, p: Pledge): string | undefined {
  const who = partyOf(c.var.principal);
  if (!canCancelPledge(p, who)) return undefined;
  return isPledgeCompany(p, who) ? `/company/pledges/${p.id}/cancel` : `/treasurer/pledges/${p.id}/cancel`;
}

corporatePages.get('/company/pledges/:id', async (c) => {
  if (!c.var.principal) return signIn(c);
  try {
    const ctx = ctxOf(c);
    const p = await readPledgeAs(ctx, c.var.principal, c.req.param('id'));
    const towns = indexTowns(await listTowns(ctx.db));
    const who = partyOf(c.var.principal);
    const back = isPledgeCompany(p, who) ? { href: '/company/pledges', label: t(c.var.lang, 'corporate.pledges.title') } : { href: '/treasurer/pledges', label: t(c.var.lang, 'corporate.treasurer.title') };
    return render(
      c,
      <PledgeDetailPage
        ctx={pageCtx(c)}
        towns={towns}
        pledge={p}
        relief={estimateRelief(p.amount)}
        bank={p.status === 'pledged' ? await bankTransferFor(ctx.db, p, towns.get(p.receivingTown)) : undefined}
        accepted={c.req.query('accepted') === '1'}
        cancelAction={cancelActionFor(c, p)}
        back={back}
      />,
    );
  } catch (e) {
    return renderError(c, e);
  }
});

corporatePages.post('/company/pledges/:id/cancel', async (c) => {
  if (!c.var.principal) return signIn(c);
  try {
    const form = await c.req.parseBody();
    const p = await cancelPledgeAs(ctxOf(c), c.var.principal, c.req.param('id'), str(form.reason).slice(0, 500));
    return c.redirect(`/company/pledges/${p.id}`, 303);
  } catch (e) {
    return renderError(c, e);
  }
});

// ---------------------------------------------------------------- treasurer: payments

async function renderTreasurer(c: C, extra: Pick<TreasurerPledgesProps, 'flash' | 'failed'> = {}, status: ContentfulStatusCode = 200) {
  const db = c.var.deps.db;
  const myTowns = townsWithRole(c.var.principal, 'treasurer');
  if (!myTowns.length) return render(c, <ErrorPage ctx={pageCtx(c)} message={t(c.var.lang, 'corporate.treasurer.noTown')} />, 403);
  const [townList, ...perTown] = await Promise.all([listTowns(db), ...myTowns.map((town) => listPledges(db, { town }))]);
  const all = perTown.flat();
  const pending = all.filter((p) => p.status === 'pledged').sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const others = all.filter((p) => p.status !== 'pledged').slice(0, 100);
  return render(c, <TreasurerPledgesPage ctx={pageCtx(c)} towns={indexTowns(townList)} myTowns={myTowns} pending={pending} others={others} today={todayOf(c)} {...extra} />, status);
}

function flashFromQuery(c: C): TreasurerPledgesProps['flash'] {
  const done = c.req.query('done');
  const no = c.req.query('no') ?? '';
  const lang = c.var.lang;
  if (done === 'confirmed') return { kind: 'ok', text: t(lang, 'corporate.treasurer.confirmed', { no }) };
  if (done === 'already') return { kind: 'ok', text: t(lang, 'corporate.treasurer.alreadyConfirmed', { no }) };
  if (done === 'cancelled') return { kind: 'ok', text: t(lang, 'corporate.treasurer.cancelledDone') };
  return undefined;
}

corporatePages.get('/treasurer/pledges', async (c) => {
  if (!c.var.principal) return signIn(c);
  return renderTreasurer(c, { flash: flashFromQuery(c) });
});

corporatePages.post('/treasurer/pledges/:id/confirm', async (c) => {
  if (!c.var.principal) return signIn(c);
  const id = c.req.param('id');
  const form = await c.req.parseBody();
  const values = { receivedOn: str(form.receivedOn), amount: str(form.amount) };
  const amount = parseYen(values.amount);
  const problems = [...(isValidDateString(values.receivedOn) ? [] : [dateProblem]), ...(amount === undefined || amount <= 0 ? [amountProblem] : [])];
  if (problems.length) return renderTreasurer(c, { failed: { pledgeId: id, values, problems } }, 400);
  try {
    const { pledge, alreadyConfirmed } = await confirmPaymentAs(ctxOf(c), c.var.principal, id, { receivedOn: values.receivedOn, amount: amount! });
    return c.redirect(`/treasurer/pledges?done=${alreadyConfirmed ? 'already' : 'confirmed'}&no=${encodeURIComponent(pledge.receiptNumber ?? '')}`, 303);
  } catch (e) {
    if (e instanceof RefusalError) return renderTreasurer(c, { failed: { pledgeId: id, values, problems: problemsOf(e) } }, 422);
    if (e instanceof BilingualError) return renderTreasurer(c, { flash: { kind: 'error', text: c.var.lang === 'en' ? e.en : e.ja } }, e.status);
    throw e;
  }
});

corporatePages.post('/treasurer/pledges/:id/cancel', async (c) => {
  if (!c.var.principal) return signIn(c);
  try {
    const form = await c.req.parseBody();
    await cancelPledgeAs(ctxOf(c), c.var.principal, c.req.param('id'), str(form.reason).slice(0, 500));
    return c.redirect('/treasurer/pledges?done=cancelled', 303);
  } catch (e) {
    if (e instanceof BilingualError) return renderTreasurer(c, { flash: { kind: 'error', text: c.var.lang === 'en' ? e.en : e.ja } }, e.status);
    throw e;
  }
});

// ---------------------------------------------------------------- treasurer: regional plans

async function renderPlans(c: C, extra: { flash?: string; failed?: { town: string; values: PlanFormValues; problems: FieldProblem[] } } = {}, status: ContentfulStatusCode = 200) {
  const db = c.var.deps.db;
  const p = c.var.principal;
  const [townList, challenges, funds] = await Promise.all([listTowns(db), listChallenges(db), listFunds(db)]);
  const editable = hasRole(p, 'admin') ? townList.map((t) => t.code) : townsWithRole(p, 'treasurer');
  if (!editable.length) return render(c, <ErrorPage ctx={pageCtx(c)} message={t(c.var.lang, 'corporate.treasurer.noTown')} />, 403);
  const shown = townList.map((t) => t.code).filter((code) => editable.includes(code)).sort();
  const plansByTown = await Promise.all(shown.map(async (town) => ({ town, plans: await plansOf(db, town) })));
  const choices: Record<string, PlanTargetChoice[]> = {};
  for (const town of shown) {
    choices[town] = [
      ...challenges.filter((ch) => ch.status !== 'draft' && ch.towns.includes(town)).map((ch) => ({ kind: 'challenge' as const, id: ch.id, title: ch.title, titleEn: ch.titleEn })),
      ...funds.filter((f) => f.members.includes(town)).map((f) => ({ kind: 'fund' as const, id: f.id, title: f.name, titleEn: f.nameEn })),
    ];
  }
  return render(c, <RegionalPlansPage ctx={pageCtx(c)} towns={indexTowns(townList)} editableTowns={editable} plansByTown={plansByTown} choices={choices} {...extra} />, status);
}

corporatePages.get('/treasurer/regional-plans', async (c) => {
  if (!c.var.principal) return signIn(c);
  return renderPlans(c, { flash: c.req.query('done') === '1' ? t(c.var.lang, 'corporate.plans.saved') : undefined });
});

corporatePages.post('/treasurer/regional-plans', async (c) => {
  if (!c.var.principal) return signIn(c);
  const form = await c.req.parseBody({ all: true });
  const town = str(form.town);
  const values: PlanFormValues = {
    name: str(form.name),
    approvedOn: str(form.approvedOn),
    periodStart: str(form.periodStart),
    periodEnd: str(form.periodEnd),
    projects: Array.from({ length: PROJECT_SLOTS }, (_, i) => ({ name: str(form[`projects.${i}.name`]), targets: list(form[`projects.${i}.targets`]) })),
  };
  // Blank project slots are simply unused; a slot with targets but no name is reported by the rules.
  const used = values.projects.filter((p) => p.name?.trim() || p.targets.length);
  try {
    await createPlanAs(ctxOf(c), c.var.principal, town, {
      name: values.name ?? '',
      approvedOn: values.approvedOn ?? '',
      periodStart: values.periodStart ?? '',
      periodEnd: values.periodEnd ?? '',
      projects: used.map((p) => ({
        name: p.name ?? '',
        challengeIds: p.targets.filter((t) => t.startsWith('challenge:')).map((t) => t.slice('challenge:'.length)),
        fundIds: p.targets.filter((t) => t.startsWith('fund:')).map((t) => t.slice('fund:'.length)),
      })),
    });
    return c.redirect('/treasurer/regional-plans?done=1', 303);
  } catch (e) {
    if (e instanceof RefusalError) {
      // Issues name projects by their position among the used slots; map them back to the form's slots.
      const slotOf = used.map((p) => values.projects.indexOf(p));
      const problems = problemsOf(e).map((p) => ({ ...p, path: p.path.replace(/^projects\.(\d+)/, (_, n: string) => `projects.${slotOf[Number(n)] ?? n}`) }));
      return renderPlans(c, { failed: { town, values, problems } }, e.status as ContentfulStatusCode);
    }
    return renderError(c, e);
  }
});
