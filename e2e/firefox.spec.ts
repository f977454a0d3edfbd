import type { Page } from 'puppeteer-core';
import { test, expect, snap } from './fixtures';
import {
  askFirefox,
  backgroundLife,
  launchFirefoxWithExtension,
  openFirefoxPopup,
  puppeteerPopup,
  watchBackground,
  type FirefoxLaunchOptions,
  type FirefoxWithExtension,
} from './support/firefox';
import { startKuzzle } from './support/kuzzle';
import { useTestSites } from './support/pages';

// The Firefox build in Debian's Firefox ESR, driven by puppeteer-core over WebDriver BiDi (see
// e2e/support/firefox.ts): the popup through the same page object as the Chromium specs, a bound
// console-like page, the event page suspended and woken, a restart on the same profile.

const testSites = useTestSites(test);

/** Firefox with the build installed as a temporary add-on, on a new profile deleted afterwards. */
async function withFirefox<T>(options: FirefoxLaunchOptions, body: (firefox: FirefoxWithExtension) => Promise<T>): Promise<T> {
  const firefox = await launchFirefoxWithExtension(undefined, options);
  try {
    return await body(firefox);
  } finally {
    await firefox.dispose();
  }
}

/** Waits until the console-like page says this (its role=status line). */
async function consoleStatus(page: Page, text: string): Promise<void> {
  await page.waitForFunction((expected) => document.querySelector('[role="status"]')?.textContent === expected, {}, text);
}

interface ConsoleStorage {
  environments: Record<string, { name: string; host: string; port: number; ssl: boolean; backendMajorVersion: number; color: string; token: string | null }>;
  currentEnv: string | null;
  lastEnv: string | null;
}

function consoleStorage(page: Page): Promise<ConsoleStorage> {
  return page.evaluate(() => ({
    environments: JSON.parse(localStorage.getItem('environments') ?? '{}') as ConsoleStorage['environments'],
    currentEnv: sessionStorage.getItem('currentEnv'),
    lastEnv: localStorage.getItem('lastEnv'),
  }));
}

/** The token the page's live Kuzzle SDK stand-in holds (the extension swaps it on every refresh). */
const liveJwt = (page: Page) => page.evaluate(() => (window as unknown as { kuzzle: { jwt: string | null } }).kuzzle.jwt);

interface Heartbeat {
  beats: number;
  failures: number;
  last: string;
}
const heartbeat = (page: Page) => page.evaluate(() => (window as unknown as { consoleHeartbeat?: Heartbeat }).consoleHeartbeat ?? null);

async function checkToken(kuzzleUrl: string, token: string): Promise<boolean> {
  const response = await fetch(`${kuzzleUrl}/_checkToken`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
  return ((await response.json()) as { result: { valid: boolean } }).result.valid;
}

/** Binds `origin` to the only server, as "Use on this site" does. */
async function bindTheServer(popup: Page, origin: string): Promise<void> {
  const { servers } = await askFirefox(popup, 'getState', {});
  const [server] = servers;
  if (!server) throw new Error('no server to bind');
  await askFirefox(popup, 'bindOrigin', { serverId: server.id, origin });
}

async function openBoundConsole(firefox: FirefoxWithExtension, origin: string): Promise<Page> {
  const page = await firefox.browser.newPage();
  await page.goto(`${origin}/console.html`);
  return page;
}

test('Firefox: add a server and log in through the popup; a bound page starts signed in, in the Admin Console\'s format; logout revokes', async ({ kuzzle }) => {
  const sites = testSites();
  await withFirefox({}, async (firefox) => {
    const popupPage = await openFirefoxPopup(firefox);
    const popup = puppeteerPopup(popupPage);
    await popup.waitForFirstRun();
    await snap(popupPage, 'firefox-popup-first-run');
    await popup.addServer(kuzzle.url);
    await snap(popupPage, 'firefox-popup-sign-in');
    await popup.logIn('alice');
    await snap(popupPage, 'firefox-popup-signed-in');

    await bindTheServer(popupPage, sites.bound);
    const page = await openBoundConsole(firefox, sites.bound);
    await consoleStatus(page, 'Signed in as alice');
    await snap(page, 'firefox-console-signed-in');

    // The console's own format: its entry selected for this tab and the next start, with the
    // exact types its validator checks, and the token the server knows as alice's.
    const stored = await consoleStorage(page);
    expect(stored.currentEnv).not.toBeNull();
    expect(stored.lastEnv).toBe(stored.currentEnv);
    const env = stored.environments[stored.currentEnv!]!;
    const kuzzleAddress = new URL(kuzzle.url);
    expect(env).toMatchObject({ host: kuzzleAddress.hostname, port: Number(kuzzleAddress.port), ssl: false, backendMajorVersion: 2 });
    expect(['darkblue', 'lightblue', 'purple', 'green', 'orange', 'red', 'grey', 'magenta']).toContain(env.color);
    expect(typeof env.name).toBe('string');
    const token = env.token!;
    expect(await checkToken(kuzzle.url, token)).toBe(true);
    expect(await liveJwt(page)).toBe(token);

    await popup.logOut();
    await snap(popupPage, 'firefox-popup-logged-out');
    await consoleStatus(page, 'Login screen');
    expect(await checkToken(kuzzle.url, token)).toBe(false);
    expect((await consoleStorage(page)).environments[stored.currentEnv!]?.token).toBeNull();
  });
});

test('Firefox, tokens of 10 s: the session is refreshed while the event page is suspended, and a bound page\'s requests never fail', async () => {
  test.setTimeout(150_000);
  const sites = testSites();
  const shortLived = await startKuzzle(['--expires-in', '10s']);
  try {
    // Suspended after 1 s of idling instead of 30 s: each 10 s token is refreshed 5 s before it
    // expires, so every refresh finds the event page asleep and must wake it.
    await withFirefox({ backgroundIdleMs: 1_000 }, async (firefox) => {
      await watchBackground(firefox);
      const popupPage = await openFirefoxPopup(firefox);
      await puppeteerPopup(popupPage).addServerAndLogIn(shortLived.url);
      await bindTheServer(popupPage, sites.bound);
      // Only the bound page stays open: it sends the extension nothing, Kuzzle its heartbeat.
      await popupPage.close();
      const page = await openBoundConsole(firefox, sites.bound);
      await consoleStatus(page, 'Signed in as alice');

      const tokens = [await liveJwt(page)];
      for (let refresh = 1; refresh <= 3; refresh++) {
        // Asleep first…
        await expect.poll(async () => (await backgroundLife(firefox)).state, { timeout: 30_000 }).toBe('stopped');
        const asleep = await backgroundLife(firefox);
        // …then the token changes in the page: the refresh alarm woke the event page.
        await expect.poll(() => liveJwt(page), { timeout: 30_000 }).not.toBe(tokens.at(-1));
        tokens.push(await liveJwt(page));
        expect((await backgroundLife(firefox)).starts).toBeGreaterThan(asleep.starts);
      }
      expect(new Set(tokens).size).toBe(tokens.length);
      expect(await checkToken(shortLived.url, tokens.at(-1)!)).toBe(true);
      // The page kept calling Kuzzle with the token it held: not one request refused.
      const beat = await heartbeat(page);
      expect(beat?.beats).toBeGreaterThan(10);
      expect(beat).toMatchObject({ failures: 0, last: 'ok' });
      await consoleStatus(page, 'Signed in as alice');
    });
  } finally {
    await shortLived.stop();
  }
});

test('Firefox: a browser restart on the same profile, the add-on installed permanently, keeps the session', async ({ kuzzle }) => {
  const sites = testSites();
  const first = await launchFirefoxWithExtension(undefined, { install: 'permanent' });
  const profileDir = first.profileDir;
  try {
    const popupPage = await openFirefoxPopup(first);
    await puppeteerPopup(popupPage).addServerAndLogIn(kuzzle.url);
    await bindTheServer(popupPage, sites.bound);
  } finally {
    await first.close();
  }
  const again = await launchFirefoxWithExtension(profileDir, { install: 'none' });
  try {
    const popupPage = await openFirefoxPopup(again);
    // Checked at start: the server still accepts the token, so it stays active and usable.
    await puppeteerPopup(popupPage).waitForSignedIn('alice');
    await snap(popupPage, 'firefox-popup-after-restart');
    const { servers } = await askFirefox(popupPage, 'getState', {});
    expect(servers[0]?.accounts[0]?.session?.state).toBe('active');
    expect(servers[0]?.boundOrigins).toEqual([sites.bound]);

    const page = await openBoundConsole(again, sites.bound);
    await consoleStatus(page, 'Signed in as alice');
  } finally {
    await again.dispose();
  }
});
