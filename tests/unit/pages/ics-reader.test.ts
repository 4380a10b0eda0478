/**
 * Reading an .ics file off the page's thread, with a deadline: the page side (icsReader.ts) with
 * worker doubles, and the worker side (ics-worker.ts) driven as a worker would be.
 */
import { describe, expect, it } from 'vitest';
import { IcsError } from '../../../src/ui/pages/ics-error.ts';
import { serveIcsRequests } from '../../../src/ui/pages/ics-worker.ts';
import { readHolidays, type IcsReply, type IcsRequest, type IcsWorker } from '../../../src/ui/pages/icsReader.ts';

const calendar = (...lines: string[]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', 'BEGIN:VEVENT', 'UID:1', 'DTSTAMP:20250101T000000Z', ...lines, 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');

/** A worker double that runs the real worker code in this thread (as a worker would, asynchronously). */
function inProcessWorker(): IcsWorker & { terminated: boolean } {
  const scope = { onmessage: null as ((event: MessageEvent<IcsRequest>) => void) | null, postMessage: (reply: IcsReply) => queueMicrotask(() => worker.onmessage?.({ data: reply } as MessageEvent<IcsReply>)) };
  serveIcsRequests(scope);
  const worker = {
    terminated: false,
    onmessage: null as IcsWorker['onmessage'],
    onerror: null as IcsWorker['onerror'],
    postMessage: (request: IcsRequest) => setTimeout(() => scope.onmessage?.({ data: request } as MessageEvent<IcsRequest>)),
    terminate: () => void (worker.terminated = true),
  };
  return worker;
}

/** A worker double stuck inside ical.js: it says which event it expands, then never answers. */
function stuckWorker(): IcsWorker & { terminated: boolean } {
  const worker = {
    terminated: false,
    onmessage: null as IcsWorker['onmessage'],
    onerror: null as IcsWorker['onerror'],
    postMessage: () => queueMicrotask(() => worker.onmessage?.({ data: { expanding: '“Leap” (FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30)' } } as MessageEvent<IcsReply>)),
    terminate: () => void (worker.terminated = true),
  };
  return worker;
}

describe('reading an .ics file in a worker', () => {
  it('gives the holidays the worker read, and stops the worker', async () => {
    const worker = inProcessWorker();
    const text = calendar('DTSTART;VALUE=DATE:20261225', 'DTEND;VALUE=DATE:20261227', 'SUMMARY:Christmas');
    await expect(readHolidays(text, '2026-01-01', '2026-12-31', { startWorker: () => worker })).resolves.toEqual({ dates: ['2026-12-25', '2026-12-26'], notes: [] });
    expect(worker.terminated).toBe(true);
  });

  it('passes on a refusal with its reason', async () => {
    const text = calendar('DTSTART;VALUE=DATE:20240229', 'RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', 'SUMMARY:Leap');
    await expect(readHolidays(text, '2024-01-01', '2027-12-31', { startWorker: inProcessWorker })).rejects.toThrow(/“Leap”.*Nothing was imported/);
  });

  it('stops a worker that misses the deadline and refuses the file, naming the event it was stuck on', async () => {
    const worker = stuckWorker();
    const reading = readHolidays(calendar('DTSTART;VALUE=DATE:20240229'), '2024-01-01', '2027-12-31', { deadlineMs: 50, startWorker: () => worker });
    await expect(reading).rejects.toBeInstanceOf(IcsError);
    await expect(reading).rejects.toThrow('Reading this calendar took too long: the repeating event “Leap” (FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30) never ends. Nothing was imported.');
    expect(worker.terminated).toBe(true);
  });

  it('refuses the file when no worker can be started', async () => {
    await expect(readHolidays('', '2024-01-01', '2027-12-31', { startWorker: () => { throw new Error('no workers'); } })).rejects.toThrow(/could not be read/);
  });
});
