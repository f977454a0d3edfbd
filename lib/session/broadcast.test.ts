import { describe, expect, it } from 'vitest';
import { createBroadcast, isNoReceiverError } from './broadcast';

describe('broadcast', () => {
  it('ignores a closed popup ("no receiving end") but reports other failures', async () => {
    const warnings: string[] = [];
    const closed = createBroadcast(async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    }, (message) => warnings.push(message));
    await closed({ event: 'loginAttempt', serverId: 's', success: true });
    expect(warnings).toEqual([]);
    const broken = createBroadcast(async () => {
      throw new Error('Extension context invalidated.');
    }, (message) => warnings.push(message));
    await broken({ event: 'loginAttempt', serverId: 's', success: true });
    expect(warnings).toEqual(['Could not send the loginAttempt event']);
    expect(isNoReceiverError('nope')).toBe(false);
  });
});
