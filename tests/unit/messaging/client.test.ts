import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { onNormsChanged, send } from '../../../src/messaging/client.ts';

afterEach(() => {
  fakeBrowser.reset();
  vi.useRealTimers();
});

describe('send', () => {
  // The fake runtime answers through sendResponse (the callback style), as a background may.
  const answerWith = (value: unknown) =>
    fakeBrowser.runtime.onMessage.addListener((_message, _sender, sendResponse: (v: unknown) => void) => {
      sendResponse(value);
      return true;
    });

  it('returns the background answer', async () => {
    answerWith({ ok: true, value: { version: '1.2.3' } });
    expect(await send({ type: 'ping' })).toEqual({ ok: true, value: { version: '1.2.3' } });
  });

  it('resolves to a failure instead of throwing when no background answers', async () => {
    // No listener: the fake runtime rejects like "Receiving end does not exist".
    expect(await send({ type: 'ping' })).toMatchObject({ ok: false, code: 'unreachable' });
  });

  it('gives up after the timeout when the background hangs', async () => {
    vi.useFakeTimers();
    fakeBrowser.runtime.onMessage.addListener(() => true); // says it will answer, never does
    const answer = send({ type: 'policyFor', site: 'gmail', account: 'me@mine.com', recipients: [], threadId: null }, { timeoutMs: 500 });
    await vi.advanceTimersByTimeAsync(500);
    expect(await answer).toMatchObject({ ok: false, code: 'timeout' });
  });

  it('treats a malformed answer as a failure', async () => {
    answerWith('surprise');
    expect(await send({ type: 'ping' })).toMatchObject({ ok: false, code: 'unreachable' });
  });
});

describe('onNormsChanged', () => {
  /** A minimal port: the fake browser has no runtime.connect. */
  function fakePort() {
    const messageListeners: Array<(m: unknown) => void> = [];
    const disconnectListeners: Array<() => void> = [];
    return {
      name: 'norms-updates',
      disconnected: false,
      onMessage: { addListener: (f: (m: unknown) => void) => messageListeners.push(f) },
      onDisconnect: { addListener: (f: () => void) => disconnectListeners.push(f) },
      disconnect() {
        this.disconnected = true;
      },
      push: (m: unknown) => messageListeners.forEach((f) => f(m)),
      drop: () => disconnectListeners.forEach((f) => f()),
    };
  }

  it('hears pushes until stopped, and reconnects when the background restarts', async () => {
    vi.useFakeTimers();
    const ports: ReturnType<typeof fakePort>[] = [];
    const connect = vi.spyOn(fakeBrowser.runtime, 'connect').mockImplementation(((info: { name: string }) => {
      expect(info.name).toBe('norms-updates');
      const port = fakePort();
      ports.push(port);
      return port;
    }) as never);
    const heard: unknown[] = [];
    const stop = onNormsChanged((event) => heard.push(event), { reconnectMs: 100 });
    ports[0]!.push({ type: 'normsChanged', clientKeys: ['domain:acme.com'] });
    ports[0]!.push({ type: 'somethingElse' });
    expect(heard).toEqual([{ type: 'normsChanged', clientKeys: ['domain:acme.com'] }]);

    // The service worker stopped: the port drops, and a new one is opened shortly after.
    ports[0]!.drop();
    await vi.advanceTimersByTimeAsync(100);
    expect(ports).toHaveLength(2);
    ports[1]!.push({ type: 'normsChanged', clientKeys: 'all' });
    expect(heard).toHaveLength(2);

    stop();
    expect(ports[1]!.disconnected).toBe(true);
    ports[1]!.drop();
    await vi.advanceTimersByTimeAsync(1000);
    expect(connect).toHaveBeenCalledTimes(2);
  });
});

describe('the content-script bundle', () => {
  it('does not pull zod in through the client', async () => {
    const { readFile } = await import('node:fs/promises');
    const source = await readFile(new URL('../../../src/messaging/client.ts', import.meta.url), 'utf8');
    const imports = [...source.matchAll(/^import\s+(type\s+)?.*from '([^']+)'/gm)].map((m) => [m[2], Boolean(m[1])]);
    for (const [from, typeOnly] of imports) {
      if (from === 'zod' || String(from).endsWith('protocol.ts')) expect(typeOnly, `${from} must be imported with import type`).toBe(true);
    }
  });
});
