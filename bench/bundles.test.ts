import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { filesOf, measureBundles, sizeOf } from './bundles';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bench-bundles-'));
  await mkdir(path.join(dir, 'chunks'));
  await mkdir(path.join(dir, 'assets'));
  await mkdir(path.join(dir, 'content-scripts'));
  await writeFile(
    path.join(dir, 'popup.html'),
    '<script type="module" crossorigin src="/chunks/popup-1.js"></script><link rel="modulepreload" href="/chunks/shared-1.js"><link rel="stylesheet" href="/assets/style.css">',
  );
  await writeFile(path.join(dir, 'chunks/popup-1.js'), 'import{a}from"./shared-1.js";import"./side-1.js";console.log(a)');
  await writeFile(path.join(dir, 'chunks/shared-1.js'), 'export const a=1;');
  await writeFile(path.join(dir, 'chunks/side-1.js'), 'export*from"./shared-1.js";');
  await writeFile(path.join(dir, 'assets/style.css'), 'body{margin:0}');
  await writeFile(path.join(dir, 'background.js'), 'self.x=1;');
  await writeFile(path.join(dir, 'content-scripts/console.js'), 'var console=1;');
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify({ action: { default_popup: 'popup.html' }, background: { service_worker: 'background.js' } }));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('bundle sizes', () => {
  it('follows the HTML and the static imports, counting a shared chunk once', async () => {
    const files = (await filesOf(dir, 'popup.html')).map((file) => path.relative(dir, file)).sort();
    expect(files).toEqual(['assets/style.css', 'chunks/popup-1.js', 'chunks/shared-1.js', 'chunks/side-1.js', 'popup.html']);
  });

  it('adds raw and per-file gzip sizes', async () => {
    const size = await sizeOf(dir, 'background.js');
    expect(size).toEqual({ files: ['background.js'], rawBytes: 9, gzipBytes: gzipSync('self.x=1;', { level: 9 }).length });
  });

  it('finds the popup and the worker through the manifest', async () => {
    const bundles = await measureBundles(dir);
    expect(bundles.popup.files).toHaveLength(5);
    expect(bundles.worker.files).toEqual(['background.js']);
    expect(bundles.contentScript.files).toEqual(['content-scripts/console.js']);
  });

  it('says to rebuild when a referenced file is missing', async () => {
    await rm(path.join(dir, 'chunks/side-1.js'));
    await expect(sizeOf(dir, 'popup.html')).rejects.toThrow('chunks/side-1.js is referenced by the build but missing (ENOENT); run `npm run build` again.');
  });
});
