import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HistoryCollector } from '../../../../src/core/history/collector.ts';
import { MboxSplitter, type SplitMessage } from '../../../../src/core/history/mbox-splitter.ts';
import { buildHistoryPreview, buildImportThreads } from '../../../../src/core/history/preview.ts';
import { defaultSettings } from '../../../../src/core/settings.ts';
import { findCut } from '../../../../src/import/scan.ts';

/**
 * A large mbox is read as two ranges at once (import/scan.ts readMboxInRanges): cut at the first
 * separator line at or after its middle, the head read here, the tail by a range collector whose
 * export the head's collector absorbs. Whatever the cut offset and the chunking, that must give
 * what one pass gives: the same messages in the same order, the same counts and de-duplication
 * (duplicates straddling the cut included), and a preamble only at the real start of the file.
 */

const NOW = Date.UTC(2025, 5, 1);
const ME = 'sam@northwind-sales.com';
const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

interface Copy {
  separator: string | null;
  headers: string;
  problem: SplitMessage['problem'];
}

/** Cuts `data` at the given fractions of its length. */
function cut(data: Uint8Array, fractions: number[]): Uint8Array[] {
  const points = [...new Set(fractions.map((c) => Math.floor(c * data.length)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let last = 0;
  for (const p of [...points, data.length]) {
    chunks.push(data.subarray(last, p));
    last = p;
  }
  return chunks;
}

function split(chunks: Uint8Array[], end: 'end' | 'before-separator', headerCap: number): { messages: Copy[]; preamble: number } {
  const messages: Copy[] = [];
  const splitter = new MboxSplitter((m) => messages.push({ separator: m.separator, headers: Buffer.from(m.headers).toString('latin1'), problem: m.problem }), { headerCap });
  for (const chunk of chunks) splitter.push(chunk);
  if (end === 'end') splitter.end();
  else splitter.endBeforeSeparator();
  return { messages, preamble: splitter.preambleBytes };
}

function feed(collector: HistoryCollector, chunks: Uint8Array[], end: 'end' | 'before-separator', headerCap: number): void {
  const splitter = new MboxSplitter((m) => collector.add(m), { headerCap });
  for (const chunk of chunks) splitter.push(chunk);
  if (end === 'end') splitter.end();
  else splitter.endBeforeSeparator();
}

/** Everything a collector can be asked, for comparing two. */
function state(collector: HistoryCollector) {
  const c = collector.columns();
  const n = c.length;
  const settings = defaultSettings('Europe/London');
  return {
    messagesSeen: collector.messagesSeen,
    kept: collector.kept,
    leftOut: { ...collector.leftOut },
    people: collector.peopleFound,
    suggestions: collector.ownAddressSuggestions(50),
    likely: collector.likelyOwnAddresses(),
    ids: Array.from({ length: n }, (_, i) => c.idOf(i)),
    at: [...c.at.subarray(0, n)],
    offset: [...c.offset.subarray(0, n)],
    from: [...c.from.subarray(0, n)],
    flags: [...c.flags.subarray(0, n)],
    gmailThread: [...c.gmailThread.subarray(0, n)],
    threads: Array.from({ length: c.gmailThreadCount }, (_, t) => c.gmailThreadName(t)),
    recipients: Array.from({ length: n }, (_, i) => [...c.recipients.subarray(c.recipientStart[i]!, c.recipientStart[i]! + c.recipientCount[i]!)]),
    links: Array.from({ length: n }, (_, i) => [...c.links.subarray(c.linkStart[i]!, c.linkStart[i]! + c.linkCount[i]!)]),
    addresses: [...c.addresses],
    preview: buildHistoryPreview(collector, { ownAddresses: [ME], settings, now: NOW }),
    records: buildImportThreads(collector, [ME]),
  };
}

// Gmail ids a few minutes apart (id >> 20 is the time in ms), few enough to repeat: the same
// message in two places of a file, or in two files, is what de-duplication is for.
const gmailId = (k: number) => String(1773664405479613283n + BigInt(k) * 1048576n * 300_000n);
const message = fc.record({
  gmail: fc.option(fc.integer({ min: 0, max: 5 })),
  messageId: fc.option(fc.integer({ min: 0, max: 5 })),
  from: fc.option(fc.constantFrom('Ana <ana@acme.com>', ME, `"Sam, N" <${ME}>`, 'bob@gmail.com', 'li@acme.com', 'not an address')),
  to: fc.array(fc.constantFrom(ME, 'ana@acme.com', 'Jo <j@x.io>', 'li@acme.com, bob@gmail.com'), { maxLength: 3 }),
  delivered: fc.option(fc.constantFrom(ME, 'sam@other.org')),
  received: fc.boolean(),
  date: fc.option(fc.constantFrom('Mon, 6 Jan 2025 10:00:00 +0100', 'Tue, 7 Jan 2025 15:30:00 -0500', 'Wed, 8 Jan 2025 09:05:00 GMT', 'garbage')),
  labels: fc.option(fc.constantFrom('Inbox', 'Sent', 'Spam', 'Drafts', 'Trash', 'Chat', 'Inbox,Important')),
  thread: fc.option(fc.integer({ min: 0, max: 3 })),
  inReplyTo: fc.option(fc.integer({ min: 0, max: 5 })),
  list: fc.boolean(),
  bigHeader: fc.boolean(),
  body: fc.array(fc.constantFrom('text', '', 'From Monday on we ship', '>From x', 'From 1234@xxx', 'Fro', 'From - Mon Jan 15 15:30:00'), { maxLength: 4 }),
  blankBeforeNext: fc.boolean(),
  cutShort: fc.boolean(),
  /** Headers that run straight into the next separator (no blank line, no body). */
  headersOnly: fc.boolean(),
});
type Message = typeof message extends fc.Arbitrary<infer T> ? T : never;

function render(m: Message, eol: string, last: boolean): string {
  const separator = m.gmail !== null ? `From ${gmailId(m.gmail)}@xxx Tue Aug 08 12:36:29 +0000 2023` : 'From - Mon Jan 15 15:30:00 2018';
  const headers = [separator];
  if (m.thread !== null) headers.push(`X-GM-THRID: ${gmailId(10 + m.thread)}`);
  if (m.labels !== null) headers.push(`X-Gmail-Labels: ${m.labels}`);
  if (m.delivered !== null) headers.push(`Delivered-To: ${m.delivered}`);
  if (m.received) headers.push('Received: by 10.0.0.1 with SMTP id x;', '        Mon, 6 Jan 2025 09:00:00 +0000');
  if (m.messageId !== null) headers.push(`Message-ID: <m${m.messageId}@acme.com>`);
  if (m.inReplyTo !== null) headers.push(`In-Reply-To: <m${m.inReplyTo}@acme.com>`);
  if (m.from !== null) headers.push(`From: ${m.from}`);
  if (m.to.length > 0) headers.push(`To: ${m.to.join(', ')}`);
  if (m.date !== null) headers.push(`Date: ${m.date}`);
  if (m.list) headers.push('List-Id: <news.acme.com>');
  if (m.bigHeader) headers.push(`X-Filler: ${'x'.repeat(300)}`);
  // The last message may end inside its headers (a file cut short).
  if (last && m.cutShort) return headers.join(eol);
  if (m.headersOnly) return headers.join(eol) + eol;
  return [...headers, '', ...m.body, ...(m.blankBeforeNext ? [''] : [])].join(eol) + eol;
}

const mbox = fc
  .tuple(fc.array(message, { minLength: 1, maxLength: 14 }), fc.constantFrom('\n', '\r\n'), fc.constantFrom('', 'garbage before\n', 'From Monday on\r\n'))
  .map(([messages, eol, preamble]) => bytes(preamble + messages.map((m, i) => render(m, eol, i === messages.length - 1)).join('')));
const fractions = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 });

describe('a file read as two ranges at once (fast-check)', () => {
  const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);

  it('gives the messages of one pass, whatever the cut offset and the chunking', async () => {
    console.log(`fast-check seed for the ranges splitter property: ${seed} (rerun with FC_SEED=${seed})`);
    let cutsFound = 0;
    await fc.assert(
      fc.asyncProperty(mbox, fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 300 }), fractions, fractions, fc.constantFrom(256 * 1024, 200), async (data, where, windowBytes, headCuts, tailCuts, headerCap) => {
        const from = 1 + Math.floor(where * (data.length - 1));
        // Small windows, so that the search resumes across them (the import reads 64 KB ones).
        const at = await findCut(new Blob([data]), from, windowBytes);
        const whole = split([data], 'end', headerCap);
        if (at < 0) return;
        cutsFound++;
        expect(at).toBeGreaterThanOrEqual(from);
        expect(await findCut(new Blob([data]), from, data.length + 1)).toBe(at);
        const head = split(cut(data.subarray(0, at), headCuts), 'before-separator', headerCap);
        const tail = split(cut(data.subarray(at), tailCuts), 'end', headerCap);
        expect([...head.messages, ...tail.messages]).toEqual(whole.messages);
        expect(head.preamble).toBe(whole.preamble);
        expect(tail.preamble).toBe(0);
      }),
      { seed, numRuns: 400 },
    );
    expect(cutsFound).toBeGreaterThan(100);
  });

  it('collects what one pass collects: the same columns, counts, duplicates and preview', async () => {
    console.log(`fast-check seed for the ranges collector property: ${seed} (rerun with FC_SEED=${seed})`);
    let cutsFound = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.option(mbox),
        mbox,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fractions,
        fractions,
        fc.constantFrom(256 * 1024, 200),
        async (earlier, data, where, headCuts, tailCuts, headerCap) => {
          const from = 1 + Math.floor(where * (data.length - 1));
          const at = await findCut(new Blob([data]), from);
          if (at < 0) return;
          cutsFound++;
          // An earlier file read first: duplicates across files too.
          const single = new HistoryCollector({ now: NOW, ownAddresses: [ME] });
          if (earlier) feed(single, [earlier], 'end', headerCap);
          feed(single, [data], 'end', headerCap);

          const ranged = new HistoryCollector({ now: NOW, ownAddresses: [ME] });
          if (earlier) feed(ranged, [earlier], 'end', headerCap);
          const tail = new HistoryCollector({ now: NOW, ownAddresses: [ME], range: true });
          feed(tail, cut(data.subarray(at), tailCuts), 'end', headerCap);
          feed(ranged, cut(data.subarray(0, at), headCuts), 'before-separator', headerCap);
          // As a worker hands it over: structured-cloned.
          ranged.absorb(structuredClone(tail.exportRange()));
          expect(state(ranged)).toEqual(state(single));
        },
      ),
      { seed, numRuns: 300 },
    );
    expect(cutsFound).toBeGreaterThan(100);
  });

  it('counts a duplicate that the tail left out for another reason as a duplicate, as one pass does', async () => {
    const spamCopy = (labels: string) =>
      `From ${gmailId(1)}@xxx Tue Aug 08 12:36:29 +0000 2023\nX-Gmail-Labels: ${labels}\nFrom: ana@acme.com\nTo: ${ME}\nDate: Mon, 6 Jan 2025 10:00:00 +0100\n\nbody\n`;
    const data = bytes(spamCopy('Inbox') + spamCopy('Spam') + spamCopy('Inbox'));
    const at = await findCut(new Blob([data]), 10);
    const single = new HistoryCollector({ now: NOW });
    feed(single, [data], 'end', 256 * 1024);
    const ranged = new HistoryCollector({ now: NOW });
    const tail = new HistoryCollector({ now: NOW, range: true });
    feed(tail, [data.subarray(at)], 'end', 256 * 1024);
    feed(ranged, [data.subarray(0, at)], 'before-separator', 256 * 1024);
    // The tail alone sees a spam message, then a new one; after the head, both are duplicates.
    expect(tail.leftOut.spam).toBe(1);
    ranged.absorb(tail.exportRange());
    expect(ranged.leftOut).toEqual(single.leftOut);
    expect(ranged.leftOut.duplicate).toBe(2);
    expect(ranged.leftOut.spam).toBe(0);
    expect(ranged.kept).toBe(1);
  });
});
