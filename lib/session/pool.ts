/**
 * Runs `work` over `items` with at most `limit` at a time, so that a worker start with many
 * sessions does not send all its checks at once and keep the popup's first request waiting.
 * A failing item does not stop the others: `onError` hears it.
 */
export async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>, onError: (error: unknown, item: T) => void): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        onError(error, item);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
