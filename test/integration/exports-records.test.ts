/**
 * The donation and one-stop exports carry what the donation records hold (donor, receipt number,
 * one-stop state) while their rows and totals still come from the ledger.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { jstYear } from '../../functions/domain/jst.js';
import { testPlatform } from '../support/platform.js';
import { body, paidDonation, type Platform } from './donations-helpers.js';

let p: Platform;
const YOKOZE = '113611';

async function rows(path: string): Promise<Record<string, string>[]> {
  const res = await p.app.request(path, { headers: { authorization: `Bearer ${await p.tokenFor('treasurer-yokoze')}` } });
  expect(res.status).toBe(200);
  const bytes = Buffer.from(await res.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parseCsv(bytes.subarray(3).toString('utf8'), { columns: true }) as Record<string, string>[];
}

beforeAll(async () => {
  p = await testPlatform();
  await paidDonation(p, body({ challengeId: 'yokoze-forest-school', amount: 30_000, oneStop: true }, { name: '横瀬 花子', nameKana: 'ヨコゼ ハナコ', email: 'hanako@example.jp' }));
  await paidDonation(p, body({ challengeId: 'yokoze-forest-school', amount: 5_000, oneStop: false }, { name: '秩父 次郎', nameKana: 'チチブ ジロウ', email: 'jiro@example.jp' }));
});

describe('exports completed from the donation records', () => {
  it('donations list every paid donation with donor and receipt number; totals equal the ledger', async () => {
    const year = jstYear(new Date());
    const list = await rows(`/api/towns/${YOKOZE}/exports/donations.csv?year=${year}&basis=calendar`);
    expect(list.map((r) => r['寄附者氏名']).sort()).toEqual(['横瀬 花子', '秩父 次郎']);
    for (const r of list) expect(r['受領証明書番号']).toMatch(new RegExp(`^${year}-${YOKOZE}-\\d+$`));
    expect(list.reduce((a, r) => a + Number(r['金額']), 0)).toBe(35_000);
    const ledger = await p.api('GET', '/api/challenges/yokoze-forest-school');
    expect(ledger.json.raised).toBe(35_000);
  });

  it('one-stop lists only donors who asked for the form, with what the form needs', async () => {
    const year = jstYear(new Date());
    const list = await rows(`/api/towns/${YOKOZE}/exports/one-stop.csv?year=${year}&basis=calendar`);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ 寄附者氏名: '横瀬 花子', フリガナ: 'ヨコゼ ハナコ', 郵便番号: '3680072', 寄附金額: '30000' });
  });
});
