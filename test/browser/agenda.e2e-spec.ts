import { readFile } from 'node:fs/promises';
import type { Locator } from 'playwright-core';
import { TEST_PASSWORD } from '../support/app';
import { webClientSuite } from '../support/web-client-suite';

jest.setTimeout(90_000);

/**
 * A host administrator plans a summit in Paris through the pages: New Zealand
 * confirmed, an opening plenary, then a press briefing in the same room that
 * overlaps it, kept despite the conflict, and the agenda read in Tokyo time.
 */
describe('Web client agenda', () => {
  const suite = webClientSuite({ pagePerTest: true });

  /** The agenda entry of a session, found by its title. */
  function agendaEntry(title: string): Locator {
    const { page } = suite;
    return page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: title }) });
  }

  async function addSession(fields: { kind?: string; title: string; start: string; end: string; room: string }): Promise<void> {
    const form = suite.page.getByRole('region', { name: 'Add a session' });
    if (fields.kind) await form.getByLabel('Kind').selectOption({ label: fields.kind });
    await form.getByLabel('Title').fill(fields.title);
    await form.getByLabel('Start', { exact: true }).fill(fields.start);
    await form.getByLabel('End', { exact: true }).fill(fields.end);
    await form.getByLabel('Room (optional)').fill(fields.room);
    await form.getByRole('button', { name: 'Add the session' }).click();
  }

  it('creates a summit, confirms a participant, keeps an overlapping session on purpose and shows it in another zone', async () => {
    const { app, page } = suite;
    await app.createOrganisation({ name: 'France', countryCode: 'FR' });
    await app.createOrganisation({ name: 'New Zealand', countryCode: 'NZ' });

    await suite.submitSignIn(page, 'admin@plenary.test');
    // Signing in lands on the summit list.
    await page.getByRole('heading', { level: 1, name: 'Summits' }).waitFor();

    const navigation = page.getByRole('navigation', { name: 'Main' });
    await navigation.getByRole('link', { name: 'Summits' }).click();
    await page.getByRole('heading', { level: 1, name: 'Summits' }).waitFor();

    const summitForm = page.getByRole('region', { name: 'New summit' });
    await summitForm.getByLabel('Title').fill('Progress summit');
    await summitForm.getByLabel('Host organisation').selectOption({ label: 'France' });
    await summitForm.getByLabel('Summit time zone').fill('Europe/Paris');
    await summitForm.getByLabel('Start', { exact: true }).fill('2026-10-24T08:00');
    await summitForm.getByLabel('End', { exact: true }).fill('2026-10-26T22:00');
    await summitForm.getByRole('button', { name: 'Create the summit' }).click();

    await page.getByRole('heading', { level: 1, name: 'Progress summit' }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/summits\/[0-9a-f-]{36}$/);

    await page.getByRole('button', { name: 'Add a participant' }).click();
    const participantForm = page.getByRole('dialog', { name: 'Add a participant' });
    await participantForm.getByLabel('Organisation').selectOption({ label: 'New Zealand' });
    await participantForm.getByLabel('Status').selectOption({ label: 'Confirmed' });
    await participantForm.getByLabel('Capital time zone').fill('Pacific/Auckland');
    await participantForm.getByRole('button', { name: 'Add the participant' }).click();
    await participantForm.getByRole('status').getByText('New Zealand', { exact: false }).waitFor();
    await participantForm.getByRole('button', { name: 'Close' }).click();
    const states = page.getByRole('list', { name: 'States' });
    await states.getByRole('listitem').filter({ hasText: 'New Zealand' }).filter({ hasText: 'Confirmed' }).waitFor();

    await page.getByRole('link', { name: 'Agenda', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Agenda of Progress summit' }).waitFor();
    await page.getByText('Times are shown in Europe/Paris.').waitFor();
    // Only the agenda is the current page: not the summit it belongs to, nor the summit list, which is its section.
    const banner = page.getByRole('navigation', { name: 'Main' });
    expect(await banner.getByRole('link', { name: 'Summits' }).getAttribute('aria-current')).toBe('true');
    expect(await page.getByRole('link', { name: 'Back to the summit' }).getAttribute('aria-current')).toBeNull();

    await addSession({ title: 'Opening plenary', start: '2026-10-25T10:00', end: '2026-10-25T11:30', room: 'Salle Kléber' });
    await page.getByText('Session “Opening plenary” added.').waitFor();

    await addSession({ kind: 'Press conference', title: 'Press briefing', start: '2026-10-25T11:00', end: '2026-10-25T12:00', room: 'Salle Kléber' });
    const conflict = page.getByRole('alert').filter({ hasText: 'This conflicts with the schedule' });
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('The room is already taken by “Opening plenary”.');
    expect(await conflict.textContent()).toContain('Also expected at “Opening plenary”: New Zealand.');
    expect(await agendaEntry('Press briefing').count()).toBe(0);

    await conflict.getByRole('button', { name: 'Save anyway' }).click();
    await page.getByText('Session “Press briefing” added. 2 conflicts kept.').waitFor();

    // 25 October 2026 is the night clocks go back in Paris: from then on it is UTC+1.
    await page.getByRole('list', { name: 'Sunday, 25 October 2026' }).waitFor();
    expect(await agendaEntry('Opening plenary').locator('time').textContent()).toBe('10:00–11:30');
    expect(await agendaEntry('Press briefing').locator('time').textContent()).toBe('11:00–12:00');
    expect(await agendaEntry('Press briefing').textContent()).toContain('Press conference');

    await page.getByLabel('Another time zone').check();
    await page.getByLabel('Time zone', { exact: true }).fill('Asia/Tokyo');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.getByText('Times are shown in Asia/Tokyo.').waitFor();

    await page.getByRole('button', { name: 'All days' }).click();
    expect(await agendaEntry('Opening plenary').locator('time').textContent()).toBe('18:00–19:30');
    expect(await agendaEntry('Press briefing').locator('time').textContent()).toBe('19:00–20:00');
    expect(await agendaEntry('Opening plenary').textContent()).toContain('Room: Salle Kléber');

    // A session added by someone else appears live, without reloading the page.
    const summitId = new URL(page.url()).pathname.split('/')[2];
    const admin = await app.signIn('admin@plenary.test', TEST_PASSWORD);
    await app.http
      .post(`/api/summits/${summitId}/sessions`)
      .set(admin.auth)
      .send({ kind: 'breakout', title: 'Late addition', startsAt: '2026-10-25T13:00:00Z', endsAt: '2026-10-25T14:00:00Z', override: true })
      .expect(201);
    await agendaEntry('Late addition').waitFor();
    expect(await agendaEntry('Late addition').locator('time').textContent()).toBe('22:00–23:00');

    // On paper: the server's PDF of the agenda, in the zone shown.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as PDF' }).click()]);
    expect(download.suggestedFilename()).toMatch(/-agenda\.pdf$/);
    const pdf = await readFile((await download.path())!);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(await page.getByRole('button', { name: 'Download as PDF' }).isEnabled()).toBe(true);

    // The zone and the view chosen are this browser's for the next visit.
    await page.reload();
    await page.getByText('Times are shown in Asia/Tokyo.').waitFor();
    expect(await page.getByRole('button', { name: 'All days' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByLabel('Another time zone').isChecked()).toBe(true);
    expect(await agendaEntry('Opening plenary').locator('time').textContent()).toBe('18:00–19:30');
  });
});
