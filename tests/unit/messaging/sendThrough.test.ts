import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { send } from '../../../src/messaging/client.ts';
import { nativeRuntime, sendThrough, type MessageRuntime } from '../../../src/messaging/sendThrough.ts';
import type { RequestOf } from '../../../src/messaging/protocol.ts';

afterEach(() => {
  fakeBrowser.reset();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

// The popup's first request goes through the browser's own runtime (sendThrough), everything else
// through the polyfill (client.ts's send). Both must keep the same promise: an envelope, never a
// throw, never a hang.
const ping: RequestOf<'ping'> = { type: 'ping' };
/** A background answering through the fake runtime (sendResponse); none at all when `answer` is null. */
const viaClient = (answer: ((message: unknown) => Promise<unknown>) | null) => {
  if (answer) {
    fakeBrowser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse: (value: unknown) => void) => {
      void answer(message).then(sendResponse);
      return true;
    });
  }
  return (timeoutMs: number) => send(ping, { timeoutMs });
};
/** A runtime that rejects like Chrome's when no background listens, for `answer` null. */
const viaNative = (answer: ((message: unknown) => Promise<unknown>) | null) => {
  const runtime: MessageRuntime = {
    sendMessage: answer ?? (async () => Promise.reject(new Error('Could not establish connection. Receiving end does not exist.'))),
  };
  return (timeoutMs: number) => sendThrough(runtime, ping, { timeoutMs });
};

describe.each([
  ['send (polyfill)', viaClient],
  ['sendThrough (native runtime)', viaNative],
])('%s', (_name, through) => {
  it('returns the background answer', async () => {
    expect(await through(async () => ({ ok: true, value: { version: '1.2.3' } }))(2000)).toEqual({ ok: true, value: { version: '1.2.3' } });
  });

  it('resolves to a failure instead of throwing when no background answers', async () => {
    expect(await through(null)(2000)).toMatchObject({ ok: false, code: 'unreachable', error: expect.any(String) });
  });

  it('gives up after the timeout when the background hangs', async () => {
    vi.useFakeTimers();
    const answer = through(() => new Promise(() => {}))(500);
    await vi.advanceTimersByTimeAsync(500);
    expect(await answer).toMatchObject({ ok: false, code: 'timeout' });
  });

  it('treats a malformed answer as a failure', async () => {
    expect(await through(async () => 'surprise')(2000)).toMatchObject({ ok: false, code: 'unreachable' });
  });
});

describe('the browser’s own runtime', () => {
  it('is Firefox’s browser.runtime, else Chrome’s chrome.runtime, else none', () => {
    expect(nativeRuntime()).toBeNull();
    const chromeRuntime = { sendMessage: async () => null };
    vi.stubGlobal('chrome', { runtime: chromeRuntime });
    expect(nativeRuntime()).toBe(chromeRuntime);
    const firefoxRuntime = { sendMessage: async () => null };
    vi.stubGlobal('browser', { runtime: firefoxRuntime });
    expect(nativeRuntime()).toBe(firefoxRuntime);
  });
});
