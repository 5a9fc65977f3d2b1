import type { Locator, Page } from 'playwright-core';
import { assertWebClientBuilt, BrowserProfile, openBrowser } from '../support/browser';
import { startTestApp, TEST_PASSWORD } from '../support/app';

jest.setTimeout(60_000);

/** What `read` gives once it gives `expected`, or within 10 s, the last it gave. */
async function settled<T>(read: () => Promise<T>, expected: T): Promise<T> {
  const deadline = Date.now() + 10_000;
  let value = await read();
  while (value !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

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

  async function invite(email: string): Promise<string> {
    const admin = await testApp.signIn('admin@plenary.test', TEST_PASSWORD);
    const organisation = await testApp.http
      .post('/api/organisations')
      .set(admin.auth)
      .send({ kind: 'state', name: 'Chile', shortName: 'Chile', countryCode: 'CL' })
      .expect(201);
    await testApp.http.post('/api/invitations').set(admin.auth).send({ email, organisationId: organisation.body.id, delegationRole: 'delegate' }).expect(201);
    return testApp.invitationToken(email);
  }

  /** Submits the form, then expects its alert to say `message` with the focus on the field to correct. */
  async function expectRefusal(submit: Locator, message: string, field: Locator): Promise<void> {
    await submit.click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe(message);
    expect(await field.evaluate((input) => input.matches(':focus'))).toBe(true);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
  }

  it('signs in to the summit list, lists this device among the sessions and switches to French, saved to the profile', async () => {
    const email = 'ada.lovelace@example.org';
    const password = 'analytical-engine-1843';
    await testApp.createUser({ email, password, displayName: 'Ada Lovelace' });

    await signIn(email, password);

    await page.getByRole('heading', { level: 1, name: 'Summits' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/summits');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My account' }).click();
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
    // The profile form follows, so that saving it does not put the old language back.
    expect(await settled(() => page.getByLabel('Langue préférée').inputValue(), 'fr')).toBe('fr');

    // The access token lives in memory only: a reload goes through the refresh cookie.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor();
    await page.getByText(email, { exact: true }).waitFor();

    // The choice is the profile's too, so that mails follow it: another device signing in finds it.
    const elsewhere = await testApp.signIn(email, password);
    expect(await settled(async () => (await testApp.http.get('/api/me').set(elsewhere.auth).expect(200)).body.locale, 'fr')).toBe('fr');
  });

  it('sends a visitor of a signed-in page to the sign-in page, and back to that page once signed in', async () => {
    const email = 'emmy.noether@example.org';
    const password = 'invariant-theory-1918';
    await testApp.createUser({ email, password, displayName: 'Emmy Noether' });

    await page.goto(`${testApp.url}/account?tab=sessions`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    const login = new URL(page.url());
    expect(login.pathname).toBe('/login');
    expect(login.searchParams.get('next')).toBe('/account?tab=sessions');
    // The sign-in page stays put: it does not send itself on again.
    await page.waitForTimeout(500);
    expect(page.url()).toBe(login.href);

    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByLabel('Password', { exact: true }).press('Enter');
    await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/account');

    // Another site's address is not followed.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.goto(`${testApp.url}/login?next=${encodeURIComponent('//elsewhere.example/phish')}`);
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByLabel('Password', { exact: true }).press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Summits' }).waitFor();
    expect(new URL(page.url()).origin).toBe(testApp.url);
  });

  it('signs out of all other devices', async () => {
    const email = 'mary.somerville@example.org';
    const password = 'connexion-of-the-sciences';
    await testApp.createUser({ email, password, displayName: 'Mary Somerville' });
    const other = await testApp.signIn(email, password);
    await testApp.http.get('/api/auth/sessions').set(other.auth).expect(200);

    await page.goto(`${testApp.url}/login?next=%2Faccount`);
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByLabel('Password', { exact: true }).press('Enter');
    await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
    const sessions = page.getByRole('list', { name: 'Active sessions' });
    await sessions.getByRole('listitem').nth(1).waitFor();
    expect(await sessions.getByRole('listitem').count()).toBe(2);

    await page.getByRole('button', { name: 'Sign out of all other devices' }).click();

    await page.getByRole('status').filter({ hasText: 'Signed out of every other device.' }).waitFor();
    expect(await settled(() => sessions.getByRole('listitem').count(), 1)).toBe(1);
    expect(await sessions.getByRole('listitem').filter({ hasText: 'This device' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Sign out of all other devices' }).count()).toBe(0);
    await testApp.http.post('/api/auth/refresh').set('Cookie', other.cookie).expect(401);
  });

  it('opens in French for a browser set to French, fetching the French words only then', async () => {
    const french = await openBrowser({ locale: 'fr-FR' });
    try {
      const scripts: string[] = [];
      french.page.on('request', (request) => request.resourceType() === 'script' && scripts.push(new URL(request.url()).pathname));
      await french.page.goto(`${testApp.url}/login`);
      await french.page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
      expect(await french.page.locator('html').getAttribute('lang')).toBe('fr');
      expect(scripts.some((path) => /\/assets\/fr-[\w-]+\.js$/.test(path))).toBe(true);
    } finally {
      await french.close();
    }
    // An English browser does not download them.
    const scripts: string[] = [];
    page.on('request', (request) => request.resourceType() === 'script' && scripts.push(new URL(request.url()).pathname));
    await page.goto(`${testApp.url}/login`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(scripts.filter((path) => /\/assets\/fr-[\w-]+\.js$/.test(path))).toEqual([]);
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

  it('creates the account from an invitation and changes its password, refusing mistakes on the way', async () => {
    const email = 'delegate@chile.example';
    const firstPassword = 'atacama-observatory-1';
    const secondPassword = 'atacama-observatory-2';
    const token = await invite(email);

    await page.goto(`${testApp.url}/invitation?token=${token}`);
    await page.getByRole('heading', { level: 1, name: 'Accept your invitation' }).waitFor();
    await page.getByLabel('Display name').fill('Gabriela Mistral');
    await page.getByLabel('Password', { exact: true }).fill('too-short');
    const create = page.getByRole('button', { name: 'Create my account' });
    await expectRefusal(create, 'The password must be at least 12 characters long.', page.getByLabel('Password', { exact: true }));
    await page.getByLabel('Password', { exact: true }).fill(firstPassword);
    await page.getByLabel('Repeat the password').fill('atacama-observatory-9');
    await expectRefusal(create, 'The two passwords do not match.', page.getByLabel('Repeat the password'));
    await page.getByLabel('Repeat the password').fill(firstPassword);
    await create.click();

    // An invitation for no summit in particular leads to the summit list.
    await page.getByRole('heading', { level: 1, name: 'Summits' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/summits');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My account' }).click();
    await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
    await page.getByText(email, { exact: true }).waitFor();
    expect(await page.getByLabel('Display name').inputValue()).toBe('Gabriela Mistral');

    const passwordForm = page.getByRole('region', { name: 'Change password' });
    const change = passwordForm.getByRole('button', { name: 'Change password' });
    await passwordForm.getByLabel('Current password').fill('not-my-password');
    await passwordForm.getByLabel('New password', { exact: true }).fill(secondPassword);
    await passwordForm.getByLabel('Repeat the new password').fill(secondPassword);
    await expectRefusal(change, 'The current password is incorrect.', passwordForm.getByLabel('Current password'));
    await passwordForm.getByLabel('Current password').fill(firstPassword);
    await change.click();

    await passwordForm.getByRole('status').filter({ hasText: 'Password changed.' }).waitFor();
    expect(await passwordForm.getByRole('alert').count()).toBe(0);
    expect(await passwordForm.getByLabel('New password', { exact: true }).inputValue()).toBe('');
    await testApp.http.post('/api/auth/login').send({ email, password: firstPassword }).expect(401);
    await testApp.signIn(email, secondPassword);
  });

  it('resets a forgotten password with the mailed link, which then ends every session and works once', async () => {
    const email = 'hedy.lamarr@example.org';
    const oldPassword = 'frequency-hopping-1942';
    const newPassword = 'spread-spectrum-1942';
    await testApp.createUser({ email, password: oldPassword, displayName: 'Hedy Lamarr' });
    const other = await testApp.signIn(email, oldPassword);

    await page.goto(`${testApp.url}/login`);
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Forgot password' }).waitFor();
    // The address typed on the sign-in page comes along.
    expect(await page.getByLabel('Email', { exact: true }).inputValue()).toBe(email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByRole('status').filter({ hasText: `If an account uses ${email}` }).waitFor();

    // The link is made and mailed after the answer, which is the same for every address.
    const mail = await settled(async () => (await testApp.mailTo(email)).length, 1);
    expect(mail).toBe(1);
    const [message] = await testApp.mailTo(email);
    const link = /https?:\/\/\S+\/reset-password\?token=[\w%-]+/.exec(message.textBody)?.[0];
    expect(link).toBeDefined();
    const token = new URL(link!).searchParams.get('token');

    await page.goto(`${testApp.url}/reset-password?token=${encodeURIComponent(token!)}`);
    await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
    const submit = page.getByRole('button', { name: 'Set the new password' });
    await page.getByLabel('New password', { exact: true }).fill('short');
    await expectRefusal(submit, 'The password must be at least 12 characters long.', page.getByLabel('New password', { exact: true }));
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('Confirm the new password').fill(newPassword);
    await submit.click();
    await page.getByRole('status').filter({ hasText: 'Your password has been changed.' }).waitFor();

    await testApp.http.post('/api/auth/refresh').set('Cookie', other.cookie).expect(401);
    await testApp.http.post('/api/auth/login').send({ email, password: oldPassword }).expect(401);
    await page.getByRole('link', { name: 'Sign in' }).click();
    await signIn(email, newPassword);
    await page.getByRole('heading', { level: 1, name: 'Summits' }).waitFor();

    // The link worked once.
    const used = await browser.context.newPage();
    await used.goto(`${testApp.url}/reset-password?token=${encodeURIComponent(token!)}`);
    await used.getByLabel('New password', { exact: true }).fill('a-third-password-entirely');
    await used.getByLabel('Confirm the new password').fill('a-third-password-entirely');
    await used.getByRole('button', { name: 'Set the new password' }).click();
    await used.getByRole('alert').filter({ hasText: 'This link is not valid or has already been used.' }).waitFor();
  });
});
