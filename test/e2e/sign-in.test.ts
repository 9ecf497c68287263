/**
 * Signing in and out from the header in Chromium, without JavaScript: through a fake Cognito hosted UI on
 * another site (the flow cookie must survive the cross-site redirect back, as SameSite=Lax allows), and
 * through the local dev provider that `npm start` uses.
 */
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../functions/api/app.js';
import { hostedSignIn } from '../../functions/api/hosted-ui.js';
import { createDevIdentity, DEV_AUDIENCE } from '../../infra/local/dev-identity.js';
import { launchChromium } from '../support/browser.js';
import { fakeCognito } from '../support/fake-cognito.js';
import { testPlatform } from '../support/platform.js';
import { startServer, type RunningServer } from '../support/server.js';

let browser: Browser;
let local: RunningServer;
let hosted: RunningServer;
let cognitoServer: RunningServer;
let cognito: ReturnType<typeof fakeCognito>;
/** The app behind `hosted`; built once the port (hence its callback URL) is known. */
let hostedApp: App | undefined;

beforeAll(async () => {
  const p = await testPlatform();
  local = await startServer(p.app);
  const idp = await createDevIdentity();
  cognito = fakeCognito(idp);
  cognito.state.loginForm = true;
  cognitoServer = await startServer(cognito.app);
  hosted = await startServer({ fetch: (req: Request) => hostedApp!.fetch(req) });
  // The app on localhost, the "hosted UI" on 127.0.0.1: two different sites, as in AWS.
  const appUrl = `http://localhost:${hosted.port}`;
  hostedApp = createApp({ db: p.db, verifier: idp.verifier, baseUrl: appUrl, signIn: hostedSignIn({ domain: cognitoServer.url, clientId: DEV_AUDIENCE, appBaseUrl: appUrl }) });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([local?.close(), hosted?.close(), cognitoServer?.close()]);
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'ja-JP', javaScriptEnabled: false });
  return context.newPage();
}

describe('sign-in from the header', () => {
  it('through the Cognito hosted UI: signs in, comes back to the page, opens a workspace, and signs out of both', async () => {
    const base = `http://localhost:${hosted.port}`;
    const page = await newPage();
    await page.goto(`${base}/challenges?town=113611`);
    await page.locator('.account a', { hasText: 'サインイン' }).click();
    await page.waitForURL((u) => u.origin === cognitoServer.url && u.pathname === '/oauth2/authorize');
    await page.locator('button[data-user="treasurer-yokoze"]').click();
    await page.waitForURL(`${base}/challenges?town=113611`);
    await expect(page.locator('.user-name').textContent()).resolves.toBe('横瀬町 会計管理者 さん');
    const session = (await page.context().cookies(base)).find((c) => c.name === 'kf_session');
    expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
    expect((await page.context().cookies(base)).some((c) => c.name === 'kf_oauth')).toBe(false);

    const audit = await page.goto(`${base}/audit`);
    expect(audit?.status()).toBe(200);

    await page.locator('.account button', { hasText: 'サインアウト' }).click();
    await page.waitForURL(`${base}/`);
    expect(cognito.state.logouts.at(-1)?.get('logout_uri')).toBe(`${base}/`);
    await expect(page.locator('.account a', { hasText: 'サインイン' }).count()).resolves.toBe(1);
    expect((await page.context().cookies(base)).some((c) => c.name === 'kf_session')).toBe(false);
    await page.context().close();
  });

  it('locally, through the dev sign-in page, and back', async () => {
    const page = await newPage();
    await page.goto(`${local.url}/towns`);
    await page.locator('.account a', { hasText: 'サインイン' }).click();
    await page.waitForURL(`${local.url}/dev/sign-in?next=%2Ftowns`);
    await page.locator('button[data-user="donor1"]').click();
    await page.waitForURL(`${local.url}/towns`);
    await expect(page.locator('.user-name').textContent()).resolves.toBe('寄附 一郎 さん');
    await page.locator('.account button', { hasText: 'サインアウト' }).click();
    await page.waitForURL(`${local.url}/`);
    await expect(page.locator('.account a', { hasText: 'サインイン' }).count()).resolves.toBe(1);
    await page.context().close();
  });
});
