/**
 * Debian's Chromium, driven by playwright-core, started the way this machine allows: headless, no
 * sandbox (root), and no background networking (there is no internet, and Chromium's own calls home
 * would be refused many at a time).
 */
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh profile signed in as `user` on the dev sign-in page, waiting until it lands on `next`. */
export async function signedInPage(browser: Browser, baseUrl: string, user: string, next: string, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ locale: 'ja-JP', javaScriptEnabled: false, ...options });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/dev/sign-in?next=${encodeURIComponent(next)}`);
  await page.locator(`button[data-user="${user}"]`).click();
  await page.waitForURL((u) => u.pathname + u.search === next);
  return page;
}
