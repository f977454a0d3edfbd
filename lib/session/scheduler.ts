/**
 * Refresh times. One `browser.alarms` alarm, set to the earliest refresh due, wakes the worker
 * (alarms survive it; they may fire late, and a packed extension's no sooner than 30 s). One alarm
 * and not one per account: Chrome refuses more than 500 alarms per extension, and accounts past
 * that would silently never be refreshed once the worker idles.
 *
 * The due times live in memory: the worker's start (`manager.start()`) schedules every session
 * again before any alarm is handled, so a new worker has them all back. While the worker lives, a
 * timer per account gives precision. Alarm and timer lead to the same `onDue`, which is
 * single-flight and checks the time itself, so a double firing does one refresh.
 */
export const REFRESH_ALARM = 'refresh-due';
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
  /** For `alarms.onAlarm`: true when the alarm was the refresh alarm (and `onDue` was called for every account due). */
  handleAlarm(name: string): boolean;
}

export function createRefreshScheduler(deps: { alarms: AlarmsApi; timers: TimersApi; now: () => number; onDue: (accountId: string) => void }): AlarmRefreshScheduler {
  const timers = new Map<string, unknown>();
  const dueTimes = new Map<string, number>();
  let armedAt: number | null = null;

  const clearTimer = (accountId: string) => {
    const handle = timers.get(accountId);
    if (handle !== undefined) deps.timers.clear(handle);
    timers.delete(accountId);
  };

  /** Points the one alarm at the earliest due time, or clears it when nothing is due. */
  async function rearm(): Promise<void> {
    const earliest = dueTimes.size === 0 ? null : Math.min(...dueTimes.values());
    if (earliest === armedAt) return;
    armedAt = earliest;
    if (earliest === null) await deps.alarms.clear(REFRESH_ALARM);
    else await deps.alarms.create(REFRESH_ALARM, { when: Math.max(earliest, deps.now()) });
  }

  function fire(accountId: string): void {
    clearTimer(accountId);
    dueTimes.delete(accountId);
    deps.onDue(accountId);
  }

  return {
    async schedule(accountId, at) {
      clearTimer(accountId);
      const delay = Math.max(0, at - deps.now());
      if (delay <= MAX_TIMER_DELAY_MS) {
        timers.set(
          accountId,
          deps.timers.set(() => {
            fire(accountId);
            void rearm();
          }, delay),
        );
      }
      dueTimes.set(accountId, at);
      await rearm();
    },
    async cancel(accountId) {
      clearTimer(accountId);
      dueTimes.delete(accountId);
      await rearm();
    },
    handleAlarm(name) {
      if (name !== REFRESH_ALARM) return false;
      armedAt = null;
      const now = deps.now();
      for (const [accountId, at] of [...dueTimes]) if (at <= now) fire(accountId);
      void rearm();
      return true;
    },
  };
}
