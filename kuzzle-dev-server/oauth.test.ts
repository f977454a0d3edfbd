// The two-step `oauth-dev` strategy: Kuzzle's 302 envelope (docs/kuzzle.md §3, "Two-step strategies"), the
// authorize page, and the one-time code that GET /_login/oauth-dev?code= turns into a token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { external, normalize, startTarget, type Target } from '../test-support/dev-server/fidelity';

let target: Target;
beforeAll(async () => {
  target = await startTarget({ users: [{ _id: 'alice', password: 'a' }, { _id: 'bob', password: 'b' }, { _id: 'admin', password: 'c', profileIds: ['admin'] }] });
});
afterAll(() => target.close());

async function startLogin(query = '', method = 'GET'): Promise<{ response: Response; body: Record<string, unknown>; location: string }> {
  const response = await fetch(`${target.url}/_login/oauth-dev${query}`, { method, redirect: 'manual' });
  const body = (await response.json()) as Record<string, unknown>;
  return { response, body, location: response.headers.get('location') ?? '' };
}

/** What the Authorize button does: post the form, and read where the page sends the browser. */
async function authorize(location: string, account: string): Promise<URL> {
  const page = new URL(location);
  const form = new URLSearchParams({ account, state: page.searchParams.get('state') ?? '', redirect_uri: page.searchParams.get('redirect_uri') ?? '' });
  const response = await fetch(`${target.url}/_dev/oauth/authorize`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form,
    redirect: 'manual',
  });
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location') ?? '');
}

describe.skipIf(external)('oauth-dev, step one: the redirect', () => {
  it('answers GET /_login/oauth-dev with a real 302 and Kuzzle\'s redirect envelope', async () => {
    const { response, body, location } = await startLogin();
    expect(response.status).toBe(302);
    expect(location.startsWith(`${target.url}/_dev/oauth/authorize?`)).toBe(true);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(normalize(body)).toEqual({
      action: 'login',
      controller: 'auth',
      error: null,
      headers: { location, 'content-length': '0' },
      node: '<node>',
      requestId: '<id>',
      result: { headers: { Location: location, 'Content-Length': '0' }, statusCode: 302 },
      status: 302,
      volatile: null,
    });
    expect(Object.keys(body)).toEqual(['action', 'controller', 'error', 'headers', 'node', 'requestId', 'result', 'status', 'volatile']);
  });

  it('answers POST without a code the same way', async () => {
    const { response, body } = await startLogin('', 'POST');
    expect(response.status).toBe(302);
    expect((body.result as { statusCode: number }).statusCode).toBe(302);
  });

  it('gives the authorize URL as result over WebSocket', async () => {
    const socket = new WebSocket(target.url.replace(/^http/, 'ws'));
    await new Promise((resolve) => socket.once('open', resolve));
    const reply = new Promise<Record<string, unknown>>((resolve) => socket.once('message', (data) => resolve(JSON.parse(data.toString()))));
    socket.send(JSON.stringify({ controller: 'auth', action: 'login', strategy: 'oauth-dev', requestId: 'o-1' }));
    const frame = await reply;
    socket.close();
    expect(frame.status).toBe(302);
    expect(frame.room).toBe('o-1');
    expect((frame.result as { headers: { Location: string } }).headers.Location).toContain('/_dev/oauth/authorize?');
  });

  it('lets fetch, which follows the redirect, land on a plain explanation instead of an envelope', async () => {
    const response = await fetch(`${target.url}/_login/oauth-dev`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { authorizeUrl: string; message: string };
    expect(body.authorizeUrl).toContain('/_dev/oauth/authorize?');
    expect(body.message).toMatch(/Open it in a browser/);
  });
});

describe.skipIf(external)('oauth-dev, the authorize page', () => {
  it('shows a heading, an "Account" choice of every user and an "Authorize" button', async () => {
    const { location } = await startLogin();
    const response = await fetch(location, { headers: { Accept: 'text/html' } });
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html).toMatch(/<h1>[^<]+<\/h1>/);
    expect(html).toContain('<label for="account">Account</label>');
    expect(html).toContain('<option value="alice">alice</option><option value="bob">bob</option><option value="admin">admin</option>');
    expect(html).toContain('<button type="submit">Authorize</button>');
    const state = new URL(location).searchParams.get('state') ?? '';
    expect(html).toContain(`name="state" value="${state}"`);
  });

  it('refuses an unknown account and a redirect_uri that is not http(s)', async () => {
    const post = (form: Record<string, string>) =>
      fetch(`${target.url}/_dev/oauth/authorize`, { method: 'POST', body: new URLSearchParams(form), redirect: 'manual' });
    const unknown = await post({ account: 'mallory' });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('Unknown account "mallory"');
    const badUri = await post({ account: 'alice', redirect_uri: 'javascript:alert(1)' });
    expect(badUri.status).toBe(400);
    expect(await badUri.text()).toContain('redirect_uri must be an absolute http(s) URL');
  });
});

describe.skipIf(external)('oauth-dev, step two: the code', () => {
  it('logs in with the one-time code, honouring the expiresIn of step one', async () => {
    const { location } = await startLogin('?expiresIn=2h');
    const callback = await authorize(location, 'bob');
    expect(`${callback.origin}${callback.pathname}`).toBe(`${target.url}/_login/oauth-dev`);
    expect(callback.searchParams.get('state')).toBe(new URL(location).searchParams.get('state'));
    const response = await fetch(callback);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { result: { _id: string; ttl: number; jwt: string } };
    expect(normalize(body.result)).toEqual({ _id: 'bob', expiresAt: '<time>', jwt: '<token>', ttl: 7_200_000 });
    const me = await fetch(`${target.url}/_me`, { headers: { Authorization: `Bearer ${body.result.jwt}` } });
    expect(((await me.json()) as { result: { _id: string } }).result._id).toBe('bob');
  });

  it('refuses a code used twice, an unknown code and an expired code', async () => {
    const refusal = {
      code: 67305492,
      id: 'plugin.strategy.missing_user',
      message: 'Unable to log in using the strategy "oauth-dev"',
      props: ['Unable to log in using the strategy "oauth-dev"'],
      status: 401,
    };
    const callback = await authorize((await startLogin()).location, 'alice');
    expect((await fetch(callback)).status).toBe(200);
    const reused = await fetch(callback);
    expect(reused.status).toBe(401);
    expect(((await reused.json()) as { error: unknown }).error).toEqual(refusal);
    expect(((await (await fetch(`${target.url}/_login/oauth-dev?code=made-up`)).json()) as { error: unknown }).error).toEqual(refusal);

    const late = await authorize((await startLogin()).location, 'alice');
    target.advance(61_000);
    expect(((await (await fetch(late)).json()) as { error: unknown }).error).toEqual(refusal);
  });

  it('sends the code to the redirect_uri given at step one (an extension\'s callback URL)', async () => {
    const redirectUri = 'https://abcdefghijklmnop.chromiumapp.org/cb';
    const { location } = await startLogin(`?redirect_uri=${encodeURIComponent(redirectUri)}`);
    const callback = await authorize(location, 'admin');
    expect(`${callback.origin}${callback.pathname}`).toBe(redirectUri);
    const code = callback.searchParams.get('code') ?? '';
    const login = await fetch(`${target.url}/_login/oauth-dev?code=${encodeURIComponent(code)}`);
    expect(((await login.json()) as { result: { _id: string } }).result._id).toBe('admin');
  });
});
