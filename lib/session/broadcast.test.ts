import { describe, expect, it } from 'vitest';
import { createBroadcast, isNoReceiverError } from './broadcast';

describe('broadcast', () => {
  it('ignores a closed popup ("no receiving end") but reports other failures', async () => {
    const warnings: string[] = [];
    const closed = createBroadcast(async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    }, (message) => warnings.push(message));
    closed({ event: 'loginAttempt', serverId: 's', success: true });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(warnings).toEqual([]);
    const broken = createBroadcast(async () => {
      throw new Error('Extension context invalidated.');
    }, (message) => warnings.push(message));
    broken({ event: 'loginAttempt', serverId: 's', success: true });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(warnings).toEqual(['Could not send the loginAttempt event']);
    expect(isNoReceiverError('nope')).toBe(false);
  });

  it('returns before the event is taken in, so that no reply waits for the other pages', () => {
    const sent: string[] = [];
    const broadcast = createBroadcast((event) => {
      sent.push(event.event);
      return new Promise(() => {}); // a page that never answers
    }, () => {});
    expect(broadcast({ event: 'stateChanged' })).toBeUndefined();
    expect(sent).toEqual(['stateChanged']);
  });

  it('reports a send that throws at once instead of rejecting', () => {
    const warnings: string[] = [];
    createBroadcast(() => {
      throw new Error('Extension context invalidated.');
    }, (message) => warnings.push(message))({ event: 'stateChanged' });
    expect(warnings).toEqual(['Could not send the stateChanged event']);
  });
});
