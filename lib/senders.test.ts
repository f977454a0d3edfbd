import { describe, expect, it } from 'vitest';
import { createSenderClassifier, createWorkerCheck, mayRequest, workerUrls } from './senders';

const RUNTIME_ID = 'abcdefghijklmnopabcdefghijklmnop';
const classify = createSenderClassifier({
  runtimeId: RUNTIME_ID,
  extensionBaseUrl: `chrome-extension://${RUNTIME_ID}/`,
  isBoundOrigin: async (origin) => origin === 'https://console.example.com' || origin === 'http://127.0.0.1:8080',
});
const tab = { id: 7 };

describe('sender checks', () => {
  it('takes the popup and the options page for extension pages, opened as a tab too', async () => {
    expect(await classify({ id: RUNTIME_ID, url: `chrome-extension://${RUNTIME_ID}/popup.html` })).toEqual({ kind: 'extension-page' });
    expect(await classify({ id: RUNTIME_ID, url: `chrome-extension://${RUNTIME_ID}/options.html`, tab, frameId: 0 })).toEqual({ kind: 'extension-page' });
  });

  it('takes the content script of a bound page\'s top frame, with the origin from sender.url', async () => {
    expect(await classify({ id: RUNTIME_ID, url: 'https://console.example.com/#/data', tab, frameId: 0 })).toEqual({ kind: 'bound-page', origin: 'https://console.example.com', tabId: 7 });
    expect(await classify({ id: RUNTIME_ID, url: 'http://127.0.0.1:8080/', tab, frameId: 0 })).toMatchObject({ kind: 'bound-page', origin: 'http://127.0.0.1:8080' });
  });

  it('refuses a subframe of a bound page', async () => {
    expect(await classify({ id: RUNTIME_ID, url: 'https://console.example.com/', tab, frameId: 3 })).toMatchObject({ kind: 'refused' });
  });

  it('refuses an unbound origin, and a bound host on another scheme or port', async () => {
    expect(await classify({ id: RUNTIME_ID, url: 'https://evil.example/', tab, frameId: 0 })).toMatchObject({ kind: 'refused' });
    expect(await classify({ id: RUNTIME_ID, url: 'http://console.example.com/', tab, frameId: 0 })).toMatchObject({ kind: 'refused' });
    expect(await classify({ id: RUNTIME_ID, url: 'http://127.0.0.1:8081/', tab, frameId: 0 })).toMatchObject({ kind: 'refused' });
  });

  it('refuses another extension, even one that claims our pages', async () => {
    expect(await classify({ id: 'ponmlkjihgfedcbaponmlkjihgfedcba', url: `chrome-extension://${RUNTIME_ID}/popup.html` })).toMatchObject({ kind: 'refused' });
    expect(await classify({ id: RUNTIME_ID, url: `chrome-extension://${RUNTIME_ID}.evil/popup.html` })).toMatchObject({ kind: 'refused' });
    expect(await classify({ id: RUNTIME_ID })).toMatchObject({ kind: 'refused' });
  });

  it('lets extension pages make every request and bound pages only getPageSession', () => {
    expect(mayRequest({ kind: 'extension-page' }, 'login')).toBe(true);
    expect(mayRequest({ kind: 'bound-page', origin: 'https://console.example.com' }, 'getPageSession')).toBe(true);
    expect(mayRequest({ kind: 'bound-page', origin: 'https://console.example.com' }, 'getState')).toBe(false);
    expect(mayRequest({ kind: 'refused', reason: 'x' }, 'getPageSession')).toBe(false);
  });
});

describe('events come from the worker only', () => {
  const base = `chrome-extension://${RUNTIME_ID}/`;
  const fromWorker = createWorkerCheck({ runtimeId: RUNTIME_ID, workerUrls: workerUrls({ service_worker: 'background.js' }, base) });

  it('names the worker\'s URL for a service worker, a background page and Firefox\'s background scripts', () => {
    expect(workerUrls({ service_worker: 'background.js' }, base)).toEqual([`${base}background.js`]);
    expect(workerUrls({ page: '/bg.html' }, base)).toEqual([`${base}bg.html`]);
    expect(workerUrls({ scripts: ['background.js'] }, 'moz-extension://uuid')).toEqual(['moz-extension://uuid/_generated_background_page.html']);
    expect(workerUrls(undefined, base)).toEqual([]);
  });

  it('takes the worker', () => {
    expect(fromWorker({ id: RUNTIME_ID, url: `${base}background.js` })).toBe(true);
  });

  it('refuses a bound page\'s content script, the popup, the options page, another extension and no sender at all', () => {
    expect(fromWorker({ id: RUNTIME_ID, url: 'https://console.example.com/', tab, frameId: 0 })).toBe(false);
    // A content script whose page claims the worker's URL still comes from a tab.
    expect(fromWorker({ id: RUNTIME_ID, url: `${base}background.js`, tab, frameId: 0 })).toBe(false);
    expect(fromWorker({ id: RUNTIME_ID, url: `${base}popup.html` })).toBe(false);
    expect(fromWorker({ id: RUNTIME_ID, url: `${base}options.html`, tab, frameId: 0 })).toBe(false);
    expect(fromWorker({ id: 'ponmlkjihgfedcbaponmlkjihgfedcba', url: `chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba/background.js` })).toBe(false);
    expect(fromWorker({ id: RUNTIME_ID })).toBe(false);
    expect(fromWorker(undefined)).toBe(false);
  });
});
