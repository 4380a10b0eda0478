/**
 * Reads holidays from an .ics file in a worker, with a deadline: ical.js never returns from some
 * recurrence rules (`RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30`, kewisch/ical.js#1038), which on the
 * page's own thread would freeze the options page. A worker that misses the deadline is stopped and
 * the file refused, naming the event it was expanding. ical.js stays out of the page's bundle.
 */
import { browser } from 'wxt/browser';
import { IcsError } from './ics-error.ts';
import type { IcsHolidays } from './ics.ts';

export interface IcsRequest {
  text: string;
  from: string;
  to: string;
}

export type IcsReply = { expanding: string } | { ok: true; holidays: IcsHolidays } | { ok: false; error: string };

export interface IcsWorker {
  onmessage: ((event: MessageEvent<IcsReply>) => void) | null;
  onerror: ((event: unknown) => void) | null;
  postMessage(request: IcsRequest): void;
  terminate(): void;
}

/** Generous for a large calendar; a rule that never ends is stopped here. */
export const ICS_DEADLINE_MS = 6000;

function packagedWorker(): IcsWorker {
  return new Worker(browser.runtime.getURL('/ics-worker.js')) as IcsWorker;
}

export function readHolidays(
  text: string,
  from: string,
  to: string,
  options: { deadlineMs?: number; startWorker?: () => IcsWorker } = {},
): Promise<IcsHolidays> {
  return new Promise((resolve, reject) => {
    let worker: IcsWorker;
    try {
      worker = (options.startWorker ?? packagedWorker)();
    } catch {
      reject(new IcsError('This calendar could not be read here. Nothing was imported.'));
      return;
    }
    let expanding: string | null = null;
    const finish = (settle: () => void) => {
      clearTimeout(deadline);
      worker.terminate();
      settle();
    };
    const deadline = setTimeout(
      () =>
        finish(() =>
          reject(
            new IcsError(
              expanding
                ? `Reading this calendar took too long: the repeating event ${expanding} never ends. Nothing was imported.`
                : 'Reading this calendar took too long. Nothing was imported.',
            ),
          ),
        ),
      options.deadlineMs ?? ICS_DEADLINE_MS,
    );
    worker.onmessage = ({ data }) => {
      if ('expanding' in data) expanding = data.expanding;
      else if (data.ok) finish(() => resolve(data.holidays));
      else finish(() => reject(new IcsError(data.error)));
    };
    worker.onerror = () => finish(() => reject(new IcsError('This calendar could not be read. Nothing was imported.')));
    worker.postMessage({ text, from, to });
  });
}
