/**
 * The corporate version in Debian's Chromium against the real node server, on a phone-sized screen with
 * JavaScript off: company-yokoze is refused Yokoze (its head office) with the reason next to the field,
 * pledges to yokoze-bandai-dx with Bandai receiving, treasurer-bandai records the bank transfer on their
 * page, and the public challenge page shows the new total. Screenshots land in test-results/.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPlatform } from '../support/platform.js';
import { launchChromium, signedInPage } from '../support/browser.js';
import { startServer, type RunningServer } from '../support/server.js';

const SHOTS = resolve(import.meta.dirname, '../../test-results');
const PHONE = { width: 390, height: 844 };

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const platform = await testPlatform();
  server = await startServer(platform.app);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const signIn = (user: string, next: string, javaScriptEnabled = false): Promise<Page> => signedInPage(browser, server.url, user, next, { viewport: PHONE, javaScriptEnabled });

const raisedText = (page: Page) => page.locator('aside.side').innerText();

describe('corporate-version pledge in Chromium', () => {
  let pledgePath = '';

  it('company-yokoze is refused Yokoze, then pledges with Bandai receiving', async () => {
    const page = await signIn('company-yokoze', '/company/pledges');
    await page.getByRole('link', { name: '新しく寄附を申し出る' }).click();
    await page.getByRole('link', { name: '横瀬×磐梯 スマート観光DX' }).click();
    await page.waitForURL(/challengeId=yokoze-bandai-dx/);

    await page.getByLabel('受領する町').selectOption('113611');
    await page.getByLabel('寄附額(円)').fill('1000000');
    await page.getByText('当社は、この寄附の代償として').click();
    await page.getByRole('button', { name: '寄附を申し出る' }).click();
    const reason = page.locator('#town-error [data-code="head_office_town"]');
    expect(await reason.isVisible()).toBe(true);
    expect(await reason.innerText()).toContain('本社が所在する地方公共団体への寄附は');
    await page.screenshot({ path: `${SHOTS}/corporate-refused-390.png`, fullPage: true });

    await page.getByLabel('受領する町').selectOption('074071');
    await page.getByRole('button', { name: '寄附を申し出る' }).click();
    await page.waitForURL(/\/company\/pledges\/pl-[0-9a-f]+\?accepted=1$/);
    pledgePath = new URL(page.url()).pathname;
    const main = await page.locator('main').innerText();
    expect(main).toContain('寄附の申出を受け付けました');
    expect(main).toContain('¥900,000');
    expect(main).toMatch(/KF[0-9A-F]{8}/);
    expect(main).toContain('磐梯町 会計管理者');
    await page.screenshot({ path: `${SHOTS}/corporate-pledged-390.png`, fullPage: true });
    await page.context().close();
  });

  it('treasurer-bandai records the transfer on their page and the receipt can be printed', async () => {
    const page = await signIn('treasurer-bandai', '/treasurer/pledges');
    const card = page.locator('article.pledge-card', { hasText: '横瀬林業株式会社' });
    await card.getByLabel('受領額(円)').fill('1000000');
    await card.getByRole('button', { name: '受領を記録して受領証を発行する' }).click();
    await page.waitForURL(/done=confirmed/);
    const notice = await page.locator('.notice.ok').innerText();
    expect(notice).toMatch(/受領を記録しました\(受領証番号 C\d{4}-074071-00001\)/);
    expect(await page.locator('article.pledge-card').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/corporate-confirmed-390.png`, fullPage: true });
    await page.getByRole('link', { name: /^C\d{4}-074071-00001$/ }).click();
    expect(await page.locator('h1').innerText()).toBe('寄附金受領証');
    expect(await page.locator('main').innerText()).toContain('金 1,000,000 円');
    await page.screenshot({ path: `${SHOTS}/corporate-receipt-390.png`, fullPage: true });
    await page.context().close();
  });

  it('the public challenge page shows the new total, the company sees it received', async () => {
    const context = await browser.newContext({ locale: 'ja-JP', viewport: PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/challenges/yokoze-bandai-dx`);
    expect(await raisedText(page)).toContain('¥1,000,000');
    expect(await page.locator('#ledger').innerText()).toContain('企業版ふるさと納税');
    const donors = await page.locator('#corporate-donors').innerText();
    expect(donors).toContain('横瀬林業株式会社');
    expect(donors).toContain('¥1,000,000');
    await page.screenshot({ path: `${SHOTS}/corporate-challenge-390.png`, fullPage: true });
    await context.close();

    const company = await signIn('company-yokoze', pledgePath);
    expect(await company.locator('[data-status]').first().innerText()).toBe('受領済み');
    await company.context().close();
  });

  it('the corporate pages fit a phone without sideways scrolling', async () => {
    const page = await signIn('company-yokoze', '/company/pledges', true);
    for (const path of ['/company/pledges', '/company/pledges/new?challengeId=yokoze-bandai-dx', pledgePath]) {
      await page.goto(server.url + path);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth'), path).toBeLessThanOrEqual(PHONE.width);
    }
    await page.context().close();
    const t = await signIn('treasurer-bandai', '/treasurer/regional-plans', true);
    for (const path of ['/treasurer/regional-plans', '/treasurer/pledges']) {
      await t.goto(server.url + path);
      expect(await t.evaluate<number>('document.documentElement.scrollWidth'), path).toBeLessThanOrEqual(PHONE.width);
    }
    await t.screenshot({ path: `${SHOTS}/corporate-treasurer-390.png`, fullPage: true });
    await t.context().close();
  });
});
