// Issue 7: http: and https: of one host are two origins. A token bound to http://127.0.0.1:<p>
// must never reach https://127.0.0.1:<p>, served by the same test server on the same port.
//
// The manifest grants host permissions for http loopback only; an https origin needs an optional
// permission that headless Chromium cannot grant, and the content script is registered for the
// bound origin's scheme only. This spec does not tell those layers apart: it checks what a person
// and the page would see, no token on https, whichever layer stops it.
import type { Page } from '@playwright/test';
import { test as base, expect, snap } from './fixtures';
import { launchWithExtension, openPopup } from './support/browser';
import { looksLikeKuzzleToken } from './support/hardening';
import { ask, setUpBoundServer, useTestSites } from './support/pages';

// The https page has a self-signed certificate: without this Chromium shows its interstitial, and
// the spec would prove nothing about the extension.
const test = base.extend({
  extension: async ({}, use) => {
    const browser = await launchWithExtension(undefined, { ignoreHTTPSErrors: true });
    await use(browser);
    await browser.dispose();
  },
});

const testSites = useTestSites(test);

/** Longer than the worker and the content script take to answer a bound page (well under 1 s). */
const BRIDGE_WAIT_MS = 5_000;

/**
 * Posts a bridge request from the page (docs/bridge.md) and gives back the first bridge message it
 * receives other than its own request, or null if none came within `waitMs`. Whatever window or
 * origin sent it: anything that reaches the page counts.
 */
function bridgeAnswer(page: Page, waitMs: number): Promise<{ type: string; session?: { kuid: string; jwt: string } } | null> {
  return page.evaluate(
    (waitMs) =>
      new Promise((resolve) => {
        const PREFIX = 'kuzzle-session-manager:';
        const requestId = 'scheme-spec';
        window.addEventListener('message', (event: MessageEvent) => {
          const data = event.data as { type?: unknown } | null;
          if (typeof data?.type !== 'string' || !data.type.startsWith(PREFIX) || data.type === `${PREFIX}get-session`) return;
          resolve(data as { type: string; session?: { kuid: string; jwt: string } });
        });
        window.postMessage({ type: `${PREFIX}get-session`, requestId }, location.origin);
        setTimeout(() => resolve(null), waitMs);
      }),
    waitMs,
  );
}

function pageStorage(page: Page): Promise<{ local: Record<string, string>; session: Record<string, string> }> {
  return page.evaluate(() => ({ local: { ...localStorage }, session: { ...sessionStorage } }));
}

test('a token bound to an http origin never reaches the https page of the same host and port', async ({ extension, kuzzle }) => {
  const sites = testSites();
  expect(new URL(sites.boundHttps).host).toBe(new URL(sites.bound).host);
  const { extensionPage } = await setUpBoundServer(extension, kuzzle.url, sites.bound);

  // Control: on the bound http origin the same page is signed in and the bridge answers with the
  // token. If this did not hold, the https checks below could pass for the wrong reason.
  const http = await extension.context.newPage();
  await http.goto(`${sites.bound}/console.html`);
  await expect(http.getByRole('status')).toHaveText('Signed in as alice');
  // Chromium did not upgrade the control to https (the server answers both on this port).
  expect(new URL(http.url()).origin).toBe(sites.bound);
  const answer = await bridgeAnswer(http, BRIDGE_WAIT_MS);
  expect(answer).toMatchObject({ type: 'kuzzle-session-manager:session', session: { kuid: 'alice' } });
  const jwt = answer!.session!.jwt;
  expect(looksLikeKuzzleToken(jwt)).toBe(true);
  expect(JSON.stringify((await pageStorage(http)).local)).toContain(jwt);

  // The same page over https: never signed in, its storage untouched, the bridge silent.
  const https = await extension.context.newPage();
  await https.goto(`${sites.boundHttps}/console.html`);
  expect(new URL(https.url()).origin).toBe(sites.boundHttps);
  // The console's screen with no stored connection, as on an unbound origin (inject-exactness):
  // nothing to sign in with, so not even the login screen of a known server.
  await expect(https.getByRole('status')).toHaveText('Select a connection');
  expect(await bridgeAnswer(https, BRIDGE_WAIT_MS)).toBeNull();
  // Read after the wait: a content script or the worker had every chance to write by now.
  const storage = await pageStorage(https);
  expect(JSON.stringify(storage)).not.toContain(jwt);
  expect(storage.local).toEqual({});
  // Only the test page's own notes (its boot counter, what its first script saw).
  expect(Object.keys(storage.session).filter((key) => !key.startsWith('test:'))).toEqual([]);
  expect(storage.session['test:boots']).toBe('1');
  await expect(https.getByRole('status')).toHaveText('Select a connection');
  await snap(https, 'https-same-host-not-signed-in');

  // The popup, on each tab: the http origin uses the server, the https one does not.
  const popup = await openPopup(extension);
  await http.bringToFront();
  await popup.reload();
  await expect(popup.getByText(`${sites.bound} uses the active account of Local.`)).toBeVisible();
  await https.bringToFront();
  await popup.reload();
  await expect(popup.getByRole('heading', { name: 'This site' })).toBeVisible();
  await expect(popup.getByText(sites.boundHttps, { exact: true })).toBeVisible();
  await expect(popup.getByRole('button', { name: 'Use on this site' })).toBeVisible();
  await expect(popup.getByRole('button', { name: 'Stop using on this site' })).toHaveCount(0);

  // Nothing was bound on the way.
  expect((await ask(extensionPage, 'getState', {})).servers[0]!.boundOrigins).toEqual([sites.bound]);
});
