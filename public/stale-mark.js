// Registered at run time (lib/inject/stale-pages.ts) just before content-scripts/console.js, for
// the origins whose pages may still hold a token the extension no longer stands behind. Both run
// in the extension's isolated world of the page, which they share: this mark is how the console
// script knows, synchronously, to remove the planted entry before the page's own scripts run.
// A plain file, not a WXT entrypoint: it is one assignment, and runs on every load of such a page.
globalThis.__kuzzleSessionManagerStale = true;
