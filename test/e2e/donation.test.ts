/**
 * A new donor in Chromium: challenge page → donation form → confirm → the checkout emulator (card) →
 * thank-you page → receipt. The platform is served on a real port, and its base URL is that port, so the
 * checkout and success URLs the app hands out are the ones the browser follows.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalPlatform } from '../../infra/local/platform.js';
import { seed } from '../../infra/local/seed.js';
import { dynamoEndpoint } from '../support/platform.js';
import { launchChromium } from '../support/browser.js';
import { startServer, type RunningServer } from '../support/server.js';

const SHOTS = resolve(import.meta.dirname, '../../test-results');

let server: RunningServer;
let browser: Browser;
let platform: Awaited<ReturnType<typeof createLocalPlatform>>;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  let app: { fetch: (r: Request) => Response | Promise<Response> } | undefined;
  server = await startServer({ fetch: (r: Request) => app!.fetch(r) });
  platform = await createLocalPlatform({ endpoint: dynamoEndpoint(), table: `t-${randomUUID()}`, baseUrl: server.url });
  await seed(platform.db);
  app = platform.app;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('donating in Chromium', () => {
  it('a new donor gives on the challenge page, pays by card on the emulator, and opens the receipt', async () => {
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/challenges/yokoze-bandai-dx`);
    await page.getByRole('link', { name: '寄附で応援する' }).click();

    const form = page.locator('#donate form');
    await form.getByLabel('寄附金額(円)').fill('15000');
    await form.getByLabel('寄附を受け取る町').selectOption('074071');
    await form.getByLabel('お名前(漢字)').fill('新規 花子');
    await form.getByLabel('フリガナ').fill('しんき はなこ');
    await form.getByLabel('メールアドレス').fill('hanako@example.jp');
    await form.getByLabel('郵便番号').fill('969-3392');
    await form.getByLabel('ご住所').fill('福島県耶麻郡磐梯町大字磐梯字中ノ橋1855');
    await form.getByLabel('ワンストップ特例申請書を希望する', { exact: false }).check();
    await page.screenshot({ path: `${SHOTS}/donate-form-390.png`, fullPage: true });
    await form.getByRole('button', { name: '確認画面へ' }).click();

    await expect.poll(() => page.getByRole('heading', { name: '寄附内容の確認' }).isVisible()).toBe(true);
    expect(await page.locator('.confirm-amount').innerText()).toBe('¥15,000');
    // A guest is never told how many towns an email has given to this year (it could be anyone's address).
    expect(await page.locator('.one-stop-count').getAttribute('data-count')).toBe('hidden');
    await page.getByRole('button', { name: 'お支払いへ進む(カード・コンビニ)' }).click();

    await page.waitForURL(/\/dev\/checkout\/cs_emu_/);
    expect(await page.locator('[data-amount]').innerText()).toBe('¥15,000');
    await page.screenshot({ path: `${SHOTS}/checkout-emulator.png` });
    await page.getByRole('button', { name: 'クレジットカードで支払う' }).click();

    await page.waitForURL(/\/donations\/don_\w+\/thanks\?t=/);
    await expect.poll(() => page.getByRole('heading', { name: 'ご寄附ありがとうございます' }).isVisible()).toBe(true);
    expect(await page.locator('.donation-status').getAttribute('data-status')).toBe('paid');
    const receiptNumber = await page.locator('dd.receipt-number').innerText();
    expect(receiptNumber).toMatch(/^\d{4}-074071-\d{6}$/);
    await page.screenshot({ path: `${SHOTS}/donation-thanks-390.png`, fullPage: true });

    await page.locator('[data-link="receipt"]').click();
    await page.waitForURL(/\/api\/donations\/don_\w+\/receipt\?t=/);
    expect(await page.locator('.receipt-number').innerText()).toBe(receiptNumber);
    expect(await page.locator('.donor-name').innerText()).toBe('新規 花子');
    expect(await page.locator('.issuer-name').innerText()).toBe('磐梯町');
    expect(await page.locator('.amount').innerText()).toBe('15,000');
    await page.emulateMedia({ media: 'print' });
    const sheet = await page.locator('.sheet').boundingBox();
    // 210 × 297 mm at 96 dpi: one A4 page.
    expect(Math.round(sheet!.width)).toBe(794);
    expect(Math.round(sheet!.height)).toBe(1123);
    await page.screenshot({ path: `${SHOTS}/receipt-print.png`, fullPage: true });
    expect(await page.evaluate<string>("(() => { const s = document.querySelector('.sheet'); return String(s.scrollHeight <= s.clientHeight); })()")).toBe('true');

    // The prefilled one-stop form also fits one A4 sheet, nothing cut off, the My Number boxes empty.
    await page.emulateMedia({ media: 'screen' });
    await page.goBack();
    await page.locator('[data-link="one-stop-form"]').click();
    await page.waitForURL(/\/one-stop-form\?t=/);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.donor-name').innerText()).toBe('新規 花子');
    expect(await page.locator('.my-number-boxes span').count()).toBe(12);
    expect(await page.locator('.my-number-boxes').innerText()).toBe('');
    await page.screenshot({ path: `${SHOTS}/onestop-form-print.png`, fullPage: true });
    const fits = await page.evaluate<string>("(() => { const s = document.querySelector('.sheet'); return s.scrollHeight + '/' + s.clientHeight; })()");
    const [content, sheetHeight] = fits.split('/').map(Number);
    expect(content).toBeLessThanOrEqual(sheetHeight!);

    const ch = await (await fetch(`${server.url}/api/challenges/yokoze-bandai-dx`)).json();
    expect(ch).toMatchObject({ raised: 15_000, donorCount: 1 });
    await context.close();
  });
});
