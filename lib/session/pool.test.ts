import { describe, expect, it } from 'vitest';
import { forEachLimited } from './pool';

describe('forEachLimited', () => {
  it('runs every item, never more than the limit at once, and goes on past failures', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    const failed: number[] = [];
    await forEachLimited(
      Array.from({ length: 20 }, (_, index) => index),
      3,
      async (item) => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, item % 4));
        running -= 1;
        if (item % 5 === 0) throw new Error(`item ${item}`);
        done.push(item);
      },
      (_error, item) => failed.push(item),
    );
    expect(most).toBe(3);
    expect(failed).toEqual([0, 5, 10, 15]);
    expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, index) => index).filter((item) => item % 5 !== 0));
  });

  it('does nothing for no items', async () => {
    await expect(forEachLimited([], 4, async () => {}, () => {})).resolves.toBeUndefined();
  });
});
