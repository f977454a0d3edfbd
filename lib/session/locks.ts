/**
 * The lock that keeps one refresh at a time per account across the extension's contexts.
 * In the extension it is `navigator.locks` (shared by the worker and the extension's pages);
 * tests and the bench use an in-memory one (`test-support/locks.ts`).
 */
export interface Locks {
  request<T>(name: string, work: () => Promise<T>): Promise<T>;
}

export function navigatorLocks(lockManager: LockManager): Locks {
  // The lock is held until `work`'s promise settles; LockManager's typing nests that promise, the value does not.
  return { request: <T>(name: string, work: () => Promise<T>) => lockManager.request(name, work) as unknown as Promise<T> };
}
