import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium with the flags this machine needs (see ENVIRONMENT.md): headless, no network of its own. */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const WEB_CLIENT_INDEX = resolve(__dirname, '../../dist/web/index.html');

/** The browser suites drive the built client that the server serves. */
export function assertWebClientBuilt(): void {
  if (!existsSync(WEB_CLIENT_INDEX)) throw new Error(`${WEB_CLIENT_INDEX} is missing: build the web client first (npm run build:web)`);
}

export interface BrowserProfile {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** A Chromium with a fresh profile of its own, as a new person's browser would be. */
export async function openBrowser(options: { timezoneId?: string; locale?: string; viewport?: { width: number; height: number } } = {}): Promise<BrowserProfile> {
  const profileDir = await mkdtemp(join(tmpdir(), 'plenary-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    locale: options.locale ?? 'en-GB',
    timezoneId: options.timezoneId ?? 'Europe/Paris',
    ...(options.viewport ? { viewport: options.viewport } : {}),
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      await rm(profileDir, { recursive: true, force: true });
    },
  };
}
