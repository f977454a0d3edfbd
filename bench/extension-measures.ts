/**
 * The measures taken in headless Chromium with the built extension, against the dev server.
 * Every figure is timed inside the browser (performance.now()), not across the DevTools link, so
 * that Playwright's own round trips are not counted.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { launchWithExtension, openOptions, stopServiceWorker, type ExtensionBrowser } from '../e2e/support/browser';
import { ask, boots, setUpBoundServer, startTestSites } from '../e2e/support/pages';
import { seedThroughStore } from './seed';

/**
 * tsx compiles this file with esbuild's keepNames, which wraps named functions in a `__name(fn, "name")`
 * helper; functions handed to page.evaluate carry that call into the browser, where it must exist.
 */
async function launch(): Promise<ExtensionBrowser> {
  const extension = await launchWithExtension();
  await extension.context.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
  return extension;
}

export interface Progress {
  (message: string): void;
}

// ---- popup: opened → login form usable ----

/**
 * Installed before the popup's own scripts: notes the first animation frame at which the sign-in
 * form's Username field and "Log in" button are on screen and enabled (`usable`), and the first at
 * which the strategy list has also arrived from the server (`strategies`). Times are
 * performance.now(), i.e. milliseconds since the navigation started.
 */
function watchLoginForm(): void {
  const marks: { usable?: number; strategies?: number; stateAsked?: number; stateAnswered?: number; scriptsRun?: number } = {};
  (window as unknown as { __benchPopup: typeof marks }).__benchPopup = marks;
  // Module scripts run before DOMContentLoaded: by then the popup's code has loaded and rendered its shell.
  document.addEventListener('DOMContentLoaded', () => (marks.scriptsRun = performance.now()), { once: true });
  // Notes when the popup asks the worker for its state and when the answer arrives, to split the
  // time between the page's own start, the worker's answer and the rendering after it.
  const runtime = (globalThis as unknown as { chrome?: { runtime?: { sendMessage: (...args: unknown[]) => unknown } } }).chrome?.runtime;
  if (runtime) {
    const send = runtime.sendMessage.bind(runtime);
    runtime.sendMessage = (...args: unknown[]) => {
      const isGetState = args.some((arg) => (arg as { type?: string } | null)?.type === 'getState');
      if (!isGetState || marks.stateAsked !== undefined) return send(...args);
      marks.stateAsked = performance.now();
      const answered = () => (marks.stateAnswered ??= performance.now());
      const callbackAt = args.findIndex((arg) => typeof arg === 'function');
      if (callbackAt >= 0) {
        const callback = args[callbackAt] as (...reply: unknown[]) => void;
        args[callbackAt] = (...reply: unknown[]) => {
          answered();
          callback(...reply);
        };
      }
      const result = send(...args);
      if (result && typeof (result as Promise<unknown>).then === 'function') (result as Promise<unknown>).then(answered, answered);
      return result;
    };
  }
  const formUsable = () => {
    const username = document.querySelector<HTMLInputElement>('input[name="username"]');
    const submit = username?.form?.querySelector<HTMLButtonElement>('button[type="submit"]');
    return !!username && !username.disabled && username.getClientRects().length > 0 && !!submit && !submit.disabled;
  };
  const strategiesLoaded = () => {
    const select = document.querySelector<HTMLSelectElement>('select[id$="-strategy"]');
    return !!select && !select.disabled;
  };
  let framePending = false;
  const check = () => {
    if (framePending) return;
    framePending = true;
    requestAnimationFrame(() => {
      framePending = false;
      const frameTime = performance.now();
      if (marks.usable === undefined && formUsable()) marks.usable = frameTime;
      if (marks.strategies === undefined && formUsable() && strategiesLoaded()) marks.strategies = frameTime;
      if (marks.usable !== undefined && marks.strategies !== undefined) observer.disconnect();
    });
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, attributes: true });
}

interface PopupMarks {
  scriptsRun?: number;
  usable: number;
  strategies: number;
  stateAsked?: number;
  stateAnswered?: number;
}

async function popupOnce(context: BrowserContext, extensionId: string): Promise<PopupMarks> {
  const page = await context.newPage();
  try {
    await page.setViewportSize({ width: 400, height: 600 });
    await page.addInitScript(watchLoginForm);
    await page.goto(`chrome-extension://${extensionId}/popup.html`);
    const handle = await page.waitForFunction(
      () => {
        const marks = (window as unknown as { __benchPopup?: { usable?: number; strategies?: number } }).__benchPopup;
        return marks?.usable !== undefined && marks.strategies !== undefined ? marks : null;
      },
      undefined,
      { timeout: 20_000 },
    );
    return (await handle.jsonValue()) as PopupMarks;
  } finally {
    await page.close();
  }
}

export interface PopupSamples {
  accounts: number;
  usable: number[];
  strategies: number[];
  /** Navigation start → DOMContentLoaded (the popup's HTML and module scripts loaded and run, the shell rendered). */
  scriptsRun: number[];
  /** Navigation start → the popup's getState request. */
  stateAsked: number[];
  /** getState sent → answered (the worker reads the store and builds the snapshot; the message crosses). */
  stateRoundTrip: number[];
  /** getState answered → form usable (rendering the snapshot). */
  renderAfterState: number[];
}

async function loginToken(kuzzleUrl: string, expiresIn: string): Promise<{ jwt: string; expiresAt: number; ttl: number }> {
  const response = await fetch(`${kuzzleUrl}/_login/local?expiresIn=${expiresIn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'alice', password: 'alice-password' }),
  });
  const body = (await response.json()) as { result?: { jwt: string; expiresAt: number; ttl: number } };
  if (!response.ok || !body.result) throw new Error(`The dev server refused the seeding login (${response.status}): ${JSON.stringify(body)}`);
  return body.result;
}

/** Seeds 1, then 100, then 1,000 accounts (adding to the same profile) and opens the popup `runs` times at each size. */
export async function measurePopup(kuzzleUrl: string, sizes: readonly number[], runs: number, progress: Progress): Promise<{ popup: PopupSamples[]; coldStartSeeded?: { accounts: number; samples: number[] }; refreshAlarms?: { sessions: number; alarms: number } }> {
  const extension = await launch();
  try {
    const extensionPage = await openOptions(extension);
    const token = await loginToken(kuzzleUrl, '2h');
    const popup: PopupSamples[] = [];
    for (const accounts of sizes) {
      const seeded = await seedThroughStore(extensionPage, { kuzzleUrl, accounts, accountsPerServer: 100, ...token });
      if (seeded.accounts !== accounts) throw new Error(`Seeding ${accounts} accounts left ${seeded.accounts} in the store`);
      // The worker is its database's only writer and keeps a copy of it: seeding wrote behind its
      // back, so it starts again and reads what was seeded.
      await stopServiceWorker(extension.context, extension.extensionId, extensionPage);
      await popupOnce(extension.context, extension.extensionId); // warm-up: not counted
      const samples: PopupSamples = { accounts, usable: [], strategies: [], scriptsRun: [], stateAsked: [], stateRoundTrip: [], renderAfterState: [] };
      for (let run = 0; run < runs; run += 1) {
        const marks = await popupOnce(extension.context, extension.extensionId);
        samples.usable.push(marks.usable);
        samples.strategies.push(marks.strategies);
        if (marks.scriptsRun !== undefined) samples.scriptsRun.push(marks.scriptsRun);
        if (marks.stateAsked !== undefined && marks.stateAnswered !== undefined) {
          samples.stateAsked.push(marks.stateAsked);
          samples.stateRoundTrip.push(marks.stateAnswered - marks.stateAsked);
          samples.renderAfterState.push(marks.usable - marks.stateAnswered);
        }
      }
      progress(`popup with ${accounts} account(s): ${samples.usable.map((v) => v.toFixed(0)).join(', ')} ms; getState round trip ${samples.stateRoundTrip.map((v) => v.toFixed(0)).join(', ')} ms`);
      popup.push(samples);
    }
    const largest = sizes[sizes.length - 1]!;
    const coldStartSeeded = { accounts: largest, samples: await coldStarts(extension, extensionPage, Math.max(3, Math.floor(runs / 2))) };
    // Give the last start time to schedule every session, then count what it could schedule.
    await extensionPage.waitForTimeout(3_000);
    const refreshAlarms = await extensionPage.evaluate(async () => {
      const alarms = (globalThis as unknown as { chrome: { alarms: { getAll(): Promise<{ name: string }[]> } } }).chrome.alarms;
      // One alarm at the earliest due time serves every account (lib/session/scheduler.ts).
      return (await alarms.getAll()).filter((alarm) => alarm.name === 'refresh-due').length;
    });
    progress(`refresh alarm armed after a start with ${largest} active sessions: ${refreshAlarms}`);
    progress(`worker cold start with ${largest} accounts: ${coldStartSeeded.samples.map((v) => v.toFixed(0)).join(', ')} ms`);
    return { popup, coldStartSeeded, refreshAlarms: { sessions: largest, alarms: refreshAlarms } };
  } finally {
    await extension.dispose();
  }
}

// ---- worker cold start → first answer ----

async function workerRunning(extension: ExtensionBrowser, cdpFrom: Page): Promise<boolean> {
  const cdp = await extension.context.newCDPSession(cdpFrom);
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { type: string; url: string }[] };
    return targetInfos.some((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extension.extensionId}/`));
  } finally {
    await cdp.detach();
  }
}

/** Stops the worker, checks it is gone, then times `getState` from an extension page until its reply. */
async function coldStarts(extension: ExtensionBrowser, extensionPage: Page, runs: number): Promise<number[]> {
  const samples: number[] = [];
  for (let attempt = 0; samples.length < runs && attempt < runs * 3; attempt += 1) {
    await stopServiceWorker(extension.context, extension.extensionId, extensionPage);
    const deadline = Date.now() + 3_000;
    while (Date.now() < deadline && (await workerRunning(extension, extensionPage))) await extensionPage.waitForTimeout(50);
    if (await workerRunning(extension, extensionPage)) continue;
    const elapsed = await extensionPage.evaluate(async () => {
      const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean }> } } }).chrome.runtime;
      const t0 = performance.now();
      const reply = await runtime.sendMessage({ type: 'getState' });
      if (!reply?.ok) throw new Error(`getState failed: ${JSON.stringify(reply)}`);
      return performance.now() - t0;
    });
    samples.push(elapsed);
  }
  if (samples.length < runs) throw new Error(`Only ${samples.length} of ${runs} cold starts could be observed (the worker would not stop)`);
  return samples;
}

export const SLOW_SERVER_MS = 500;

/** The dev server's fault switch (loopback only); false when the server has none (a real Kuzzle). */
async function setDevServerFault(kuzzleUrl: string, mode: 'slow' | 'none', delayMs?: number): Promise<boolean> {
  const response = await fetch(`${kuzzleUrl}/_dev/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ mode, ...(delayMs !== undefined ? { delayMs } : {}) }) }).catch(() => null);
  return response?.ok ?? false;
}

// ---- login through the extension vs a raw fetch ----

interface LoginPair {
  extension: number;
  raw: number;
}

async function loginPairs(extensionPage: Page, kuzzleUrl: string, serverId: string, pairs: number): Promise<LoginPair[]> {
  return extensionPage.evaluate(
    async ({ kuzzleUrl, serverId, pairs }) => {
      const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; error?: unknown }> } } }).chrome.runtime;
      const credentials = { username: 'alice', password: 'alice-password' };
      const viaExtension = async () => {
        const t0 = performance.now();
        const reply = await runtime.sendMessage({ type: 'login', serverId, strategy: 'local', credentials });
        const elapsed = performance.now() - t0;
        if (!reply.ok) throw new Error(`login through the extension failed: ${JSON.stringify(reply.error)}`);
        return elapsed;
      };
      const raw = async () => {
        const t0 = performance.now();
        const response = await fetch(`${kuzzleUrl}/_login/local`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(credentials) });
        const body = (await response.json()) as { result?: { jwt?: string } };
        const elapsed = performance.now() - t0;
        if (!response.ok || !body.result?.jwt) throw new Error(`raw login failed with ${response.status}`);
        return elapsed;
      };
      const results: { extension: number; raw: number }[] = [];
      for (let i = 0; i < pairs; i += 1) {
        // Alternating which goes first, so that neither always finds the server (or the JIT) warmer.
        if (i % 2 === 0) {
          const e = await viaExtension();
          results.push({ extension: e, raw: await raw() });
        } else {
          const r = await raw();
          results.push({ extension: await viaExtension(), raw: r });
        }
      }
      return results;
    },
    { kuzzleUrl, serverId, pairs },
  );
}

// ---- console injection ----

async function signedInStatus(page: Page, timeout = 10_000): Promise<string> {
  const handle = await page.waitForFunction(
    () => {
      const text = document.getElementById('status')?.textContent ?? '';
      return /^(Signed in as|Login screen|Select a connection|Edit connection|Kuzzle unreachable)/.test(text) ? text : null;
    },
    undefined,
    { timeout },
  );
  return (await handle.jsonValue()) as string;
}

/** Waits past the moment the content script would have reloaded the page, then reports the final state. */
async function settledLoad(page: Page): Promise<{ status: string; jwt: string | null }> {
  await signedInStatus(page);
  await page.waitForTimeout(400);
  await page.waitForLoadState('load');
  const status = await signedInStatus(page);
  const jwt = await page.evaluate(() => (window as unknown as { kuzzle?: { jwt: string | null } }).kuzzle?.jwt ?? null);
  return { status, jwt };
}

async function domContentLoaded(page: Page, url: string): Promise<number> {
  await page.goto(url);
  return page.evaluate(() => {
    const [entry] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
    return entry!.domContentLoadedEventEnd;
  });
}

export interface ConsoleSamples {
  /** Loads with a current token: 1 when the page was signed in from its first boot (no reload), else 0. */
  currentFirstPaint: number[];
  /** Reloads per current-token load (0 expected). */
  currentReloads: number[];
  /** Loads with a stale token: 1 when signed in with the new token after at most one reload, else 0. */
  staleSignedIn: number[];
  /** Reloads per stale load (the content script's one reload is expected). */
  staleReloads: number[];
  /** Navigation start → "Signed in", stale loads (the reload included), measured from Node. */
  staleTimeToSignedIn: number[];
  /** DOMContentLoaded on the bound origin and on an unbound one, interleaved. */
  boundDcl: number[];
  unboundDcl: number[];
  /** DOMContentLoaded of the unbound page, each in a new tab. */
  freshTabDcl: number[];
}

export interface ExtensionRunSamples {
  coldStart: number[];
  /** Cold starts while the dev server answers every request SLOW_SERVER_MS late (absent against a real Kuzzle). */
  coldStartSlowServer?: number[];
  login: LoginPair[];
  console: ConsoleSamples;
}

export async function measureWorkerLoginAndConsole(kuzzleUrl: string, runs: { coldStart: number; loginPairs: number; currentLoads: number; staleLoads: number; dclPairs: number }, progress: Progress): Promise<ExtensionRunSamples> {
  const sites = await startTestSites();
  const extension = await launch();
  try {
    const { extensionPage, server, accountIds } = await setUpBoundServer(extension, kuzzleUrl, sites.bound, ['alice']);
    const aliceId = accountIds.alice!;

    const coldStart = await coldStarts(extension, extensionPage, runs.coldStart);
    progress(`worker cold start (1 account): ${coldStart.map((v) => v.toFixed(0)).join(', ')} ms`);

    // The same, while Kuzzle takes SLOW_SERVER_MS to answer: shows what the first answer waits for.
    let coldStartSlowServer: number[] | undefined;
    if (await setDevServerFault(kuzzleUrl, 'slow', SLOW_SERVER_MS)) {
      try {
        coldStartSlowServer = await coldStarts(extension, extensionPage, 3);
        progress(`worker cold start with Kuzzle answering in ${SLOW_SERVER_MS} ms: ${coldStartSlowServer.map((v) => v.toFixed(0)).join(', ')} ms`);
      } finally {
        await setDevServerFault(kuzzleUrl, 'none');
      }
    }

    await loginPairs(extensionPage, kuzzleUrl, server.id, 3); // warm-up
    const login = await loginPairs(extensionPage, kuzzleUrl, server.id, runs.loginPairs);
    progress(`login pairs: ${login.length}`);

    // Current token: the first load may plant and reload (fresh storage); the measured ones must not.
    const page = await extension.context.newPage();
    await page.goto(`${sites.bound}/console.html`);
    let lastJwt = (await settledLoad(page)).jwt;
    const currentFirstPaint: number[] = [];
    const currentReloads: number[] = [];
    for (let i = 0; i < runs.currentLoads; i += 1) {
      const before = await boots(page);
      await page.goto(`${sites.bound}/console.html`);
      const { status, jwt } = await settledLoad(page);
      const reloads = (await boots(page)) - before - 1;
      currentReloads.push(reloads);
      currentFirstPaint.push(status === 'Signed in as alice' && reloads === 0 && jwt === lastJwt ? 1 : 0);
      lastJwt = jwt;
    }
    await page.close();
    progress(`console, current token: ${currentFirstPaint.join('')}`);

    // Stale token: refreshed while no tab of the bound origin was open, so its storage keeps the old one.
    const staleSignedIn: number[] = [];
    const staleReloads: number[] = [];
    const staleTimeToSignedIn: number[] = [];
    for (let i = 0; i < runs.staleLoads; i += 1) {
      await ask(extensionPage, 'refreshNow', { accountId: aliceId });
      const stalePage = await extension.context.newPage();
      const t0 = Date.now();
      await stalePage.goto(`${sites.bound}/console.html`);
      await signedInStatus(stalePage);
      // The old token may still pass its grace period at the page's first check; the reload follows.
      const deadline = Date.now() + 5_000;
      while (Date.now() < deadline && (await boots(stalePage)) < 2) await stalePage.waitForTimeout(20);
      const { status, jwt } = await settledLoad(stalePage);
      staleTimeToSignedIn.push(Date.now() - t0);
      const reloads = (await boots(stalePage)) - 1;
      staleReloads.push(reloads);
      // Signed in with the refreshed token, not the one the page's storage started with.
      staleSignedIn.push(status === 'Signed in as alice' && reloads <= 1 && jwt !== null && jwt !== lastJwt ? 1 : 0);
      lastJwt = jwt;
      await stalePage.close();
    }
    progress(`console, stale token: ${staleSignedIn.join('')}; reloads ${staleReloads.join(',')}`);

    // Time added to the page load: the same page, bound (the content script runs) and unbound.
    const timingPage = await extension.context.newPage();
    const boundDcl: number[] = [];
    const unboundDcl: number[] = [];
    await domContentLoaded(timingPage, `${sites.unbound}/console.html`);
    await domContentLoaded(timingPage, `${sites.bound}/console.html`);
    for (let i = 0; i < runs.dclPairs; i += 1) {
      unboundDcl.push(await domContentLoaded(timingPage, `${sites.unbound}/console.html`));
      boundDcl.push(await domContentLoaded(timingPage, `${sites.bound}/console.html`));
    }
    await timingPage.close();
    // A fresh tab each time, as the popup measure opens one: what any small page costs to reach DOMContentLoaded here.
    const freshTabDcl: number[] = [];
    for (let i = 0; i < runs.dclPairs; i += 1) {
      const freshPage = await extension.context.newPage();
      freshTabDcl.push(await domContentLoaded(freshPage, `${sites.unbound}/console.html`));
      await freshPage.close();
    }
    progress(`DOMContentLoaded bound ${boundDcl.map((v) => v.toFixed(1)).join(',')} / unbound ${unboundDcl.map((v) => v.toFixed(1)).join(',')}`);

    return { coldStart, ...(coldStartSlowServer ? { coldStartSlowServer } : {}), login, console: { currentFirstPaint, currentReloads, staleSignedIn, staleReloads, staleTimeToSignedIn, boundDcl, unboundDcl, freshTabDcl } };
  } finally {
    await extension.dispose();
    await sites.stop();
  }
}

// ---- short tokens in real time: a bound console polling Kuzzle while the extension refreshes ----

export interface ShortTokenSamples {
  seconds: number;
  tokenLifetime: string;
  /** Requests the console page made (its heartbeat, every 300 ms, with the token it holds). */
  heartbeats: number;
  /** Of those, refused by Kuzzle (expired or retired token). */
  refused: number;
  /** Distinct tokens the page held over the run (one per refresh it was given). */
  tokensSeen: number;
}

/**
 * The long run's question asked of the real thing, for a short while: alice logs in with a token of
 * `tokenLifetime`, a console page of the bound origin stays open and polls Kuzzle every 300 ms with
 * its live token (swapped in place by the extension on each refresh), and every refusal is counted.
 */
export async function measureShortTokens(kuzzleUrl: string, seconds: number, tokenLifetime: string, progress: Progress): Promise<ShortTokenSamples> {
  const sites = await startTestSites();
  const extension = await launch();
  try {
    const { extensionPage, server } = await setUpBoundServer(extension, kuzzleUrl, sites.bound, []);
    await ask(extensionPage, 'login', { serverId: server.id, strategy: 'local', credentials: { username: 'alice', password: 'alice-password' }, expiresIn: tokenLifetime });
    const page = await extension.context.newPage();
    await page.goto(`${sites.bound}/console.html`);
    await settledLoad(page);
    const tokens = new Set<string>();
    const deadline = Date.now() + seconds * 1000;
    while (Date.now() < deadline) {
      const jwt = await page.evaluate(() => (window as unknown as { kuzzle: { jwt: string | null } }).kuzzle.jwt);
      if (jwt) tokens.add(jwt);
      await page.waitForTimeout(250);
    }
    const heartbeat = await page.evaluate(() => (window as unknown as { consoleHeartbeat?: { beats: number; failures: number } }).consoleHeartbeat ?? { beats: 0, failures: 0 });
    progress(`short tokens (${tokenLifetime}) for ${seconds} s: ${heartbeat.beats} page requests, ${heartbeat.failures} refused, ${tokens.size} tokens`);
    return { seconds, tokenLifetime, heartbeats: heartbeat.beats, refused: heartbeat.failures, tokensSeen: tokens.size };
  } finally {
    await extension.dispose();
    await sites.stop();
  }
}
