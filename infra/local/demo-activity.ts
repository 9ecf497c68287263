/**
 * A little life for the local demo: a few donors give through the real path (the donation API, the
 * checkout emulator, the signed webhook, the ledger), one konbini payment still waits at the counter, and
 * a company has an application waiting for the towns' review. Run once, right after the first seed,
 * by `npm start` only; tests start from the bare seed.
 */
import type { Hono } from 'hono';

interface DemoDonation {
  challengeId: string;
  amount: number;
  receivingTown?: string;
  donor: { name: string; nameKana: string; email: string; postalCode: string; address: string };
  anonymous: boolean;
  message?: string;
  method: 'card' | 'konbini';
}

const DONATIONS: DemoDonation[] = [
  { challengeId: 'yokoze-bandai-dx', amount: 30_000, donor: { name: '秩父 一郎', nameKana: 'チチブ イチロウ', email: 'ichiro@example.jp', postalCode: '3680001', address: '埼玉県秩父市番場町1-1' }, anonymous: false, message: '両町の連携を応援しています。', method: 'card' },
  { challengeId: 'yokoze-bandai-dx', amount: 10_000, receivingTown: '074071', donor: { name: '会津 花子', nameKana: 'アイヅ ハナコ', email: 'hanako@example.jp', postalCode: '9650001', address: '福島県会津若松市中央1-1' }, anonymous: true, method: 'card' },
  { challengeId: 'yokoze-forest-school', amount: 50_000, donor: { name: '武甲 次郎', nameKana: 'ブコウ ジロウ', email: 'jiro@example.jp', postalCode: '1000001', address: '東京都千代田区千代田1-1' }, anonymous: false, message: '子どもたちの森に。', method: 'card' },
  { challengeId: 'bandai-aizu-heritage', amount: 20_000, donor: { name: '磐梯 三郎', nameKana: 'バンダイ サブロウ', email: 'saburo@example.jp', postalCode: '9693300', address: '福島県耶麻郡磐梯町大字磐梯1' }, anonymous: false, method: 'card' },
  { challengeId: 'ama-island-study', amount: 100_000, donor: { name: '隠岐 さくら', nameKana: 'オキ サクラ', email: 'sakura@example.jp', postalCode: '6840403', address: '島根県隠岐郡海士町大字海士1' }, anonymous: false, message: '島で学ぶ高校生へ。', method: 'card' },
  { challengeId: 'ama-island-study', amount: 5_000, donor: { name: '海野 四郎', nameKana: 'ウミノ シロウ', email: 'shiro@example.jp', postalCode: '5300001', address: '大阪府大阪市北区梅田1-1' }, anonymous: false, method: 'konbini' },
];

async function call(app: Hono<any>, method: string, path: string, body?: unknown, token?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await app.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`demo activity: ${method} ${path} → ${res.status} ${text}`);
  return JSON.parse(text) as Record<string, any>;
}

export async function seedDemoActivity(app: Hono<any>): Promise<void> {
  for (const d of DONATIONS) {
    const { method, ...body } = d;
    const created = await call(app, 'POST', '/api/donations', { ...body, oneStop: true });
    const session = String(created.checkoutUrl).split('/').pop();
    await call(app, 'POST', `/dev/checkout/${session}/complete`, { method });
  }
  const { token } = await call(app, 'POST', '/dev/token', { user: 'company1' });
  const application = await call(
    app,
    'POST',
    '/api/applications',
    {
      title: '三町をつなぐ オンライン移住相談窓口',
      summary: '横瀬町・磐梯町・海士町の移住相談をひとつの窓口で受け付けます。',
      problem: '移住希望者が町ごとに別々の窓口へ問い合わせる必要があり、比較や相談がしにくい。',
      proposal: '共通のオンライン相談窓口と予約システムを整え、各町の担当者が交代で対応します。',
      towns: ['113611', '325252'],
      requestedAmount: 1_200_000,
      budget: [
        { item: '予約システム構築', amount: 800_000 },
        { item: '相談員研修', amount: 400_000 },
      ],
      kpis: ['相談件数 年間120件', '移住者 年間6世帯'],
      startDate: '2027-04-01',
      endDate: '2028-03-31',
      corporateVersion: false,
    },
    token,
  );
  await call(app, 'POST', `/api/applications/${application.applicationId}/submit`, {}, token);
}
