import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { createRefreshScheduler } from './scheduler';
import { refreshAt, refreshMargin } from './timing';

describe('refresh margin', () => {
  it('is max(60 s, 10 % of ttl), at most half the ttl', () => {
    expect(refreshMargin(3_600_000)).toBe(360_000);
    expect(refreshMargin(600_000)).toBe(60_000);
    expect(refreshMargin(8_000)).toBe(4_000);
    expect(refreshAt({ expiresAt: 100_000, ttl: 8_000 })).toBe(96_000);
    expect(refreshAt({ expiresAt: -1, ttl: -1 })).toBeNull();
  });
});

describe('refresh scheduler', () => {
  beforeEach(() => fakeBrowser.reset());

  function build(now = 1000) {
    const due: string[] = [];
    const timers: Array<{ callback: () => void; delay: number; cleared: boolean }> = [];
    const scheduler = createRefreshScheduler({
      alarms: fakeBrowser.alarms,
      timers: {
        set: (callback, delay) => timers.push({ callback, delay, cleared: false }) - 1,
        clear: (handle) => (timers[handle as number]!.cleared = true),
      },
      now: () => now,
      onDue: (accountId) => due.push(accountId),
    });
    return { scheduler, due, timers };
  }

  it('keeps an alarm (the durable backstop) and a precise timer', async () => {
    const { scheduler, due, timers } = build();
    await scheduler.schedule('acc', 5000);
    expect(await fakeBrowser.alarms.get('refresh:acc')).toMatchObject({ name: 'refresh:acc', scheduledTime: 5000 });
    expect(timers).toEqual([expect.objectContaining({ delay: 4000, cleared: false })]);
    timers[0]!.callback();
    expect(due).toEqual(['acc']);
  });

  it('hands a fired refresh alarm to onDue, and ignores other alarms', async () => {
    const { scheduler, due } = build();
    const handled: boolean[] = [];
    fakeBrowser.alarms.onAlarm.addListener((alarm) => void handled.push(scheduler.handleAlarm(alarm.name)));
    await scheduler.schedule('acc', 5000);
    // fakeBrowser's alarms never fire by themselves: the test fires them.
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'refresh:acc', scheduledTime: 5000 });
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'something-else', scheduledTime: 5000 });
    expect(handled).toEqual([true, false]);
    expect(due).toEqual(['acc']);
  });

  it('replaces the previous time, and cancel removes both', async () => {
    const { scheduler, timers } = build();
    await scheduler.schedule('acc', 5000);
    await scheduler.schedule('acc', 9000);
    expect(timers.map((timer) => timer.cleared)).toEqual([true, false]);
    expect((await fakeBrowser.alarms.getAll()).map((alarm) => alarm.scheduledTime)).toEqual([9000]);
    await scheduler.cancel('acc');
    expect(timers[1]!.cleared).toBe(true);
    expect(await fakeBrowser.alarms.get('refresh:acc')).toBeUndefined();
  });

  it('leaves times beyond setTimeout\'s range to the alarm alone', async () => {
    const { scheduler, timers } = build();
    await scheduler.schedule('acc', 1000 + 40 * 24 * 3_600_000);
    expect(timers).toEqual([]);
    expect(await fakeBrowser.alarms.get('refresh:acc')).toBeDefined();
  });
});
