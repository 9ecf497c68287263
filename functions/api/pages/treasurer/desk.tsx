/**
 * The treasurer's desk (/treasurer): the dashboard, the annual report and the town's bank account. Plain
 * POST forms that redirect with a notice on completion and re-render with each error beside its field.
 */
import type { TownBankAccount } from '../../../domain/disbursements.js';
import { isDomainError } from '../../../domain/errors.js';
import { fiscalYear } from '../../../domain/jst.js';
import { getTownBankAccount, setTownBankAccount } from '../../../services/disbursements.js';
import { fiscalReport, treasurerDashboard } from '../../../services/reports.js';
import type { FieldErrors } from '../../../../web/components/back-office-ui.js';
import { FiscalReportPage } from '../../../../web/pages/fiscal-report.js';
import { BankAccountPage, TreasurerDashboardPage } from '../../../../web/pages/treasurer-dashboard.js';
import { pageCtx } from '../../page-context.js';
import { challengeBalances, challengeTitles, chartView, fiscalReportView } from '../../presenters/treasury.js';
import { createRouter } from '../../router.js';
import { BankAccountSchema } from '../../schemas/disbursements.js';
import { fieldMessage, formRefusal, noticeOf, problemOf, render, str, towns, treasurerGate, type TreasurerGate } from '../shared/back-office.js';

export const deskPages = createRouter();

// ---------------------------------------------------------------- dashboard

deskPages.get('/', async (c) => {
  const g = await treasurerGate(c);
  if (g instanceof Response) return g;
  const lang = c.var.lang;
  const [index, board] = await Promise.all([towns(g.ctx), treasurerDashboard(g.ctx, g.actor, g.town)]);
  return render(
    c,
    <TreasurerDashboardPage
      ctx={pageCtx(c)}
      town={g.town}
      myTowns={g.myTowns}
      towns={index}
      today={g.today}
      notice={noticeOf(c)}
      problem={problemOf(c)}
      awaiting={board.awaiting}
      waitingOthers={board.waitingOthers}
      disbursements={board.disbursements}
      scheduled={board.scheduled}
      challengeTitles={challengeTitles(board.challenges)}
      funds={board.funds}
      challenges={challengeBalances(lang, board.challenges)}
      charts={chartView(lang, board.comparison, board.fy)}
      hasBankAccount={board.hasBankAccount}
    />,
  );
});

// ---------------------------------------------------------------- annual report

deskPages.get('/report', async (c) => {
  const g = await treasurerGate(c);
  if (g instanceof Response) return g;
  const current = fiscalYear(g.today);
  const asked = Number(c.req.query('fy'));
  const fy = Number.isInteger(asked) && asked >= 2000 && asked <= current + 1 ? asked : current;
  const [index, report] = await Promise.all([towns(g.ctx), fiscalReport(g.ctx, g.actor, g.town, fy)]);
  return render(c, <FiscalReportPage ctx={pageCtx(c)} towns={index} myTowns={g.myTowns} report={fiscalReportView(report)} today={g.today} years={[current - 2, current - 1, current]} />);
});

// ---------------------------------------------------------------- bank account

const BANK_FIELDS = ['bankCode', 'bankNameKana', 'branchCode', 'branchNameKana', 'accountType', 'accountNumber', 'requesterCode', 'requesterNameKana'] as const;

/** The town's account, or nothing yet (the form starts empty). */
async function bankAccountOrNone(g: TreasurerGate): Promise<Partial<TownBankAccount>> {
  try {
    return await getTownBankAccount(g.ctx, g.actor, g.town);
  } catch (e) {
    if (isDomainError(e) && e.kind === 'not_found') return {};
    throw e;
  }
}

deskPages.get('/bank-account', async (c) => {
  const g = await treasurerGate(c);
  if (g instanceof Response) return g;
  const [index, account] = await Promise.all([towns(g.ctx), bankAccountOrNone(g)]);
  return render(c, <BankAccountPage ctx={pageCtx(c)} town={g.town} myTowns={g.myTowns} towns={index} values={{ ...account }} errors={{}} notice={noticeOf(c)} />);
});

deskPages.post('/bank-account', async (c) => {
  const g = await treasurerGate(c);
  if (g instanceof Response) return g;
  const form = await c.req.parseBody();
  const values = Object.fromEntries(BANK_FIELDS.map((k) => [k, str(form, k)])) as Record<keyof TownBankAccount, string>;
  const errors: FieldErrors = {};
  const parsed = BankAccountSchema.safeParse(values);
  if (!parsed.success) for (const i of parsed.error.issues) errors[String(i.path[0])] ??= fieldMessage(c.var.lang, String(i.path[0]));
  if (parsed.success) {
    try {
      await setTownBankAccount(g.ctx, g.actor, g.town, parsed.data);
      return c.redirect(`/treasurer/bank-account?town=${g.town}&notice=bank.saved`, 303);
    } catch (e) {
      if (!formRefusal(e)) throw e;
      for (const d of e.issues) errors[d.path ?? 'form'] ??= fieldMessage(c.var.lang, d.path ?? '', d);
    }
  }
  return render(c, <BankAccountPage ctx={pageCtx(c)} town={g.town} myTowns={g.myTowns} towns={await towns(g.ctx)} values={values} errors={errors} />, 400);
});
