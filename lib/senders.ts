/**
 * Who is asking: the ONE place where a message's sender is judged.
 *
 * - An extension page (popup, options): our extension id AND a URL on our own extension origin.
 *   A `sender.tab` does not disqualify it: the popup may be opened as a tab (the e2e tests do).
 * - A content script of a bound page: our extension id, in a tab, in the top frame, on a page
 *   whose origin (taken from `sender.url`, never from the message) is exactly bound to a server.
 * - A content script of an origin no longer bound whose pages may still hold a planted token: only
 *   to say what the page holds (`STALE_PAGE_REQUESTS`), so that the origin can stop being marked.
 * - Anyone else is refused.
 *
 * The other way round, events: the extension's pages and content scripts take an event only from
 * the worker (`createWorkerCheck`). A content script's `runtime.sendMessage` reaches the popup and
 * the options page too, with our extension id: the id alone would let any bound page's content
 * script put words into their alerts or make them read the state again and again.
 */
import { PAGE_REQUESTS, STALE_PAGE_REQUESTS, type RequestType } from './messages';

/** The parts of `runtime.MessageSender` that are judged. */
export interface SenderLike {
  id?: string;
  url?: string;
  tab?: { id?: number };
  frameId?: number;
}

export type SenderClass =
  | { kind: 'extension-page' }
  | { kind: 'bound-page'; origin: string; tabId?: number }
  /** A content script on an origin no longer bound whose pages may still hold a planted token. */
  | { kind: 'stale-page'; origin: string; tabId?: number }
  | { kind: 'refused'; reason: string };

export type ClassifySender = (sender: SenderLike) => Promise<SenderClass>;

/**
 * `scheme://host[:port]` of any URL. `URL.origin` is "null" for schemes the URL standard does not
 * know (`chrome-extension:`, `moz-extension:`) outside the browser, so it is built by hand.
 */
function originOfAnyUrl(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : null;
  } catch {
    return null;
  }
}

export function createSenderClassifier(options: {
  runtimeId: string;
  /** `runtime.getURL('')`: `chrome-extension://<id>/`. */
  extensionBaseUrl: string;
  isBoundOrigin(origin: string): Promise<boolean>;
  /** Whether pages of a (no longer bound) origin may still hold a planted token. */
  isStaleOrigin?(origin: string): Promise<boolean>;
}): ClassifySender {
  const extensionOrigin = originOfAnyUrl(options.extensionBaseUrl);
  return async (sender) => {
    if (sender.id !== options.runtimeId) return { kind: 'refused', reason: 'the sender is not this extension' };
    const origin = originOfAnyUrl(sender.url);
    if (origin === null) return { kind: 'refused', reason: 'the sender has no URL' };
    if (origin === extensionOrigin) return { kind: 'extension-page' };
    if (!sender.tab) return { kind: 'refused', reason: 'the sender is neither an extension page nor a tab' };
    if (sender.frameId !== 0) return { kind: 'refused', reason: 'only the top frame of a bound page may ask' };
    if (!/^https?:$/.test(new URL(origin).protocol)) return { kind: 'refused', reason: 'the page is not an http(s) page' };
    const tabId = sender.tab.id !== undefined ? { tabId: sender.tab.id } : {};
    if (await options.isBoundOrigin(origin)) return { kind: 'bound-page', origin, ...tabId };
    if (await options.isStaleOrigin?.(origin)) return { kind: 'stale-page', origin, ...tabId };
    return { kind: 'refused', reason: `${origin} is not bound to a server` };
  };
}

/** Extension pages may make every request; bound pages only the page requests. */
export function mayRequest(sender: SenderClass, type: RequestType): boolean {
  if (sender.kind === 'extension-page') return true;
  if (sender.kind === 'bound-page') return PAGE_REQUESTS.has(type);
  if (sender.kind === 'stale-page') return STALE_PAGE_REQUESTS.has(type);
  return false;
}

/** What the manifest says of the background (`runtime.getManifest().background`). */
export interface BackgroundManifest {
  service_worker?: string;
  page?: string;
  scripts?: string[];
}

/**
 * The URLs the worker's messages carry as `sender.url`: the service worker's script (Chromium),
 * the background page, or the page Firefox makes for background scripts.
 */
export function workerUrls(background: BackgroundManifest | undefined, extensionBaseUrl: string): string[] {
  const base = extensionBaseUrl.endsWith('/') ? extensionBaseUrl : `${extensionBaseUrl}/`;
  const paths: string[] = [];
  if (background?.service_worker) paths.push(background.service_worker);
  if (background?.page) paths.push(background.page);
  if (background?.scripts?.length) paths.push('_generated_background_page.html');
  return paths.map((path) => base + path.replace(/^\/+/, ''));
}

/**
 * For every listener of the extension's pages and content scripts: true only for a message the
 * worker sent (our id, no tab, from the worker's own URL). Not the popup, not the options page,
 * not a content script, which all carry our id too.
 */
export function createWorkerCheck(options: { runtimeId: string; workerUrls: readonly string[] }): (sender: SenderLike | undefined) => boolean {
  const urls = new Set(options.workerUrls);
  return (sender) => sender !== undefined && sender.id === options.runtimeId && sender.tab === undefined && sender.url !== undefined && urls.has(sender.url);
}

/** `createWorkerCheck` for this extension, from its runtime API (`browser.runtime`). */
export function workerCheckOf(runtime: { id: string; getManifest(): { background?: BackgroundManifest }; getURL(path: string): string }) {
  return createWorkerCheck({ runtimeId: runtime.id, workerUrls: workerUrls(runtime.getManifest().background, runtime.getURL('/')) });
}
