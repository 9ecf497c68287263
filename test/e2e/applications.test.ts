/**
 * The co-creation flow in Debian's Chromium against the real node server, on a phone-sized screen:
 * company1 signs in and submits an application naming Yokoze and Bandai, both towns' reviewers accept
 * it from their review pages, Yokoze's reviewer creates and publishes the challenge, and it appears in
 * the public list of challenges. Screenshots land in test-results/ for a human look.
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
const TITLE = '横瀬×磐梯 里山ワーケーション拠点';

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

/** A fresh browser profile signed in as `user` on the dev sign-in page, landing on `next`. */
const signIn = (user: string, next: string): Promise<Page> => signedInPage(browser, server.url, user, next, { viewport: PHONE });

const pageWidth = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth');

async function accept(user: string, town: string, answer: string): Promise<void> {
  const page = await signIn(user, '/review');
  await page.getByRole('link', { name: TITLE }).click();
  await page.locator('input[name="decision"][value="accepted"]').check();
  for (const k of ['proposer', 'residents', 'town']) await page.locator(`input[name="score-${k}"][value="4"]`).check();
  await page.getByLabel('企業への回答(公開)').fill(answer);
  await page.getByLabel('内部メモ(自町の審査担当のみ閲覧)').fill(`${town} 内部メモ`);
  await page.screenshot({ path: `${SHOTS}/review-form-${town}.png`, fullPage: true });
  await page.getByRole('button', { name: '審査結果を記録する' }).click();
  await expect.poll(() => page.locator('[data-flash="reviewed"]').isVisible()).toBe(true);
  await page.context().close();
}

describe('co-creation application in Chromium (no JavaScript, phone screen)', () => {
  it('company submits, two towns accept, the lead town publishes, the challenge is listed', async () => {
    // The company fills the form and submits it.
    const company = await signIn('company1', '/company/applications/new');
    expect(await company.locator('html').getAttribute('lang')).toBe('ja');
    await company.getByLabel('件名').fill(TITLE);
    await company.getByLabel('概要').fill('二つの町の空き家をつなぐワーケーション拠点をつくります。');
    await company.getByLabel('地域の課題').fill('空き家が増え、平日の来訪者が少ない。');
    await company.getByLabel('提案の内容').fill('空き家を改修し、企業の研修とワーケーションを受け入れます。');
    await company.locator('input[data-town="113611"]').check();
    await company.locator('input[data-town="074071"]').check();
    await company.getByLabel('申請額(円)').fill('1,000,000');
    await company.locator('#f-budget-0-item').fill('拠点改修');
    await company.locator('#f-budget-0-amount').fill('600000');
    await company.locator('#f-budget-1-item').fill('運営・広報');
    await company.locator('#f-budget-1-amount').fill('300000');
    await company.getByLabel('成果指標(KPI)').fill('年間利用者 300人\n町内事業者との連携 5件');
    await company.getByLabel('開始日').fill('2027-04-01');
    await company.getByLabel('終了日').fill('2028-03-31');
    expect(await pageWidth(company)).toBeLessThanOrEqual(PHONE.width);
    await company.getByRole('button', { name: '提出する' }).click();

    // ¥900,000 of budget for ¥1,000,000 requested: refused, the message beside the budget, values kept.
    await expect.poll(() => company.locator('[data-error-for="budget"]').textContent()).toContain('一致しません');
    expect(await company.getByLabel('件名').inputValue()).toBe(TITLE);
    await company.screenshot({ path: `${SHOTS}/application-form-error.png`, fullPage: true });
    await company.locator('#f-budget-1-amount').fill('400000');
    await company.getByRole('button', { name: '提出する' }).click();
    await company.waitForURL(/\/company\/applications\/app-[0-9a-f]+\?done=submitted$/);
    await expect.poll(() => company.locator('[data-status="submitted"]').first().isVisible()).toBe(true);
    await company.screenshot({ path: `${SHOTS}/application-submitted.png`, fullPage: true });

    // Each named town's reviewer accepts it from their review page.
    await accept('reviewer-yokoze', '113611', '横瀬町として歓迎します。');
    await accept('reviewer-bandai', '074071', '磐梯町として採択します。');

    await company.reload();
    await expect.poll(() => company.locator('[data-status="adopted"]').first().isVisible()).toBe(true);
    expect(await company.content()).not.toContain('内部メモ');

    // Yokoze's reviewer creates the challenge from the application and publishes it.
    const lead = await signIn('reviewer-yokoze', '/review');
    await lead.getByRole('link', { name: TITLE }).click();
    await lead.getByRole('link', { name: 'チャレンジを作成する' }).click();
    expect(await lead.locator('#f-title').inputValue()).toBe(TITLE);
    await lead.getByLabel('タイトル(英語)').fill('Satoyama workation bases in Yokoze and Bandai');
    await lead.getByLabel('テーマ').fill('ワーケーション / 空き家');
    await lead.getByRole('button', { name: 'チャレンジの下書きを作成' }).click();
    await expect.poll(() => lead.locator('[data-flash="created"]').isVisible()).toBe(true);
    await lead.screenshot({ path: `${SHOTS}/challenge-editor.png`, fullPage: true });
    await lead.getByRole('button', { name: 'このチャレンジを公開する' }).first().click();
    await expect.poll(() => lead.locator('[data-flash="published"]').isVisible()).toBe(true);

    // The public list shows it, open for donations.
    const visitor = await browser.newPage({ locale: 'ja-JP', viewport: PHONE });
    await visitor.goto(`${server.url}/challenges?status=open`);
    await expect.poll(() => visitor.getByRole('link', { name: TITLE }).isVisible()).toBe(true);
    await visitor.screenshot({ path: `${SHOTS}/challenges-with-new.png`, fullPage: true });
    await visitor.getByRole('link', { name: TITLE }).click();
    await expect.poll(() => visitor.getByRole('heading', { level: 1 }).textContent()).toBe(TITLE);
    await visitor.close();

    // The company's dashboard lists the challenge it now operates.
    await company.goto(`${server.url}/company`);
    await expect.poll(() => company.getByRole('link', { name: TITLE }).count()).toBeGreaterThanOrEqual(2);
    await company.screenshot({ path: `${SHOTS}/company-dashboard.png`, fullPage: true });
    await company.context().close();
    await lead.context().close();
  });
});
