import type { Page, Route } from 'playwright-core';
import { createPacificSummit, newZealandDelegate, type PacificSummit } from '../support/pacific-summit';
import { waitUntil } from '../support/sockets';
import { webClientSuite } from '../support/web-client-suite';

jest.setTimeout(120_000);

/**
 * The live speakers list in two windows: the chair (the host side) and a
 * delegate of New Zealand each have the session open; what one does on the
 * list shows at the other without a reload, and the floor view follows too.
 */
describe('Web client speakers list', () => {
  const suite = webClientSuite();
  let summit: PacificSummit | undefined;
  let sessionId: string;

  /** The summit, made once for the file, and a session of its own for the test. */
  async function setUp(title = 'Opening plenary', day = '2026-10-24'): Promise<PacificSummit> {
    const { app } = suite;
    if (!summit) {
      summit = await createPacificSummit(app);
      await newZealandDelegate(app, summit, 'aroha@nz.example', 'Aroha Ngata');
    }
    sessionId = (
      await app.http
        .post(`/api/summits/${summit.summitId}/sessions`)
        .set(summit.admin.auth)
        .send({ kind: 'plenary', title, startsAt: `${day}T08:00:00Z`, endsAt: `${day}T10:00:00Z`, speechSeconds: 120 })
        .expect(201)
    ).body.session.id;
    return summit;
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

  it('a list heard while an older read is under way is not undone by that read', async () => {
    const { admin, newZealand } = await setUp('Closing plenary', '2026-10-26');
    const chair = (path: string) => suite.app.http.post(`/api/sessions/${sessionId}/speakers${path}`).set(admin.auth);
    await chair('').send({ organisationId: newZealand, kind: 'speech' }).expect(200);
    await chair('/next').expect(200);

    // The floor view's first read of the list is made at once, so its answer shows New Zealand
    // speaking, but reaches the page only when released: after the speech has ended and been heard live.
    const { page: projector } = await suite.openBrowser();
    await suite.submitSignIn(projector, 'admin@plenary.test');
    await projector.getByRole('heading', { level: 1, name: 'Summits' }).waitFor();
    const held: Array<() => Promise<void>> = [];
    await projector.route(`**/api/sessions/${sessionId}/speakers`, async (route: Route) => {
      if (route.request().method() !== 'GET') return route.continue();
      const response = await route.fetch();
      held.push(() => route.fulfill({ response }));
    });
    // The page asks who is online once it follows the summit live.
    const following = new Promise<void>((followed) =>
      projector.on('websocket', (socket) => socket.on('framesent', ({ payload }) => String(payload).includes('"presence.list"') && followed())),
    );
    await projector.goto(`${suite.app.url}/sessions/${sessionId}/floor`);
    await following;
    await waitUntil(() => held.length > 0);

    await chair('/end').expect(200);
    await projector.getByText('Nobody holds the floor.').waitFor();
    for (const release of held.splice(0)) await release();
    // Nothing shows that an answer was ignored: the page is given the time it takes to show one it took.
    await projector.evaluate(() => new Promise((settled) => setTimeout(settled, 500)));
    expect(await projector.locator('.floor-view-delegation').filter({ hasText: 'New Zealand' }).count()).toBe(0);
    await projector.getByText('Nobody holds the floor.').waitFor();
  });
});
