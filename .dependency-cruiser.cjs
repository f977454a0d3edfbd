/**
 * The lines that are never crossed (docs/architecture.md), checked by `npm run lint`.
 * A violation prints the rule's name and its comment, and fails the run.
 *
 * Type-only imports count (`tsPreCompilationDeps`): a type pulled from the wrong side is still a
 * dependency on that side's shapes.
 */
const EXTENSION = '^(lib|components|hooks|utils|entrypoints)/';
const PAGE_CODE = '^(components|hooks|utils)/';
const TEST_FILE = '\\.(test|spec)\\.tsx?$';
/** The browser's extension API, however it is imported. */
const BROWSER_API = '(^|/)node_modules/(wxt/dist/browser|@wxt-dev/browser/|webextension-polyfill/)';
/** What only the worker owns: the Kuzzle client, the stores, the session code. */
const WORKER_ONLY = '^lib/(kuzzle/(client|errors)\\.ts|store/|session/)';

module.exports = {
  forbidden: [
    {
      name: 'lib-imports-no-page-or-entrypoint',
      comment: 'lib/ is plain TypeScript under the pages and the entrypoints: it never imports entrypoints/, components/, hooks/ or utils/.',
      severity: 'error',
      from: { path: '^lib/' },
      to: { path: '^(entrypoints|components|hooks|utils)/' },
    },
    {
      name: 'lib-touches-no-browser-api',
      comment: 'lib/ takes the browser API it needs as a parameter; only its types may be imported.',
      severity: 'error',
      from: { path: '^lib/', pathNot: TEST_FILE },
      to: { path: BROWSER_API, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'pages-never-reach-worker-code',
      comment: 'components/, hooks/ and utils/ render state and raise intents: they never reach the Kuzzle client, the stores or the session code, which the worker owns.',
      severity: 'error',
      from: { path: PAGE_CODE, pathNot: TEST_FILE },
      to: { path: WORKER_ONLY, reachable: true },
    },
    {
      name: 'components-talk-to-no-browser',
      comment: 'components/ are given what they show and what to call: the browser and the message protocol are the pages\' hooks\' business.',
      severity: 'error',
      from: { path: '^components/', pathNot: TEST_FILE },
      to: { path: `(^lib/messaging\\.ts$|${BROWSER_API})` },
    },
    {
      name: 'content-script-never-reaches-stores',
      comment: 'A bound page\'s content script holds no more than its own origin\'s session: it never reaches the stores.',
      severity: 'error',
      from: { path: '^entrypoints/[^/]+\\.content(\\.ts|/)' },
      to: { path: '^lib/store/', reachable: true },
    },
    {
      name: 'dev-server-shares-nothing-with-extension',
      comment: 'The development server and the extension are held to Kuzzle separately: the server imports nothing of the extension (nor of its test support).',
      severity: 'error',
      from: { path: '^(kuzzle-dev-server|test-support/dev-server)/' },
      to: { path: `(${EXTENSION}|^test-support/(?!dev-server/))` },
    },
    {
      name: 'extension-shares-nothing-with-dev-server',
      comment: 'The development server and the extension are held to Kuzzle separately: the extension (and its test support) imports nothing of the server.',
      severity: 'error',
      from: { path: `(${EXTENSION}|^test-support/(?!dev-server/))` },
      to: { path: '^(kuzzle-dev-server|test-support/dev-server)/' },
    },
    {
      name: 'product-imports-no-test-support',
      comment: 'Test support (test-support/, e2e/, bench/) stays out of the build: product code never imports it.',
      severity: 'error',
      from: { path: `(${EXTENSION}|^kuzzle-dev-server/)`, pathNot: TEST_FILE },
      to: { path: '^(test-support|e2e|bench)/' },
    },
    {
      name: 'no-cycles',
      comment: 'Modules import each other one way: a cycle means two rooms that should be one, or a part that belongs to neither.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-unresolvable-import',
      comment: 'An import that resolves to nothing cannot be checked: fix its path.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(\\.output|\\.wxt)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
