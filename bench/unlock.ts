/**
 * Unlocking the lock: the passphrase key derived (PBKDF2-SHA256, lib/lock/vault.ts's iterations)
 * and the data key unwrapped, timed with the vault's own code in Chromium's WebCrypto (the engine
 * the extension's worker uses) and in Node's.
 */
import { webcrypto, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { chromium } from '@playwright/test';
import ts from 'typescript';
import { CHROMIUM_PATH } from '../e2e/support/browser';
import { createVault } from '../lib/lock/vault';

const PASSPHRASE = 'correct horse battery staple';

/** The vault's module as a script a blank page can run: it imports nothing, so compiling it is enough. */
async function vaultScript(): Promise<string> {
  const source = await readFile(new URL('../lib/lock/vault.ts', import.meta.url), 'utf8');
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  return `${js.replace(/^export /gm, '')}\nreturn { createVault };`;
}

export async function measureUnlock(runs: number): Promise<{ chromium: number[]; node: number[] }> {
  const node: number[] = [];
  const vault = createVault({ subtle: webcrypto.subtle as unknown as SubtleCrypto, randomBytes: (length) => new Uint8Array(randomBytes(length)) });
  const { header } = await vault.create(PASSPHRASE);
  for (let run = 0; run < runs; run += 1) {
    const t0 = performance.now();
    await vault.unlock(header, PASSPHRASE);
    node.push(performance.now() - t0);
  }

  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true });
  try {
    const page = await browser.newPage();
    // WebCrypto needs a secure context: a loopback address is one (about:blank is not), served by the route itself.
    const url = 'http://127.0.0.1/unlock-bench';
    await page.route(url, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>unlock</title>' }));
    await page.goto(url);
    // A string, not a function: the runner's transform would put its own helpers into a function's text.
    const inChromium = (await page.evaluate(`(async () => {
      const { createVault } = new Function(${JSON.stringify(await vaultScript())})();
      const vault = createVault({ subtle: crypto.subtle, randomBytes: (length) => crypto.getRandomValues(new Uint8Array(length)) });
      const created = await vault.create(${JSON.stringify(PASSPHRASE)});
      const samples = [];
      for (let run = 0; run < ${runs}; run += 1) {
        const t0 = performance.now();
        await vault.unlock(created.header, ${JSON.stringify(PASSPHRASE)});
        samples.push(performance.now() - t0);
      }
      return samples;
    })()`)) as number[];
    return { chromium: inChromium, node };
  } finally {
    await browser.close();
  }
}
