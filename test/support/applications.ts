/** A complete two-town application (Yokoze + Bandai) for tests; override any field. */
export const YOKOZE = '113611';
export const BANDAI = '074071';
export const AMA = '325252';

export function sampleApplication(over: Record<string, unknown> = {}) {
  return {
    title: '横瀬×磐梯 里山ワーケーション',
    summary: '二つの町の空き家をつなぐワーケーション拠点をつくります。',
    problem: '空き家が増え、平日の来訪者が少ない。',
    proposal: '空き家を改修し、企業の研修とワーケーションを受け入れる。',
    towns: [YOKOZE, BANDAI],
    requestedAmount: 1_000_000,
    budget: [
      { item: '拠点改修', amount: 600_000 },
      { item: '運営・広報', amount: 400_000 },
    ],
    kpis: ['年間利用者 300人', '町内事業者との連携 5件'],
    startDate: '2027-04-01',
    endDate: '2028-03-31',
    corporateVersion: true,
    ...over,
  };
}
