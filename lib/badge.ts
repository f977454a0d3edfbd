/**
 * The toolbar badge for the current tab: its server's active account (initials) and its state,
 * with a session that ended made visible ("!" on red). Pure, for the worker to apply.
 */
import type { AccountRecord, ServerColor, ServerRecord, SessionRecord } from './model';
import { isExpired } from './session/timing';

export interface Badge {
  text: string;
  backgroundColor: string;
  title: string;
}

export const SERVER_COLOR_HEX: Record<ServerColor, string> = {
  blue: '#1d4ed8',
  teal: '#0f766e',
  green: '#15803d',
  orange: '#c2410c',
  red: '#b91c1c',
  purple: '#7e22ce',
  magenta: '#be185d',
  grey: '#4b5563',
};
export const ENDED_BADGE_COLOR = '#dc2626';
const NEUTRAL_COLOR = '#6b7280';

/** Up to two letters: the first letters of the first two words, or the first two characters. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/[\s._@-]+/u).filter(Boolean);
  const letters = words.length >= 2 ? [...words[0]!].slice(0, 1).concat([...words[1]!].slice(0, 1)) : [...(words[0] ?? '')].slice(0, 2);
  return letters.join('').toUpperCase();
}

export function badgeFor(input: { extensionName: string; server?: ServerRecord; account?: AccountRecord; session?: SessionRecord; now: number }): Badge {
  const { extensionName, server, account, session, now } = input;
  if (!server) return { text: '', backgroundColor: NEUTRAL_COLOR, title: extensionName };
  if (!account) return { text: '', backgroundColor: SERVER_COLOR_HEX[server.color], title: `${extensionName}: ${server.name}, no account` };
  const who = `${extensionName}: ${account.displayName} on ${server.name}`;
  if (!session) return { text: '!', backgroundColor: ENDED_BADGE_COLOR, title: `${who} (signed out)` };
  if (session.state !== 'active' || isExpired(session, now)) return { text: '!', backgroundColor: ENDED_BADGE_COLOR, title: `${who} (session ${session.state === 'revoked' ? 'revoked' : 'expired'}: log in again)` };
  return { text: initialsOf(account.displayName), backgroundColor: SERVER_COLOR_HEX[server.color], title: who };
}
