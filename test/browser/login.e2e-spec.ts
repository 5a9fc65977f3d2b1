import type { Locator, Page } from 'playwright-core';
import { assertWebClientBuilt, BrowserProfile, openBrowser } from '../support/browser';
import { startTestApp, TEST_PASSWORD } from '../support/app';

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

    await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/account');
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
});
