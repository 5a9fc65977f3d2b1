import type { Page } from 'playwright-core';
import { assertWebClientBuilt, BrowserProfile, openBrowser } from '../support/browser';
import { startTestApp } from '../support/app';

jest.setTimeout(60_000);

describe('Web client sign-in', () => {
  let testApp: Awaited<ReturnType<typeof startTestApp>>;
  let browser: BrowserProfile;
  let page: Page;

  beforeAll(async () => {
    assertWebClientBuilt();
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp?.close();
  });

  beforeEach(async () => {
    browser = await openBrowser();
    page = browser.page;
  });

  afterEach(async () => {
    await browser?.close();
  });

  async function signIn(email: string, password: string): Promise<void> {
    await page.goto(`${testApp.url}/login`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByLabel('Password', { exact: true }).press('Enter');
  }

  it('signs in, lists this device among the sessions and switches to French', async () => {
    const email = 'ada.lovelace@example.org';
    const password = 'analytical-engine-1843';
    await testApp.createUser({ email, password, displayName: 'Ada Lovelace' });

    await signIn(email, password);

    await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/account');
    await page.getByText(email, { exact: true }).waitFor();

    const sessions = page.getByRole('list', { name: 'Active sessions' });
    await sessions.getByRole('listitem').first().waitFor();
    expect(await sessions.getByRole('listitem').count()).toBe(1);
    expect(await sessions.getByRole('listitem').filter({ hasText: 'This device' }).count()).toBe(1);

    await page.getByRole('button', { name: 'Français' }).click();

    await page.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Sessions actives' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');

    // The access token lives in memory only: a reload goes through the refresh cookie.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor();
    await page.getByText(email, { exact: true }).waitFor();
  });

  it('shows an alert when the password is wrong', async () => {
    const email = 'charles.babbage@example.org';
    await testApp.createUser({ email, password: 'difference-engine-1822', displayName: 'Charles Babbage' });

    await signIn(email, 'not-the-right-password');

    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('Email or password is incorrect.');
    expect(new URL(page.url()).pathname).toBe('/login');
  });
});
