// Steps shared by the e2e/hardening-*.spec.ts specs: the dev server's fault switch, and a look
// into the extension's own IndexedDB to prove that nothing was lost (and no password kept).
import { expect, type CDPSession, type Page } from '@playwright/test';
import type { StateSnapshot } from '../../lib/model';
import { ask } from './pages';

export type FaultMode =
  | 'none'
  | 'down'
  | 'slow'
  | 'html502'
  | 'bare-error'
  | 'invalidate-tokens'
  | 'forbid-refresh'
  | 'too-many-requests'
  | 'overloaded'
  | 'malformed-json'
  | 'huge-body'
  | 'redirect-away';

/** Flips the dev server's fault switch (`POST /_dev/faults`, loopback only). */
export async function setFault(kuzzleUrl: string, mode: FaultMode, delayMs?: number): Promise<void> {
  const response = await fetch(`${kuzzleUrl}/_dev/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(delayMs === undefined ? { mode } : { mode, delayMs }),
  });
  if (!response.ok) throw new Error(`the fault switch refused ${mode}: ${response.status} ${await response.text()}`);
}

export interface StoredRecord {
  key: string;
  value: unknown;
}

/** Every record of the extension's database, read from one of its own pages (same origin). */
export function storedRecords(extensionPage: Page): Promise<StoredRecord[]> {
  return extensionPage.evaluate(
    () =>
      new Promise<StoredRecord[]>((resolve, reject) => {
        const open = indexedDB.open('kuzzle-session-manager');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('records')) {
            db.close();
            resolve([]);
            return;
          }
          const store = db.transaction('records', 'readonly').objectStore('records');
          const keys = store.getAllKeys();
          const values = store.getAll();
          values.onsuccess = () => {
            resolve(keys.result.map((key, index) => ({ key: String(key), value: values.result[index] })));
            db.close();
          };
          values.onerror = () => reject(values.error);
        };
      }),
  );
}

export interface StoredSession {
  accountId: string;
  jwt: string;
  state: string;
  expiresAt: number;
  lastError?: string;
}

export async function storedSessions(extensionPage: Page): Promise<StoredSession[]> {
  const records = await storedRecords(extensionPage);
  return records.filter((record) => record.key.startsWith('session:')).map((record) => record.value as StoredSession);
}

export function state(extensionPage: Page): Promise<StateSnapshot> {
  return ask(extensionPage, 'getState', {});
}

/** A Kuzzle token as the dev server (and Kuzzle) hands it out. */
export function looksLikeKuzzleToken(jwt: string): boolean {
  return /^(kauth-)?[\w-]+\.[\w-]+\.[\w-]+$/.test(jwt);
}

/** Runs `expression` in the extension's content-script world of `page`, through CDP. */
export async function inContentScript(page: Page, extensionId: string): Promise<{ run(expression: string): Promise<unknown>; cdp: CDPSession }> {
  const cdp = await page.context().newCDPSession(page);
  const contexts: { id: number; origin: string; name: string; auxData?: { type?: string; isDefault?: boolean } }[] = [];
  cdp.on('Runtime.executionContextCreated', (event: { context: (typeof contexts)[number] }) => contexts.push(event.context));
  await cdp.send('Runtime.enable');
  await expect.poll(() => contexts.some((context) => context.auxData?.type === 'isolated' && context.origin.includes(extensionId)), { message: 'the content script world' }).toBe(true);
  const world = contexts.find((context) => context.auxData?.type === 'isolated' && context.origin.includes(extensionId))!;
  return {
    cdp,
    async run(expression) {
      const result = (await cdp.send('Runtime.evaluate', { expression, contextId: world.id, awaitPromise: true, returnByValue: true })) as {
        result: { value?: unknown };
        exceptionDetails?: { text: string; exception?: { description?: string } };
      };
      if (result.exceptionDetails) throw new Error(`${result.exceptionDetails.text} ${result.exceptionDetails.exception?.description ?? ''}`);
      return result.result.value;
    },
  };
}

