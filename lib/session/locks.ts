/**
 * The lock that keeps one refresh at a time per account across the extension's contexts.
 * In the extension it is `navigator.locks` (shared by the worker and the extension's pages);
 * this in-memory one stands for it where there is none (unit tests, two managers in one test).
 */
export interface Locks {
  request<T>(name: string, work: () => Promise<T>): Promise<T>;
}

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

export function navigatorLocks(lockManager: LockManager): Locks {
  // The lock is held until `work`'s promise settles; LockManager's typing nests that promise, the value does not.
  return { request: <T>(name: string, work: () => Promise<T>) => lockManager.request(name, work) as unknown as Promise<T> };
}
