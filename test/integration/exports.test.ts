/**
 * Files treasurers download, through the HTTP routes: the 全銀 総合振込 file compared byte for byte with
 * a hand-written expectation, and the CSV exports (columns, UTF-8 with BOM and Shift_JIS, periods) with
 * their totals checked against the ledger.
 */
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { accounts } from '../../functions/domain/ledger/accounts.js';
import { transfer } from '../../functions/domain/ledger/entry.js';
import { fiscalYear, jstDate } from '../../functions/domain/jst.js';
import { auditRecords } from '../../functions/store/audit.js';
import { approveAllocation, proposeAllocation } from '../../functions/services/allocations.js';
import type { Db } from '../../functions/store/db.js';
import { allPostings, postEntry, reverseEntry } from '../../functions/store/ledger.js';
import { testPlatform } from '../support/platform.js';
import { ctxOf, treasurer } from './treasury-helpers.js';

const YOKOZE = '113611';
const BANDAI = '074071';
const DX = 'yokoze-bandai-dx';
const FOREST = 'yokoze-forest-school';

type P = Awaited<ReturnType<typeof testPlatform>>;

async function fundChallenge(db: Db, amount: number) {
  const y = treasurer('treasurer-yokoze', YOKOZE);
  const b = treasurer('treasurer-bandai', BANDAI);
  const a = await proposeAllocation(ctxOf(db), y, { fundId: 'kyoso-kikin', challengeId: DX, draws: [{ town: YOKOZE, amount: amount / 2 }, { town: BANDAI, amount: amount / 2 }] });
  await approveAllocation(ctxOf(db), b, a.id);
  await approveAllocation(ctxOf(db), y, a.id);
}

async function scheduled(pl: P, amount: number, payee: Record<string, string>, paymentDate: string): Promise<string> {
  const r = await pl.api('POST', '/api/disbursements', { user: 'company1', body: { challengeId: DX, amount, milestone: 'マイルストーン', invoiceNumber: `INV-${amount}`, payee } });
  expect(r.status).toBe(201);
  const id = r.json.disbursementId;
  await pl.api('POST', `/api/disbursements/${id}/approve`, { user: 'treasurer-yokoze', body: { paymentDate } });
  expect((await pl.api('POST', `/api/disbursements/${id}/approve`, { user: 'treasurer-yokoze-2', body: { paymentDate } })).json.status).toBe('scheduled');
  return id;
}

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const parseCsv = (text: string): string[][] => parse(text, { relaxQuotes: false }) as string[][];

describe('全銀 総合振込 file through the HTTP route', () => {
  let p: P;
  const today = jstDate(new Date());
  const payDay = addDays(today, 7);
  const ids: string[] = [];

  beforeAll(async () => {
    p = await testPlatform();
    await fundChallenge(p.db, 2_000_000);
    const set = await p.api('PUT', `/api/towns/${YOKOZE}/bank-account`, {
      user: 'treasurer-yokoze',
      body: { bankCode: '0001', bankNameKana: 'ミズホ', branchCode: '123', branchNameKana: 'ヨコゼ', accountType: 'ordinary', accountNumber: '7654321', requesterCode: '1234567890', requesterNameKana: 'ヨコゼマチ' },
    });
    expect(set.status).toBe(200);
    expect(set.json).toMatchObject({ bankNameKana: 'ﾐｽﾞﾎ', branchNameKana: 'ﾖｺｾﾞ', requesterNameKana: 'ﾖｺｾﾞﾏﾁ' });
    ids.push(await scheduled(p, 300_000, { bankCode: '0001', branchCode: '001', accountType: 'ordinary', accountNumber: '1234567', holderKana: 'カ）キョウソウテック' }, payDay));
    ids.push(await scheduled(p, 125_000, { bankCode: '0005', branchCode: '250', accountType: 'current', accountNumber: '0012345', holderKana: 'ヤマダ　ハナコ' }, payDay));
    // Neither a transfer on another day nor one still awaiting approval belongs in the file.
    await scheduled(p, 7_000, { bankCode: '0009', branchCode: '111', accountType: 'ordinary', accountNumber: '7777777', holderKana: 'ホカノヒ' }, addDays(payDay, 1));
    await p.api('POST', '/api/disbursements', { user: 'company1', body: { challengeId: DX, amount: 9_000, milestone: 'm', invoiceNumber: 'i', payee: { bankCode: '0009', branchCode: '111', accountType: 'ordinary', accountNumber: '7777777', holderKana: 'ミショウニン' } } });
  });

  it('matches the expected bytes: 120-byte records, half-width kana in Shift_JIS, trailer totals', async () => {
    const res = await p.app.request(`/api/towns/${YOKOZE}/zengin?date=${payDay}`, { headers: { authorization: `Bearer ${await p.tokenFor('treasurer-yokoze')}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=Shift_JIS');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="zengin-${YOKOZE}-${payDay.replaceAll('-', '')}.txt"`);
    const bytes = Buffer.from(await res.arrayBuffer());

    const mmdd = payDay.slice(5, 7) + payDay.slice(8, 10);
    const pad = (s: string, n: number) => s.padEnd(n, ' ');
    const expected = [
      // header: 1 | 21 総合振込 | 0 JIS | 依頼人コード | 依頼人名 | 取組日 | 仕向銀行 | 支店 | 種目 | 口座 | ダミー
      '1' + '21' + '0' + '1234567890' + pad('ﾖｺｾﾞﾏﾁ', 40) + mmdd + '0001' + pad('ﾐｽﾞﾎ', 15) + '123' + pad('ﾖｺｾﾞ', 15) + '1' + '7654321' + ' '.repeat(17),
      // data: 2 | 銀行 | 銀行名 | 支店 | 支店名 | 交換所 | 種目 | 口座 | 受取人 | 金額 | 新規 | 顧客1 | 顧客2 | 電信 | 識別 | ダミー
      '2' + '0001' + ' '.repeat(15) + '001' + ' '.repeat(15) + ' '.repeat(4) + '1' + '1234567' + pad('ｶ)ｷﾖｳｿｳﾃﾂｸ', 30) + '0000300000' + '0' + ' '.repeat(20) + '7' + ' ' + ' '.repeat(7),
      '2' + '0005' + ' '.repeat(15) + '250' + ' '.repeat(15) + ' '.repeat(4) + '2' + '0012345' + pad('ﾔﾏﾀﾞ ﾊﾅｺ', 30) + '0000125000' + '0' + ' '.repeat(20) + '7' + ' ' + ' '.repeat(7),
      // trailer: 8 | 件数 | 合計金額 | ダミー
      '8' + '000002' + '000000425000' + ' '.repeat(101),
      '9' + ' '.repeat(119),
    ];
    for (const r of expected) expect(r).toHaveLength(120);
    expect(bytes.equals(iconv.encode(expected.join('\r\n'), 'Shift_JIS'))).toBe(true);
    expect(bytes.length).toBe(5 * 120 + 4 * 2);
    // Half-width kana are single bytes: ｶ = 0xB6, ﾞ = 0xDE.
    expect(bytes[122 + 50]).toBe(0xb6);
    expect(bytes.subarray(0, 120).includes(0xde)).toBe(true);
    const audit = (await auditRecords(p.db, `town:${YOKOZE}`)).find((a) => a.action === 'zengin.export');
    expect(audit).toMatchObject({ actor: 'treasurer-yokoze', after: { date: payDay, count: 2, total: 425_000, disbursements: ids } });
  });

  it('only the town’s own treasurers; needs the bank account and something to pay', async () => {
    expect((await p.api('GET', `/api/towns/${YOKOZE}/zengin?date=${payDay}`, { user: 'treasurer-bandai' })).status).toBe(403);
    expect((await p.api('GET', `/api/towns/${YOKOZE}/zengin?date=${payDay}`, { user: 'company1' })).status).toBe(403);
    expect((await p.api('GET', `/api/towns/${YOKOZE}/zengin?date=${payDay}`)).status).toBe(401);
    expect((await p.api('GET', `/api/towns/${YOKOZE}/zengin?date=2026-02-30`, { user: 'treasurer-yokoze' })).status).toBe(400);
    const none = await p.api('GET', `/api/towns/${YOKOZE}/zengin?date=${addDays(payDay, 30)}`, { user: 'treasurer-yokoze' });
    expect(none.status).toBe(404);
    expect(none.json.error.code).toBe('no_transfers');
    const noAccount = await p.api('GET', `/api/towns/${BANDAI}/zengin?date=${payDay}`, { user: 'treasurer-bandai' });
    expect(noAccount.status).toBe(422);
    expect(noAccount.json.error.code).toBe('no_bank_account');
    const badKana = await p.api('PUT', `/api/towns/${BANDAI}/bank-account`, {
      user: 'treasurer-bandai',
      body: { bankCode: '0001', bankNameKana: '瑞穂', branchCode: '123', branchNameKana: 'バンダイ', accountType: 'ordinary', accountNumber: '7654321', requesterCode: '1234567890', requesterNameKana: 'バンダイマチ' },
    });
    expect(badKana.status).toBe(400);
    expect(badKana.json.error.details[0].path).toBe('bankNameKana');
    expect((await p.api('PUT', `/api/towns/${YOKOZE}/bank-account`, { user: 'treasurer-bandai', body: {} })).status).toBe(400);
  });
});

describe('CSV exports', () => {
  let p: P;
  const today = jstDate(new Date());
  const fy = fiscalYear(today);
  const get = (path: string, headers: Record<string, string> = {}) =>
    p.tokenFor('treasurer-yokoze').then((t) => p.app.request(path, { headers: { authorization: `Bearer ${t}`, ...headers } }));
  const csv = async (path: string, headers: Record<string, string> = {}) => {
    const res = await get(path, headers);
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    return { res, bytes };
  };
  const utf8Rows = (bytes: Buffer) => {
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    return parseCsv(bytes.subarray(3).toString('utf8'));
  };
  const sum = (rows: string[][], col: string, where: (r: Record<string, string>) => boolean = () => true) => {
    const [head, ...body] = rows;
    return body.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i]!]))).filter(where).reduce((a, r) => a + Number(r[col]), 0);
  };

  beforeAll(async () => {
    p = await testPlatform();
    const base = (id: string, date: string, channel: 'individual' | 'corporate', counterpart?: string) => ({ id, date, memo: `寄附, テスト "${id}"`, channel, town: YOKOZE, counterpart });
    await postEntry(p.db, transfer(base('donation:d1:paid', '2026-05-10', 'individual', '山田 太郎'), accounts.clearing(YOKOZE), accounts.challengeAvailable(FOREST), 10_000));
    await postEntry(p.db, transfer(base('donation:d2:paid', '2026-06-01', 'individual'), accounts.clearing(YOKOZE), accounts.challengeAvailable(FOREST), 5_000));
    await reverseEntry(p.db, 'donation:d2:paid', '2026-06-03', 'refund');
    await postEntry(p.db, transfer(base('donation:d0:paid', '2026-03-31', 'individual', '髙橋 一郎'), accounts.clearing(YOKOZE), accounts.challengeAvailable(FOREST), 2_000));
    await postEntry(p.db, transfer(base('pledge:c1:received', '2026-07-15', 'corporate', '株式会社共創テック'), accounts.bank(YOKOZE), accounts.challengeAvailable(FOREST), 1_000_000));
    // A payout from Stripe moves money between the town's own accounts: it is not a donation.
    await postEntry(p.db, transfer({ id: 'payout:x', date: '2026-06-10', memo: 'payout', channel: 'individual', town: YOKOZE }, accounts.bank(YOKOZE), accounts.clearing(YOKOZE), 7_000));
    await fundChallenge(p.db, 600_000);
    const other = await proposeAllocation(ctxOf(p.db), treasurer('treasurer-yokoze', YOKOZE), { fundId: 'kyoso-kikin', challengeId: DX, draws: [{ town: YOKOZE, amount: 1_234 }] });
    expect(other.status).toBe('proposed');
    const id = await scheduled(p, 40_000, { bankCode: '0001', branchCode: '001', accountType: 'ordinary', accountNumber: '1234567', holderKana: 'ｶ)ｷﾖｳｿｳﾃﾂｸ' }, today);
    await p.api('POST', `/api/disbursements/${id}/paid`, { user: 'treasurer-yokoze', body: { paidOn: today } });
    await scheduled(p, 5_000, { bankCode: '0001', branchCode: '001', accountType: 'ordinary', accountNumber: '1234567', holderKana: 'ｶ)ｷﾖｳｿｳﾃﾂｸ' }, today);
  });

  it('donations: UTF-8 with BOM, Japanese columns, fiscal year April–March, totals equal the ledger', async () => {
    const { res, bytes } = await csv(`/api/towns/${YOKOZE}/exports/donations.csv?year=2026&basis=fiscal&encoding=utf8`);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${YOKOZE}-donations-fy2026.csv"`);
    const rows = utf8Rows(bytes);
    expect(rows[0]!.slice(0, 7)).toEqual(['受領日', '寄附ID', '区分', '金額', '公開名', '仕訳ID', '摘要']);
    expect(rows[0]).toContain('寄附者氏名');
    expect(rows.slice(1).map((r) => [r[0], r[1], r[2], r[3], r[4]])).toEqual([
      ['2026-05-10', 'd1', 'receipt', '10000', '山田 太郎'],
      ['2026-06-01', 'd2', 'receipt', '5000', ''],
      ['2026-06-03', 'd2', 'reversal', '-5000', ''],
    ]);
    expect(rows[1]![6]).toBe('寄附, テスト "donation:d1:paid"');
    const ledger = (await allPostings(p.db, accounts.clearing(YOKOZE)))
      .filter((r) => r.channel === 'individual' && r.entryId.startsWith('donation:') && r.date >= '2026-04-01' && r.date <= '2027-03-31')
      .reduce((a, r) => a + r.delta, 0);
    expect(sum(rows, '金額')).toBe(ledger);
    expect(ledger).toBe(10_000);
    const calendar = utf8Rows((await csv(`/api/towns/${YOKOZE}/exports/donations.csv?year=2026&basis=calendar`)).bytes);
    expect(calendar.slice(1).map((r) => r[1])).toEqual(['d0', 'd1', 'd2', 'd2']);
  });

  it('Shift_JIS decodes to exactly the same rows (no BOM); English headers on request', async () => {
    const utf8 = (await csv(`/api/towns/${YOKOZE}/exports/donations.csv?year=2026&basis=calendar&encoding=utf8`)).bytes;
    const { res, bytes } = await csv(`/api/towns/${YOKOZE}/exports/donations.csv?year=2026&basis=calendar&encoding=sjis`);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=Shift_JIS');
    expect(bytes[0]).not.toBe(0xef);
    expect(iconv.decode(bytes, 'Shift_JIS')).toBe(utf8.subarray(3).toString('utf8'));
    expect(bytes.includes(Buffer.from('受領日', 'utf8'))).toBe(false);
    expect(bytes.includes(iconv.encode('受領日', 'Shift_JIS'))).toBe(true);
    // 髙 is outside JIS X 0208 but in CP932, which is what Excel in Japan reads.
    expect(iconv.decode(bytes, 'cp932')).toContain('髙橋 一郎');
    const en = parseCsv((await csv(`/api/towns/${YOKOZE}/exports/donations.csv?year=2026&basis=calendar`, { 'accept-language': 'en' })).bytes.subarray(3).toString('utf8'));
    expect(en[0]!.slice(0, 8)).toEqual(['received_on', 'donation_id', 'kind', 'amount', 'public_name', 'entry_id', 'memo', 'donor_name']);
  });

  it('receipts, one-stop and corporate pledges have their columns; corporate totals equal the bank’s corporate inflow', async () => {
    const receipts = utf8Rows((await csv(`/api/towns/${YOKOZE}/exports/receipts.csv?year=2026&basis=fiscal`)).bytes);
    expect(receipts[0]).toEqual(['受領日(証明日付)', '寄附ID', '区分', '金額', '公開名', '仕訳ID', '受領証明書番号', '寄附者氏名', '住所', '寄附の使途', '無効']);
    expect(receipts).toHaveLength(4);
    const oneStop = utf8Rows((await csv(`/api/towns/${YOKOZE}/exports/one-stop.csv?year=2026&basis=calendar`)).bytes);
    expect(oneStop[0]).toEqual(['寄附日', '寄附ID', '区分', '寄附金額', '公開名', '仕訳ID', '寄附者氏名', 'フリガナ', '郵便番号', '住所', '受領証明書番号', '申請書受付日']);
    // Ledger rows without a donation record asking for the form are not one-stop requests.
    expect(oneStop).toHaveLength(1);
    const corp = utf8Rows((await csv(`/api/towns/${YOKOZE}/exports/corporate-pledges.csv?year=2026&basis=fiscal`)).bytes);
    expect(corp[0]!.slice(0, 7)).toEqual(['受領日', '寄附ID', '区分', '金額', '企業名(公開同意時)', '仕訳ID', '摘要']);
    expect(corp[0]).toContain('法人番号');
    expect(corp.slice(1).map((r) => [r[0], r[1], r[3], r[4]])).toEqual([['2026-07-15', 'c1', '1000000', '株式会社共創テック']]);
    const ledger = (await allPostings(p.db, accounts.bank(YOKOZE))).filter((r) => r.channel === 'corporate' && r.date >= '2026-04-01' && r.date <= '2027-03-31').reduce((a, r) => a + r.delta, 0);
    expect(sum(corp, '金額')).toBe(ledger);
  });

  it('allocations and disbursements: approved / paid rows add up to the ledger movements of the period', async () => {
    const alloc = utf8Rows((await csv(`/api/towns/${YOKOZE}/exports/allocations.csv?year=${fy}&basis=fiscal`)).bytes);
    expect(alloc[0]!.slice(0, 10)).toEqual(['日付', '配分ID', '状態', '基金ID', '基金名', 'チャレンジID', 'チャレンジ名', '主幹町', '拠出町', '拠出額']);
    // Yokoze leads DX, so it sees both towns' draws of the joint allocation, and its open proposal.
    expect(alloc.slice(1).map((r) => [r[2], r[8], r[9]]).sort()).toEqual([
      ['approved', BANDAI, '300000'],
      ['approved', YOKOZE, '300000'],
      ['proposed', YOKOZE, '1234'],
    ]);
    const from = `${fy}-04-01`;
    const to = `${fy + 1}-03-31`;
    const shareOut = (await allPostings(p.db, accounts.fundShare('kyoso-kikin', YOKOZE))).filter((r) => r.channel === 'allocation' && r.date >= from && r.date <= to).reduce((a, r) => a - r.delta, 0);
    expect(sum(alloc, '拠出額', (r) => r['状態'] === 'approved' && r['拠出町'] === YOKOZE)).toBe(shareOut);
    // Bandai sees only its own draw.
    const bandaiRes = await p.app.request(`/api/towns/${BANDAI}/exports/allocations.csv?year=${fy}&basis=fiscal`, { headers: { authorization: `Bearer ${await p.tokenFor('treasurer-bandai')}` } });
    const bandai = parseCsv(Buffer.from(await bandaiRes.arrayBuffer()).subarray(3).toString('utf8'));
    expect(bandai.slice(1).map((r) => r[8])).toEqual([BANDAI]);

    const disb = utf8Rows((await csv(`/api/towns/${YOKOZE}/exports/disbursements.csv?year=${fy}&basis=fiscal&encoding=utf8`)).bytes);
    expect(disb[0]).toContain('請求書番号');
    expect(disb[0]).toContain('口座名義(カナ)');
    expect(disb.slice(1).map((r) => r[2]).sort()).toEqual(['paid', 'scheduled']);
    const bankOut = (await allPostings(p.db, accounts.bank(YOKOZE))).filter((r) => r.channel === 'disbursement' && r.date >= from && r.date <= to).reduce((a, r) => a - r.delta, 0);
    expect(sum(disb, '金額', (r) => r['状態'] === 'paid')).toBe(bankOut);
    expect(bankOut).toBe(40_000);
    const sjis = (await csv(`/api/towns/${YOKOZE}/exports/disbursements.csv?year=${fy}&basis=fiscal&encoding=sjis`)).bytes;
    expect(parseCsv(iconv.decode(sjis, 'Shift_JIS'))).toEqual(disb);
  });

  it('refuses other towns, bad kinds and bad years; audits each download', async () => {
    const r1 = await p.api('GET', `/api/towns/${YOKOZE}/exports/donations.csv?year=2026`, { user: 'treasurer-bandai' });
    expect(r1.status).toBe(403);
    expect((await p.api('GET', `/api/towns/${YOKOZE}/exports/donations.csv?year=2026`, { user: 'admin' })).status).toBe(403);
    expect((await p.api('GET', `/api/towns/${YOKOZE}/exports/secrets.csv?year=2026`, { user: 'treasurer-yokoze' })).status).toBe(400);
    expect((await p.api('GET', `/api/towns/${YOKOZE}/exports/donations.csv?year=twenty`, { user: 'treasurer-yokoze' })).status).toBe(400);
    expect((await p.api('GET', `/api/towns/${YOKOZE}/exports/donations.csv?year=2026&encoding=latin1`, { user: 'treasurer-yokoze' })).status).toBe(400);
    const audits = (await auditRecords(p.db, `town:${YOKOZE}`)).filter((a) => a.action === 'export.csv');
    expect(audits.length).toBeGreaterThan(5);
    expect(audits[0]).toMatchObject({ actor: 'treasurer-yokoze', target: `town:${YOKOZE}:export:donations` });
  });
});
