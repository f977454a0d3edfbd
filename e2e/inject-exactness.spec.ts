import { test, expect, snap } from './fixtures';
import { boots, setUpBoundServer, useTestSites } from './support/pages';

const testSites = useTestSites(test);

test('an unbound host and the bound host on another port get nothing', async ({ extension, kuzzle }) => {
  const sites = testSites();
  await setUpBoundServer(extension, kuzzle.url, sites.bound);
  for (const origin of [sites.unbound, sites.otherPort]) {
    const page = await extension.context.newPage();
    await page.goto(`${origin}/console.html`);
    await expect(page.getByRole('status')).toHaveText('Select a connection');
    // Time for a content script and the worker to answer, if they wrongly did.
    await page.waitForTimeout(1_000);
    expect(await page.evaluate(() => ({ ...localStorage }))).toEqual({});
    expect(await boots(page)).toBe(1);
    await page.close();
  }
});

test('a hostile page that frames a bound page gets no token', async ({ extension, kuzzle }) => {
  const sites = testSites();
  await setUpBoundServer(extension, kuzzle.url, sites.bound);
  const page = await extension.context.newPage();
  await page.goto(`${sites.unbound}/hostile.html?frame=${encodeURIComponent(`${sites.bound}/console.html`)}`);
  await page.waitForTimeout(2_000);
  expect(await page.evaluate(() => (window as unknown as { loot: unknown[] }).loot)).toEqual([]);
  await expect(page.getByRole('status')).toHaveText('Nothing yet');
  await snap(page, 'hostile-top');
});

test('a foreign frame inside a bound page gets no token, while the page gets its own', async ({ extension, kuzzle }) => {
  const sites = testSites();
  await setUpBoundServer(extension, kuzzle.url, sites.bound);
  const page = await extension.context.newPage();
  await page.goto(`${sites.bound}/framing.html?frame=${encodeURIComponent(`${sites.unbound}/hostile.html`)}`);
  await expect(page.getByRole('status')).toHaveText('Session for alice');
  const hostile = page.frames().find((frame) => frame.url().startsWith(sites.unbound));
  expect(hostile).toBeDefined();
  await page.waitForTimeout(1_500);
  expect(await hostile!.evaluate(() => (window as unknown as { loot: unknown[] }).loot)).toEqual([]);
});
