/**
 * What each part of the built extension costs to load: the popup (its HTML and every script and
 * stylesheet it pulls in, shared chunks included), the worker and the bound-page content script.
 * Raw bytes and gzip (level 9, as a store or a CDN would serve them; the browser itself reads the
 * files unpacked from disk, so gzip is the budget's yardstick, not what the browser parses).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleSize {
  files: string[];
  rawBytes: number;
  gzipBytes: number;
}

const HTML_REFERENCE = /<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"/g;
// Static imports in a minified ES module: `import{a}from"./x.js"`, `import"./x.js"`, `export*from"./x.js"`.
const JS_IMPORT = /(?:\bimport|\bexport)\s*(?:[\w*{}\s,$]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+|\/[^"']+)["']/g;

function resolveReference(outputDir: string, fromFile: string, reference: string): string | null {
  if (/^[a-z]+:/i.test(reference)) return null;
  const clean = reference.split(/[?#]/)[0]!;
  return clean.startsWith('/') ? path.join(outputDir, clean) : path.join(path.dirname(fromFile), clean);
}

function readBuilt(outputDir: string, file: string): Promise<Buffer> {
  return readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`${path.relative(outputDir, file)} is referenced by the build but missing (${error.code}); run \`npm run build\` again.`);
  });
}

/** The entry file and everything it loads, each once. */
export async function filesOf(outputDir: string, entry: string): Promise<string[]> {
  const seen = new Set<string>();
  const visit = async (file: string): Promise<void> => {
    if (seen.has(file)) return;
    seen.add(file);
    const pattern = file.endsWith('.html') ? HTML_REFERENCE : file.endsWith('.js') ? JS_IMPORT : null;
    if (!pattern) return;
    const text = (await readBuilt(outputDir, file)).toString('utf8');
    for (const match of text.matchAll(pattern)) {
      const target = resolveReference(outputDir, file, match[1]!);
      if (target) await visit(target);
    }
  };
  await visit(path.join(outputDir, entry));
  return [...seen];
}

export async function sizeOf(outputDir: string, entry: string): Promise<BundleSize> {
  const files = await filesOf(outputDir, entry);
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const content = await readBuilt(outputDir, file);
    rawBytes += content.length;
    gzipBytes += gzipSync(content, { level: 9 }).length;
  }
  return { files: files.map((file) => path.relative(outputDir, file)), rawBytes, gzipBytes };
}

interface Manifest {
  action?: { default_popup?: string };
  background?: { service_worker?: string };
}

/** The three bundles the issue asks about, found through the manifest where it names them. */
export async function measureBundles(outputDir: string): Promise<Record<'popup' | 'worker' | 'contentScript', BundleSize>> {
  const manifest = JSON.parse(await readFile(path.join(outputDir, 'manifest.json'), 'utf8')) as Manifest;
  const popup = manifest.action?.default_popup;
  const worker = manifest.background?.service_worker;
  if (!popup || !worker) throw new Error(`${outputDir}/manifest.json names no popup or no service worker; is this a Chrome MV3 build?`);
  // Registered at run time (scripting.registerContentScripts), so the manifest does not list it.
  return { popup: await sizeOf(outputDir, popup), worker: await sizeOf(outputDir, worker), contentScript: await sizeOf(outputDir, 'content-scripts/console.js') };
}
