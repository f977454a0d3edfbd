/**
 * The page bridge: how a Kuzzle web app on a bound origin asks the extension for its session and
 * hears about changes, over `window.postMessage` within its own window (docs/bridge.md).
 * Pure shapes and checks; the content script does the posting.
 */
import type { PageSessionChangeReason } from './types';
import type { PageSession } from '../model';

export const BRIDGE_PREFIX = 'kuzzle-session-manager:';
export const BRIDGE_TYPES = {
  /** page → extension */
  getSession: `${BRIDGE_PREFIX}get-session`,
  /** extension → page: a session, in answer to get-session or because it changed */
  session: `${BRIDGE_PREFIX}session`,
  /** extension → page: no session, in answer to get-session or because it ended */
  signedOut: `${BRIDGE_PREFIX}signed-out`,
} as const;

/** A page's own request ids are echoed back; anything longer than this is not an id. */
const MAX_REQUEST_ID_LENGTH = 128;

export interface BridgeSession {
  kuid: string;
  jwt: string;
  expiresAt: number;
  server: PageSession['server'];
}

export type BridgeReason = PageSessionChangeReason | 'request';

export type BridgeOutgoing =
  | { type: typeof BRIDGE_TYPES.session; session: BridgeSession; reason: BridgeReason; requestId?: string }
  | { type: typeof BRIDGE_TYPES.signedOut; reason: BridgeReason; requestId?: string };

export interface BridgeRequest {
  type: typeof BRIDGE_TYPES.getSession;
  requestId?: string;
}

/** What a `message` event carries that matters for the checks (a MessageEvent fits). */
export interface IncomingMessage {
  source: unknown;
  origin: string;
  data: unknown;
}

/**
 * Accepts a bridge request only from the page's own window (not a frame, not an opener) at the page's
 * own origin, with the exact shape; anything else is ignored (null), never answered.
 */
export function parseBridgeRequest(event: IncomingMessage, own: { window: unknown; origin: string }): BridgeRequest | null {
  if (event.source !== own.window || event.origin !== own.origin) return null;
  const data = event.data;
  if (typeof data !== 'object' || data === null || (data as { type?: unknown }).type !== BRIDGE_TYPES.getSession) return null;
  const requestId = (data as { requestId?: unknown }).requestId;
  if (requestId === undefined) return { type: BRIDGE_TYPES.getSession };
  if (typeof requestId !== 'string' || requestId.length > MAX_REQUEST_ID_LENGTH) return null;
  return { type: BRIDGE_TYPES.getSession, requestId };
}

/** The message for a page: only the documented fields are copied, so nothing else of ours leaks. */
export function bridgeMessageFor(session: PageSession | null, reason: BridgeReason, requestId?: string): BridgeOutgoing {
  const withId = requestId === undefined ? {} : { requestId };
  if (session === null) return { type: BRIDGE_TYPES.signedOut, reason, ...withId };
  const { url, name, color, host, port, ssl } = session.server;
  return {
    type: BRIDGE_TYPES.session,
    session: { kuid: session.kuid, jwt: session.jwt, expiresAt: session.expiresAt, server: { url, name, color, host, port, ssl } },
    reason,
    ...withId,
  };
}
