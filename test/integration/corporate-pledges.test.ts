/**
 * Corporate-version pledges through the real app on DynamoDB Local: every legal refusal (status, stable
 * code, Japanese and English, nothing written), acceptance with the relief estimate and bank details, the
 * treasurer's confirmation posting exactly one entry (also twice and concurrently), who may do what,
 * cancel, expiry at the plan's end, and the ledger and audit afterwards.
 */
import { ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { runScheduled } from '../../functions/services/jobs/schedule.js';
import { accounts } from '../../functions/domain/ledger/accounts.js';
import { fiscalYear, jstDate } from '../../functions/domain/jst.js';
import { auditRecords, verifyAuditChains } from '../../functions/store/audit.js';
import type { Db } from '../../functions/store/db.js';
import { keys } from '../../functions/store/keys.js';
import { getEntry, readShards } from '../../functions/store/ledger.js';
import { listMail } from '../../functions/store/outbox.js';
import { testPlatform } from '../support/platform.js';

const YOKOZE = '113611';
const BANDAI = '074071';
const AMA = '325252';

let p: Awaited<ReturnType<typeof testPlatform>>;
beforeAll(async () => {
  p = await testPlatform();
});

/** Every item of the table, so a refusal can be shown to have written nothing at all. */
async function snapshot(db: Db): Promise<string[]> {
  const out: string[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(new ScanCommand({ TableName: db.table, ConsistentRead: true, ExclusiveStartKey }));
    out.push(...(page.Items ?? []).map((i) => `${i.PK}|${i.SK}|${JSON.stringify(i)}`));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return out.sort();
}

const pledgeBody = (over: Record<string, unknown> = {}) => ({
  challengeId: 'yokoze-bandai-dx',
  receivingTown: BANDAI,
  amount: 1_000_000,
  noEconomicBenefit: true,
  disclose: { name: true, amount: true },
  ...over,
});

async function pledge(user: string, over: Record<string, unknown> = {}): Promise<string> {
  const r = await p.api('POST', '/api/corporate-pledges', { user, body: pledgeBody(over) });
  expect(r.status, r.text).toBe(201);
  return r.json.pledgeId as string;
}

/** A refusal: the status, the stable code (first and among the details), both languages, and no write. */
async function expectRefused(user: string, body: Record<string, unknown>, code: string, status = 422) {
  const before = await snapshot(p.db);
  const r = await p.api('POST', '/api/corporate-pledges', { user, body });
  expect(r.status, r.text).toBe(status);
  expect(r.json.error.code).toBe(code);
  const detail = r.json.error.details.find((d: { code: string }) => d.code === code);
  expect(detail, r.text).toBeDefined();
  expect(detail.ja).toMatch(/[ぁ-んァ-ン一-龥]/);
  expect(detail.en).toMatch(/[a-z]{3}/);
  expect(r.json.error.message).toContain(detail.ja);
  expect(r.json.error.message).toContain(detail.en);
  expect(await snapshot(p.db)).toEqual(before);
  return r.json.error;
}

describe('refusals (422, stable code, Japanese and English, nothing written)', () => {
  it('below ¥100,000 per donation', async () => {
    await expectRefused('company1', pledgeBody({ challengeId: 'bandai-aizu-heritage', amount: 99_999 }), 'below_minimum');
  });

  it('the receiving town is the company’s head-office municipality: company-yokoze via Yokoze', async () => {
    const e = await expectRefused('company-yokoze', pledgeBody({ receivingTown: YOKOZE }), 'head_office_town');
    expect(e.details).toHaveLength(1);
  });

  it('the company has not declared that it receives no economic benefit', async () => {
    await expectRefused('company1', pledgeBody({ challengeId: 'bandai-aizu-heritage', noEconomicBenefit: false }), 'economic_benefit_not_declared');
  });

  it('the company operates the challenge: company1 on yokoze-bandai-dx (conflict of interest)', async () => {
    const e = await expectRefused('company1', pledgeBody(), 'operator_conflict');
    expect(e.details[0].path).toBe('challengeId');
  });

  it('a closed challenge takes no pledge', async () => {
    await expectRefused('company1', pledgeBody({ challengeId: 'yokoze-ashigakubo-icicles', receivingTown: YOKOZE }), 'challenge_not_open');
  });

  it('the receiving town does not take part in the challenge', async () => {
    await expectRefused('company1', pledgeBody({ challengeId: 'bandai-aizu-heritage', receivingTown: AMA }), 'town_not_participant');
  });

  it('the project is not in the receiving town’s approved plan (after the town takes it off its plan)', async () => {
    const plans = await p.api('GET', `/api/towns/${BANDAI}/regional-plans`);
    expect(plans.status).toBe(200);
    const plan = plans.json.plans[0];
    expect(plan.projects[0].challengeIds).toContain('bandai-aizu-heritage');
    const without = plan.projects.map((pr: { name: string; challengeIds: string[]; fundIds: string[] }) => ({ ...pr, challengeIds: pr.challengeIds.filter((id) => id !== 'bandai-aizu-heritage') }));
    const put = await p.api('PUT', `/api/towns/${BANDAI}/regional-plans/${plan.id}/projects`, { user: 'treasurer-bandai', body: { projects: without } });
    expect(put.status, put.text).toBe(200);
    try {
      await expectRefused('company1', pledgeBody({ challengeId: 'bandai-aizu-heritage' }), 'not_in_regional_plan');
    } finally {
      const back = await p.api('PUT', `/api/towns/${BANDAI}/regional-plans/${plan.id}/projects`, { user: 'treasurer-bandai', body: { projects: plan.projects } });
      expect(back.status, back.text).toBe(200);
    }
    await pledge('company1', { challengeId: 'bandai-aizu-heritage', amount: 150_000 });
  });

  it('the plan period has ended', async () => {
    // Ama's current plan stops covering the challenge; only an older plan, whose period ended, lists it.
    const plans = (await p.api('GET', `/api/towns/${AMA}/regional-plans`)).json.plans;
    const current = plans[0];
    const old = await p.api('POST', `/api/towns/${AMA}/regional-plans`, {
      user: 'treasurer-ama',
      body: { name: '海士町地域再生計画(旧)', approvedOn: '2021-03-25', periodStart: '2021-04-01', periodEnd: '2024-03-31', projects: [{ name: '島留学推進事業', challengeIds: ['ama-island-study'], fundIds: [] }] },
    });
    expect(old.status, old.text).toBe(201);
    expect(old.json.current).toBe(false);
    const put = await p.api('PUT', `/api/towns/${AMA}/regional-plans/${current.id}/projects`, { user: 'treasurer-ama', body: { projects: [{ name: '基金事業', challengeIds: [], fundIds: ['kyoso-kikin'] }] } });
    expect(put.status, put.text).toBe(200);
    try {
      await expectRefused('company1', pledgeBody({ challengeId: 'ama-island-study', receivingTown: AMA }), 'plan_period_ended');
    } finally {
      await p.api('PUT', `/api/towns/${AMA}/regional-plans/${current.id}/projects`, { user: 'treasurer-ama', body: { projects: current.projects } });
    }
  });

  it('the receiving town is excluded from the corporate version', async () => {
    await p.db.doc.send(new UpdateCommand({ TableName: p.db.table, Key: keys.town(AMA), UpdateExpression: 'SET corporateVersionExcluded = :t', ExpressionAttributeValues: { ':t': true } }));
    try {
      await expectRefused('company1', pledgeBody({ challengeId: 'ama-island-study', receivingTown: AMA }), 'town_excluded');
    } finally {
      await p.db.doc.send(new UpdateCommand({ TableName: p.db.table, Key: keys.town(AMA), UpdateExpression: 'REMOVE corporateVersionExcluded' }));
    }
  });

  it('after the scheme’s end (FY2027, 31 March 2028)', async () => {
    const real = p.db.now;
    p.db.now = () => new Date('2028-04-03T01:00:00Z');
    try {
      await expectRefused('company1', { ...pledgeBody(), challengeId: undefined, fundId: 'kyoso-kikin', receivingTown: AMA }, 'scheme_ended');
    } finally {
      p.db.now = real;
    }
  });

  it('reports every broken rule, most fundamental first', async () => {
    const e = await expectRefused('company-yokoze', pledgeBody({ receivingTown: YOKOZE, amount: 50_000, noEconomicBenefit: false }), 'below_minimum');
    expect(e.details.map((d: { code: string }) => d.code)).toEqual(['below_minimum', 'economic_benefit_not_declared', 'head_office_town']);
  });

  it('bad input is a 400 and writes nothing; only companies pledge', async () => {
    const before = await snapshot(p.db);
    expect((await p.api('POST', '/api/corporate-pledges', { user: 'company1', body: { ...pledgeBody(), fundId: 'kyoso-kikin' } })).status).toBe(400);
    expect((await p.api('POST', '/api/corporate-pledges', { user: 'company1', body: pledgeBody({ amount: 1_000_000.5 }) })).status).toBe(400);
    expect((await p.api('POST', '/api/corporate-pledges', { user: 'company1', body: pledgeBody({ receivingTown: '074070' }) })).status).toBe(400);
    expect((await p.api('POST', '/api/corporate-pledges', { user: 'donor1', body: pledgeBody() })).status).toBe(403);
    expect((await p.api('POST', '/api/corporate-pledges', { body: pledgeBody() })).status).toBe(401);
    expect((await p.api('POST', '/api/corporate-pledges', { user: 'company1', body: pledgeBody({ challengeId: 'no-such-challenge' }) })).status).toBe(404);
    expect(await snapshot(p.db)).toEqual(before);
  });
});

describe('accepted pledges', () => {
  it('company-yokoze is accepted for Bandai on yokoze-bandai-dx, with ~90% relief and bank details', async () => {
    const r = await p.api('POST', '/api/corporate-pledges', { user: 'company-yokoze', body: pledgeBody() });
    expect(r.status, r.text).toBe(201);
    expect(r.json.status).toBe('pledged');
    const e = r.json.estimatedRelief;
    expect(e.taxCredit).toEqual({ inhabitantTax: 400_000, corporateTax: 0, enterpriseTax: 200_000, total: 600_000 });
    expect(e.corporateTaxMax).toBe(100_000);
    expect(e.lossDeduction).toBe(300_000);
    expect(e.total).toBe(900_000);
    expect(e.netCost).toBe(100_000);
    expect(e.caveats.ja.length).toBeGreaterThan(2);
    expect(e.caveats.en.join(' ')).toMatch(/5% of the corporate tax/);
    expect(r.json.bankTransfer).toMatchObject({ amount: 1_000_000, dueBy: '2028-03-31', payee: { ja: '磐梯町 会計管理者' } });
    expect(r.json.bankTransfer.reference).toMatch(/^KF[0-9A-F]{8}$/);

    const got = await p.api('GET', `/api/corporate-pledges/${r.json.pledgeId}`, { user: 'company-yokoze' });
    expect(got.status).toBe(200);
    expect(got.json).toMatchObject({ status: 'pledged', challengeId: 'yokoze-bandai-dx', receivingTown: BANDAI, amount: 1_000_000, plan: { id: `plan-${BANDAI}-seed` } });
    const audit = await auditRecords(p.db, `town:${BANDAI}`);
    expect(audit.filter((a) => a.action === 'corporate_pledge.create' && a.target === `corporate-pledge:${r.json.pledgeId}`)).toHaveLength(1);
    expect((await listMail(p.db, { to: 'taro@yokoze-ringyo.example' })).some((m) => m.kind === 'corporate_pledge.accepted')).toBe(true);
    expect((await listMail(p.db, { to: 'treasurer@town.bandai.example' })).some((m) => m.kind === 'corporate_pledge.new')).toBe(true);
  });

  it('company1 (operator of yokoze-bandai-dx) is accepted on another challenge', async () => {
    const id = await pledge('company1', { challengeId: 'yokoze-forest-school', receivingTown: YOKOZE, amount: 300_000 });
    expect(id).toMatch(/^pl-/);
  });

  it('an Idempotency-Key replay returns the same pledge; a different body under the key is 409', async () => {
    const headers = { 'idempotency-key': 'retry-key-0001' };
    const a = await p.api('POST', '/api/corporate-pledges', { user: 'company1', headers, body: pledgeBody({ fundId: 'kyoso-kikin', challengeId: undefined, receivingTown: YOKOZE }) });
    const b = await p.api('POST', '/api/corporate-pledges', { user: 'company1', headers, body: pledgeBody({ fundId: 'kyoso-kikin', challengeId: undefined, receivingTown: YOKOZE }) });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.json.pledgeId).toBe(a.json.pledgeId);
    expect(b.json.replayed).toBe(true);
    const c = await p.api('POST', '/api/corporate-pledges', { user: 'company1', headers, body: pledgeBody({ fundId: 'kyoso-kikin', challengeId: undefined, receivingTown: YOKOZE, amount: 200_000 }) });
    expect(c.status).toBe(409);
  });

  it('is readable by the company, the receiving town’s treasurer and the admin only', async () => {
    const id = await pledge('company-yokoze', { amount: 120_000 });
    for (const user of ['company-yokoze', 'treasurer-bandai', 'admin']) expect((await p.api('GET', `/api/corporate-pledges/${id}`, { user })).status, user).toBe(200);
    for (const user of ['company1', 'treasurer-yokoze', 'donor1']) expect((await p.api('GET', `/api/corporate-pledges/${id}`, { user })).status, user).toBe(404);
    expect((await p.api('GET', `/api/corporate-pledges/${id}`)).status).toBe(401);
  });
});

describe('the treasurer records the bank transfer', () => {
  it('only the receiving town’s treasurer can confirm; others get 403 and nothing is written', async () => {
    const id = await pledge('company-yokoze', { amount: 200_000 });
    const before = await snapshot(p.db);
    const body = { receivedOn: jstDate(new Date()), amount: 200_000 };
    for (const user of ['treasurer-yokoze', 'treasurer-ama', 'company-yokoze', 'admin', 'donor1']) {
      const r = await p.api('POST', `/api/corporate-pledges/${id}/confirm-payment`, { user, body });
      expect(r.status, user).toBe(403);
    }
    expect((await p.api('POST', `/api/corporate-pledges/${id}/confirm-payment`, { body })).status).toBe(401);
    expect(await snapshot(p.db)).toEqual(before);
  });

  it('a different amount is refused (no partial receipts), as is a date before the pledge or in the future', async () => {
    const id = await pledge('company-yokoze', { amount: 250_000 });
    const before = await snapshot(p.db);
    const today = jstDate(new Date());
    const cases: [Record<string, unknown>, string][] = [
      [{ receivedOn: today, amount: 249_999 }, 'amount_mismatch'],
      [{ receivedOn: today, amount: 250_001 }, 'amount_mismatch'],
      [{ receivedOn: '2099-01-01', amount: 250_000 }, 'received_in_future'],
      [{ receivedOn: '2020-01-06', amount: 250_000 }, 'received_before_pledge'],
    ];
    for (const [body, code] of cases) {
      const r = await p.api('POST', `/api/corporate-pledges/${id}/confirm-payment`, { user: 'treasurer-bandai', body });
      expect(r.status, r.text).toBe(422);
      expect(r.json.error.code).toBe(code);
      expect(r.json.error.details[0].ja).toBeTruthy();
    }
    expect(await snapshot(p.db)).toEqual(before);
  });

  it('posts exactly one entry even when submitted twice concurrently and again later; totals, receipt, verify', async () => {
    const challengeBefore = (await p.api('GET', '/api/challenges/yokoze-bandai-dx')).json;
    const bankBefore = (await readShards(p.db, accounts.bank(BANDAI))).total;
    const id = await pledge('company-yokoze', { amount: 2_000_000, disclose: { name: true, amount: false } });
    const receivedOn = jstDate(new Date());
    const body = { receivedOn, amount: 2_000_000 };
    const results = await Promise.all(Array.from({ length: 4 }, () => p.api('POST', `/api/corporate-pledges/${id}/confirm-payment`, { user: 'treasurer-bandai', body })));
    for (const r of results) expect(r.status, r.text).toBe(200);
    expect(results.filter((r) => !r.json.alreadyConfirmed)).toHaveLength(1);
    const numbers = new Set(results.map((r) => r.json.receiptNumber));
    expect(numbers.size).toBe(1);
    const [receiptNumber] = [...numbers];
    expect(receiptNumber).toMatch(new RegExp(`^C${fiscalYear(receivedOn)}-${BANDAI}-\\d{5}$`));

    const again = await p.api('POST', `/api/corporate-pledges/${id}/confirm-payment`, { user: 'treasurer-bandai', body });
    expect(again.status).toBe(200);
    expect(again.json.alreadyConfirmed).toBe(true);
    const otherDay = await p.api('POST', `/api/corporate-pledges/${id}/confirm-payment`, { user: 'treasurer-bandai', body: { ...body, receivedOn: '2026-04-01' } });
    expect(otherDay.status).toBe(409);
    expect(otherDay.json.error.code).toBe('already_confirmed');

    const entry = await getEntry(p.db, `pledge:${id}:received`);
    expect(entry).toMatchObject({ channel: 'corporate', date: receivedOn, town: BANDAI });
    expect(entry!.counterpart).toBeUndefined(); // name consented but not the amount: the ledger shows no name
    const all = await snapshot(p.db);
    expect(all.filter((k) => k.startsWith(`ENTRY#pledge:${id}:`))).toHaveLength(1);
    expect((await readShards(p.db, accounts.bank(BANDAI))).total - bankBefore).toBe(2_000_000);

    const challenge = (await p.api('GET', '/api/challenges/yokoze-bandai-dx')).json;
    expect(challenge.raised - challengeBefore.raised).toBe(2_000_000);
    expect(challenge.donorCount - challengeBefore.donorCount).toBe(1);

    const got = await p.api('GET', `/api/corporate-pledges/${id}`, { user: 'company-yokoze' });
    expect(got.json).toMatchObject({ status: 'paid', receivedOn, receiptNumber, entryId: `pledge:${id}:received`, receiptUrl: `/api/corporate-pledges/${id}/receipt` });
    expect(got.json.bankTransfer).toBeUndefined();

    const receipt = await p.api('GET', `/api/corporate-pledges/${id}/receipt`, { user: 'company-yokoze' });
    expect(receipt.status).toBe(200);
    expect(receipt.headers.get('content-type')).toMatch(/text\/html/);
    expect(receipt.text).toContain('寄附金受領証');
    expect(receipt.text).toContain('2,000,000');
    expect(receipt.text).toContain(receiptNumber);
    expect(receipt.text).toContain('横瀬林業株式会社');
    expect(receipt.text).toContain('受領日');
    expect(receipt.text).toContain('磐梯町長');
    expect((await p.api('GET', `/api/corporate-pledges/${id}/receipt`, { user: 'treasurer-yokoze' })).status).toBe(404);

    const audit = (await auditRecords(p.db, `town:${BANDAI}`)).filter((a) => a.target === `corporate-pledge:${id}`);
    expect(audit.map((a) => a.action).sort()).toEqual(['corporate_pledge.confirm_payment', 'corporate_pledge.create']);
    expect((await listMail(p.db, { to: 'taro@yokoze-ringyo.example' })).filter((m) => m.kind === 'corporate_pledge.receipt' && m.text.includes(receiptNumber))).toHaveLength(1);

    const verify = await p.api('GET', '/api/ledger/verify', { user: 'admin' });
    expect(verify.status).toBe(200);
    expect(verify.json.ok, verify.text).toBe(true);
    expect((await verifyAuditChains(p.db)).ok).toBe(true);
  });

  it('numbers receipts per town and fiscal year without gaps, also under concurrent confirmations', async () => {
    const ids = await Promise.all([0, 1, 2].map(() => pledge('company1', { challengeId: 'ama-island-study', receivingTown: AMA, amount: 100_000 })));
    const receivedOn = jstDate(new Date());
    const res = await Promise.all(ids.map((id) => p.api('POST', `/api/corporate-pledges/${id}/confirm-payment`, { user: 'treasurer-ama', body: { receivedOn, amount: 100_000 } })));
    for (const r of res) expect(r.status, r.text).toBe(200);
    const seqs = res.map((r) => Number(String(r.json.receiptNumber).slice(-5))).sort();
    expect(seqs).toEqual([1, 2, 3]);
  });

  it('a pledge to the fund credits the receiving town’s share', async () => {
    const before = (await p.api('GET', '/api/funds/kyoso-kikin')).json.shares.find((s: { town: string }) => s.town === YOKOZE).available;
    const id = await pledge('company1', { challengeId: undefined, fundId: 'kyoso-kikin', receivingTown: YOKOZE, amount: 500_000 });
    const r = await p.api('POST', `/api/corporate-pledges/${id}/confirm-payment`, { user: 'treasurer-yokoze-2', body: { receivedOn: jstDate(new Date()), amount: 500_000 } });
    expect(r.status, r.text).toBe(200);
    const after = (await p.api('GET', '/api/funds/kyoso-kikin')).json.shares.find((s: { town: string }) => s.town === YOKOZE).available;
    expect(after - before).toBe(500_000);
    const entry = await getEntry(p.db, `pledge:${id}:received`);
    expect(entry!.postings).toEqual([
      { account: accounts.bank(YOKOZE), amount: 500_000 },
      { account: accounts.fundShare('kyoso-kikin', YOKOZE), amount: -500_000 },
    ]);
    expect(entry!.counterpart).toBe('株式会社共創テック');
  });
});

describe('cancel and expiry', () => {
  it('the company or the town’s treasurer cancels an unpaid pledge; nobody cancels a paid one', async () => {
    const a = await pledge('company-yokoze', { amount: 110_000 });
    const c1 = await p.api('POST', `/api/corporate-pledges/${a}/cancel`, { user: 'company-yokoze', body: { reason: '社内決裁が下りなかったため' } });
    expect(c1.status, c1.text).toBe(200);
    expect(c1.json.status).toBe('cancelled');
    expect((await p.api('POST', `/api/corporate-pledges/${a}/cancel`, { user: 'company-yokoze', body: {} })).json.error.code).toBe('pledge_not_cancellable');
    const late = await p.api('POST', `/api/corporate-pledges/${a}/confirm-payment`, { user: 'treasurer-bandai', body: { receivedOn: jstDate(new Date()), amount: 110_000 } });
    expect(late.status).toBe(409);
    expect(late.json.error.code).toBe('pledge_not_payable');

    const b = await pledge('company-yokoze', { amount: 130_000 });
    expect((await p.api('POST', `/api/corporate-pledges/${b}/cancel`, { user: 'treasurer-yokoze' })).status).toBe(404);
    expect((await p.api('POST', `/api/corporate-pledges/${b}/cancel`, { user: 'admin' })).status).toBe(403);
    const c2 = await p.api('POST', `/api/corporate-pledges/${b}/cancel`, { user: 'treasurer-bandai' });
    expect(c2.status, c2.text).toBe(200);
    const audit = (await auditRecords(p.db, `town:${BANDAI}`)).filter((r) => r.action === 'corporate_pledge.cancel');
    expect(audit.map((r) => r.role)).toEqual(expect.arrayContaining(['company', `treasurer:${BANDAI}`]));

    const c = await pledge('company-yokoze', { amount: 140_000 });
    await p.api('POST', `/api/corporate-pledges/${c}/confirm-payment`, { user: 'treasurer-bandai', body: { receivedOn: jstDate(new Date()), amount: 140_000 } });
    expect((await p.api('POST', `/api/corporate-pledges/${c}/cancel`, { user: 'company-yokoze' })).status).toBe(409);
  });

  it('unpaid pledges expire after the plan’s end; the task is idempotent and spares paid ones', async () => {
    const unpaid = await pledge('company-yokoze', { amount: 160_000 });
    const afterEnd = new Date('2028-04-01T00:30:00+09:00');
    const first = await runScheduled(p.db, afterEnd);
    expect((first['expire-corporate-pledges'] as { expired: number }).expired).toBeGreaterThanOrEqual(1);
    const second = await runScheduled(p.db, afterEnd);
    expect(second['expire-corporate-pledges']).toEqual({ expired: 0 });
    const got = await p.api('GET', `/api/corporate-pledges/${unpaid}`, { user: 'company-yokoze' });
    expect(got.json.status).toBe('expired');
    const audit = (await auditRecords(p.db, `town:${BANDAI}`)).filter((r) => r.action === 'corporate_pledge.expire' && r.target === `corporate-pledge:${unpaid}`);
    expect(audit).toHaveLength(1);
    const list = await p.api('GET', '/api/corporate-pledges', { user: 'company-yokoze' });
    expect(list.json.pledges.filter((x: { status: string }) => x.status === 'paid').length).toBeGreaterThan(0);
    expect(list.json.pledges.filter((x: { status: string }) => x.status === 'pledged')).toHaveLength(0);
    expect((await p.api('GET', '/api/ledger/verify', { user: 'admin' })).json.ok).toBe(true);
  });
});
