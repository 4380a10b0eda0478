import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HEADER_CAP_BYTES, MboxSplitter, isSeparatorLine, type SplitMessage } from '../../../../src/core/history/mbox-splitter.ts';
import { readHeaders } from '../../../../src/core/history/header-block.ts';

interface Copy {
  separator: string | null;
  headers: string;
  problem: SplitMessage['problem'];
}

function split(chunks: Uint8Array[], single = false): { messages: Copy[]; preamble: number } {
  const messages: Copy[] = [];
  const splitter = new MboxSplitter((m) => messages.push({ separator: m.separator, headers: Buffer.from(m.headers).toString('latin1'), problem: m.problem }), { single });
  for (const chunk of chunks) splitter.push(chunk);
  splitter.end();
  return { messages, preamble: splitter.preambleBytes };
}

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

/** Cuts `data` at the given fractions of its length. */
function cut(data: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => Math.floor(c * data.length)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let last = 0;
  for (const p of [...points, data.length]) {
    chunks.push(data.subarray(last, p));
    last = p;
  }
  return chunks;
}

// A Takeout message as real exports write it (CRLF; separator with the Gmail id; X-GM-THRID and
// X-Gmail-Labels first; a folded Received), shortened.
const TAKEOUT = [
  'From 1773664405479613283@xxx Tue Aug 08 12:36:29 +0000 2023',
  'X-GM-THRID: 1773664405479613283',
  'X-Gmail-Labels: Inbox,Category updates,Unread',
  'Delivered-To: royalescrap@gmail.com',
  'Received: by 2002:ab4:1806:0:b0:37d:9905:cf38 with SMTP id p6csp1730711vll;',
  '        Tue, 8 Aug 2023 05:36:29 -0700 (PDT)',
  'Date: Tue, 08 Aug 2023 12:36:28 GMT',
  'From: Google <no-reply@accounts.google.com>',
  'To: royalescrap@gmail.com',
  '',
  'body line',
  '>From the escaped line',
  'From Monday on, a body line that is no separator',
  '',
].join('\r\n');

describe('the mbox splitter', () => {
  it('keeps only the header block of each message, CRs dropped', () => {
    const { messages } = split([bytes(TAKEOUT + TAKEOUT.replace('1773664405479613283@xxx', '1773664142827023060@xxx'))]);
    expect(messages).toHaveLength(2);
    expect(messages[0]!.separator).toBe('From 1773664405479613283@xxx Tue Aug 08 12:36:29 +0000 2023');
    expect(messages[0]!.headers).toContain('X-GM-THRID: 1773664405479613283\nX-Gmail-Labels');
    expect(messages[0]!.headers).not.toContain('\r');
    expect(messages[0]!.headers).not.toContain('body line');
    expect(messages[1]!.separator).toContain('1773664142827023060');
  });

  it('splits where no blank line comes before the separator (seen in Takeout files)', () => {
    const text = 'From 1@xxx Mon Jan 01 00:00:00 +0000 2018\nFrom: a@b.c\n\nBody one.\nFrom 2@xxx Tue Jan 02 00:00:00 +0000 2018\nFrom: d@e.f\n\nBody two.\n';
    expect(split([bytes(text)]).messages.map((m) => m.headers)).toEqual(['From: a@b.c', 'From: d@e.f']);
  });

  it('tells separators from body lines that start with "From"', () => {
    expect(isSeparatorLine('From 1773664405479613283@xxx Tue Aug 08 12:36:29 +0000 2023')).toBe(true);
    expect(isSeparatorLine('From - Mon Jan 15 15:30:00 2018')).toBe(true);
    expect(isSeparatorLine('From sender@example.com Mon Jan  1 00:00:00 2024')).toBe(true);
    expect(isSeparatorLine('From Monday we ship.')).toBe(false);
    expect(isSeparatorLine('From: Ana <ana@acme.com>')).toBe(false);
  });

  it('counts bytes before the first separator and keeps none of them', () => {
    const { messages, preamble } = split([bytes('garbage line\nmore\n' + TAKEOUT)]);
    expect(preamble).toBe('garbage line\nmore\n'.length);
    expect(messages).toHaveLength(1);
  });

  it('marks a message whose headers the file cuts short', () => {
    const { messages } = split([bytes(TAKEOUT + 'From 2@xxx Tue Aug 08 12:36:29 +0000 2023\r\nX-GM-THRID: 2\r\nFrom: a@')]);
    expect(messages.map((m) => m.problem)).toEqual([null, 'truncated']);
  });

  it('gives up on a header block over 256 KB and finds the next message', () => {
    const huge = `From 1@xxx Tue Aug 08 12:36:29 +0000 2023\nX-Junk: ${'a'.repeat(HEADER_CAP_BYTES + 10)}\nFrom: a@b.c\n\nbody\n`;
    const { messages } = split(cut(bytes(huge + TAKEOUT), [0.1, 0.5, 0.99]));
    expect(messages.map((m) => m.problem)).toEqual(['oversized', null]);
    expect(messages[0]!.headers).toBe('');
  });

  it('finds the next separator whatever the body length before it and wherever a chunk ends', () => {
    // The body scan looks at every sixth byte: a separator must be found at every offset from
    // where the scan starts, and when the chunk ends anywhere in or around it. Body lines hold
    // the bytes of "\nFrom " in other orders, which must not be taken for one.
    for (const eol of ['\r\n', '\n']) {
      for (let n = 0; n < 24; n++) {
        const first = `From 1@xxx Tue Aug 08 12:36:29 +0000 2023${eol}From: a@b.c${eol}${eol}`;
        const body = `${'Qm o'.repeat(n).slice(0, n)}${eol}rom F${eol}From${eol} From x${eol}Fro${eol}>From y${eol}`;
        const second = `From 2@xxx Tue Aug 08 12:37:29 +0000 2023${eol}From: d@e.f${eol}${eol}body${eol}`;
        const data = bytes(first + body + second);
        const expected = [
          { separator: 'From 1@xxx Tue Aug 08 12:36:29 +0000 2023', headers: 'From: a@b.c', problem: null },
          { separator: 'From 2@xxx Tue Aug 08 12:37:29 +0000 2023', headers: 'From: d@e.f', problem: null },
        ];
        for (let at = 0; at <= data.length; at++) {
          expect(split([data.subarray(0, at), data.subarray(at)]).messages, `body ${n} bytes, cut at ${at}`).toEqual(expected);
        }
      }
    }
  });

  it('reads one .eml message and wants no more once its headers end', () => {
    const splitter = new MboxSplitter(() => undefined, { single: true });
    splitter.push(bytes('From: a@b.c\r\nTo: d@e.f\r\n\r\n'));
    expect(splitter.wantsMore).toBe(false);
    expect(split([bytes('From: a@b.c\r\nTo: d@e.f')], true).messages).toEqual([{ separator: null, headers: 'From: a@b.c\nTo: d@e.f', problem: null }]);
  });
});

// Lines an mbox may hold, including the awkward ones, for the property below.
const line = fc.oneof(
  fc.constantFrom(
    'From 1773664405479613283@xxx Tue Aug 08 12:36:29 +0000 2023',
    'From - Mon Jan 15 15:30:00 2018',
    'From Monday we ship',
    '>From x',
    'From: Ana <ana@acme.com>',
    'F',
    'Fro',
    'From ',
    'X-GM-THRID: 177',
    'Date: Tue, 8 Aug 2023 05:36:29 -0700',
    ' folded continuation',
    '',
    '\r',
  ),
  fc.string({ maxLength: 60 }).map((s) => s.replace(/[\r\n]/g, '')),
);
const mbox = fc
  .tuple(fc.array(fc.tuple(line, fc.constantFrom('\n', '\r\n')), { maxLength: 80 }), fc.boolean())
  .map(([lines, trailing]) => bytes(lines.map(([l, eol]) => l + eol).join('') + (trailing ? 'From 9@xxx Tue' : '')));
const cuts = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 });

describe('the splitter and header reader under any chunking (fast-check)', () => {
  const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);

  it('gives the same messages whatever the chunk boundaries', () => {
    console.log(`fast-check seed for the splitter property: ${seed} (rerun with FC_SEED=${seed})`);
    fc.assert(
      fc.property(mbox, cuts, fc.boolean(), (data, at, single) => {
        const whole = split([data], single);
        const chunked = split(cut(data, at), single);
        const bytewise = split([...data].map((b) => Uint8Array.of(b)), single);
        expect(chunked).toEqual(whole);
        expect(bytewise).toEqual(whole);
      }),
      { seed, numRuns: 300 },
    );
  });

  it('reads any header block without throwing, and the same block the same way', () => {
    console.log(`fast-check seed for the header property: ${seed} (rerun with FC_SEED=${seed})`);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (block) => {
        const once = readHeaders(block);
        expect(readHeaders(block.slice())).toEqual(once);
      }),
      { seed, numRuns: 500 },
    );
  });
});
