import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { serverUrl } from './server.js';

/** Debian's Chromium (apt-get install chromium); Playwright cannot download browsers here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../.screenshots');

export interface Browser {
  context: BrowserContext;
  newPage(options?: { viewport?: { width: number; height: number } }): Promise<Page>;
  close(): Promise<void>;
}

/** Headless Chromium with a fresh profile directory, removed on close. */
export async function launchBrowser(): Promise<Browser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'peksos-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: { width: 1366, height: 860 },
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    acceptDownloads: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  context.setDefaultTimeout(15_000);
  return {
    context,
    async newPage(options) {
      const page = await context.newPage();
      if (options?.viewport) await page.setViewportSize(options.viewport);
      return page;
    },
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A browser for the tests of the describe block this is called in: launched before them and closed after them, so
 * each block has its own profile (and its own signed-in session).
 */
export function useBrowser(): Pick<Browser, 'newPage'> {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return { newPage: (options) => browser!.newPage(options) };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** The demo accounts the server creates with PEKSOS_DEMO_ACCOUNTS=1 (see @peksos/access, demo-accounts.ts). */
export type DemoUser = 'admin' | 'koordinator' | 'pengamat';
/** DEMO_PASSWORD of @peksos/access: the same for every demo account. */
export const DEMO_PASSWORD = 'peksos-demo-2026';

/**
 * Signs in through the sign-in page as one of the demo accounts and lands on `next` (the coverage page by default),
 * as a person would: the sign-in page sends them back to the page they asked for (a coordinator's home page then adds
 * their area to the address). The browser context keeps the
 * session cookie for its other pages.
 */
export async function signIn(page: Page, user: DemoUser, next = '/'): Promise<void> {
  const baseUrl = serverUrl();
  await page.goto(`${baseUrl}/masuk?next=${encodeURIComponent(next)}`);
  await page.getByRole('textbox', { name: 'Nama pengguna' }).fill(user);
  await page.locator('input[autocomplete="current-password"]').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await page.getByTestId('user-menu').waitFor();
  // The page asked for, with whatever it adds (a coordinator's home page adds their area to the address).
  const target = new URL(next, baseUrl);
  await page.waitForURL(
    (url) => url.pathname === target.pathname && [...target.searchParams].every(([key, value]) => url.searchParams.get(key) === value),
  );
}

/** Session cookies of the demo accounts for requests from the tests themselves, one sign-in per account and file. */
const sessionCookies = new Map<DemoUser, Promise<string>>();

async function sessionCookie(baseUrl: string, user: DemoUser): Promise<string> {
  let cookie = sessionCookies.get(user);
  if (!cookie) {
    cookie = (async () => {
      const response = await fetch(`${baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-peksos-csrf': '1' },
        body: JSON.stringify({
          query: 'mutation ($u: String!, $p: String!) { signIn(username: $u, password: $p) { expiresAt } }',
          variables: { u: user, p: DEMO_PASSWORD },
        }),
      });
      const setCookie = response.headers.get('set-cookie') ?? '';
      const match = /peksos_session=[^;]+/.exec(setCookie);
      if (!match) throw new Error(`Could not sign in as ${user}: ${response.status} ${await response.text()}`);
      return match[0];
    })();
    sessionCookies.set(user, cookie);
  }
  return cookie;
}

/**
 * Sends one GraphQL operation to the real server, for checks behind the browser's back: as a demo account (admin
 * unless said otherwise), or with a partner's API key (`bearer`).
 */
export async function graphql<T>(
  baseUrl: string,
  query: string,
  variables?: Record<string, unknown>,
  as: { user?: DemoUser; bearer?: string } = {},
): Promise<T> {
  const response = await graphqlResponse(baseUrl, query, variables, as);
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data as T;
}

/** The raw response of one GraphQL operation (for checking refusals: status and body). */
export async function graphqlResponse(
  baseUrl: string,
  query: string,
  variables?: Record<string, unknown>,
  as: { user?: DemoUser; bearer?: string } = {},
): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-peksos-csrf': '1' };
  if (as.bearer) headers.authorization = `Bearer ${as.bearer}`;
  else headers.cookie = await sessionCookie(baseUrl, as.user ?? 'admin');
  return fetch(`${baseUrl}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
}

/** Picks an option of a Mantine Select by its label: opens it, types to narrow, clicks the option. */
export async function chooseOption(page: Page, fieldLabel: string | RegExp, optionName: string | RegExp): Promise<void> {
  // A Select is a combobox (theme.ts); a MultiSelect's input a text box.
  const input = page
    .getByRole('combobox', { name: fieldLabel, exact: true })
    .or(page.getByRole('textbox', { name: fieldLabel, exact: true }))
    .first();
  await input.click();
  if (typeof optionName === 'string' && (await input.isEditable())) await input.fill(optionName);
  await page.getByRole('option', { name: optionName }).first().click();
}

/** The error message Mantine shows under a field (linked to it by aria-describedby). */
export async function fieldError(page: Page, label: string): Promise<string | null> {
  const input = page
    .getByRole('textbox', { name: label, exact: true })
    .or(page.getByRole('combobox', { name: label, exact: true }))
    .first();
  if ((await input.getAttribute('aria-invalid')) !== 'true') return null;
  const ids = (await input.getAttribute('aria-describedby'))?.split(' ') ?? [];
  for (const id of ids) {
    if (id.endsWith('-error')) return page.locator(`[id="${id}"]`).textContent();
  }
  return null;
}
