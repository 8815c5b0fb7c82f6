import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { graphql, signIn, useBrowser } from './browser.js';
import { serverUrl } from './server.js';

declare global {
  interface Window {
    cspViolations?: string[];
  }
}

/**
 * Everything a page reports against the Content-Security-Policy: the document's `securitypolicyviolation` events
 * (recorded by a script Playwright injects before the page's own, outside the policy) and Chromium's console lines.
 */
async function watchPolicy(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.cspViolations!.push(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  return problems;
}

async function violationsOn(page: Page): Promise<string[]> {
  return page.evaluate(() => window.cspViolations ?? []);
}

describe('the console under its Content-Security-Policy', () => {
  const baseUrl = serverUrl();
  const browser = useBrowser();

  it('opens every console page with no policy violation logged, and sends the security headers', async () => {
    const ids = await graphql<{
      organisations: { nodes: { id: string }[] };
      workers: { nodes: { id: string }[] };
      cases: { nodes: { id: string }[] };
      professionalRoles: { nodes: { code: string }[] };
    }>(
      baseUrl,
      '{ organisations(first: 1) { nodes { id } } workers(first: 1) { nodes { id } } cases(first: 1) { nodes { id } } professionalRoles(first: 1) { nodes { code } } }',
    );
    const organisation = ids.organisations.nodes[0]!.id;
    const worker = ids.workers.nodes[0]!.id;
    const someCase = ids.cases.nodes[0]!.id;
    const role = ids.professionalRoles.nodes[0]!.code;
    const pages = [
      '/',
      '/dashboard',
      '/organisations',
      '/organisations/new',
      `/organisations/${organisation}`,
      `/organisations/${organisation}/edit`,
      '/workers',
      '/workers/new',
      `/workers/${worker}`,
      `/workers/${worker}/edit`,
      '/cases',
      '/cases/new',
      `/cases/${someCase}`,
      `/cases/${someCase}/edit`,
      '/roles',
      '/roles/new',
      `/roles/${role}`,
      '/import',
      '/accounts',
      '/api-keys',
      '/audit-log',
      '/no-such-page',
    ];

    const page = await browser.newPage();
    const problems = await watchPolicy(page);
    // The sign-in page first, as anyone sees it.
    const signInPage = await page.goto(`${baseUrl}/masuk`);
    const csp = signInPage!.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(signInPage!.headers()['x-content-type-options']).toBe('nosniff');
    expect(signInPage!.headers()['referrer-policy']).toBe('no-referrer');
    expect(signInPage!.headers()['cache-control']).toBe('no-store');
    // This server runs outside production over plain HTTP: no HSTS, which would lock browsers out of it.
    expect(signInPage!.headers()['strict-transport-security']).toBeUndefined();
    await page.getByRole('heading', { level: 1, name: 'Masuk' }).waitFor();
    expect(await violationsOn(page)).toEqual([]);

    await signIn(page, 'admin', '/');
    const visited: string[] = [];
    for (const path of pages) {
      await page.goto(`${baseUrl}${path}`);
      // Every page has its title, but the one for an unknown address, which shows a notice inside the layout.
      if (path === '/no-such-page') await page.getByTestId('user-menu').waitFor();
      else await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.waitForLoadState('networkidle');
      expect({ path, violations: await violationsOn(page) }).toEqual({ path, violations: [] });
      visited.push(path);
    }
    expect(visited).toHaveLength(pages.length);

    // The printable report: its print button works by a script from the server, not an inline handler.
    await page.goto(`${baseUrl}/report/workforce-summary?areaCode=32.77`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await violationsOn(page)).toEqual([]);
    await page.evaluate(() => {
      (window as unknown as { printed: boolean }).printed = false;
      window.print = () => ((window as unknown as { printed: boolean }).printed = true);
    });
    await page.getByRole('button', { name: 'Cetak' }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: boolean }).printed)).toBe(true);

    expect(problems).toEqual([]);

    // The watch works: an inline script slipped into the page is blocked and reported.
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.injected = true;';
      document.body.append(script);
    });
    await expect.poll(() => violationsOn(page)).toEqual([expect.stringMatching(/^script-src/)]);
    expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBeUndefined();
    await page.close();
  });

  it('refuses to be shown inside another site\u2019s frame', async () => {
    const page = await browser.newPage();
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (/frame-ancestors/.test(message.text())) blocked.push(message.text());
    });
    await page.setContent(`<iframe id="framed" src="${baseUrl}/masuk" width="800" height="600"></iframe>`);
    await expect.poll(() => blocked.length, { timeout: 10_000 }).toBeGreaterThan(0);
    const frame = await (await page.$('#framed'))!.contentFrame();
    // Chromium shows its own error page in place of the console: no sign-in form inside.
    expect(await frame!.locator('input[autocomplete="current-password"]').count()).toBe(0);
    await page.close();
  });
});
