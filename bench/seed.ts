/** Builds bench/seed-page.ts for the browser and runs it in an extension page. */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import type { SeedPlan } from './seed-page';

const ENTRY = fileURLToPath(new URL('./seed-page.ts', import.meta.url));
const GLOBAL_NAME = '__kuzzleBenchSeed';

let bundle: Promise<string> | undefined;

function seedBundle(): Promise<string> {
  bundle ??= build({ entryPoints: [ENTRY], bundle: true, write: false, format: 'iife', globalName: GLOBAL_NAME, platform: 'browser', target: 'chrome120', logLevel: 'silent' }).then(
    (result) => result.outputFiles[0]!.text,
  );
  return bundle;
}

/**
 * Evaluated through the DevTools protocol, which extension pages' CSP does not block (an inline
 * `<script>` from page.addScriptTag would be).
 */
export async function seedThroughStore(extensionPage: Page, plan: SeedPlan): Promise<{ servers: number; accounts: number }> {
  const code = await seedBundle();
  return extensionPage.evaluate(`${code}\n${GLOBAL_NAME}.seedAccounts(${JSON.stringify(plan)})`) as Promise<{ servers: number; accounts: number }>;
}
