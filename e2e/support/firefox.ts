import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import type { ReplyOf, RequestOf, RequestType } from '../../lib/messages';
import { newProfileDir } from './browser';
import { askThrough, sendFromExtensionPage } from './pages';
import { PopupPage } from './popup-page';

/**
 * Debian's Firefox ESR with the Firefox build of the extension, driven over WebDriver BiDi by
 * puppeteer-core (Playwright cannot load an add-on into Firefox). What made it work, found by hand:
 * - The build is installed through BiDi's `webExtension.install`, as a temporary add-on or, for a
 *   browser restart on the same profile, permanently from an .xpi (Debian's ESR allows unsigned
 *   add-ons once `xpinstall.signatures.required` is false).
 * - `extensions.webextensions.uuids` fixes the add-on's internal UUID, so that its pages have known
 *   `moz-extension://` URLs.
 * - Firefox refuses to navigate to extension pages over BiDi unless started with
 *   `--remote-allow-system-access`, and sends no load events for them, so `page.goto` never
 *   resolves there: `openExtensionPage` uses BiDi's own `browsingContext.navigate` (`wait: complete`)
 *   through puppeteer's BrowsingContext, an internal object (hence puppeteer-core's exact pin).
 * - Headless Firefox cannot answer a permission prompt: `extensions.webextOptionalPermissionPrompts`
 *   false grants optional host permissions at once.
 * - The MV3 background is an event page that Firefox suspends when idle; `backgroundIdleMs` shortens
 *   the wait (30 s by default) so that tests reach the suspend-and-wake paths.
 */

export const FIREFOX_PATH = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
export const FIREFOX_EXTENSION_PATH = fileURLToPath(new URL('../../.output/firefox-mv3', import.meta.url));
/** Any UUID: Firefox gives the add-on this one, so its origin is known before it starts. */
export const FIREFOX_EXTENSION_UUID = '5b0c7d3e-2f4a-4c1b-9e8d-6a7f1c2b3d4e';
export const FIREFOX_EXTENSION_ORIGIN = `moz-extension://${FIREFOX_EXTENSION_UUID}`;

export interface FirefoxLaunchOptions {
  /**
   * How the build is installed: `temporary` (gone at the browser's exit), `permanent` (stays in the
   * profile), or `none` for a profile that has it already.
   */
  install?: 'temporary' | 'permanent' | 'none';
  /** How long the background may idle before Firefox suspends it. */
  backgroundIdleMs?: number;
}

export interface FirefoxWithExtension {
  browser: Browser;
  profileDir: string;
  addonId: string;
  /** Closes the browser and keeps the profile, so that it can be launched again on it. */
  close(): Promise<void>;
  /** Closes the browser and deletes the profile. */
  dispose(): Promise<void>;
}

async function geckoId(): Promise<string> {
  const manifest = JSON.parse(await readFile(path.join(FIREFOX_EXTENSION_PATH, 'manifest.json'), 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (!id) throw new Error(`${FIREFOX_EXTENSION_PATH}/manifest.json has no gecko id: run \`npm run build:firefox\` first.`);
  return id;
}

const WEB_EXT = fileURLToPath(new URL('../../node_modules/web-ext/bin/web-ext.js', import.meta.url));
const run = promisify(execFile);

/** The build packed as an .xpi (a zip), which a permanent install needs; made by web-ext, as for the lint. */
async function packedBuild(): Promise<{ file: string; cleanUp(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ksm-xpi-'));
  const filename = 'kuzzle-session-manager.xpi';
  await run(process.execPath, [WEB_EXT, 'build', '--source-dir', FIREFOX_EXTENSION_PATH, '--artifacts-dir', dir, '--filename', filename, '--overwrite-dest']);
  return { file: path.join(dir, filename), cleanUp: () => rm(dir, { recursive: true, force: true }) };
}

export async function launchFirefoxWithExtension(profileDir?: string, options: FirefoxLaunchOptions = {}): Promise<FirefoxWithExtension> {
  const dir = profileDir ?? (await newProfileDir());
  const addonId = await geckoId();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    userDataDir: dir,
    args: ['--remote-allow-system-access'],
    // FIREFOX_LOG=1 prints Firefox's output, the extension's console messages included.
    dumpio: Boolean(process.env.FIREFOX_LOG),
    defaultViewport: { width: 800, height: 600 },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [addonId]: FIREFOX_EXTENSION_UUID }),
      'extensions.webextOptionalPermissionPrompts': false,
      'xpinstall.signatures.required': false,
      ...(process.env.FIREFOX_LOG ? { 'devtools.console.stdout.content': true, 'devtools.console.stdout.chrome': true } : {}),
      ...(options.backgroundIdleMs === undefined ? {} : { 'extensions.background.idle.timeout': options.backgroundIdleMs }),
    },
  });
  try {
    const install = options.install ?? 'temporary';
    if (install === 'temporary') await browser.installExtension(FIREFOX_EXTENSION_PATH);
    if (install === 'permanent') {
      const packed = await packedBuild();
      try {
        await sendBidi(browser, 'webExtension.install', { extensionData: { type: 'archivePath', path: packed.file }, 'moz:permanent': true });
      } finally {
        await packed.cleanUp();
      }
    }
  } catch (error) {
    await browser.close();
    throw error;
  }
  return {
    browser,
    profileDir: dir,
    addonId,
    close: () => browser.close(),
    dispose: async () => {
      await browser.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Opens one of the extension's pages (`popup.html`, `options.html`) in a new tab, once its document
 * is complete. Firefox sends no load event for extension documents, so `page.goto` would never
 * resolve: BiDi's own navigate waits for the document's readiness instead.
 */
export async function openExtensionPage(firefox: FirefoxWithExtension, file: string): Promise<Page> {
  const page = await firefox.browser.newPage();
  await navigateByBidi(page, `${FIREFOX_EXTENSION_ORIGIN}/${file}`);
  return page;
}

/** The popup, opened as a tab of the extension's own origin, as wide as Firefox shows it. */
export async function openFirefoxPopup(firefox: FirefoxWithExtension, width = 400): Promise<Page> {
  const page = await openExtensionPage(firefox, 'popup.html');
  await page.setViewport({ width, height: 600 });
  return page;
}

/**
 * A raw WebDriver BiDi command on puppeteer's connection (an internal object: puppeteer-core is
 * pinned), for what puppeteer does not expose: Firefox's `moz:` parameters, the chrome scope.
 */
function sendBidi(browser: Browser, method: string, params: object): Promise<unknown> {
  return (browser as unknown as { connection: { send(method: string, params: object): Promise<unknown> } }).connection.send(method, params);
}

interface BidiFrame {
  browsingContext: { navigate(url: string, wait: 'none' | 'interactive' | 'complete'): Promise<void> };
}

export async function navigateByBidi(page: Page, url: string): Promise<void> {
  await (page.mainFrame() as unknown as BidiFrame).browsingContext.navigate(url, 'complete');
}

/** Reloads an extension page (its own `location.reload()`, then BiDi's wait for the new document). */
export async function reloadExtensionPage(page: Page, file: string): Promise<void> {
  await navigateByBidi(page, `${FIREFOX_EXTENSION_ORIGIN}/${file}`);
}

// ---- Firefox's own view of the extension, read in the browser's privileged (chrome) scope ----

async function chromeContext(browser: Browser): Promise<string> {
  const tree = (await sendBidi(browser, 'browsingContext.getTree', { 'moz:scope': 'chrome' })) as {
    result: { contexts: Array<{ context: string; url: string }> };
  };
  const window = tree.result.contexts.find((context) => context.url === 'chrome://browser/content/browser.xhtml');
  if (!window) throw new Error('no browser window in the chrome scope (was Firefox started with --remote-allow-system-access?)');
  return window.context;
}

/** Evaluates an expression in the browser window's privileged scope; its value travels as JSON. */
async function inChromeScope<T>(browser: Browser, expression: string): Promise<T> {
  const context = await chromeContext(browser);
  const reply = (await sendBidi(browser, 'script.evaluate', {
    expression: `Promise.resolve((() => { ${expression} })()).then((value) => JSON.stringify(value ?? null))`,
    target: { context },
    awaitPromise: true,
  })) as { result: { type: 'success'; result: { value: string } } | { type: 'exception'; exceptionDetails: { text: string } } };
  if (reply.result.type === 'exception') throw new Error(`chrome-scope evaluation failed: ${reply.result.exceptionDetails.text}`);
  return JSON.parse(reply.result.result.value) as T;
}

export interface BackgroundLife {
  /** `stopped`, `starting`, `running` or `suspending`: Firefox's state of the add-on's event page. */
  state: string;
  /** How many times the event page started and was stopped since `watchBackground`. */
  starts: number;
  stops: number;
}

/**
 * Counts the event page's starts and stops from now on, through the notification that
 * about:debugging shows its status with. `backgroundLife` reads the counts.
 */
export async function watchBackground(firefox: FirefoxWithExtension): Promise<void> {
  await inChromeScope(
    firefox.browser,
    `const id = ${JSON.stringify(firefox.addonId)};
     if (window.ksmBackgroundLife) return;
     const life = (window.ksmBackgroundLife = { starts: 0, stops: 0 });
     Services.obs.addObserver((subject) => {
       const status = subject.wrappedJSObject ?? subject;
       if (status.addonId !== id) return;
       if (status.isRunning) life.starts++;
       else life.stops++;
     }, 'extension:background-script-status');`,
  );
}

export function backgroundLife(firefox: FirefoxWithExtension): Promise<BackgroundLife> {
  return inChromeScope(
    firefox.browser,
    `const life = window.ksmBackgroundLife;
     if (!life) throw new Error('watchBackground was not called');
     const state = WebExtensionPolicy.getByID(${JSON.stringify(firefox.addonId)})?.extension?.backgroundState ?? 'not installed';
     return { state, starts: life.starts, stops: life.stops };`,
  );
}

// ---- The extension's pages, as the specs use them ----

/** A request of the message protocol from one of the extension's pages in Firefox. */
export function askFirefox<T extends RequestType>(page: Page, type: T, payload: Omit<RequestOf<T>, 'type'>): Promise<ReplyOf<T>> {
  return askThrough((message) => page.evaluate(sendFromExtensionPage, message), type, payload);
}

const aria = (role: string, name: string) => `::-p-aria([name=${JSON.stringify(name)}][role=${JSON.stringify(role)}])`;

/**
 * The shared popup page object over puppeteer. Puppeteer's ARIA queries find a field's label
 * rather than the field in Firefox, so fields are reached through their label's `control`;
 * buttons and headings through Firefox's accessibility tree.
 */
export function puppeteerPopup(page: Page): PopupPage {
  return new PopupPage({
    fill: async (label, value) => {
      const found = await page.waitForFunction(
        (text) => [...document.querySelectorAll('label')].find((candidate) => candidate.textContent?.trim() === text && candidate.control)?.control,
        {},
        label,
      );
      const field = found.asElement() as ElementHandle<HTMLInputElement> | null;
      if (!field) throw new Error(`no field labelled "${label}"`);
      // Select what it holds, so that typing replaces it, as a person would.
      await field.evaluate((input) => {
        input.focus();
        input.select();
      });
      await field.type(value);
      await field.dispose();
    },
    click: (name) => page.locator(aria('button', name)).click(),
    waitForHeading: async (name) => {
      if (typeof name === 'string') await page.waitForSelector(aria('heading', name), { visible: true });
      else
        await page.waitForFunction(
          (source, flags) => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].some((heading) => new RegExp(source, flags).test(heading.textContent?.trim() ?? '')),
          {},
          name.source,
          name.flags,
        );
    },
    waitForButton: async (name) => {
      await page.waitForSelector(aria('button', name), { visible: true });
    },
    waitForNoButton: async (name) => {
      await page.waitForSelector(aria('button', name), { hidden: true });
    },
  });
}
