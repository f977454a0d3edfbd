// Issue 7, item 4, as properties: whatever a sender claims, only our own pages get the privileged
// requests, and only the top frame of an exactly bound http(s) origin gets its page session.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REQUEST_TYPES, PAGE_REQUESTS, type RequestType } from './messages';
import { createSenderClassifier, mayRequest, type SenderLike } from './senders';

const RUNTIME_ID = 'abcdefghijklmnopabcdefghijklmnop';
const BOUND = 'https://console.example.com';
const classify = createSenderClassifier({
  runtimeId: RUNTIME_ID,
  extensionBaseUrl: `chrome-extension://${RUNTIME_ID}/`,
  isBoundOrigin: async (origin) => origin === BOUND,
});

/** URLs that look like the bound origin or our pages without being them. */
const lookalikeUrls = fc.constantFrom(
  'http://console.example.com/',
  'https://console.example.com:8443/',
  'https://console.example.com.evil.example/',
  'https://console.example.com@evil.example/',
  'https://evil.example/https://console.example.com/',
  'https://evil.example/?origin=https://console.example.com',
  'blob:https://console.example.com/0b0e7c1a',
  'data:text/html,<script>1</script>',
  'about:blank',
  'about:srcdoc',
  'javascript:alert(1)',
  'file:///home/user/console.html',
  'ws://console.example.com/',
  `chrome-extension://${RUNTIME_ID}.evil.example/popup.html`,
  `chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba/popup.html`,
  `https://${RUNTIME_ID}/popup.html`,
  'https://xn--console-example.com/',
  '',
);

const sender = fc.record(
  {
    id: fc.oneof(fc.constant(RUNTIME_ID), fc.string()),
    url: fc.oneof(lookalikeUrls, fc.webUrl(), fc.string()),
    tab: fc.record({ id: fc.integer({ min: 0 }) }, { requiredKeys: [] }),
    frameId: fc.integer({ min: -1, max: 20 }),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<SenderLike>;

const requestTypes = [...REQUEST_TYPES] as RequestType[];
const privileged = requestTypes.filter((type) => !PAGE_REQUESTS.has(type));

describe('sender checks: properties', () => {
  it('a sender that is not our page and not the bound origin\'s top frame may make no request at all', async () => {
    await fc.assert(
      fc.asyncProperty(sender, fc.constantFrom(...requestTypes), async (candidate, type) => {
        const verdict = await classify(candidate);
        const isOurPage = candidate.id === RUNTIME_ID && candidate.url?.startsWith(`chrome-extension://${RUNTIME_ID}/`) === true;
        const isBoundTop = candidate.id === RUNTIME_ID && candidate.tab !== undefined && candidate.frameId === 0 && (candidate.url === BOUND || candidate.url?.startsWith(`${BOUND}/`) === true);
        if (!isOurPage && !isBoundTop) expect(mayRequest(verdict, type)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('the bound origin\'s top frame never gets a privileged request, whatever its path, query or fragment', async () => {
    await fc.assert(
      fc.asyncProperty(fc.webPath(), fc.webQueryParameters(), fc.webFragments(), fc.constantFrom(...privileged), async (path, query, fragment, type) => {
        const verdict = await classify({ id: RUNTIME_ID, url: `${BOUND}${path.startsWith('/') ? path : `/${path}`}?${query}#${fragment}`, tab: { id: 3 }, frameId: 0 });
        expect(verdict).toMatchObject({ kind: 'bound-page', origin: BOUND });
        expect(mayRequest(verdict, type)).toBe(false);
        expect(mayRequest(verdict, 'getPageSession')).toBe(true);
      }),
    );
  });

  it('a frame of the bound origin inside any page is refused', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1000 }), async (frameId) => {
        expect(await classify({ id: RUNTIME_ID, url: `${BOUND}/`, tab: { id: 1 }, frameId })).toMatchObject({ kind: 'refused' });
      }),
    );
  });
});
