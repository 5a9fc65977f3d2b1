import type { Page } from 'playwright-core';
import { assertWebClientBuilt, BrowserProfile, openBrowser } from '../support/browser';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/app';

jest.setTimeout(60_000);

/**
 * Tabs of one browser share one refresh cookie, which every refresh replaces.
 * The server here grants no grace for a token presented again, so only the
 * web client taking turns between its tabs keeps them signed in.
 */
describe('Web client tabs refreshing at once', () => {
  let testApp: TestApp;
  let browser: BrowserProfile;

  beforeAll(async () => {
    assertWebClientBuilt();
    testApp = await startTestApp({ REFRESH_GRACE_SECONDS: '0' });
  });

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  async function showsAccount(page: Page, email: string): Promise<void> {
    await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
    await page.getByText(email, { exact: true }).waitFor();
  }

  it('keeps three tabs signed in when they are restored together', async () => {
    const email = 'grace.hopper@example.org';
    const user = await testApp.createUser({ email, password: 'compiler-a0-1952', displayName: 'Grace Hopper' });
    browser = await openBrowser();
    const first = browser.page;
    // Signed in, the page asked for before comes back.
    await first.goto(`${testApp.url}/login?next=%2Faccount`);
    await first.getByLabel('Email', { exact: true }).fill(email);
    await first.getByLabel('Password', { exact: true }).fill('compiler-a0-1952');
    await first.getByLabel('Password', { exact: true }).press('Enter');
    await showsAccount(first, email);
    const tabs = [first, await browser.context.newPage(), await browser.context.newPage()];
    for (const tab of tabs.slice(1)) {
      await tab.goto(`${testApp.url}/account`);
      await showsAccount(tab, email);
    }

    for (let round = 0; round < 2; round += 1) {
      await Promise.all(tabs.map((tab) => tab.reload()));
      for (const tab of tabs) await showsAccount(tab, email);
    }

    for (const tab of tabs) expect(new URL(tab.url()).pathname).toBe('/account');
    const sessions = await testApp.dataSource.getRepository('AuthSession').find({ where: { userId: user.id } });
    expect(sessions).toEqual([expect.objectContaining({ revokedAt: null })]);
    const admin = await testApp.signIn('admin@plenary.test', TEST_PASSWORD);
    const reuse = await testApp.http.get('/api/audit-events?type=refresh_token.reused').set(admin.auth).expect(200);
    expect(reuse.body).toEqual([]);
  });
});
