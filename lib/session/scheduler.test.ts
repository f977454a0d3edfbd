import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { REFRESH_ALARM, createRefreshScheduler } from './scheduler';
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

  it('keeps one alarm (the durable backstop) at the earliest due time, and a precise timer per account', async () => {
    const { scheduler, due, timers } = build();
    await scheduler.schedule('later', 9000);
    await scheduler.schedule('acc', 5000);
    expect(await fakeBrowser.alarms.getAll()).toEqual([expect.objectContaining({ name: REFRESH_ALARM, scheduledTime: 5000 })]);
    expect(timers.map((timer) => timer.delay)).toEqual([8000, 4000]);
    timers[1]!.callback();
    expect(due).toEqual(['acc']);
    // The timer fired: the alarm now waits for the next account.
    await vi.waitFor(async () => expect((await fakeBrowser.alarms.get(REFRESH_ALARM))?.scheduledTime).toBe(9000));
  });

  it('stays one alarm for 1,000 accounts (Chrome refuses more than 500 alarms)', async () => {
    const { scheduler } = build();
    for (let index = 0; index < 1000; index += 1) await scheduler.schedule(`acc-${index}`, 10_000 + index);
    expect(await fakeBrowser.alarms.getAll()).toEqual([expect.objectContaining({ name: REFRESH_ALARM, scheduledTime: 10_000 })]);
  });

  it('hands every account due when the alarm fires to onDue, keeps the others, and ignores other alarms', async () => {
    let now = 1000;
    const due: string[] = [];
    const scheduler = createRefreshScheduler({ alarms: fakeBrowser.alarms, timers: { set: () => 0, clear: () => {} }, now: () => now, onDue: (id) => due.push(id) });
    const handled: boolean[] = [];
    fakeBrowser.alarms.onAlarm.addListener((alarm) => void handled.push(scheduler.handleAlarm(alarm.name)));
    await scheduler.schedule('first', 5000);
    await scheduler.schedule('second', 5500);
    await scheduler.schedule('third', 20_000);
    // Alarms fire late: both accounts due by then are handed over at once. fakeBrowser's alarms never fire by themselves.
    now = 6000;
    await fakeBrowser.alarms.onAlarm.trigger({ name: REFRESH_ALARM, scheduledTime: 5000 });
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'something-else', scheduledTime: 5000 });
    expect(handled).toEqual([true, false]);
    expect(due).toEqual(['first', 'second']);
    await vi.waitFor(async () => expect((await fakeBrowser.alarms.get(REFRESH_ALARM))?.scheduledTime).toBe(20_000));
  });

  it('replaces an account\'s previous time, and cancelling the last one clears the alarm', async () => {
    const { scheduler, timers } = build();
    await scheduler.schedule('acc', 5000);
    await scheduler.schedule('acc', 9000);
    expect(timers.map((timer) => timer.cleared)).toEqual([true, false]);
    expect((await fakeBrowser.alarms.getAll()).map((alarm) => alarm.scheduledTime)).toEqual([9000]);
    await scheduler.cancel('acc');
    expect(timers[1]!.cleared).toBe(true);
    expect(await fakeBrowser.alarms.get(REFRESH_ALARM)).toBeUndefined();
  });

  it('leaves times beyond setTimeout\'s range to the alarm alone', async () => {
    const { scheduler, timers } = build();
    await scheduler.schedule('acc', 1000 + 40 * 24 * 3_600_000);
    expect(timers).toEqual([]);
    expect(await fakeBrowser.alarms.get(REFRESH_ALARM)).toBeDefined();
  });
});
