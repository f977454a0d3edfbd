/**
 * An in-memory stand-in for `navigator.locks` where there is none (unit tests, two managers in one
 * test, the bench): work under one name runs one at a time, in the order it asked.
 */
import type { Locks } from '../lib/session/locks';

export function createMemoryLocks(): Locks {
  const tails = new Map<string, Promise<unknown>>();
  return {
    request(name, work) {
      const previous = tails.get(name) ?? Promise.resolve();
      const result = previous.catch(() => {}).then(work);
      const tail = result.catch(() => {});
      tails.set(name, tail);
      void tail.then(() => {
        if (tails.get(name) === tail) tails.delete(name);
      });
      return result;
    },
  };
}
