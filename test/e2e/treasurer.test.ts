/**
 * The joint allocation in Debian's Chromium, with JavaScript switched off (every step is a plain form):
 * Yokoze's treasurer proposes from the dashboard, Bandai's treasurer approves from theirs, Yokoze's
 * treasurer approves, and the public challenge page shows the allocated money. Screenshots of the
 * dashboard and the report land in test-results/ for a human look.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPlatform } from '../support/platform.js';
import { launchChromium } from '../support/browser.js';
import { startServer, type RunningServer } from '../support/server.js';

const SHOTS = resolve(import.meta.dirname, '../../test-results');
const YOKOZE = '113611';
const BANDAI = '074071';

let server: RunningServer;
let browser: Browser;
let platform: Awaited<ReturnType<typeof testPlatform>>;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  platform = await testPlatform();
  server = await startServer(platform.app);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A signed-in browser for one seeded user (the session cookie the dev sign-in would set), without JavaScript. */
async function as(user: string, width = 1280): Promise<Page> {
  const context = await browser.newContext({ locale: 'ja-JP', viewport: { width, height: 900 }, javaScriptEnabled: false });
  const url = new URL(server.url);
  await context.addCookies([{ name: 'kf_session', value: await platform.tokenFor(user), domain: url.hostname, path: '/', httpOnly: true, sameSite: 'Lax' }]);
  return context.newPage();
}

describe('treasurers allocate jointly from their dashboards', () => {
  it('Yokoze proposes, Bandai approves, Yokoze approves; the challenge page shows the allocation', async () => {
    const yokoze = await as('treasurer-yokoze');
    await yokoze.goto(`${server.url}/treasurer`);
    expect(await yokoze.locator('h1').innerText()).toContain('横瀬町');
    await yokoze.getByRole('link', { name: '基金からの配分を提案する' }).click();
    await yokoze.getByLabel('配分先のチャレンジ').selectOption('yokoze-bandai-dx');
    await yokoze.getByLabel('横瀬町').fill('400,000');
    await yokoze.getByLabel('磐梯町').fill('600000');
    await yokoze.getByLabel('コメント(任意)').fill('第1期の実証費用');
    await yokoze.getByRole('button', { name: '提案する' }).click();
    await expect.poll(() => yokoze.locator('[data-notice="allocation.proposed"]').count()).toBe(1);
    const id = /\/treasurer\/allocations\/([^?]+)/.exec(yokoze.url())![1]!;
    expect(await yokoze.locator('h1 [data-status]').getAttribute('data-status')).toBe('proposed');
    await yokoze.screenshot({ path: `${SHOTS}/allocation-detail.png`, fullPage: true });

    // Bandai's treasurer finds it waiting on their dashboard and approves for Bandai.
    const bandai = await as('treasurer-bandai', 390);
    await bandai.goto(`${server.url}/treasurer`);
    const item = bandai.locator(`[data-testid="queue-allocations"] [data-allocation="${id}"]`);
    expect(await item.count()).toBe(1);
    await item.getByLabel('コメント(任意)').first().fill('磐梯町として同意します');
    await item.getByRole('button', { name: '磐梯町として承認する' }).click();
    await expect.poll(() => bandai.locator('[data-notice="allocation.approved"]').count()).toBe(1);
    expect(await bandai.locator(`[data-testid="queue-allocations"] [data-allocation="${id}"]`).count()).toBe(0);
    await bandai.screenshot({ path: `${SHOTS}/treasurer-bandai-390.png`, fullPage: true });

    // Nothing has moved yet.
    const before = await platform.api('GET', `/api/allocations/${id}`, { user: 'treasurer-yokoze' });
    expect(before.json).toMatchObject({ status: 'proposed', approvedTowns: [BANDAI] });

    // Yokoze's treasurer approves from their dashboard: the last approval executes it.
    await yokoze.goto(`${server.url}/treasurer`);
    const mine = yokoze.locator(`[data-testid="queue-allocations"] [data-allocation="${id}"]`);
    await mine.getByRole('button', { name: '横瀬町として承認する' }).click();
    await expect.poll(() => yokoze.locator('[data-notice="allocation.executed"]').count()).toBe(1);
    expect(await yokoze.locator('[data-testid="challenge-balances"] [data-challenge="yokoze-bandai-dx"] [data-col="allocated"]').innerText()).toBe('¥1,000,000');
    await yokoze.screenshot({ path: `${SHOTS}/treasurer-dashboard.png`, fullPage: true });

    // The public challenge page shows the allocation in its ledger.
    const publicPage = await (await browser.newContext({ locale: 'ja-JP', javaScriptEnabled: false })).newPage();
    await publicPage.goto(`${server.url}/challenges/yokoze-bandai-dx`);
    const row = publicPage.locator('table.movements tbody tr', { hasText: '基金からの配分' });
    expect(await row.count()).toBe(1);
    expect(await row.innerText()).toContain('+¥1,000,000');
    expect(await row.innerText()).toContain('広域共創基金');
    // …and beside the progress, as money from the pooled funds (raised stays what the public gave).
    expect(await publicPage.locator('[data-allocated]').innerText()).toBe('¥1,000,000');
    const api = await platform.api('GET', '/api/challenges/yokoze-bandai-dx');
    expect(api.json).toMatchObject({ allocated: 1_000_000, raised: 0 });

    const after = await platform.api('GET', `/api/allocations/${id}`, { user: 'treasurer-bandai' });
    expect(after.json).toMatchObject({ status: 'approved', approvedTowns: [BANDAI, YOKOZE] });
    expect(after.json.approvals.map((a: { comment?: string }) => a.comment)).toEqual(['磐梯町として同意します', undefined]);

    // The annual report for the council shows the allocation leaving the shares.
    await yokoze.goto(`${server.url}/treasurer/report`);
    expect(await yokoze.locator('[data-testid="fund-kyoso-kikin"]').innerText()).toContain('¥400,000');
    await yokoze.screenshot({ path: `${SHOTS}/treasurer-report.png`, fullPage: true });
  });

  it('the operating company requests a disbursement; a bank-unfriendly name is refused beside its field', async () => {
    const company = await as('company1', 390);
    await company.goto(`${server.url}/company/challenges/yokoze-bandai-dx/disbursements/new`);
    expect(await company.locator('[data-testid="limit"]').innerText()).toContain('¥1,000,000');
    await company.getByLabel('金額(円)').fill('250000');
    await company.getByLabel('マイルストーン(支払の対象)').fill('第1期 アプリ試作');
    await company.getByLabel('請求書番号').fill('INV-2026-001');
    await company.getByLabel('金融機関コード(4桁)').fill('0001');
    await company.getByLabel('支店コード(3桁)').fill('001');
    await company.getByLabel('口座番号(7桁)').fill('1234567');
    await company.getByLabel('口座名義(カナ)').fill('株式会社共創テック');
    await company.getByRole('button', { name: '申請する' }).click();
    expect(await company.locator('[data-error-for="holderKana"]').innerText()).toContain('カタカナ');
    await company.screenshot({ path: `${SHOTS}/disbursement-request-error-390.png`, fullPage: true });
    await company.getByLabel('口座名義(カナ)').fill('カ）キョウソウテック');
    await company.getByRole('button', { name: '申請する' }).click();
    await expect.poll(() => company.locator('[data-notice="disbursement.requested"]').count()).toBe(1);
    expect(await company.locator('[data-testid="requests"] [data-status="requested"]').count()).toBe(1);

    const treasurer = await as('treasurer-yokoze-2');
    await treasurer.goto(`${server.url}/treasurer`);
    const item = treasurer.locator('[data-testid="queue-disbursements"] li').first();
    await item.getByRole('link').first().click();
    expect(await treasurer.locator('h1').innerText()).toContain('第1期 アプリ試作');
    expect(await treasurer.locator('.panel').innerText()).toContain('ｶ)ｷﾖｳｿｳﾃﾂｸ');
    await treasurer.screenshot({ path: `${SHOTS}/disbursement-detail.png`, fullPage: true });
  });
});
