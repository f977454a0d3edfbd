import { describe, expect, it } from 'vitest';
import { simulateLongRun } from './long-run';

describe('simulateLongRun', () => {
  it('keeps a bound page on live tokens through an hour of 2 and 5 minute tokens, with the worker stopped when idle', async () => {
    const result = await simulateLongRun({ hours: 1, seed: 7 });
    expect(result.refreshes).toBeGreaterThan(40);
    expect(result.workerStarts).toBeGreaterThan(10);
    expect(result.pageRequests).toBe(180);
    expect(result.pageRequestsWithExpiredToken).toBe(0);
    expect(result.extensionRequestsWithExpiredToken).toBe(0);
    expect(result.sessionsLost).toBe(0);
    expect(Math.min(...result.refreshLeadsMs)).toBeGreaterThan(0);
  });

  it('keeps the page on live tokens as well when requests wait for the worker start', async () => {
    const result = await simulateLongRun({ hours: 1, seed: 7, requestsWaitForStart: true });
    expect(result.pageRequestsWithExpiredToken).toBe(0);
    expect(result.sessionsLost).toBe(0);
  });

  it('counts the expired tokens when alarms come later than the refresh margin', async () => {
    const result = await simulateLongRun({ hours: 1, seed: 7, alarmLatenessMs: 600_000 });
    expect(result.pageRequestsWithExpiredToken + result.sessionsLost).toBeGreaterThan(0);
  });

  it('replays the same run for the same seed', async () => {
    const a = await simulateLongRun({ hours: 0.5, seed: 3 });
    const b = await simulateLongRun({ hours: 0.5, seed: 3 });
    expect(a.refreshLeadsMs).toEqual(b.refreshLeadsMs);
  });
});
