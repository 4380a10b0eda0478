/**
 * The worker side of reading an .ics file (entrypoints/ics-worker.ts): parses and expands it with
 * ical.js off the page's main thread, telling the page which recurring event it expands next, so
 * that a rule ical.js never returns from costs the page nothing and can be named (icsReader.ts).
 */
import { holidaysFromIcs, IcsError } from './ics.ts';
import type { IcsReply, IcsRequest } from './icsReader.ts';

interface WorkerScope {
  onmessage: ((event: MessageEvent<IcsRequest>) => void) | null;
  postMessage(message: IcsReply): void;
}

export function serveIcsRequests(scope: WorkerScope): void {
  scope.onmessage = ({ data: { text, from, to } }) => {
    try {
      const holidays = holidaysFromIcs(text, from, to, (what) => scope.postMessage({ expanding: what }));
      scope.postMessage({ ok: true, holidays });
    } catch (error) {
      const message = error instanceof IcsError ? error.message : `This calendar could not be read (${error instanceof Error ? error.message : String(error)}).`;
      scope.postMessage({ ok: false, error: message });
    }
  };
}
