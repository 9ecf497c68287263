/**
 * The public pages in Debian's Chromium against the real node server: Japanese first, the visible
 * language toggle, navigation to a challenge and the fund, and the same journey with JavaScript off.
 * Screenshots land in test-results/ (git-ignored) for a human look at phone and desktop widths.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPlatform } from '../support/platform.js';
import { launchChromium, signedInPage } from '../support/browser.js';
import { startServer, type RunningServer } from '../support/server.js';

const SHOTS = resolve(import.meta.dirname, '../../test-results');
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

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

async function open(opts: BrowserContextOptions & { path?: string } = {}): Promise<Page> {
  const { path = '/', ...ctx } = opts;
  const context = await browser.newContext({ locale: 'ja-JP', viewport: PHONE, ...ctx });
  const page = await context.newPage();
  const res = await page.goto(server.url + path);
  expect(res?.status()).toBe(200);
  return page;
}

const htmlLang = (page: Page) => page.locator('html').getAttribute('lang');
/** Evaluated in the page; a string keeps DOM types out of this Node-typed project. */
const pageWidth = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth');

describe('public pages in Chromium', () => {
  it('opens in Japanese on a phone, switches to English, and reaches a challenge and the fund', async () => {
    const page = await open();
    expect(await htmlLang(page)).toBe('ja');
    expect(await page.title()).toMatch(/^共創ファンド/);
    const bars = page.getByRole('progressbar');
    expect(await bars.count()).toBeGreaterThanOrEqual(4);
    expect(await bars.first().getAttribute('aria-valuenow')).toBe('0');
    await expect.poll(() => page.getByRole('heading', { name: '募集中のチャレンジ' }).isVisible()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/home.png`, fullPage: true });
    await page.screenshot({ path: `${SHOTS}/home-390.png`, fullPage: true });

    await page.getByRole('link', { name: 'English', exact: true }).click();
    await page.waitForURL(`${server.url}/`);
    expect(await htmlLang(page)).toBe('en');
    expect(await page.getByRole('heading', { name: 'Open challenges' }).isVisible()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/home-en-390.png`, fullPage: true });

    await page.getByRole('link', { name: 'Yokoze × Bandai smart tourism DX' }).click();
    await page.waitForURL(/\/challenges\/yokoze-bandai-dx$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Yokoze × Bandai smart tourism DX');
    expect(await page.getByText('Operator: company1').isVisible()).toBe(true);
    expect(await page.locator('#donate').isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: 'Public ledger' }).isVisible()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/challenge-390.png`, fullPage: true });

    // The donate button is an in-page link: it needs no script to reach the slot.
    await page.getByRole('link', { name: 'Support with a donation' }).click();
    await page.waitForURL(/#donate$/);

    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Funds' }).click();
    await page.waitForURL(/\/funds$/);
    await page.getByRole('link', { name: 'Wide-Area Co-Creation Fund' }).click();
    await page.waitForURL(/\/funds\/kyoso-kikin$/);
    const text = await page.locator('main').innerText();
    expect(text.match(/¥3,000,000/g)?.length).toBeGreaterThanOrEqual(3);
    expect(text).toContain('¥9,000,000');
    await page.screenshot({ path: `${SHOTS}/fund-390.png`, fullPage: true });
    await page.context().close();
  });

  it('lays out cleanly on a 1280px desktop', async () => {
    const page = await open({ viewport: DESKTOP });
    // Nothing may be wider than the viewport (no sideways scrolling).
    expect(await pageWidth(page)).toBeLessThanOrEqual(DESKTOP.width);
    await page.screenshot({ path: `${SHOTS}/home-1280.png`, fullPage: true });
    await page.goto(`${server.url}/challenges/yokoze-bandai-dx`);
    await page.screenshot({ path: `${SHOTS}/challenge-1280.png`, fullPage: true });
    await page.goto(`${server.url}/funds/kyoso-kikin`);
    await page.screenshot({ path: `${SHOTS}/fund-1280.png`, fullPage: true });
    await page.context().close();
  });

  it('does not scroll sideways on a phone', async () => {
    const page = await open();
    for (const path of ['/', '/challenges', '/challenges/yokoze-bandai-dx', '/funds/kyoso-kikin', '/towns/113611']) {
      await page.goto(server.url + path);
      expect(await pageWidth(page), path).toBeLessThanOrEqual(PHONE.width);
    }
    await page.goto(`${server.url}/challenges`);
    await page.screenshot({ path: `${SHOTS}/challenges-390.png`, fullPage: true });
    await page.context().close();
  });

  it('works with JavaScript disabled: toggle, filters and links are plain HTML', async () => {
    const page = await open({ javaScriptEnabled: false });
    expect(await htmlLang(page)).toBe('ja');
    expect(await page.getByRole('progressbar').count()).toBeGreaterThanOrEqual(4);

    await page.getByRole('link', { name: 'English', exact: true }).click();
    await page.waitForURL(`${server.url}/`);
    expect(await htmlLang(page)).toBe('en');

    await page.goto(`${server.url}/challenges`);
    await page.getByLabel('Town', { exact: true }).selectOption('325252');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/town=325252/);
    const cards = page.locator('article.challenge-card');
    expect(await cards.count()).toBe(1);
    expect(await cards.first().getAttribute('data-challenge')).toBe('ama-island-study');

    // Switching back to Japanese keeps the filtered list the reader was looking at.
    await page.getByRole('link', { name: '日本語', exact: true }).click();
    await page.waitForURL(/\/challenges\?town=325252/);
    expect(await htmlLang(page)).toBe('ja');
    expect(await page.locator('#f-town').inputValue()).toBe('325252');

    await cards.first().getByRole('link').click();
    await page.waitForURL(/\/challenges\/ama-island-study$/);
    expect(await page.getByRole('heading', { name: '公開台帳' }).isVisible()).toBe(true);
    await page.context().close();
  });
  it('Chromium reports no Content-Security-Policy violation on the main journey pages (public, treasurer, company)', async () => {
    const violations: string[] = [];
    const watch = (page: Page) => {
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) violations.push(`${page.url()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => {
        if (/Content Security Policy/i.test(String(e))) violations.push(`${page.url()}: ${String(e)}`);
      });
    };
    const visit = async (page: Page, path: string) => {
      const res = await page.goto(server.url + path);
      expect(res?.status(), path).toBe(200);
      expect(res?.headers()['content-security-policy'], path).toContain("frame-ancestors 'none'");
      // A violation also fires this event in the page; read what it collected.
      const seen = await page.evaluate<string[]>('window.__cspViolations ?? []');
      violations.push(...seen.map((v) => `${path}: ${v}`));
    };
    const collect = "window.__cspViolations = []; document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));";

    const context = await browser.newContext({ locale: 'ja-JP', viewport: PHONE });
    await context.addInitScript(collect);
    const page = await context.newPage();
    watch(page);
    for (const path of ['/', '/challenges', '/challenges/yokoze-bandai-dx', '/funds', '/towns', '/towns/113611', '/simulator']) await visit(page, path);
    await context.close();

    const treasurer = await signedInPage(browser, server.url, 'treasurer-yokoze', '/treasurer', { javaScriptEnabled: true });
    await treasurer.context().addInitScript(collect);
    watch(treasurer);
    for (const path of ['/treasurer', '/treasurer/donations?town=113611']) await visit(treasurer, path);
    await treasurer.context().close();

    const company = await signedInPage(browser, server.url, 'company1', '/company', { javaScriptEnabled: true });
    await company.context().addInitScript(collect);
    watch(company);
    for (const path of ['/company', '/company/pledges/new', '/company/profile']) await visit(company, path);
    await company.context().close();

    expect(violations).toEqual([]);
  });
});
