// The frame of a browser suite: one server for the file, serving the built web
// client, and Chromium profiles that are all closed before the server is.
import type { Page } from 'playwright-core';
import { startTestApp, TEST_PASSWORD, TestApp } from './app';
import { assertWebClientBuilt, BrowserProfile, openBrowser } from './browser';

export interface WebClientSuite {
  /** The server, started in `beforeAll`. */
  readonly app: TestApp;
  /** With `pagePerTest`: the page of a fresh browser profile opened for the current test. */
  readonly page: Page;
  /** A fresh browser profile of its own, closed after the test that opened it with `pagePerTest`, else at the end of the file. */
  openBrowser(options?: Parameters<typeof openBrowser>[0]): Promise<BrowserProfile>;
  /** Fills in and submits the login page as a person does; the caller waits for where that leads. */
  submitSignIn(page: Page, email: string, password?: string): Promise<void>;
}

/** Registers the suite's hooks; call it at the top of a `describe`. */
export function webClientSuite(options: { pagePerTest?: boolean } = {}): WebClientSuite {
  let app: TestApp | undefined;
  let page: Page | undefined;
  const open: BrowserProfile[] = [];

  async function closeBrowsers(): Promise<void> {
    for (const browser of open.splice(0)) await browser.close();
  }

  beforeAll(async () => {
    assertWebClientBuilt();
    app = await startTestApp();
  });
  afterAll(async () => {
    await closeBrowsers();
    await app?.close();
  });
  if (options.pagePerTest) {
    beforeEach(async () => {
      page = (await suite.openBrowser()).page;
    });
    afterEach(closeBrowsers);
  }

  const suite: WebClientSuite = {
    get app() {
      if (!app) throw new Error('the test server starts in beforeAll');
      return app;
    },
    get page() {
      if (!page) throw new Error('webClientSuite opens a page per test only with { pagePerTest: true }');
      return page;
    },
    async openBrowser(browserOptions) {
      const browser = await openBrowser(browserOptions);
      open.push(browser);
      return browser;
    },
    async submitSignIn(signInPage, email, password = TEST_PASSWORD) {
      await signInPage.goto(`${suite.app.url}/login`);
      await signInPage.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      await signInPage.getByLabel('Email', { exact: true }).fill(email);
      await signInPage.getByLabel('Password', { exact: true }).fill(password);
      await signInPage.getByLabel('Password', { exact: true }).press('Enter');
    },
  };
  return suite;
}
