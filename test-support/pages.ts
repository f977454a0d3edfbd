/**
 * Test support: a recording fake of `browser.scripting` and `browser.tabs` whose tabs are small
 * simulated pages. `executeScript` really runs the injected function, with the page's globals
 * (location, storages, document, history, window) stubbed for the call, so the page functions are
 * exercised as the browser would run them. WXT's fakeBrowser has no scripting API.
 */
import { vi } from 'vitest';
import type { Scripting, Tabs } from 'webextension-polyfill';

export class FakeStorage {
  readonly values = new Map<string, string>();
  constructor(initial: Record<string, string> = {}) {
    for (const [key, value] of Object.entries(initial)) this.values.set(key, value);
  }
  getItem(key: string): string | null {
    return this.values.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.values.set(key, String(value));
  }
  removeItem(key: string): void {
    this.values.delete(key);
  }
  toObject(): Record<string, string> {
    return Object.fromEntries(this.values);
  }
}

export interface FakePage {
  tabId: number;
  url: string;
  documentId: string;
  local: FakeStorage;
  session: FakeStorage;
  /** `<meta name="kuzzle-session-manager" content="…">`, when the page has one. */
  meta?: string;
  /** The page's `window.kuzzle`, when it exposes one. */
  kuzzle?: { jwt: string | null };
  reloads: number;
  /** Runs before each injected function, to simulate the page doing something in between. */
  beforeInjection?: (func: string) => void;
}

let documentCounter = 0;

export function fakePage(tabId: number, url: string, options: Partial<Omit<FakePage, 'tabId' | 'url'>> = {}): FakePage {
  return {
    tabId,
    url,
    documentId: `doc-${++documentCounter}`,
    local: new FakeStorage(),
    session: new FakeStorage(),
    reloads: 0,
    ...options,
  };
}

export interface ScriptingCall {
  tabId: number;
  world: string | undefined;
  func: string;
  target: Scripting.InjectionTarget;
}

export function createFakeBrowserPages(pages: FakePage[]) {
  const registered = new Map<string, Scripting.RegisteredContentScript>();
  const calls: ScriptingCall[] = [];
  const messages: { tabId: number; message: unknown; options: Tabs.SendMessageOptionsType | undefined }[] = [];
  /** Tabs whose content script answers messages (the others reject, like a page without one). */
  const listening = new Set<number>();

  function runInPage(page: FakePage, world: string | undefined, func: (...args: unknown[]) => unknown, args: unknown[]) {
    page.beforeInjection?.(func.name);
    const url = new URL(page.url);
    const window = world === 'MAIN' ? { kuzzle: page.kuzzle } : {};
    const globals = {
      location: {
        origin: url.origin,
        pathname: url.pathname,
        search: url.search,
        reload: () => {
          page.reloads++;
          page.documentId = `doc-${++documentCounter}`;
        },
      },
      localStorage: page.local,
      sessionStorage: page.session,
      history: {
        state: null,
        replaceState: (_state: unknown, _title: string, next: string) => {
          page.url = new URL(next, page.url).href;
        },
      },
      document: {
        querySelector: (selector: string) =>
          selector === 'meta[name="kuzzle-session-manager"]' && page.meta !== undefined ? { getAttribute: () => page.meta } : null,
      },
      window,
    };
    for (const [name, value] of Object.entries(globals)) vi.stubGlobal(name, value);
    try {
      return func(...args);
    } finally {
      vi.unstubAllGlobals();
    }
  }

  const scripting = {
    async executeScript(injection: Scripting.ScriptInjection): Promise<Scripting.InjectionResult[]> {
      const { target } = injection;
      const page = pages.find((p) => p.tabId === target.tabId);
      if (!page) throw new Error(`No tab with id: ${target.tabId}.`);
      if (target.documentIds && !target.documentIds.includes(page.documentId)) throw new Error('No document with id.');
      if (!injection.func) throw new Error('the fake runs functions only');
      calls.push({ tabId: target.tabId, world: injection.world, func: injection.func.name, target });
      const documentId = page.documentId;
      const result = runInPage(page, injection.world, injection.func, injection.args ?? []);
      return [{ documentId, frameId: 0, result }];
    },
    async registerContentScripts(scripts: Scripting.RegisteredContentScript[]): Promise<void> {
      for (const script of scripts) {
        if (registered.has(script.id)) throw new Error(`Duplicate script ID '${script.id}'`);
      }
      for (const script of scripts) registered.set(script.id, structuredClone(script));
    },
    async updateContentScripts(scripts: Scripting.UpdateContentScriptsScriptsItemType[]): Promise<void> {
      for (const script of scripts) {
        const existing = registered.get(script.id);
        if (!existing) throw new Error(`Content script with ID '${script.id}' does not exist.`);
        registered.set(script.id, { ...existing, ...structuredClone(script) });
      }
    },
    async unregisterContentScripts(filter?: Scripting.ContentScriptFilter): Promise<void> {
      const ids = filter?.ids ?? [...registered.keys()];
      for (const id of ids) registered.delete(id);
    },
    async getRegisteredContentScripts(filter?: Scripting.ContentScriptFilter): Promise<Scripting.RegisteredContentScript[]> {
      return [...registered.values()].filter((script) => !filter?.ids || filter.ids.includes(script.id)).map((s) => structuredClone(s));
    },
  };

  const tabs = {
    async query(): Promise<Tabs.Tab[]> {
      return pages.map((page) => ({ id: page.tabId, url: page.url }) as Tabs.Tab);
    },
    async sendMessage(tabId: number, message: unknown, options?: Tabs.SendMessageOptionsType): Promise<unknown> {
      const page = pages.find((p) => p.tabId === tabId);
      if (!page || !listening.has(tabId) || (options?.documentId && options.documentId !== page.documentId)) {
        throw new Error('Could not establish connection. Receiving end does not exist.');
      }
      messages.push({ tabId, message, options });
      return undefined;
    },
  };

  return { scripting, tabs, registered, calls, messages, listening };
}
