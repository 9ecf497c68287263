/**
 * The back office's service results as the JSON API and the pages show them: the API's shapes come from
 * the zod schemas (what a client may rely on), the pages' from web's own view types.
 */
import type { z } from '@hono/zod-openapi';
import type { Allocation } from '../../domain/allocations.js';
import type { Disbursement } from '../../domain/disbursements.js';
import type { GovernanceProposal } from '../../domain/governance.js';
import { chart, compactYen } from '../../domain/svg-chart.js';
import { pick, t, type Lang } from '../../i18n/index.js';
import type { ChallengeBalance as ServiceChallengeBalance, FiscalReport, TreasurerDashboard } from '../../services/reports.js';
import type { FiscalReportView } from '../../../web/pages/fiscal-report.js';
import type { ChallengeBalance, ChartView } from '../../../web/pages/treasurer-dashboard.js';
import type { AllocationSchema, GovernanceProposalSchema } from '../schemas/allocations.js';
import type { DisbursementSchema } from '../schemas/disbursements.js';

/** An allocation on the wire: who approved is in `approvals` (with towns), the bare id list stays inside. */
export function allocationView(a: Allocation): z.infer<typeof AllocationSchema> {
  const { approvers: _a, ...rest } = a;
  return rest as z.infer<typeof AllocationSchema>;
}

export function proposalView(p: GovernanceProposal): z.infer<typeof GovernanceProposalSchema> {
  const { approvers: _a, ...rest } = p;
  return rest as z.infer<typeof GovernanceProposalSchema>;
}

export const disbursementView = (d: Disbursement) => d as unknown as z.infer<typeof DisbursementSchema>;

/** "4月" / "Apr": the month of a `YYYY-MM` in the reader's language. */
function monthLabel(lang: Lang, month: string): string {
  return new Intl.DateTimeFormat(lang, { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, Number(month.slice(5)) - 1, 1)));
}

/**
 * The dashboard's two charts (inline SVG) and their table, from this fiscal year's flows against the last.
 * @example const charts = chartView('ja', board.comparison, board.fy)
 */
export function chartView(lang: Lang, cmp: TreasurerDashboard['comparison'], fy: number): ChartView {
  const labels = cmp.current.months.map((m) => monthLabel(lang, m));
  const format = compactYen(lang);
  const inflowSvg = chart({
    id: 'chart-inflow',
    title: t(lang, 'treasury.bo.chart.inflow', { fy }),
    description: t(lang, 'treasury.bo.chart.inflowDesc'),
    categories: labels,
    bars: [
      { name: t(lang, 'treasury.bo.series.individual'), values: cmp.current.series.individual, color: '#1d4e89' },
      { name: t(lang, 'treasury.bo.series.corporate'), values: cmp.current.series.corporate, color: '#a93a24' },
      { name: t(lang, 'treasury.bo.series.allocation'), values: cmp.current.series.allocation, color: '#1f6b45' },
    ],
    lines: [{ name: t(lang, 'treasury.bo.series.inflowLast'), values: cmp.inflowPrevious, color: '#4b5563', dashed: true }],
    formatValue: format,
    minTop: 100_000,
    minStep: 1,
  });
  const outflowSvg = chart({
    id: 'chart-outflow',
    title: t(lang, 'treasury.bo.chart.outflow'),
    description: t(lang, 'treasury.bo.chart.outflowDesc'),
    categories: labels,
    lines: [
      { name: t(lang, 'treasury.bo.series.outThis', { fy }), values: cmp.current.series.outflow, color: '#a93a24' },
      { name: t(lang, 'treasury.bo.series.outLast', { fy: fy - 1 }), values: cmp.previous.series.outflow, color: '#4b5563', dashed: true },
    ],
    formatValue: format,
    minTop: 100_000,
    minStep: 1,
  });
  return {
    fy,
    inflowSvg,
    outflowSvg,
    months: cmp.current.months,
    rows: cmp.current.months.map((_, i) => ({
      individual: cmp.current.series.individual[i]!,
      corporate: cmp.current.series.corporate[i]!,
      allocation: cmp.current.series.allocation[i]!,
      inflowLast: cmp.inflowPrevious[i]!,
      outflow: cmp.current.series.outflow[i]!,
      outflowLast: cmp.previous.series.outflow[i]!,
    })),
  };
}

/** The town's challenges with their balances, titled in the reader's language. */
export function challengeBalances(lang: Lang, list: readonly ServiceChallengeBalance[]): ChallengeBalance[] {
  return list.map(({ challenge: ch, ...b }) => ({ id: ch.id, title: pick(lang, ch.title, ch.titleEn ?? ''), ...b }));
}

/** Titles by challenge id, as the queues name them. */
export const challengeTitles = (list: readonly ServiceChallengeBalance[]) => Object.fromEntries(list.map((b) => [b.challenge.id, b.challenge.title]));

export const fiscalReportView = (r: FiscalReport): FiscalReportView => r;
