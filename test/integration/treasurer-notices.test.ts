/**
 * Treasurers are emailed when a decision waits for them: an allocation proposal reaches the treasurers of
 * every town whose approval it needs (not the proposer), a payment request reaches the paying town's
 * treasurers. The mail is queued in the same transaction as the proposal or request.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { listMail } from '../../functions/store/outbox.js';
import { testPlatform } from '../support/platform.js';

let p: Awaited<ReturnType<typeof testPlatform>>;
const DX = 'yokoze-bandai-dx';
const kinds = async (to: string) => (await listMail(p.db, { to })).map((m) => m.kind);

beforeAll(async () => {
  p = await testPlatform();
});

describe('mail to the treasurers a decision waits for', () => {
  it('an allocation drawing on two towns notifies both towns’ treasurers, but not the proposer', async () => {
    const r = await p.api('POST', '/api/allocations', {
      user: 'treasurer-yokoze',
      body: { fundId: 'kyoso-kikin', challengeId: DX, draws: [{ town: '113611', amount: 200_000 }, { town: '074071', amount: 100_000 }] },
    });
    expect(r.status, r.text).toBe(201);
    expect(await kinds('treasurer@town.bandai.example')).toContain('allocation.awaiting_approval');
    expect(await kinds('treasurer2@town.yokoze.example')).toContain('allocation.awaiting_approval');
    expect(await kinds('treasurer@town.yokoze.example')).not.toContain('allocation.awaiting_approval');
    expect(await kinds('treasurer@town.ama.example')).not.toContain('allocation.awaiting_approval');
    const [mail] = await listMail(p.db, { to: 'treasurer@town.bandai.example' });
    expect(mail?.subject).toContain('¥300,000');
    expect(mail?.text).toContain('/treasurer');
  });

  it('a payment request notifies the paying town’s treasurers; a refused request mails nobody', async () => {
    // Give the challenge money first: both towns approve the allocation above.
    const [alloc] = (await p.api('GET', '/api/allocations', { user: 'treasurer-yokoze' })).json.allocations;
    expect((await p.api('POST', `/api/allocations/${alloc.id}/approve`, { user: 'treasurer-bandai', body: {} })).status).toBe(200);
    expect((await p.api('POST', `/api/allocations/${alloc.id}/approve`, { user: 'treasurer-yokoze', body: {} })).status).toBe(200);
    const payee = { bankCode: '0001', branchCode: '001', accountType: 'ordinary', accountNumber: '1234567', holderKana: 'カ）キョウソウテック' };
    const over = await p.api('POST', '/api/disbursements', { user: 'company1', body: { challengeId: DX, amount: 9_000_000, milestone: 'm', invoiceNumber: 'INV-X', payee } });
    expect(over.status).toBe(422);
    expect(await kinds('treasurer@town.yokoze.example')).not.toContain('disbursement.awaiting_approval');
    const r = await p.api('POST', '/api/disbursements', { user: 'company1', body: { challengeId: DX, amount: 100_000, milestone: '第1期', invoiceNumber: 'INV-1', payee } });
    expect(r.status, r.text).toBe(201);
    for (const to of ['treasurer@town.yokoze.example', 'treasurer2@town.yokoze.example']) expect(await kinds(to)).toContain('disbursement.awaiting_approval');
    expect(await kinds('treasurer@town.bandai.example')).not.toContain('disbursement.awaiting_approval');
  });
});
