/**
 * What the public and the company's accountant see of corporate-version donations: disclosure per fiscal
 * year (only consenting names, amounts only where consented, money received only), the public ledger's
 * counterpart, the company's CSV, and registering regional plans (who may, and the rules).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fiscalYear, jstDate } from '../../functions/domain/jst.js';
import { listPledges } from '../../functions/store/pledges.js';
import { testPlatform } from '../support/platform.js';

const YOKOZE = '113611';
const BANDAI = '074071';
const AMA = '325252';

let p: Awaited<ReturnType<typeof testPlatform>>;
const today = jstDate(new Date());
const fy = fiscalYear(today);

async function pledge(user: string, body: Record<string, unknown>): Promise<string> {
  const r = await p.api('POST', '/api/corporate-pledges', { user, body: { noEconomicBenefit: true, ...body } });
  expect(r.status, r.text).toBe(201);
  return r.json.pledgeId as string;
}

async function paid(user: string, treasurer: string, body: Record<string, unknown>): Promise<string> {
  const id = await pledge(user, body);
  const r = await p.api('POST', `/api/corporate-pledges/${id}/confirm-payment`, { user: treasurer, body: { receivedOn: today, amount: body.amount } });
  expect(r.status, r.text).toBe(200);
  return id;
}

let named: string;
let nameOnly: string;
let anonymous: string;
let unpaid: string;

beforeAll(async () => {
  p = await testPlatform();
  const ch = { challengeId: 'bandai-aizu-heritage', receivingTown: BANDAI };
  named = await paid('company1', 'treasurer-bandai', { ...ch, amount: 1_000_000, disclose: { name: true, amount: true } });
  nameOnly = await paid('company-yokoze', 'treasurer-bandai', { ...ch, amount: 700_000, disclose: { name: true, amount: false } });
  anonymous = await paid('company1', 'treasurer-bandai', { ...ch, amount: 300_000, disclose: { name: false, amount: true } });
  unpaid = await pledge('company-yokoze', { ...ch, amount: 5_000_000, disclose: { name: true, amount: true } });
});

describe('disclosure on the challenge and the fund', () => {
  it('lists only consenting companies, amounts only where consented, anonymous ones in the totals', async () => {
    const r = await p.api('GET', '/api/challenges/bandai-aizu-heritage/corporate-donors');
    expect(r.status).toBe(200);
    expect(r.json.years).toHaveLength(1);
    const y = r.json.years[0];
    expect(y.fiscalYear).toBe(fy);
    expect(y.donors).toEqual([{ name: '株式会社共創テック', amount: 1_000_000 }, { name: '横瀬林業株式会社' }]);
    expect(y.anonymousCount).toBe(1);
    expect(y.anonymousTotal).toBe(1_000_000); // 700,000 (name only) + 300,000 (anonymous)
    expect(y.count).toBe(3);
    expect(y.total).toBe(2_000_000); // the unpaid pledge is not money received
    expect(JSON.stringify(r.json)).not.toContain('700000');
  });

  it('the public ledger names a company only when both name and amount may be published', async () => {
    const r = await p.api('GET', '/api/challenges/bandai-aizu-heritage/ledger');
    expect(r.status).toBe(200);
    const corporate = r.json.movements.filter((m: { channel: string }) => m.channel === 'corporate');
    expect(corporate).toHaveLength(3);
    const byName = corporate.filter((m: { counterpart?: string }) => m.counterpart);
    expect(byName).toEqual([expect.objectContaining({ counterpart: '株式会社共創テック', amount: 1_000_000 })]);
    expect(JSON.stringify(r.json)).not.toContain('横瀬林業');
  });

  it('shows corporate money in the challenge total', async () => {
    const r = await p.api('GET', '/api/challenges/bandai-aizu-heritage');
    expect(r.json.raised).toBe(2_000_000);
    expect(r.json.donorCount).toBe(3);
  });

  it('discloses fund donors across the member towns’ shares', async () => {
    await paid('company1', 'treasurer-ama', { fundId: 'kyoso-kikin', receivingTown: AMA, amount: 400_000, disclose: { name: true, amount: true } });
    await paid('company-yokoze', 'treasurer-bandai', { fundId: 'kyoso-kikin', receivingTown: BANDAI, amount: 600_000, disclose: { name: false, amount: false } });
    const r = await p.api('GET', '/api/funds/kyoso-kikin/corporate-donors');
    expect(r.status).toBe(200);
    expect(r.json.years[0]).toMatchObject({ donors: [{ name: '株式会社共創テック', amount: 400_000 }], anonymousCount: 1, anonymousTotal: 600_000, count: 2, total: 1_000_000 });
    expect((await p.api('GET', '/api/funds/no-such-fund/corporate-donors')).status).toBe(404);
    expect((await p.api('GET', '/api/challenges/yokoze-forest-school/corporate-donors')).json.years).toEqual([]);
  });

  it('shows on the public challenge and fund pages, in Japanese and English', async () => {
    const html = await (await p.app.request('/challenges/bandai-aizu-heritage')).text();
    const section = html.slice(html.indexOf('id="corporate-donors"'), html.indexOf('id="ledger"'));
    expect(section).toContain('企業版ふるさと納税による寄附');
    expect(section).toContain('株式会社共創テック');
    expect(section).toContain('¥1,000,000');
    expect(section).toContain('横瀬林業株式会社');
    expect(section).toContain('非公表');
    expect(section).toContain('匿名の寄附 1件');
    expect(section).not.toContain('¥700,000');
    const en = await (await p.app.request('/funds/kyoso-kikin', { headers: { cookie: 'lang=en' } })).text();
    expect(en).toContain('Corporate-version donations');
    expect(en).toContain(`FY${fy}`);
    expect(en).toContain('¥400,000');
  });
});

describe('the company’s records', () => {
  it('a CSV for the accountant: UTF-8 with BOM, one row per pledge of the fiscal year, receipt numbers', async () => {
    const token = await p.tokenFor('company1');
    const res = await p.app.request(`/api/companies/me/pledges.csv?fy=${fy}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    expect(res.headers.get('content-disposition')).toContain(`fy${fy}`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toContain('受領証番号');
    expect(lines).toHaveLength(1 + 3); // two challenge pledges and one fund pledge of company1
    expect(lines.filter((l) => /C\d{4}-\d{6}-\d{5}/.test(l))).toHaveLength(3);
    expect(text).not.toContain('横瀬林業');
    const empty = await p.api('GET', '/api/companies/me/pledges.csv?fy=2019', { user: 'company1' });
    expect(empty.text.trim().split('\r\n')).toHaveLength(1);
    expect((await p.api('GET', '/api/companies/me/pledges.csv', { user: 'treasurer-bandai' })).status).toBe(403);
  });

  it('listPledges for the treasurer’s exports filters by town, company and fiscal year', async () => {
    const bandai = await listPledges(p.db, { town: BANDAI });
    expect(bandai.map((x) => x.id)).toEqual(expect.arrayContaining([named, nameOnly, anonymous, unpaid]));
    expect(bandai.every((x) => x.receivingTown === BANDAI)).toBe(true);
    const mine = await listPledges(p.db, { companyId: 'company-yokoze', fiscalYear: fy });
    expect(mine.every((x) => x.companyId === 'company-yokoze' && x.fiscalYear === fy)).toBe(true);
    expect(mine.map((x) => x.id)).toEqual(expect.arrayContaining([nameOnly, unpaid]));
    const all = await listPledges(p.db, {});
    expect(all.length).toBeGreaterThanOrEqual(6);
    expect(all.filter((x) => x.status === 'paid').every((x) => x.entryId === `pledge:${x.id}:received` && x.receiptNumber)).toBe(true);
  });

  it('the treasurer lists their town’s pledges through the API; others’ towns are refused', async () => {
    const r = await p.api('GET', `/api/corporate-pledges?town=${BANDAI}`, { user: 'treasurer-bandai' });
    expect(r.status).toBe(200);
    expect(r.json.pledges.every((x: { receivingTown: string }) => x.receivingTown === BANDAI)).toBe(true);
    expect((await p.api('GET', `/api/corporate-pledges?town=${BANDAI}`, { user: 'treasurer-yokoze' })).status).toBe(403);
  });
});

describe('regional plans', () => {
  const plan = (over: Record<string, unknown> = {}) => ({
    name: '磐梯町デジタル田園都市推進計画',
    approvedOn: '2025-03-20',
    periodStart: '2025-04-01',
    periodEnd: '2028-03-31',
    projects: [{ name: '文化財デジタルアーカイブ事業', challengeIds: ['bandai-aizu-heritage'], fundIds: ['kyoso-kikin'] }],
    ...over,
  });

  it('the seed gives each town an approved plan: the two-town challenge through both, the fund through all three', async () => {
    const get = async (town: string) => (await p.api('GET', `/api/towns/${town}/regional-plans`)).json.plans[0];
    const [y, b, a] = await Promise.all([get(YOKOZE), get(BANDAI), get(AMA)]);
    expect(y.projects[0].challengeIds).toEqual(expect.arrayContaining(['yokoze-bandai-dx', 'yokoze-forest-school']));
    expect(b.projects[0].challengeIds).toEqual(expect.arrayContaining(['yokoze-bandai-dx', 'bandai-aizu-heritage']));
    expect(a.projects[0].challengeIds).toEqual(['ama-island-study']);
    for (const x of [y, b, a]) {
      expect(x.projects[0].fundIds).toEqual(['kyoso-kikin']);
      expect(x.current).toBe(true);
      expect(x.periodEnd).toBe('2028-03-31');
    }
  });

  it('the town’s treasurer or the admin registers a plan; other towns’ treasurers and companies may not', async () => {
    for (const user of ['treasurer-yokoze', 'company1']) expect((await p.api('POST', `/api/towns/${BANDAI}/regional-plans`, { user, body: plan() })).status, user).toBe(403);
    expect((await p.api('POST', `/api/towns/${BANDAI}/regional-plans`, { body: plan() })).status).toBe(401);
    const ok = await p.api('POST', `/api/towns/${BANDAI}/regional-plans`, { user: 'treasurer-bandai', body: plan() });
    expect(ok.status, ok.text).toBe(201);
    expect(ok.json).toMatchObject({ town: BANDAI, current: true, version: 1 });
    expect((await p.api('POST', `/api/towns/${AMA}/regional-plans`, { user: 'admin', body: plan({ projects: [{ name: '島の事業', challengeIds: ['ama-island-study'], fundIds: [] }] }) })).status).toBe(201);
    const list = await p.api('GET', `/api/towns/${BANDAI}/regional-plans`);
    expect(list.json.plans.map((x: { id: string }) => x.id)).toContain(ok.json.id);
  });

  it('refuses a plan that lists another town’s challenge, is not yet approved, or has its dates reversed', async () => {
    const other = await p.api('POST', `/api/towns/${BANDAI}/regional-plans`, { user: 'treasurer-bandai', body: plan({ projects: [{ name: 'x', challengeIds: ['yokoze-forest-school'], fundIds: [] }] }) });
    expect(other.status).toBe(422);
    expect(other.json.error.code).toBe('challenge_not_of_town');
    expect(other.json.error.details[0]).toMatchObject({ path: 'projects.0.challengeIds.0', code: 'challenge_not_of_town' });
    const future = await p.api('POST', `/api/towns/${BANDAI}/regional-plans`, { user: 'treasurer-bandai', body: plan({ approvedOn: '2099-01-01' }) });
    expect(future.status).toBe(422);
    expect(future.json.error.code).toBe('approval_in_future');
    const reversed = await p.api('POST', `/api/towns/${BANDAI}/regional-plans`, { user: 'treasurer-bandai', body: plan({ periodStart: '2027-04-01', periodEnd: '2026-03-31' }) });
    expect(reversed.status).toBe(400);
    expect(reversed.json.error.details.map((d: { code: string }) => d.code)).toContain('period_reversed');
    const badDate = await p.api('POST', `/api/towns/${BANDAI}/regional-plans`, { user: 'treasurer-bandai', body: plan({ approvedOn: '2025-02-30' }) });
    expect(badDate.status).toBe(400);
  });
});
