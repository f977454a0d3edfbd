/** What a page would accept from the extension over the bridge: tests check the messages built for pages with it. */
import { BRIDGE_TYPES, type BridgeOutgoing } from '../lib/inject/bridge';

/** True when `data` is a well-formed message from the extension. */
export function isBridgeOutgoing(data: unknown): data is BridgeOutgoing {
  if (typeof data !== 'object' || data === null) return false;
  const message = data as Record<string, unknown>;
  if (typeof message.reason !== 'string') return false;
  if (message.requestId !== undefined && typeof message.requestId !== 'string') return false;
  if (message.type === BRIDGE_TYPES.signedOut) return true;
  if (message.type !== BRIDGE_TYPES.session) return false;
  const session = message.session as Record<string, unknown> | null | undefined;
  return (
    typeof session === 'object' &&
    session !== null &&
    typeof session.kuid === 'string' &&
    typeof session.jwt === 'string' &&
    typeof session.expiresAt === 'number' &&
    typeof session.server === 'object' &&
    session.server !== null
  );
}
