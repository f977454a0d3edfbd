/**
 * Refresh times, kept by `browser.alarms` (they survive the worker; they may fire late, and a
 * packed extension's alarms no sooner than 30 s) and, while the worker lives, by a timer for
 * precision. Both lead to the same `onDue`, which is single-flight and checks the time itself,
 * so a double firing does one refresh.
 */
export const REFRESH_ALARM_PREFIX = 'refresh:';
/** setTimeout's longest delay (about 24.8 days); later times are left to the alarm alone. */
const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

export interface RefreshScheduler {
  schedule(accountId: string, at: number): Promise<void>;
  cancel(accountId: string): Promise<void>;
}

export interface AlarmsApi {
  create(name: string, info: { when: number }): void | Promise<void>;
  clear(name: string): Promise<boolean> | Promise<void>;
}

export interface TimersApi {
  set(callback: () => void, delayMs: number): unknown;
  clear(handle: unknown): void;
}

export interface AlarmRefreshScheduler extends RefreshScheduler {
  /** For `alarms.onAlarm`: true when the alarm was a refresh alarm (and `onDue` was called). */
  handleAlarm(name: string): boolean;
}

export function createRefreshScheduler(deps: { alarms: AlarmsApi; timers: TimersApi; now: () => number; onDue: (accountId: string) => void }): AlarmRefreshScheduler {
  const timers = new Map<string, unknown>();
  const clearTimer = (accountId: string) => {
    const handle = timers.get(accountId);
    if (handle !== undefined) deps.timers.clear(handle);
    timers.delete(accountId);
  };
  return {
    async schedule(accountId, at) {
      clearTimer(accountId);
      const delay = Math.max(0, at - deps.now());
      if (delay <= MAX_TIMER_DELAY_MS) {
        timers.set(
          accountId,
          deps.timers.set(() => {
            timers.delete(accountId);
            deps.onDue(accountId);
          }, delay),
        );
      }
      await deps.alarms.create(REFRESH_ALARM_PREFIX + accountId, { when: Math.max(at, deps.now()) });
    },
    async cancel(accountId) {
      clearTimer(accountId);
      await deps.alarms.clear(REFRESH_ALARM_PREFIX + accountId);
    },
    handleAlarm(name) {
      if (!name.startsWith(REFRESH_ALARM_PREFIX)) return false;
      deps.onDue(name.slice(REFRESH_ALARM_PREFIX.length));
      return true;
    },
  };
}
