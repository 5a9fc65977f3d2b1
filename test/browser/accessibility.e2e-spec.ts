import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { TEST_PASSWORD } from '../support/app';
import { ok, TestSockets } from '../support/sockets';
import { createPacificSummit, newZealandDelegate } from '../support/pacific-summit';
import { webClientSuite } from '../support/web-client-suite';

jest.setTimeout(600_000);

/** axe-core, injected into each page as a script. */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const SCREENS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;
/** WCAG 2.1 A and AA, and axe's best practices. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const LANGUAGES = [
  { code: 'en', button: 'English' },
  { code: 'fr', button: 'Français' },
] as const;

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * Every page of the web client, as the people who use it see it: a
 * delegate of New Zealand and the host administrator, at desktop and phone
 * width, in English and in French. On each: no violation that axe-core finds
 * (WCAG 2.1 A and AA, and its best practices), and nothing wider than the
 * screen.
 */
describe('Web client accessibility and layout', () => {
  const suite = webClientSuite();
  const sockets = new TestSockets(() => suite.app.url);
  let summitId: string;
  let sessionId: string;
  let lobbyId: string;
  const delegateEmail = 'aroha@nz.example';

  beforeAll(async () => {
    const { app } = suite;
    const summit = await createPacificSummit(app);
    const { admin, france, newZealand } = summit;
    summitId = summit.summitId;
    await newZealandDelegate(app, summit, delegateEmail, 'Aroha Ngata');
    // An invitation not accepted yet, so that the summit page shows its table to the host side.
    await app.http.post(`/api/summits/${summitId}/invitations`).set(admin.auth).send({ email: 'pending@nz.example', organisationId: newZealand }).expect(201);
    sessionId = (
      await app.http
        .post(`/api/summits/${summitId}/sessions`)
        .set(admin.auth)
        .send({ kind: 'plenary', title: 'Opening plenary', startsAt: '2026-10-24T08:00:00Z', endsAt: '2026-10-24T10:00:00Z', speechSeconds: 120, room: 'Salle Kléber' })
        .expect(201)
    ).body.session.id;
    await app.http
      .post(`/api/summits/${summitId}/sessions`)
      .set(admin.auth)
      .send({ kind: 'bilateral', title: 'France – New Zealand', startsAt: '2026-10-25T09:00:00Z', endsAt: '2026-10-25T09:30:00Z', organisationIds: [france, newZealand] })
      .expect(201);
    const channels = (await app.http.get(`/api/summits/${summitId}/channels`).set(admin.auth).expect(200)).body as { id: string; kind: string }[];
    const lobby = channels.find((channel) => channel.kind === 'lobby');
    if (!lobby) throw new Error('the summit has no lobby');
    lobbyId = lobby.id;
  });

  afterAll(() => sockets.closeAll());

  /** Two new messages from the host administrator in the lobby: unread for the delegate, so that the channel lists show their badges. */
  async function postToLobby(round: string): Promise<void> {
    const admin = await suite.app.signIn('admin@plenary.test', TEST_PASSWORD);
    const chat = await sockets.connect('/chat', admin.accessToken);
    await ok(chat, 'channel.join', { channelId: lobbyId });
    for (const [i, body] of ['Welcome to the Pacific summit.', 'The opening plenary starts at 10:00.'].entries()) {
      await ok(chat, 'message.send', { channelId: lobbyId, clientMessageId: `${round}-${i}`, body });
    }
    chat.disconnect();
  }

  /** What axe-core finds on the page as it stands, and how much wider than the window the page is (run in the page). */
  async function audit(page: Page): Promise<{ violations: Violation[]; overflowPx: number }> {
    // Evaluated through the DevTools protocol: the page's own policy admits no inline script.
    if (!(await page.evaluate<boolean>("'axe' in window"))) await page.evaluate(AXE_SOURCE);
    const violations = await page.evaluate<Violation[]>(`(async () => {
      const result = await axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(AXE_TAGS)} } });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
    })()`);
    const overflowPx = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    return { violations, overflowPx };
  }

  /** A chat panel is ready once it is live and lists its channels, the lobby with its badges first among them. */
  async function chatReady(page: Page): Promise<void> {
    await page.getByRole('button', { name: /^(Lobby|Salon)/ }).first().waitFor();
    await page.locator('.chat-channels').first().waitFor();
    await page.getByRole('status').filter({ hasText: /Connecting to the chat|Connexion à la discussion/ }).waitFor({ state: 'detached' });
  }

  /** The pages, each with what shows it is ready. */
  // The session page first: its chat opens the session's channel, so the lobby's unread badge is still there (the agenda's and the chat page's open the lobby).
  const pages = (): { path: string; only?: string; ready: (page: Page) => Promise<unknown> }[] => [
    {
      path: `/sessions/${sessionId}`,
      ready: async (page) => {
        await page.locator('h1', { hasText: 'Opening plenary' }).waitFor();
        await chatReady(page);
      },
    },
    { path: '/summits', ready: (page) => page.getByRole('link', { name: 'Pacific summit' }).waitFor() },
    { path: `/summits/${summitId}`, ready: (page) => page.locator('h1', { hasText: 'Pacific summit' }).waitFor() },
    {
      // The host administrator's invitation dialog, over the summit page.
      path: `/summits/${summitId}#invite`,
      only: 'host administrator',
      ready: async (page) => {
        await page.locator('h1', { hasText: 'Pacific summit' }).waitFor();
        await page.locator('table tbody tr').first().waitFor();
        await page.locator('.section-heading button.primary').click();
        await page.getByRole('dialog').locator('.combo-field input').waitFor();
      },
    },
    {
      path: `/summits/${summitId}/agenda`,
      ready: async (page) => {
        await page.getByRole('link', { name: 'Opening plenary' }).first().waitFor();
        await chatReady(page);
      },
    },
    { path: `/summits/${summitId}/fairness`, ready: (page) => page.locator('h1', { hasText: 'Pacific summit' }).waitFor() },
    {
      path: `/summits/${summitId}/chat`,
      ready: async (page) => {
        await page.getByText('The opening plenary starts at 10:00.').first().waitFor();
        await chatReady(page);
      },
    },
    { path: `/sessions/${sessionId}/floor`, ready: (page) => page.locator('h1', { hasText: 'Opening plenary' }).waitFor() },
    { path: '/account', ready: (page) => page.locator('.sessions li').first().waitFor() },
  ];

  const publicPages: { path: string; ready: (page: Page) => Promise<unknown> }[] = [
    { path: '/login', ready: (page) => page.locator('input[type=password]').waitFor() },
    { path: '/forgot-password', ready: (page) => page.locator('input[type=email]').waitFor() },
    { path: '/reset-password?token=a-token-that-is-not-known', ready: (page) => page.locator('input[type=password]').first().waitFor() },
    { path: '/invitation', ready: (page) => page.getByRole('alert').waitFor() },
    { path: '/no-such-page', ready: (page) => page.locator('h1').waitFor() },
  ];

  async function signIn(page: Page, email: string): Promise<void> {
    await suite.submitSignIn(page, email);
    await page.getByRole('link', { name: 'Pacific summit' }).waitFor();
  }

  for (const screen of SCREENS) {
    for (const language of LANGUAGES) {
      it(`finds no violation and no overflow on any page, ${screen.name} (${screen.width}×${screen.height}), ${language.code}`, async () => {
        const problems: string[] = [];
        const check = async (page: Page, who: string, path: string) => {
          const { violations, overflowPx } = await audit(page);
          for (const v of violations) {
            problems.push(`${who} ${path}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
          }
          if (overflowPx > 0) problems.push(`${who} ${path}: ${overflowPx} px wider than the screen`);
        };

        await postToLobby(`${screen.name}-${language.code}`);
        const visitor = (await suite.openBrowser({ viewport: { width: screen.width, height: screen.height } })).page;
        await visitor.goto(`${suite.app.url}/login`);
        await visitor.getByRole('button', { name: language.button }).click();
        for (const { path, ready } of publicPages) {
          await visitor.goto(`${suite.app.url}${path}`);
          await ready(visitor);
          await check(visitor, 'visitor', path);
        }

        for (const [who, email] of [
          ['delegate', delegateEmail],
          ['host administrator', 'admin@plenary.test'],
        ] as const) {
          const page = (await suite.openBrowser({ viewport: { width: screen.width, height: screen.height } })).page;
          await signIn(page, email);
          // On a phone, the language switch is in the folded menu, which says whether it is open.
          const menu = page.getByRole('button', { name: 'Menu' });
          if (await menu.isVisible()) {
            expect(await menu.getAttribute('aria-expanded')).toBe('false');
            expect(await page.getByRole('button', { name: language.button }).isVisible()).toBe(false);
            await menu.click();
            expect(await menu.getAttribute('aria-expanded')).toBe('true');
          }
          await page.getByRole('button', { name: language.button }).click();
          await page.locator(`html[lang=${language.code}]`).waitFor();
          for (const { path, only, ready } of pages()) {
            if (only && only !== who) continue;
            await page.goto(`${suite.app.url}${path}`);
            await ready(page);
            await check(page, who, path);
          }
        }
        expect(problems).toEqual([]);
      });
    }
  }
});
