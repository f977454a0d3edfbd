import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    // Unit tests live beside the code; e2e specs are Playwright's.
    include: ['lib/**/*.test.ts', 'components/**/*.test.tsx', 'components/**/*.test.ts', 'hooks/**/*.test.ts', 'hooks/**/*.test.tsx', 'utils/**/*.test.ts', 'utils/**/*.test.tsx', 'entrypoints/**/*.test.ts', 'entrypoints/**/*.test.tsx', 'kuzzle-dev-server/**/*.test.ts', 'bench/**/*.test.ts'],
    setupFiles: ['fake-indexeddb/auto'],
    mockReset: true,
    restoreMocks: true,
    testTimeout: 15_000,
  },
});
