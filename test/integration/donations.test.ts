/**
 * POST /api/donations and what follows it, on DynamoDB Local through the real app: every rule refuses bad
 * input and writes nothing; Idempotency-Key; who may see a donation; one-stop count, form, treasurer list,
 * CSV and reminders; progress-mail opt-in.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { donationToken } from '../../functions/services/donation-links.js';
import { remindOneStopForms as remindWith } from '../../functions/services/one-stop.js';
import type { Db } from '../../functions/store/db.js';
import { scheduledTasks } from '../../functions/services/jobs/schedule.js';
import { townCheckDigit } from '../../functions/domain/municipality.js';
import { LOCAL_DONATION_LINK_SECRET } from '../../functions/payments/config.js';
import { auditRecords } from '../../functions/store/audit.js';
import { challengeItem, getChallenge, putFund, putTown } from '../../functions/store/catalog.js';
import { getDonation } from '../../functions/store/donations.js';
import { keys } from '../../functions/store/keys.js';
import { listMail } from '../../functions/store/outbox.js';
import { testPlatform } from '../support/platform.js';
import { body, donate, listAllDonations, paidDonation, snapshot, type Platform } from './donations-helpers.js';

const remindOneStopForms = (db: Db, now: Date) => remindWith({ db, now: () => now });

let p: Platform;
beforeAll(async () => {
  p = await testPlatform();
  // An open challenge whose deadline (JST) has passed but which the scheduled task has not closed yet.
  const ch = (await getChallenge(p.db, 'yokoze-forest-school'))!;
  await p.db.doc.send(new PutCommand({ TableName: p.table, Item: challengeItem({ ...ch, id: 'past-deadline', deadline: '2020-01-31', status: 'open' }) }));
  // Closed early by hand, deadline still ahead.
  await p.db.doc.send(new PutCommand({ TableName: p.table, Item: challengeItem({ ...ch, id: 'closed-early', status: 'closed' }) }));
});

/** Refused: the status, the code (top level and on the field), and not one item written. */
async function refused(b: unknown, status: number, code: string, fieldCode?: string, path?: string) {
  const before = await snapshot(p.db);
  const r = await p.api('POST', '/api/donations', { body: b });
  expect(r.status, r.text).toBe(status);
  expect(r.json.error.code).toBe(code);
  expect(r.json.error.message).toBeTruthy();
  if (fieldCode) expect(r.json.error.details).toContainEqual(expect.objectContaining({ code: fieldCode, ...(path ? { path } : {}) }));
  expect(await snapshot(p.db)).toEqual(before);
  return r.json;
}

describe('POST /api/donations', () => {
  it('creates a pending donation and a checkout; the receiving town defaults to the lead town', async () => {
    const r = await p.api('POST', '/api/donations', { body: body() });
    expect(r.status).toBe(201);
    expect(Object.keys(r.json).sort()).toEqual(['checkoutUrl', 'donationId', 'status']);
    expect(r.json.status).toBe('pending');
    const d = (await getDonation(p.db, r.json.donationId))!;
    expect(d).toMatchObject({ status: 'pending', receivingTown: '113611', amount: 10_000, oneStop: true, anonymous: false });
    expect(d.donor).toEqual({ name: '共創 太郎', nameKana: 'キョウソウ タロウ', email: 'taro@example.jp', postalCode: '3680072', address: '埼玉県秩父郡横瀬町大字横瀬4545' });
    const other = await donate(p, body({ receivingTown: '074071' }));
    expect((await getDonation(p.db, other.donationId))!.receivingTown).toBe('074071');
  });

  it('amount: whole yen from ¥2,000 to ¥10,000,000', async () => {
    await refused(body({ amount: 1_999 }), 400, 'validation_failed', 'amount_too_small', 'amount');
    await refused(body({ amount: 10_000_001 }), 400, 'validation_failed', 'amount_too_large', 'amount');
    await refused(body({ amount: 2_500.5 }), 400, 'validation_failed');
    await refused(body({ amount: '5000' }), 400, 'validation_failed');
    await donate(p, body({ amount: 2_000 }));
  });

  it('the challenge must be open and before its deadline (JST)', async () => {
    await refused(body({ challengeId: 'yokoze-ashigakubo-icicles' }), 422, 'challenge_closed');
    await refused(body({ challengeId: 'closed-early' }), 422, 'challenge_not_open');
    await refused(body({ challengeId: 'past-deadline' }), 422, 'challenge_closed');
    await refused(body({ challengeId: 'no-such-challenge' }), 422, 'unknown_challenge');
  });

  it('the receiving town must take part in the challenge, or be a member of the fund', async () => {
    await refused(body({ receivingTown: '325252' }), 422, 'town_not_in_challenge', 'town_not_in_challenge', 'receivingTown');
    await refused(body({ challengeId: undefined, fundId: 'kyoso-kikin' }), 422, 'required');
    await refused(body({ challengeId: undefined, fundId: 'kyoso-kikin', receivingTown: '131130' }), 422, 'town_not_in_fund');
    await refused(body({ receivingTown: '113612' }), 400, 'validation_failed');
  });

  it('donor fields: name, kana, email, postal code (7 digits), address, message ≤ 500', async () => {
    await refused(body({}, { name: '' }), 400, 'validation_failed', 'required', 'donor.name');
    await refused(body({}, { name: '太郎1' }), 400, 'validation_failed', 'invalid_name', 'donor.name');
    await refused(body({}, { nameKana: 'Taro Kyoso' }), 400, 'validation_failed', 'not_kana', 'donor.nameKana');
    await refused(body({}, { email: 'taro.example.jp' }), 400, 'validation_failed', 'invalid_email', 'donor.email');
    await refused(body({}, { postalCode: '368-007' }), 400, 'validation_failed', 'invalid_postal_code', 'donor.postalCode');
    await refused(body({}, { address: '  ' }), 400, 'validation_failed', 'required', 'donor.address');
    await refused(body({ message: 'あ'.repeat(501) }), 400, 'validation_failed', 'too_long', 'message');
    const ok = await donate(p, body({ message: 'がんばって' }, { postalCode: '3680072', nameKana: 'きょうそう たろう' }));
    expect((await getDonation(p.db, ok.donationId))!.donor).toMatchObject({ postalCode: '3680072', nameKana: 'キョウソウ タロウ' });
  });

  it('refuses a My Number anywhere, with a message saying the platform never stores it', async () => {
    const a = await refused({ ...body(), myNumber: '123456789012' }, 400, 'my_number_refused', 'my_number_refused', 'myNumber');
    expect(a.error.message).toMatch(/never accepts or stores/);
    await refused(body({}, { individualNumber: '1' }), 400, 'my_number_refused', 'my_number_refused', 'donor.individualNumber');
    await refused(body({ message: '番号 1234-5678-9012' }), 400, 'my_number_refused', 'my_number_refused', 'message');
    await refused(body({}, { address: '横瀬町123456789012' }), 400, 'my_number_refused', 'my_number_refused', 'donor.address');
  });

  it('the schema is strict and needs exactly one target', async () => {
    await refused({ ...body(), extra: 1 }, 400, 'validation_failed');
    await refused(body({}, { phone: '0312345678' }), 400, 'validation_failed');
    await refused(body({ fundId: 'kyoso-kikin' }), 400, 'validation_failed', 'target_ambiguous');
    await refused(body({ challengeId: undefined }), 400, 'validation_failed', 'target_required');
    const { anonymous: _a, ...noAnonymous } = body();
    await refused(noAnonymous, 400, 'validation_failed');
    const bad = await p.app.request('/api/donations', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"amount":' });
    expect(bad.status).toBe(400);
  });
});

describe('Idempotency-Key', () => {
  it('same key and body → the same 201 answer; same key, other body → 422 and nothing written', async () => {
    const key = `k-${Date.now()}`;
    const first = await p.api('POST', '/api/donations', { body: body({ amount: 3_000 }), headers: { 'idempotency-key': key } });
    const second = await p.api('POST', '/api/donations', { body: body({ amount: 3_000 }), headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.json).toEqual(first.json);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const before = await snapshot(p.db);
    const other = await p.api('POST', '/api/donations', { body: body({ amount: 4_000 }), headers: { 'idempotency-key': key } });
    expect(other.status).toBe(422);
    expect(other.json.error.code).toBe('idempotency_key_reused');
    expect(await snapshot(p.db)).toEqual(before);
  });

  it('the same key sent 6 times at once makes one donation', async () => {
    const count = (await listAllDonations(p.db)).length;
    const key = `concurrent-${Date.now()}`;
    const all = await Promise.all(Array.from({ length: 6 }, () => p.api('POST', '/api/donations', { body: body({ amount: 5_500 }), headers: { 'idempotency-key': key } })));
    expect(all.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(new Set(all.map((r) => JSON.stringify(r.json))).size).toBe(1);
    expect((await listAllDonations(p.db)).length).toBe(count + 1);
  });

  it('different bodies racing on one key: one donation, the others refused', async () => {
    const count = (await listAllDonations(p.db)).length;
    const key = `race-${Date.now()}`;
    const all = await Promise.all([2_000, 2_001, 2_002, 2_003].map((amount) => p.api('POST', '/api/donations', { body: body({ amount }), headers: { 'idempotency-key': key } })));
    expect(all.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of all.filter((x) => x.status !== 201)) expect(r.status).toBe(422);
    expect((await listAllDonations(p.db)).length).toBe(count + 1);
  });
});

describe('who can see a donation', () => {
  it('the signed-in donor, a guest with the signed link, the receiving town’s treasurer and admin; nobody else', async () => {
    const mine = await donate(p, body(), { user: 'donor1' });
    const path = `/api/donations/${mine.donationId}`;
    expect((await p.api('GET', path, { user: 'donor1' })).status).toBe(200);
    expect((await p.api('GET', path, { user: 'treasurer-yokoze' })).status).toBe(200);
    expect((await p.api('GET', path, { user: 'admin' })).status).toBe(200);
    expect((await p.api('GET', path, { user: 'donor2' })).status).toBe(403);
    expect((await p.api('GET', path, { user: 'treasurer-bandai' })).status).toBe(403);
    expect((await p.api('GET', path)).status).toBe(401);

    const guest = await donate(p, body());
    const token = donationToken(LOCAL_DONATION_LINK_SECRET, guest.donationId);
    const g = await p.api('GET', `/api/donations/${guest.donationId}?t=${token}`);
    expect(g.status).toBe(200);
    expect(g.json).toMatchObject({ id: guest.donationId, status: 'pending', amount: 10_000, receivingTown: '113611' });
    expect((await p.api('GET', `/api/donations/${guest.donationId}?t=${donationToken(LOCAL_DONATION_LINK_SECRET, mine.donationId)}`)).status).toBe(401);
    expect((await p.api('GET', `/api/donations/${guest.donationId}/receipt?t=${token}`)).status).toBe(409);
    expect((await p.api('GET', '/api/donations/don_nope')).status).toBe(404);
  });
});

describe('funds and progress mail', () => {
  it('a fund donation credits the receiving town’s share', async () => {
    const before = (await p.api('GET', '/api/funds/kyoso-kikin')).json.shares.find((s: { town: string }) => s.town === '325252').available;
    await paidDonation(p, body({ challengeId: undefined, fundId: 'kyoso-kikin', receivingTown: '325252', amount: 7_000 }));
    const after = (await p.api('GET', '/api/funds/kyoso-kikin')).json.shares.find((s: { town: string }) => s.town === '325252').available;
    expect(after).toBe(before + 7_000);
  });

  it('an opt-in to progress updates writes the challenge subscriber item once paid', async () => {
    await paidDonation(p, body({ updates: true }, { email: 'Fan@Example.jp' }));
    await paidDonation(p, body({ updates: false }, { email: 'quiet@example.jp' }));
    const sub = await p.db.doc.send(new GetCommand({ TableName: p.table, Key: keys.challengeSubscriber('yokoze-bandai-dx', 'fan@example.jp') }));
    expect(sub.Item).toMatchObject({ PK: 'CHAL#yokoze-bandai-dx', SK: 'SUB#fan@example.jp', email: 'fan@example.jp' });
    const none = await p.db.doc.send(new GetCommand({ TableName: p.table, Key: keys.challengeSubscriber('yokoze-bandai-dx', 'quiet@example.jp') }));
    expect(none.Item).toBeUndefined();
  });
});

describe('one-stop exception', () => {
  it('counts distinct municipalities given to this year, warns above five (signed-in donor’s own email only)', async () => {
    // Three more member towns, so a donor can reach six municipalities.
    const extra = ['13101', '27100', '01100'].map((body5) => `${body5}${townCheckDigit(body5)}`);
    for (const code of extra) {
      await putTown(p.db, { code, name: `町${code}`, nameEn: `Town ${code}`, prefecture: '', prefectureEn: '', postalCode: '100-0001', address: 'x', mayor: '町長', corporateNumber: '', description: '', descriptionEn: '' });
    }
    await putFund(p.db, { id: 'big-fund', name: '大きな基金', nameEn: 'Big fund', description: '', descriptionEn: '', members: ['113611', '074071', '325252', ...extra], governance: { rule: 'all_drawn' } });
    const email = 'donor2@example.com';
    const who = (await p.api('GET', '/api/donations/one-stop-count', { user: 'donor2' })).json;
    expect(who).toMatchObject({ count: 0, exceeds: false, limit: 5 });
    for (const town of ['113611', '074071', '325252', extra[0]!, extra[1]!, '113611']) {
      await paidDonation(p, body({ challengeId: undefined, fundId: 'big-fund', receivingTown: town, amount: 2_000 }, { email }));
    }
    // A pending donation does not count.
    await donate(p, body({ challengeId: undefined, fundId: 'big-fund', receivingTown: extra[2]!, amount: 2_000 }, { email }));
    const same = (await p.api('GET', '/api/donations/one-stop-count?town=113611', { user: 'donor2' })).json;
    expect(same).toMatchObject({ count: 5, projected: 5, exceeds: false });
    const sixth = (await p.api('GET', `/api/donations/one-stop-count?town=${extra[2]}`, { user: 'donor2' })).json;
    expect(sixth).toMatchObject({ count: 5, projected: 6, exceeds: true });
    expect((await p.api('GET', `/api/donations/one-stop-count?email=${email}`, { user: 'donor1' })).status).toBe(403);
    expect((await p.api('GET', '/api/donations/one-stop-count')).status).toBe(401);
  });

  it('prints a prefilled 申告特例申請書 with the My Number boxes blank', async () => {
    const d = await paidDonation(p, body({ amount: 15_000 }, { email: 'form@example.jp' }));
    const token = donationToken(LOCAL_DONATION_LINK_SECRET, d.donationId);
    const f = await p.api('GET', `/api/donations/${d.donationId}/one-stop-form?t=${token}`);
    expect(f.status).toBe(200);
    for (const text of ['申告特例申請書', '様式55号の5', '共創 太郎', 'キョウソウ タロウ', '〒368-0072', '埼玉県秩父郡横瀬町大字横瀬4545', '15,000', '横瀬町', '地方税法附則第7条第1項', '地方税法附則第7条第2項', 'data-my-number="blank"']) {
      expect(f.text).toContain(text);
    }
    expect(f.text.match(/<span><\/span>/g)?.length).toBe(12);
    expect(f.text).not.toMatch(/(?<!\d)\d{12}(?!\d)/);
    const pending = await donate(p, body());
    expect((await p.api('GET', `/api/donations/${pending.donationId}/one-stop-form`, { user: 'admin' })).status).toBe(409);
  });

  it('the treasurer lists a year’s requests, exports CSV with BOM, marks forms received (audited, once)', async () => {
    const d = await paidDonation(p, body({ amount: 21_000 }, { email: 'list@example.jp', name: '一覧 花子', nameKana: 'イチラン ハナコ' }));
    const paid = (await getDonation(p.db, d.donationId))!;
    const year = Number(paid.paidDate!.slice(0, 4));
    const list = await p.api('GET', `/api/towns/113611/one-stop?year=${year}`, { user: 'treasurer-yokoze' });
    expect(list.status).toBe(200);
    expect(list.json).toMatchObject({ town: '113611', year, deadline: `${year + 1}-01-10` });
    const row = list.json.requests.find((r: { donationId: string }) => r.donationId === d.donationId);
    expect(row).toMatchObject({ name: '一覧 花子', nameKana: 'イチラン ハナコ', amount: 21_000, postalCode: '368-0072', status: 'paid', receiptNumber: paid.receiptNumber });
    expect(list.json.requests.every((r: { donationId: string }) => r.donationId)).toBe(true);
    expect((await p.api('GET', `/api/towns/113611/one-stop?year=${year}`, { user: 'treasurer-bandai' })).status).toBe(403);
    expect((await p.api('GET', `/api/towns/113611/one-stop?year=${year}`, { user: 'donor1' })).status).toBe(403);

    const csv = await p.app.request(`/api/towns/113611/one-stop.csv?year=${year}`, { headers: { authorization: `Bearer ${await p.tokenFor('treasurer-yokoze')}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv; charset=utf-8/);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.split('\r\n')[0]).toBe('受領証明書番号,寄附日,寄附金額,氏名,フリガナ,郵便番号,住所,メールアドレス,状態,申請書受理日,寄附番号');
    expect(text).toContain(`${paid.receiptNumber},${paid.paidDate},21000,一覧 花子,イチラン ハナコ,368-0072`);

    // A form cannot arrive before the donation was received, nor after today; nothing is written.
    const future = await p.api('POST', `/api/donations/${d.donationId}/one-stop/received`, { user: 'treasurer-yokoze', body: { receivedOn: '2999-01-01' } });
    expect(future.status).toBe(422);
    expect(future.json.error).toMatchObject({ code: 'bad_received_on', details: [{ path: 'receivedOn' }] });
    const early = await p.api('POST', `/api/donations/${d.donationId}/one-stop/received`, { user: 'treasurer-yokoze', body: { receivedOn: '2020-01-01' } });
    expect(early.status).toBe(422);
    expect((await p.api('GET', `/api/donations/${d.donationId}`, { user: 'treasurer-yokoze' })).json.oneStopReceivedOn).toBeUndefined();

    const mark = await p.api('POST', `/api/donations/${d.donationId}/one-stop/received`, { user: 'treasurer-yokoze', body: { receivedOn: paid.paidDate } });
    expect(mark.status, mark.text).toBe(200);
    expect(mark.json.oneStopReceivedOn).toBe(paid.paidDate);
    // Marking again keeps the first date and writes no second audit record.
    const again = await p.api('POST', `/api/donations/${d.donationId}/one-stop/received`, { user: 'treasurer-yokoze', body: {} });
    expect(again.json.oneStopReceivedOn).toBe(paid.paidDate);
    expect((await p.api('POST', `/api/donations/${d.donationId}/one-stop/received`, { user: 'treasurer-bandai', body: {} })).status).toBe(403);
    const audit = await auditRecords(p.db, 'town:113611');
    expect(audit.filter((a) => a.action === 'donation.one_stop_received' && a.target === `donation:${d.donationId}`)).toHaveLength(1);
  });

  it('reminds each donor whose form has not arrived, once, between 20 Dec and 10 Jan', async () => {
    expect(scheduledTasks.some((t) => t.name === 'one-stop-reminders')).toBe(true);
    const waiting = await paidDonation(p, body({ amount: 2_000 }, { email: 'remind-me@example.jp' }));
    const done = await paidDonation(p, body({ amount: 2_000 }, { email: 'already-sent@example.jp' }));
    await p.api('POST', `/api/donations/${done.donationId}/one-stop/received`, { user: 'treasurer-yokoze', body: {} });
    const noOneStop = await paidDonation(p, body({ amount: 2_000, oneStop: false }, { email: 'no-onestop@example.jp' }));
    const year = Number((await getDonation(p.db, waiting.donationId))!.paidDate!.slice(0, 4));

    expect(await remindOneStopForms(p.db, new Date(`${year}-12-19T12:00:00+09:00`))).toEqual({ season: false });
    const first = await remindOneStopForms(p.db, new Date(`${year}-12-20T09:00:00+09:00`));
    expect(first).toMatchObject({ season: true, year });
    expect(first.sent as number).toBeGreaterThanOrEqual(1);
    const second = await remindOneStopForms(p.db, new Date(`${year + 1}-01-10T23:00:00+09:00`));
    expect(second).toMatchObject({ season: true, year, sent: 0 });

    const mails = await listMail(p.db, { to: 'remind-me@example.jp' });
    expect(mails.map((m) => m.kind).sort()).toEqual(['donation.onestop_reminder', 'donation.paid']);
    const reminder = mails.find((m) => m.kind === 'donation.onestop_reminder')!;
    expect(reminder.text).toContain(`${year + 1}年1月10日`);
    expect(reminder.text).toContain(`/api/donations/${waiting.donationId}/one-stop-form?t=`);
    expect((await listMail(p.db, { to: 'already-sent@example.jp' })).map((m) => m.kind)).toEqual(['donation.paid']);
    expect((await listMail(p.db, { to: 'no-onestop@example.jp' })).map((m) => m.kind)).toEqual(['donation.paid']);
    expect(noOneStop.donationId).toBeTruthy();
  });
});
