import { ENGLISH_DURATION_WORDS, humanizeTimeLeft, type DurationWords } from '../lib/expires-in';
import type { AccountView } from '../lib/model';

/** Says whether a session can be used: the only place where its state is put into words. */
export function sessionStatus(
  account: AccountView,
  now: number,
  words: DurationWords = ENGLISH_DURATION_WORDS,
): { key: string; timeLeft?: string; usable: boolean } {
  const session = account.session;
  if (!session) return { key: 'sessionNone', usable: false };
  if (session.state === 'revoked') return { key: 'sessionRevoked', usable: false };
  if (session.state === 'expired' || (session.expiresAt !== -1 && session.expiresAt <= now)) {
    return { key: 'sessionExpired', usable: false };
  }
  return { key: 'sessionActive', timeLeft: humanizeTimeLeft(session.expiresAt, now, words), usable: true };
}
