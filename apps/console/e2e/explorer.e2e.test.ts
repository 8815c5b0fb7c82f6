import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { graphql, screenshot, signIn, useBrowser } from './browser.js';
import { serverUrl } from './server.js';

/** What the page reports against the Content-Security-Policy or throws, from Chromium's console and the page. */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect|frame|create)/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return problems;
}

/** Replaces the text of one of GraphiQL's editors (Monaco): focus it, select all, type the new text as a paste would. */
async function replaceEditorText(page: Page, editor: string, text: string): Promise<void> {
  await page.locator(`${editor} .monaco-editor .view-lines`).filter({ visible: true }).first().click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
  // GraphiQL reads the operation (and its name) 100 ms after the last change (@graphiql/react, operation-editor).
  await page.waitForTimeout(300);
}

/** The response pane's text once it holds an answer. */
async function responseText(page: Page): Promise<string> {
  const result = page.locator('.result-window .view-lines');
  await expect.poll(async () => (await result.textContent())?.replace(/\s+/g, ' ') ?? '', { timeout: 15_000 }).toContain('"data"');
  return (await result.textContent())!.replace(/\u00a0/g, ' ');
}

describe('the GraphQL explorer at /graphql (issue 18, item 10)', () => {
  const baseUrl = serverUrl();
  const browser = useBrowser();

  it('runs a query with a partner API key typed in the Headers tab, under the policy, with the API guide one click away', async () => {
    const { organisations } = await graphql<{ organisations: { nodes: { id: string; name: string }[] } }>(
      baseUrl,
      '{ organisations(first: 1, filter: { kinds: [PKH_UNIT] }) { nodes { id name } } }',
    );
    const organisation = organisations.nodes[0]!;
    const { createApiKey } = await graphql<{ createApiKey: { secret: string } }>(
      baseUrl,
      'mutation ($ids: [ID!]!) { createApiKey(name: "Explorer test", organisationIds: $ids) { secret } }',
      { ids: [organisation.id] },
    );

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const problems = watchProblems(page);
    await page.goto(`${baseUrl}/graphql`);
    await page.locator('.graphiql-container').waitFor();

    await replaceEditorText(page, '.graphiql-editor-tool', `{ "Authorization": "Bearer ${createApiKey.secret}" }`);
    await replaceEditorText(page, '.graphiql-query-editor', 'query Mine { me { kind role } organisations { totalCount nodes { name } } }');
    await page.getByRole('button', { name: /execute query/i }).click();
    const answer = await responseText(page);
    expect(answer).toContain('"PARTNER"');
    expect(answer).toContain(organisation.name);
    expect(answer).toContain('"totalCount": 1');
    await screenshot(page, 'explorer-partner');

    // The API guide (docs/api.md) is a panel of the explorer.
    await page.getByRole('button', { name: /API guide/ }).click();
    await expect.poll(() => page.getByRole('region', { name: 'API guide' }).textContent()).toContain('Authorization: Bearer pks_');
    await screenshot(page, 'explorer-guide');
    expect(problems).toEqual([]);
  });

  it('runs a query with the console session of the same browser, no header typed', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const problems = watchProblems(page);
    await signIn(page, 'admin');
    await page.goto(`${baseUrl}/graphql`);
    await page.locator('.graphiql-container').waitFor();
    await replaceEditorText(page, '.graphiql-query-editor', '{ me { kind role } }');
    await page.getByRole('button', { name: /execute query/i }).click();
    const answer = await responseText(page);
    expect(answer).toContain('"ADMIN"');
    expect(problems).toEqual([]);
  });
});
