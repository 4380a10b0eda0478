/**
 * Asking the background through a given runtime: `send` (client.ts) passes the webextension
 * polyfill's; the popup's first script passes the browser's own (nativeRuntime), as it asks before
 * the polyfill and the rest of the popup have loaded (Chrome's MV3 `chrome.runtime` and Firefox's
 * `browser.runtime` both answer sendMessage with a promise). It never throws and never hangs: a
 * background that is asleep, updating, gone or broken turns into a failure value after at most
 * `timeoutMs`. tests/unit/messaging/sendThrough.test.ts holds both ways to that.
 */
import type { Envelope, RequestOf, RequestType, ResponseMap } from './protocol.ts';

export interface MessageRuntime {
  sendMessage(message: unknown): Promise<unknown>;
}

export async function sendThrough<T extends RequestType>(
  runtime: MessageRuntime,
  request: RequestOf<T>,
  options: { timeoutMs: number },
): Promise<Envelope<ResponseMap[T]>> {
  const { timeoutMs } = options;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<Envelope<ResponseMap[T]>>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, code: 'timeout', error: `No answer from the background within ${timeoutMs} ms` }),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([ask<T>(runtime, request), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function ask<T extends RequestType>(runtime: MessageRuntime, request: RequestOf<T>): Promise<Envelope<ResponseMap[T]>> {
  try {
    const answer: unknown = await runtime.sendMessage(request);
    if (isEnvelope(answer)) return answer as Envelope<ResponseMap[T]>;
    return { ok: false, code: 'unreachable', error: 'The background gave no answer' };
  } catch (error) {
    // "Extension context invalidated", "Receiving end does not exist", and friends.
    return { ok: false, code: 'unreachable', error: error instanceof Error ? error.message : String(error) };
  }
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

/**
 * The browser's own runtime, without the polyfill: Firefox's `browser`, else Chrome's `chrome`.
 * Null outside an extension page.
 */
export function nativeRuntime(): MessageRuntime | null {
  const scope = globalThis as { browser?: { runtime?: MessageRuntime }; chrome?: { runtime?: MessageRuntime } };
  const runtime = scope.browser?.runtime ?? scope.chrome?.runtime;
  return runtime && typeof runtime.sendMessage === 'function' ? runtime : null;
}
