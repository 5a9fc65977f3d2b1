import type { Locator, Page } from 'playwright-core';
import { TEST_PASSWORD, type SignedInClient } from '../support/app';
import { createPacificSummit, newZealandDelegate, PacificSummit } from '../support/pacific-summit';
import { webClientSuite } from '../support/web-client-suite';

jest.setTimeout(90_000);

interface Delegate {
  email: string;
  displayName: string;
  client: SignedInClient;
  page: Page;
}

/**
 * Two delegates of New Zealand, each in a browser of their own, chat in a
 * summit: what one writes in the lobby and in their delegation's channel
 * reaches the other live, and a channel not open on screen counts its unread
 * messages.
 */
describe('Web client chat', () => {
  const suite = webClientSuite();
  let summitId: string;
  let newZealandId: string;
  let summit: PacificSummit;
  const delegates: Delegate[] = [];

  async function setUpSummit(): Promise<void> {
    const { app } = suite;
    summit = await createPacificSummit(app);
    const { admin } = summit;
    ({ summitId, newZealand: newZealandId } = summit);
    for (const [email, displayName] of [
      ['aroha@nz.example', 'Aroha Ngata'],
      ['wiremu@nz.example', 'Wiremu Tane'],
    ]) {
      const client = await newZealandDelegate(app, summit, email, displayName);
      // Named in the summit, the delegates appear by name in its chat.
      await app.http.put(`/api/summits/${summitId}/members/${client.userId}`).set(admin.auth).send({ role: 'delegate', organisationId: newZealandId }).expect(200);
      delegates.push({ email, displayName, client, page: undefined as unknown as Page });
    }
  }

  /** A fresh browser profile, signed in through the login page. */
  async function openBrowser(delegate: Delegate): Promise<void> {
    delegate.page = (await suite.openBrowser({ timezoneId: 'Pacific/Auckland' })).page;
    await suite.submitSignIn(delegate.page, delegate.email);
    await delegate.page.getByRole('heading', { level: 1, name: 'Summits' }).waitFor();
  }

  function log(page: Page, channel: string): Locator {
    return page.getByRole('log', { name: `Messages in ${channel}` });
  }

  function composer(page: Page, channel: string): Locator {
    return page.getByRole('textbox', { name: `Message to ${channel}` });
  }

  /** Opens a summit's chat by its address and waits until it is live. */
  async function openChat(page: Page): Promise<void> {
    await page.goto(`${suite.app.url}/summits/${summitId}/chat`);
    await page.getByRole('heading', { level: 1, name: 'Chat of Pacific summit' }).waitFor();
    await log(page, 'Lobby').waitFor();
    await page.getByRole('status').filter({ hasText: 'Connecting to the chat…' }).waitFor({ state: 'detached' });
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
    await wiremu.page.goto(`${suite.app.url}/summits/${summitId}/chat`);
    await wiremu.page.getByRole('heading', { level: 1, name: 'Chat of Pacific summit' }).waitFor();
    for (const { page } of delegates) {
      await log(page, 'Lobby').getByText('No messages yet.').waitFor();
      await page.getByRole('status').filter({ hasText: 'Connecting to the chat…' }).waitFor({ state: 'detached' });
    }

    // Each sees the other online, under their delegation.
    const online = aroha.page.getByRole('group').filter({ hasText: 'other person online' });
    await online.getByText('1 other person online').click();
    await online.getByText('New Zealand: Wiremu Tane').waitFor();

    // The lobby: Enter sends, and the message reaches the other browser with its author's name.
    await composer(aroha.page, 'Lobby').fill('Kia ora, everyone.');
    await composer(aroha.page, 'Lobby').press('Enter');
    await message(aroha.page, 'Lobby', 'Kia ora, everyone.').waitFor();
    expect(await composer(aroha.page, 'Lobby').inputValue()).toBe('');
    const inWiremusLobby = message(wiremu.page, 'Lobby', 'Kia ora, everyone.');
    await inWiremusLobby.waitFor();
    expect(await inWiremusLobby.textContent()).toContain('Aroha Ngata');
    // Beside the name, the delegation she speaks for.
    await inWiremusLobby.locator('.message-delegation').filter({ hasText: 'New Zealand' }).waitFor();

    // The delegation's channel, which Wiremu has not opened: its unread count goes up.
    await aroha.page.getByRole('button', { name: 'New Zealand delegation', exact: true }).click();
    await log(aroha.page, 'New Zealand delegation').getByText('No messages yet.').waitFor();
    await composer(aroha.page, 'New Zealand delegation').fill('Our line on article 4?');
    await composer(aroha.page, 'New Zealand delegation').press('Enter');
    await message(aroha.page, 'New Zealand delegation', 'Our line on article 4?').waitFor();
    const delegationChannel = wiremu.page.getByRole('button', { name: /^New Zealand delegation/ });
    // The channel's button says its unread count in words after its name (hidden text, which the name computation may set off with a space).
    await wiremu.page.getByRole('button', { name: /^New Zealand delegation ?, 1 unread message$/ }).waitFor({ timeout: 20_000 });
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

  it('lets a delegate mention a delegation member without a role in the summit, who sees the mention live on another channel', async () => {
    const [aroha] = delegates;
    // Mere belongs to the New Zealand delegation but holds no role of her own in the summit.
    const email = 'mere@nz.example';
    const client = await newZealandDelegate(suite.app, summit, email, 'Mere Kahu');
    const mere: Delegate = { email, displayName: 'Mere Kahu', client, page: undefined as unknown as Page };
    delegates.push(mere);
    await openBrowser(mere);

    // Mere reads her delegation's channel, not the lobby.
    await mere.page.goto(`${suite.app.url}/summits/${summitId}/chat`);
    await mere.page.getByRole('heading', { level: 1, name: 'Chat of Pacific summit' }).waitFor();
    await mere.page.getByRole('status').filter({ hasText: 'Connecting to the chat…' }).waitFor({ state: 'detached' });
    await mere.page.getByRole('button', { name: /^New Zealand delegation/ }).click();
    await log(mere.page, 'New Zealand delegation').getByRole('listitem').first().waitFor();
    // The lobby's first message came before she joined and is unread.
    await mere.page.getByRole('button', { name: /^Lobby ?, 1 unread message$/ }).waitFor();

    // Aroha, back on the chat, can write to her directly: the picker lists everyone taking part.
    await aroha.page.goto(`${suite.app.url}/summits/${summitId}/chat`);
    await aroha.page.getByRole('status').filter({ hasText: 'Connecting to the chat…' }).waitFor({ state: 'detached' });
    await aroha.page.getByText('New direct message').click();
    await aroha.page.getByRole('combobox', { name: 'Person' }).getByRole('option', { name: 'Mere Kahu' }).waitFor({ state: 'attached' });
    await aroha.page.getByText('New direct message').click();

    // In the lobby, “@Mer” offers Mere; Enter chooses her rather than sending.
    await aroha.page.getByRole('button', { name: /^Lobby/ }).click();
    const lobbyComposer = composer(aroha.page, 'Lobby');
    await lobbyComposer.pressSequentially('Agenda item 3 is yours, @Mer');
    const suggestions = aroha.page.getByRole('listbox', { name: 'People and delegations to mention' });
    await suggestions.getByRole('option', { name: 'Mere Kahu' }).waitFor();
    await lobbyComposer.press('Enter');
    await suggestions.waitFor({ state: 'detached' });
    await lobbyComposer.pressSequentially('please.');
    expect(await lobbyComposer.inputValue()).toBe('Agenda item 3 is yours, @Mere Kahu please.');
    await lobbyComposer.press('Enter');
    await message(aroha.page, 'Lobby', '@Mere Kahu please.').waitFor();

    // Without reloading, Mere's lobby shows the unread message and the mention, faster than any periodic refresh would.
    const lobby = mere.page.getByRole('button', { name: /^Lobby ?, 2 unread messages ?, 1 mention of you$/ });
    await lobby.waitFor({ timeout: 5_000 });
    expect(await lobby.locator('.badge.mention').textContent()).toBe('@1');

    // Opened, the message stands out as mentioning her, and the counts clear.
    await lobby.click();
    const mention = message(mere.page, 'Lobby', '@Mere Kahu please.');
    await mention.waitFor();
    expect(await mention.textContent()).toContain('Mentions you');
    expect(await mention.getAttribute('class')).toContain('mentioned');
    expect(await message(mere.page, 'Lobby', 'Kia ora, everyone.').getAttribute('class')).not.toContain('mentioned');
    await mere.page.getByRole('button', { name: 'Lobby', exact: true }).waitFor();

    // The page marks the lobby read on the server too: a fresh reading of the channels soon counts no mention.
    const lobbyMentions = async () => {
      const channels = (await suite.app.http.get(`/api/summits/${summitId}/channels`).set(client.auth).expect(200)).body as { kind: string; unreadMentions: number }[];
      return channels.find((channel) => channel.kind === 'lobby')?.unreadMentions;
    };
    let mentions = await lobbyMentions();
    for (let attempt = 0; mentions !== 0 && attempt < 20; attempt++) {
      await mere.page.waitForTimeout(250);
      mentions = await lobbyMentions();
    }
    expect(mentions).toBe(0);
  });

  it('lets the chair pin a lobby message that a delegate sees live, and mute then unmute the delegate, whose composer follows without reloading', async () => {
    const [, wiremu] = delegates;
    const chair = (await suite.openBrowser({ timezoneId: 'Europe/Paris' })).page;
    await suite.submitSignIn(chair, 'admin@plenary.test');
    await chair.getByRole('heading', { level: 1, name: 'Summits' }).waitFor();
    await openChat(chair);
    await openChat(wiremu.page);
    await composer(wiremu.page, 'Lobby').fill('Ready for the plenary.');
    await composer(wiremu.page, 'Lobby').press('Enter');
    await message(chair, 'Lobby', 'Ready for the plenary.').waitFor();

    // Nothing is pinned yet, and in the lobby a delegate cannot pin.
    const wiremusKiaOra = message(wiremu.page, 'Lobby', 'Kia ora, everyone.');
    await wiremusKiaOra.waitFor();
    expect(await wiremu.page.getByRole('region', { name: /^Pinned messages/ }).count()).toBe(0);
    expect(await wiremusKiaOra.getByRole('button', { name: /^Pin/ }).count()).toBe(0);

    // The chair pins Aroha's greeting; Wiremu sees it under the pinned messages and marked in the log, live.
    const chairsKiaOra = message(chair, 'Lobby', 'Kia ora, everyone.');
    await chairsKiaOra.getByRole('button', { name: 'Pin the message from Aroha Ngata' }).click();
    await chairsKiaOra.getByText('Pinned', { exact: true }).waitFor();
    const wiremusPins = wiremu.page.getByRole('region', { name: 'Pinned messages (1)' });
    const pinned = wiremusPins.getByRole('listitem').filter({ hasText: 'Kia ora, everyone.' });
    await pinned.waitFor({ timeout: 5_000 });
    expect(await pinned.textContent()).toContain('Aroha Ngata');
    await wiremusKiaOra.getByText('Pinned', { exact: true }).waitFor();
    expect(await wiremusPins.getByRole('button', { name: /^Unpin/ }).count()).toBe(0);

    // The chair mutes Wiremu from his message: his composer is disabled and says until when, in his time zone.
    const chairsReady = message(chair, 'Lobby', 'Ready for the plenary.');
    await chairsReady.getByRole('button', { name: 'Mute Wiremu Tane' }).click();
    await chairsReady.getByRole('combobox', { name: 'Mute Wiremu Tane in this summit’s chat for' }).selectOption({ label: '1 hour' });
    await chairsReady.getByRole('button', { name: 'Mute', exact: true }).click();
    await chair.getByRole('status').filter({ hasText: 'Wiremu Tane cannot post in this summit’s chat for 1 hour.' }).waitFor();
    const notice = wiremu.page.getByRole('status').filter({ hasText: 'You have been muted in this summit’s chat until' });
    await notice.waitFor({ timeout: 5_000 });
    expect(await composer(wiremu.page, 'Lobby').isDisabled()).toBe(true);
    expect(await wiremu.page.getByRole('button', { name: 'Send', exact: true }).isDisabled()).toBe(true);
    const admin = await suite.app.signIn('admin@plenary.test', TEST_PASSWORD);
    const mutes = (await suite.app.http.get(`/api/summits/${summitId}/chat-mutes`).set(admin.auth).expect(200)).body as { userId: string; until: string }[];
    const until = mutes.find((mute) => mute.userId === wiremu.client.userId)?.until;
    const { timeZone } = (await suite.app.http.get('/api/me').set(wiremu.client.auth).expect(200)).body as { timeZone: string };
    expect(await notice.textContent()).toContain(new Intl.DateTimeFormat('en-GB', { timeStyle: 'short', timeZone }).format(new Date(until ?? 0)));

    // Coming back to the chat, the mute still shows: following the summit tells of it.
    await openChat(wiremu.page);
    await notice.waitFor();
    expect(await composer(wiremu.page, 'Lobby').isDisabled()).toBe(true);

    // The chair lifts it from the muted participants: Wiremu's composer is enabled again and his message goes through.
    await chair.getByText('Muted participants').click();
    const muted = chair.getByRole('group').filter({ hasText: 'Muted participants' }).getByRole('listitem').filter({ hasText: 'Wiremu Tane' });
    await muted.waitFor();
    expect(await muted.textContent()).toContain('until');
    await muted.getByRole('button', { name: 'Unmute Wiremu Tane' }).click();
    await chair.getByText('Nobody is muted in this summit’s chat.').waitFor();
    await notice.waitFor({ state: 'detached', timeout: 5_000 });
    expect(await composer(wiremu.page, 'Lobby').isEnabled()).toBe(true);
    await composer(wiremu.page, 'Lobby').fill('Thank you, Chair.');
    await composer(wiremu.page, 'Lobby').press('Enter');
    await message(chair, 'Lobby', 'Thank you, Chair.').waitFor();

    // Unpinned from the list above the log, the message leaves Wiremu's pinned messages.
    await chair.getByRole('region', { name: 'Pinned messages (1)' }).getByRole('button', { name: 'Unpin the message from Aroha Ngata' }).click();
    await wiremusPins.waitFor({ state: 'detached', timeout: 5_000 });
    expect(await wiremusKiaOra.getByText('Pinned', { exact: true }).count()).toBe(0);
  });

  it('shows formatting and links as such, and HTML or a javascript: link as text, in the other browser too', async () => {
    const [aroha, wiremu] = delegates;
    await openChat(aroha.page);
    await openChat(wiremu.page);

    const typed = [
      '**Agreed**, with *one* reservation: see https://summit.example.org/draft',
      '<img src=x onerror="document.title=1"><script>document.title=2</script>',
      '[the annex](javascript:document.title=3)',
    ];
    for (const text of typed) {
      await composer(aroha.page, 'Lobby').fill(text);
      await composer(aroha.page, 'Lobby').press('Enter');
    }
    const formatted = message(wiremu.page, 'Lobby', 'reservation');
    await formatted.waitFor();
    expect(await formatted.locator('strong').textContent()).toBe('Agreed');
    expect(await formatted.locator('em').textContent()).toBe('one');
    const link = formatted.getByRole('link', { name: 'https://summit.example.org/draft' });
    expect(await link.getAttribute('href')).toBe('https://summit.example.org/draft');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toContain('noopener');

    const html = message(wiremu.page, 'Lobby', '<script>');
    await html.waitFor();
    expect((await html.locator('.message-body').textContent())?.trim()).toBe(typed[1]);
    expect(await html.locator('.message-body img, .message-body script').count()).toBe(0);
    const annex = message(wiremu.page, 'Lobby', 'the annex');
    await annex.waitFor();
    expect((await annex.locator('.message-body').textContent())?.trim()).toBe(typed[2]);
    expect(await annex.locator('.message-body a').count()).toBe(0);
    // Nothing typed ran in either page.
    for (const { page } of delegates) expect(await page.title()).toBe('Chat of Pacific summit · Plenary');
  });
});
