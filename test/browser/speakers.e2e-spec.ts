import type { Page } from 'playwright-core';
import { createPacificSummit, newZealandDelegate } from '../support/pacific-summit';
import { webClientSuite } from '../support/web-client-suite';

jest.setTimeout(120_000);

/**
 * The live speakers list in two windows: the chair (the host side) and a
 * delegate of New Zealand each have the session open; what one does on the
 * list shows at the other without a reload, and the floor view follows too.
 */
describe('Web client speakers list', () => {
  const suite = webClientSuite();
  let sessionId: string;

  async function setUp(): Promise<void> {
    const { app } = suite;
    const summit = await createPacificSummit(app);
    const { admin, summitId } = summit;
    await newZealandDelegate(app, summit, 'aroha@nz.example', 'Aroha Ngata');
    sessionId = (
      await app.http
        .post(`/api/summits/${summitId}/sessions`)
        .set(admin.auth)
        .send({ kind: 'plenary', title: 'Opening plenary', startsAt: '2026-10-24T08:00:00Z', endsAt: '2026-10-24T10:00:00Z', speechSeconds: 120 })
        .expect(201)
    ).body.session.id;
  }

  async function openSession(email: string, path = `/sessions/${sessionId}`): Promise<Page> {
    const { page } = await suite.openBrowser();
    await suite.submitSignIn(page, email);
    await page.getByRole('heading', { level: 1, name: 'Summits' }).waitFor();
    await page.goto(`${suite.app.url}${path}`);
    return page;
  }

  const waiting = (page: Page) => page.getByRole('list', { name: 'Waiting to speak' });
  const floor = (page: Page) => page.locator('.floor.card');
  /** The limit the clock shows for the speech holding the floor. */
  const limit = (page: Page, time: string) => floor(page).locator('dl > div').filter({ hasText: 'Limit' }).getByText(time, { exact: true });

  it('the live speakers list in two windows', async () => {
    await setUp();
    const chair = await openSession('admin@plenary.test');
    const delegate = await openSession('aroha@nz.example');
    for (const page of [chair, delegate]) await page.getByRole('heading', { level: 1, name: 'Opening plenary' }).waitFor();
    await chair.getByText('Nobody is waiting.').waitFor();

    // The delegate asks for the floor: the chair sees the request, named, without reloading.
    await delegate.getByRole('button', { name: 'Ask for the floor' }).click();
    await waiting(chair).getByRole('listitem').filter({ hasText: 'New Zealand' }).filter({ hasText: 'Aroha Ngata' }).waitFor();
    // Already listed, the delegation is told where it stands rather than offered the same request again.
    await delegate.getByText('New Zealand is on the list to speak, in place 1 of 1.').waitFor();
    expect(await delegate.getByRole('button', { name: 'Ask for the floor' }).count()).toBe(0);
    await delegate.getByRole('button', { name: 'Raise a point of order' }).waitFor();

    // The chair gives the floor: the delegate's window shows the speaker and the clock.
    await chair.getByRole('group', { name: 'Chair controls' }).getByRole('button', { name: 'Next speaker' }).click();
    const speaking = floor(delegate);
    await speaking.getByText('New Zealand').waitFor();
    await limit(delegate, '2:00').waitFor();
    await delegate.getByText('Nobody is waiting.').waitFor();

    // More time, given by the chair, shows at once in the delegate's window.
    await chair.getByRole('button', { name: 'Add 1 minute' }).click();
    await limit(delegate, '3:00').waitFor();

    // The floor view follows the list live as well.
    const projector = await openSession('admin@plenary.test', `/sessions/${sessionId}/floor`);
    await projector.locator('.floor-view-delegation').getByText('New Zealand').waitFor();
    await projector.locator('.floor-view-speaker').getByText('Aroha Ngata').waitFor();

    // The speech ends: the delegate sees it among past speakers, and may ask again.
    await chair.getByRole('button', { name: 'End the speech' }).click();
    await delegate.getByText('Nobody holds the floor.').waitFor();
    await delegate.getByText('1 past speaker').click();
    await delegate.locator('.past-speakers').getByText('Spoke for').waitFor();
    await projector.getByText('Nobody holds the floor.').waitFor();
    await delegate.getByRole('button', { name: 'Ask for the floor' }).waitFor();

    // The delegate's withdrawal reaches the chair too.
    await delegate.getByRole('button', { name: 'Ask for the floor' }).click();
    await waiting(chair).getByRole('listitem').filter({ hasText: 'New Zealand' }).waitFor();
    await waiting(delegate).getByRole('button', { name: 'Withdraw' }).click();
    await chair.getByText('Nobody is waiting.').waitFor();
  });
});
