import type { Locator, Page } from 'playwright-core';
import { assertWebClientBuilt, BrowserProfile, openBrowser as launchBrowser } from '../support/browser';
import { startTestApp, TEST_PASSWORD, type SignedInClient } from '../support/app';

jest.setTimeout(90_000);

interface Delegate {
  email: string;
  displayName: string;
  client: SignedInClient;
  browser: BrowserProfile | null;
  page: Page;
}

/**
 * Two delegates of New Zealand, each in a browser of their own, chat in a
 * summit: what one writes in the lobby and in their delegation's channel
 * reaches the other live, and a channel not open on screen counts its unread
 * messages.
 */
describe('Web client chat', () => {
  let testApp: Awaited<ReturnType<typeof startTestApp>>;
  let summitId: string;
  const delegates: Delegate[] = [];

  beforeAll(async () => {
    assertWebClientBuilt();
    testApp = await startTestApp();
  });

  afterAll(async () => {
    for (const delegate of delegates) await delegate.browser?.close();
    await testApp?.close();
  });

  async function setUpSummit(): Promise<{ newZealand: string }> {
    const admin = await testApp.signIn('admin@plenary.test', TEST_PASSWORD);
    const organisation = async (name: string, countryCode: string): Promise<string> =>
      (await testApp.http.post('/api/organisations').set(admin.auth).send({ kind: 'state', name, shortName: name, countryCode }).expect(201)).body.id;
    const france = await organisation('France', 'FR');
    const newZealand = await organisation('New Zealand', 'NZ');
    summitId = (
      await testApp.http
        .post('/api/summits')
        .set(admin.auth)
        .send({ title: 'Pacific summit', hostOrganisationId: france, timeZone: 'Europe/Paris', startsAt: '2026-10-24T06:00:00Z', endsAt: '2026-10-26T20:00:00Z' })
        .expect(201)
    ).body.id;
    await testApp.http.post(`/api/summits/${summitId}/participants`).set(admin.auth).send({ organisationId: newZealand, status: 'confirmed', timeZone: 'Pacific/Auckland' }).expect(201);
    await testApp.http.post(`/api/summits/${summitId}/status`).set(admin.auth).send({ status: 'announced' }).expect(200);
    for (const [email, displayName] of [
      ['aroha@nz.example', 'Aroha Ngata'],
      ['wiremu@nz.example', 'Wiremu Tane'],
    ]) {
      const client = await testApp.joinOrganisation(email, newZealand);
      await testApp.http.patch('/api/me').set(client.auth).send({ displayName }).expect(200);
      // Named in the summit, the delegates appear by name in its chat.
      await testApp.http.put(`/api/summits/${summitId}/members/${client.userId}`).set(admin.auth).send({ role: 'delegate', organisationId: newZealand }).expect(200);
      delegates.push({ email, displayName, client, browser: null, page: undefined as unknown as Page });
    }
    return { newZealand };
  }

  /** A fresh browser profile, signed in through the login page. */
  async function openBrowser(delegate: Delegate): Promise<void> {
    const browser = await launchBrowser({ timezoneId: 'Pacific/Auckland' });
    delegate.browser = browser;
    delegate.page = browser.page;
    const { page } = delegate;
    await page.goto(`${testApp.url}/login`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByLabel('Email', { exact: true }).fill(delegate.email);
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByLabel('Password', { exact: true }).press('Enter');
    await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
  }

  function log(page: Page, channel: string): Locator {
    return page.getByRole('log', { name: `Messages in ${channel}` });
  }

  function composer(page: Page, channel: string): Locator {
    return page.getByRole('textbox', { name: `Message to ${channel}` });
  }

  /** A message of a log, found by its text, once the server has acknowledged it. */
  function message(page: Page, channel: string, text: string): Locator {
    return log(page, channel).getByRole('listitem').filter({ hasText: text }).filter({ hasNotText: 'Sending…' });
  }

  it('brings one delegate’s messages to the other in the lobby and the delegation channel, and counts what is unread', async () => {
    await setUpSummit();
    const [aroha, wiremu] = delegates;
    await openBrowser(aroha);
    await openBrowser(wiremu);

    // Aroha goes to the chat from the summit's page, Wiremu by its address.
    await aroha.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Summits' }).click();
    await aroha.page.getByRole('link', { name: 'Pacific summit' }).click();
    await aroha.page.getByRole('heading', { level: 1, name: 'Pacific summit' }).waitFor();
    await aroha.page.getByRole('navigation', { name: 'Pages of this summit' }).getByRole('link', { name: 'Chat' }).click();
    await aroha.page.getByRole('heading', { level: 1, name: 'Chat of Pacific summit' }).waitFor();
    await wiremu.page.goto(`${testApp.url}/summits/${summitId}/chat`);
    await wiremu.page.getByRole('heading', { level: 1, name: 'Chat of Pacific summit' }).waitFor();
    for (const { page } of delegates) {
      await log(page, 'Lobby').getByText('No messages yet.').waitFor();
      await page.getByRole('status').filter({ hasText: 'Connecting to the chat…' }).waitFor({ state: 'detached' });
    }

    // The lobby: Enter sends, and the message reaches the other browser with its author's name.
    await composer(aroha.page, 'Lobby').fill('Kia ora, everyone.');
    await composer(aroha.page, 'Lobby').press('Enter');
    await message(aroha.page, 'Lobby', 'Kia ora, everyone.').waitFor();
    expect(await composer(aroha.page, 'Lobby').inputValue()).toBe('');
    const inWiremusLobby = message(wiremu.page, 'Lobby', 'Kia ora, everyone.');
    await inWiremusLobby.waitFor();
    expect(await inWiremusLobby.textContent()).toContain('Aroha Ngata');

    // The delegation's channel, which Wiremu has not opened: its unread count goes up.
    await aroha.page.getByRole('button', { name: 'New Zealand delegation', exact: true }).click();
    await log(aroha.page, 'New Zealand delegation').getByText('No messages yet.').waitFor();
    await composer(aroha.page, 'New Zealand delegation').fill('Our line on article 4?');
    await composer(aroha.page, 'New Zealand delegation').press('Enter');
    await message(aroha.page, 'New Zealand delegation', 'Our line on article 4?').waitFor();
    const delegationChannel = wiremu.page.getByRole('button', { name: /^New Zealand delegation/ });
    await wiremu.page.getByRole('button', { name: 'New Zealand delegation, 1 unread message' }).waitFor({ timeout: 20_000 });
    expect(await delegationChannel.locator('.badge').textContent()).toBe('1');

    // Opened, the channel shows the message and nothing is unread any more.
    await delegationChannel.click();
    const inWiremusDelegation = message(wiremu.page, 'New Zealand delegation', 'Our line on article 4?');
    await inWiremusDelegation.waitFor();
    expect(await inWiremusDelegation.textContent()).toContain('Aroha Ngata');
    await wiremu.page.getByRole('button', { name: 'New Zealand delegation', exact: true }).waitFor();

    // With both in the channel, typing shows and the next message arrives live.
    await composer(aroha.page, 'New Zealand delegation').pressSequentially('Hold firm, see you at the plenary.', { delay: 100 });
    await wiremu.page.getByText('Aroha Ngata is typing…').waitFor();
    await composer(aroha.page, 'New Zealand delegation').press('Enter');
    await message(wiremu.page, 'New Zealand delegation', 'Hold firm, see you at the plenary.').waitFor();
    expect(await log(wiremu.page, 'New Zealand delegation').getByRole('listitem').count()).toBe(2);
  });
});
