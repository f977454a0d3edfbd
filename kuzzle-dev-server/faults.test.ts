// The fault switch (POST/GET /_dev/faults): each mode changes what clients see in the documented way.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { external, fetchLogin, startTarget, type Target } from '../test-support/dev-server/fidelity';

let target: Target;
beforeAll(async () => {
  target = await startTarget({ users: [{ _id: 'alice', password: 'alice-password' }] });
});
afterEach(() => setFault({ mode: 'none' }));
afterAll(() => target.close());

async function setFault(body: unknown): Promise<Response> {
  return fetch(`${target.url}/_dev/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

describe.skipIf(external)('the fault switch', () => {
  it('reports and changes the mode, and explains a bad request', async () => {
    expect(await (await fetch(`${target.url}/_dev/faults`)).json()).toEqual({ mode: 'none', delayMs: 0 });
    expect(await (await setFault({ mode: 'slow', delayMs: 10 })).json()).toEqual({ mode: 'slow', delayMs: 10 });
    expect(await (await fetch(`${target.url}/_dev/faults`)).json()).toEqual({ mode: 'slow', delayMs: 10 });
    const bad = await setFault({ mode: 'explode' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain('"mode" must be one of none, down, slow');
    const badDelay = await setFault({ mode: 'slow', delayMs: -5 });
    expect(badDelay.status).toBe(400);
  });

  it('slow: still answers correctly', async () => {
    await setFault({ mode: 'slow', delayMs: 20 });
    const response = await fetch(`${target.url}/_me`);
    expect(((await response.json()) as { result: { _id: string } }).result._id).toBe('-1');
  });

  it('down: drops HTTP connections and WebSocket upgrades, but keeps /_healthcheck for harnesses', async () => {
    await setFault({ mode: 'down' });
    await expect(fetch(`${target.url}/_me`)).rejects.toThrow();
    const socket = new WebSocket(target.url.replace(/^http/, 'ws'));
    await expect(new Promise((resolve, reject) => (socket.once('open', resolve), socket.once('error', reject)))).rejects.toThrow();
    expect((await fetch(`${target.url}/_healthcheck`)).status).toBe(200);
  });

  it('html502: answers like a proxy whose Kuzzle is gone', async () => {
    await setFault({ mode: 'html502' });
    const response = await fetch(`${target.url}/_me`);
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(await response.text()).toContain('502 Bad Gateway');
  });

  it('bare-error: answers a bare error object without the envelope', async () => {
    await setFault({ mode: 'bare-error' });
    const response = await fetch(`${target.url}/_me`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      code: 50397186,
      id: 'network.http.unexpected_error',
      message: 'Caught an unexpected HTTP error: simulated fault (bare-error)',
      props: ['simulated fault (bare-error)'],
      status: 400,
    });
  });

  it('invalidate-tokens: every session dies once, then logins work again', async () => {
    const jwt = await fetchLogin(target, 'alice');
    expect(await (await setFault({ mode: 'invalidate-tokens' })).json()).toEqual({ mode: 'none', delayMs: 0 });
    const response = await fetch(`${target.url}/_me`, { headers: { Authorization: `Bearer ${jwt}` } });
    expect(response.status).toBe(401);
    expect(await fetchLogin(target, 'alice')).toMatch(/^kauth-/);
  });

  it('too-many-requests and overloaded: Kuzzle\'s 429 and 503 envelopes', async () => {
    await setFault({ mode: 'too-many-requests' });
    const limited = await fetch(`${target.url}/_me`);
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { error: { id: string } }).error.id).toBe('api.process.too_many_requests');
    await setFault({ mode: 'overloaded' });
    const overloaded = await fetch(`${target.url}/_me`);
    expect(overloaded.status).toBe(503);
    expect(((await overloaded.json()) as { error: { id: string; message: string } }).error).toMatchObject({
      id: 'api.process.overloaded',
      message: 'Request discarded: Kuzzle Server is temporarily overloaded.',
    });
    expect((await fetch(`${target.url}/_ready`)).status).toBe(503);
  });

  it('malformed-json and huge-body: a JSON content type over a broken or oversized body', async () => {
    await setFault({ mode: 'malformed-json' });
    const broken = await fetch(`${target.url}/_me`);
    expect(broken.headers.get('content-type')).toBe('application/json');
    await expect(broken.json()).rejects.toThrow(SyntaxError);
    await setFault({ mode: 'huge-body' });
    const huge = await fetch(`${target.url}/_me`);
    const text = await huge.text();
    expect(text.length).toBeGreaterThan(10 * 1024 * 1024);
    expect((JSON.parse(text) as { result: { _id: string } }).result._id).toBe('-1');
  });

  it('redirect-away: a 307 to the same path on the other loopback name, logins and the healthcheck spared', async () => {
    await setFault({ mode: 'redirect-away' });
    const redirected = await fetch(`${target.url}/_refreshToken?expiresIn=1h`, { method: 'POST', redirect: 'manual' });
    expect(redirected.status).toBe(307);
    const location = new URL(redirected.headers.get('location') ?? '');
    expect(location.origin).not.toBe(new URL(target.url).origin);
    expect(`${location.pathname}${location.search}`).toBe('/_refreshToken?expiresIn=1h');
    expect((await fetch(`${target.url}/_healthcheck`, { redirect: 'manual' })).status).toBe(200);
    expect((await fetch(`${target.url}/_login/local`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/json' }, body: '{}' })).status).not.toBe(307);
  });
});
