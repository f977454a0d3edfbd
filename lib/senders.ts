/**
 * Who is asking: the ONE place where a message's sender is judged.
 *
 * - An extension page (popup, options): our extension id AND a URL on our own extension origin.
 *   A `sender.tab` does not disqualify it: the popup may be opened as a tab (the e2e tests do).
 * - A content script of a bound page: our extension id, in a tab, in the top frame, on a page
 *   whose origin (taken from `sender.url`, never from the message) is exactly bound to a server.
 * - Anyone else is refused.
 */
import { PAGE_REQUESTS, type RequestType } from './messages';

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
    if (!(await options.isBoundOrigin(origin))) return { kind: 'refused', reason: `${origin} is not bound to a server` };
    return { kind: 'bound-page', origin, ...(sender.tab.id !== undefined ? { tabId: sender.tab.id } : {}) };
  };
}

/** Extension pages may make every request; bound pages only the page requests. */
export function mayRequest(sender: SenderClass, type: RequestType): boolean {
  if (sender.kind === 'extension-page') return true;
  if (sender.kind === 'bound-page') return PAGE_REQUESTS.has(type);
  return false;
}
