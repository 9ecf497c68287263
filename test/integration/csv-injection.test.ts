/**
 * CSV formula injection (OWASP): whatever a donor or a company types, a cell that a spreadsheet would read
 * as a formula (`=`, `+`, `-`, `@`, tab, CR at the start) reaches every CSV the platform writes with a
 * leading `'`, while yen amounts (negative reversals too) stay numbers. Each export that shows such a
 * field is downloaded through its HTTP route and parsed.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { fiscalYear, jstDate, jstYear } from '../../functions/domain/jst.js';
import { getDonation } from '../../functions/store/donations.js';
import { keys } from '../../functions/store/keys.js';
import { testPlatform } from '../support/platform.js';
import { body, paidDonation, type Platform } from './donations-helpers.js';

const YOKOZE = '113611';
const BANDAI = '074071';
const EVIL = '=HYPERLINK("http://evil.example","x")';
const NAME = '-共創 悪太郎';

let p: Platform;

/** The file's rows as objects by header, after checking the UTF-8 BOM (or decoding Shift_JIS). */
async function csvRows(path: string, user: string, encoding: 'utf8' | 'sjis' = 'utf8'): Promise<Record<string, string>[]> {
  const res = await p.app.request(path, { headers: { authorization: `Bearer ${await p.tokenFor(user)}`, 'accept-language': 'ja' } });
  expect(res.status, path).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
  const bytes = Buffer.from(await res.arrayBuffer());
  let text: string;
  if (encoding === 'sjis') text = iconv.decode(bytes, 'cp932');
  else {
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    text = bytes.subarray(3).toString('utf8');
  }
  return parse(text, { columns: true }) as Record<string, string>[];
}

/** No cell of the file starts with a formula character. */
function noFormula(rows: Record<string, string>[]) {
  for (const r of rows) for (const [k, v] of Object.entries(r)) expect(v, `${k} = ${v}`).not.toMatch(/^[=+@\t\r]|^-(?!\d)/);
}

let evilId: string;
beforeAll(async () => {
  p = await testPlatform();
  const evil = await paidDonation(p, body({ challengeId: 'yokoze-forest-school', amount: 7_000, oneStop: true }, { name: NAME, address: EVIL, email: 'evil@example.jp' }));
  evilId = evil.donationId;
  // A second one refunded: its reversal row carries a negative amount that must stay a number.
  const refunded = await paidDonation(p, body({ challengeId: 'yokoze-forest-school', amount: 3_000, oneStop: false }, { name: '秩父 次郎', email: 'jiro@example.jp' }));
  const r = await p.api('POST', `/api/donations/${refunded.donationId}/refund`, { user: 'treasurer-yokoze', body: { reason: '寄附者の申し出による' } });
  expect(r.status, r.text).toBe(200);
});

describe('donor input in the treasurer exports and the one-stop list', () => {
  it('a donor who typed an address and name the validation lets through (=HYPERLINK…, -…) is stored as typed', async () => {
    expect((await getDonation(p.db, evilId))!.donor).toMatchObject({ name: NAME, address: EVIL });
  });

  it('names starting with @ or + never get as far as a file: the donation form refuses them', async () => {
    for (const name of ['@共創', '+共創']) {
      const r = await p.api('POST', '/api/donations', { body: body({}, { name }) });
      expect(r.status, name).toBe(400);
    }
  });

  it('treasurer donations export (UTF-8 and Shift_JIS): address, donor name and public name neutralised; amounts numeric, the reversal negative', async () => {
    const year = jstYear(new Date());
    for (const encoding of ['utf8', 'sjis'] as const) {
      const rows = await csvRows(`/api/towns/${YOKOZE}/exports/donations.csv?year=${year}&basis=calendar${encoding === 'sjis' ? '&encoding=sjis' : ''}`, 'treasurer-yokoze', encoding);
      const evil = rows.find((r) => r['住所']?.includes('HYPERLINK'))!;
      expect(evil['住所']).toBe(`'${EVIL}`);
      expect(evil['寄附者氏名']).toBe(`'${NAME}`);
      expect(evil['公開名']).toBe(`'${NAME}`);
      expect(evil['金額']).toBe('7000');
      expect(rows.map((r) => r['金額']).sort()).toEqual(['-3000', '3000', '7000']);
      noFormula(rows);
    }
  });

  it('treasurer receipts export', async () => {
    const rows = await csvRows(`/api/towns/${YOKOZE}/exports/receipts.csv?year=${jstYear(new Date())}&basis=calendar`, 'treasurer-yokoze');
    const evil = rows.find((r) => r['住所']?.includes('HYPERLINK'))!;
    expect(evil['住所']).toBe(`'${EVIL}`);
    expect(evil['寄附者氏名']).toBe(`'${NAME}`);
    expect(rows.map((r) => r['金額']).sort()).toEqual(['-3000', '3000', '7000']);
    noFormula(rows);
  });

  it('treasurer one-stop export', async () => {
    const rows = await csvRows(`/api/towns/${YOKOZE}/exports/one-stop.csv?year=${jstYear(new Date())}&basis=calendar`, 'treasurer-yokoze');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ 住所: `'${EVIL}`, 寄附者氏名: `'${NAME}`, 寄附金額: '7000' });
    noFormula(rows);
  });

  it('the one-stop list as CSV', async () => {
    const rows = await csvRows(`/api/towns/${YOKOZE}/one-stop.csv?year=${jstYear(new Date())}`, 'treasurer-yokoze');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ 住所: `'${EVIL}`, 氏名: `'${NAME}`, 寄附金額: '7000', 寄附番号: evilId });
    noFormula(rows);
  });
});

describe('company input in the pledge CSVs', () => {
  it('the treasurer’s corporate pledges export and the company’s own CSV neutralise a company name, plan and project that start with = + @', async () => {
    // The company's registered name as its profile holds it (the pledge copies it for the receipt).
    await p.db.doc.send(new UpdateCommand({ TableName: p.table, Key: keys.company('company-yokoze'), UpdateExpression: 'SET #n = :n', ExpressionAttributeNames: { '#n': 'name' }, ExpressionAttributeValues: { ':n': EVIL } }));
    const created = await p.api('POST', '/api/corporate-pledges', { user: 'company-yokoze', body: { challengeId: 'yokoze-bandai-dx', receivingTown: BANDAI, amount: 300_000, noEconomicBenefit: true, disclose: { name: true, amount: true } } });
    expect(created.status, created.text).toBe(201);
    const id = created.json.pledgeId as string;
    await p.db.doc.send(
      new UpdateCommand({ TableName: p.table, Key: keys.pledge(id), UpdateExpression: 'SET planName = :p, projectName = :j', ExpressionAttributeValues: { ':p': '+cmd|/c calc', ':j': '@SUM(1+1)' } }),
    );
    const today = jstDate(new Date());
    const paid = await p.api('POST', `/api/corporate-pledges/${id}/confirm-payment`, { user: 'treasurer-bandai', body: { receivedOn: today, amount: 300_000 } });
    expect(paid.status, paid.text).toBe(200);

    const town = await csvRows(`/api/towns/${BANDAI}/exports/corporate-pledges.csv?year=${fiscalYear(today)}&basis=fiscal`, 'treasurer-bandai');
    const row = town.find((r) => r['法人名']?.includes('HYPERLINK'))!;
    expect(row['法人名']).toBe(`'${EVIL}`);
    expect(row['企業名(公開同意時)']).toBe(`'${EVIL}`);
    expect(row['金額']).toBe('300000');
    noFormula(town);

    const mine = await csvRows(`/api/companies/me/pledges.csv?fy=${fiscalYear(today)}`, 'company-yokoze');
    const own = mine.find((r) => Object.values(r).includes(id))!;
    const cell = (label: string) => own[Object.keys(own).find((k) => k.startsWith(`${label} /`))!];
    expect(cell('地域再生計画')).toBe(`'+cmd|/c calc`);
    expect(cell('計画上の事業')).toBe(`'@SUM(1+1)`);
    expect(cell('寄附額')).toBe('300000');
    noFormula(mine);
  });
});
