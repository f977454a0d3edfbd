import { test, expect, snap } from './fixtures';
import { openOptions } from './support/browser';
import { boots, useTestSites } from './support/pages';

const testSites = useTestSites(test);

type Registered = { id: string; matches?: string[]; runAt?: string; allFrames?: boolean; persistAcrossSessions?: boolean }[];

test('binding a site from the options page registers the content script for it, and unbinding removes it', async ({ extension, kuzzle, popup }) => {
  const sites = testSites();
  // Add the server and log in from the popup.
  await popup.getByLabel('Server URL').fill(kuzzle.url);
  await popup.getByRole('button', { name: 'Add server' }).click();
  await popup.getByLabel('Username').fill('alice');
  await popup.getByLabel('Password').fill('alice-password');
  await popup.getByRole('button', { name: 'Log in' }).click();
  await expect(popup.getByRole('heading', { name: 'alice' })).toBeVisible();

  // Bind the site from the options page, typed as a page URL: the binding is its origin.
  const options = await openOptions(extension);
  await options.getByLabel('Site URL').fill(`${sites.bound}/console.html#/data`);
  await options.getByRole('button', { name: 'Bind site' }).click();
  const unbind = options.getByRole('button', { name: `Unbind ${sites.bound}` });
  await expect(unbind).toBeVisible();
  await snap(options, 'options-site-bound');

  const registered = () =>
    options.evaluate(() =>
      (globalThis as unknown as { chrome: { scripting: { getRegisteredContentScripts(): Promise<unknown> } } }).chrome.scripting.getRegisteredContentScripts(),
    ) as Promise<Registered>;
  expect(await registered()).toEqual([
    // Chromium honours ports in match patterns: the content script is registered for the bound origin exactly.
    expect.objectContaining({ matches: [`${sites.bound}/*`], runAt: 'document_start', allFrames: false, persistAcrossSessions: true }),
  ]);

  const page = await extension.context.newPage();
  await page.goto(`${sites.bound}/console.html`);
  await expect(page.getByRole('status')).toHaveText('Signed in as alice');
  expect(await boots(page)).toBeLessThanOrEqual(2);

  // Unbinding removes the registration, and the open page is signed out.
  await unbind.click();
  await expect(unbind).toBeHidden();
  await expect.poll(registered).toEqual([]);
  await expect(page.getByRole('status')).toHaveText('Login screen');
});
