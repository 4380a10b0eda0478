/**
 * The typed way content scripts and pages talk to the background. Type-only imports from the
 * protocol keep zod out of these bundles.
 *
 * `send` never throws and never hangs: a background that is asleep, updating, gone, or broken
 * turns into a failure value after at most `timeoutMs`, so a caller on the send path can always
 * fail open.
 */
import { browser } from 'wxt/browser';
import type { Envelope, NormsChangedEvent, RequestOf, RequestType, ResponseMap } from './protocol.ts';
import { NORMS_UPDATES_PORT } from './constants.ts';
import { sendThrough } from './sendThrough.ts';

export const DEFAULT_TIMEOUT_MS = 2000;

/** The polyfill's runtime, looked up as each message leaves: a failure there becomes a failure value (sendThrough.ts). */
const polyfillRuntime = { sendMessage: (message: unknown): Promise<unknown> => browser.runtime.sendMessage(message) };

export function send<T extends RequestType>(request: RequestOf<T>, options: { timeoutMs?: number } = {}): Promise<Envelope<ResponseMap[T]>> {
  return sendThrough(polyfillRuntime, request, { timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS });
}

/**
 * Calls `onChange` whenever the background reports that norms changed, until the returned
 * function is called. Reconnects if the background restarts (an MV3 worker is stopped when idle).
 */
export function onNormsChanged(onChange: (event: NormsChangedEvent) => void, options: { reconnectMs?: number } = {}): () => void {
  const reconnectMs = options.reconnectMs ?? 1000;
  let stopped = false;
  let port: ReturnType<typeof browser.runtime.connect> | null = null;
  let retry: ReturnType<typeof setTimeout> | undefined;

  const connect = () => {
    if (stopped) return;
    try {
      port = browser.runtime.connect({ name: NORMS_UPDATES_PORT });
    } catch {
      retry = setTimeout(connect, reconnectMs);
      return;
    }
    port.onMessage.addListener((message: unknown) => {
      if (typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'normsChanged') {
        onChange(message as NormsChangedEvent);
      }
    });
    port.onDisconnect.addListener(() => {
      port = null;
      if (!stopped) retry = setTimeout(connect, reconnectMs);
    });
  };
  connect();

  return () => {
    stopped = true;
    clearTimeout(retry);
    port?.disconnect();
    port = null;
  };
}
