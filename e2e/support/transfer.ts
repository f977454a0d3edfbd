import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';

/** Steps of the import and export specs. */

/** The connections a console user has, as the console's own create form stores them. */
export const CONSOLE_ENVIRONMENTS = {
  staging: { name: 'staging', color: 'lightblue', host: 'staging.kuzzle.example.com', port: 443, ssl: true, backendMajorVersion: 2, hideAdminWarning: false, token: null },
  prod: { name: 'prod', color: 'red', host: 'kuzzle.example.com', port: 7443, ssl: true, backendMajorVersion: 2, hideAdminWarning: false, token: 'kauth-a-console-token' },
};

export async function textOf(download: Download): Promise<string> {
  return readFile((await download.path())!, 'utf8');
}

/** Chooses a file in the options page's "Import" chooser, as a person picks one in the dialog. */
export async function chooseImport(options: Page, name: string, text: string | Buffer) {
  await options.getByLabel('Import', { exact: true }).setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

