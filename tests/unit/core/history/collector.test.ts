import { describe, expect, it } from 'vitest';
import { HistoryCollector } from '../../../../src/core/history/collector.ts';
import { MboxSplitter } from '../../../../src/core/history/mbox-splitter.ts';
import { buildHistoryPreview, buildImportThreads, ImportRecords } from '../../../../src/core/history/preview.ts';
import { takeoutMboxBytes } from '../../../support/takeout-generator.ts';
import { readHeaders } from '../../../../src/core/history/header-block.ts';
import { addressesIn, gmailHex, labelsOf } from '../../../../src/core/history/mail-fields.ts';
import { defaultSettings } from '../../../../src/core/settings.ts';
import { legacyIdFromMessageId, receivedAtFromLegacyId } from '../../../../src/sites/gmail/message-id.ts';

const NOW = Date.UTC(2025, 5, 1);
const ME = 'sam@northwind-sales.com';

/** "From <id>@xxx …" + headers, as Takeout writes a message. */
function message(headers: string[], options: { gmailId?: bigint | null; separatorDate?: string } = {}): string {
  const id = options.gmailId === undefined ? null : options.gmailId;
  const separator = `From ${id === null ? 'sender@example.com' : `${id}@xxx`} ${options.separatorDate ?? 'Mon Jan 06 10:00:00 +0000 2025'}`;
  return [separator, ...headers, '', 'Body that is never read.', ''].join('\r\n');
}
const idAt = (at: number, low = 1) => (BigInt(at) << 20n) | BigInt(low);

function collect(...files: string[]): HistoryCollector {
  const collector = new HistoryCollector({ now: NOW, ownAddresses: [ME] });
  for (const file of files) {
    const splitter = new MboxSplitter((m) => collector.add(m));
    splitter.push(new Uint8Array(Buffer.from(file, 'utf8')));
    splitter.end();
  }
  return collector;
}

function preview(collector: HistoryCollector, own = [ME]) {
  return buildHistoryPreview(collector, { ownAddresses: own, settings: defaultSettings('Europe/London'), now: NOW });
}

describe('Gmail ids', () => {
  it('turns the separator id into the legacy hex id the Gmail reader uses, whose high bits are the time', () => {
    const decimal = '1775568780109575075';
    expect(gmailHex(decimal)).toBe(legacyIdFromMessageId(`#msg-f:${decimal}`));
    expect(gmailHex('1773664405479613283')).toBe(BigInt('1773664405479613283').toString(16));
    const at = Date.UTC(2024, 2, 3, 4, 5, 6, 7);
    expect(receivedAtFromLegacyId(gmailHex(idAt(at).toString())!, NOW)).toBe(at);
  });
});

describe('the time of a message', () => {
  const at = Date.UTC(2025, 0, 6, 9, 30);
  const times = (msg: string) => buildImportThreads(collect(msg), [ME]).flatMap((t) => t.messages.map((m) => m.at));
  // A thread needs a message of the user's to be written: each case pairs the message with a reply.
  const reply = message([`From: ${ME}`, 'To: ana@acme.com', 'X-GM-THRID: 77', 'Date: Tue, 7 Jan 2025 10:00:00 +0000'], { gmailId: idAt(Date.UTC(2025, 0, 7, 10)) });

  it('is the Gmail id’s first, then Date, then the last Received, then the separator', () => {
    const base = ['From: ana@acme.com', `To: ${ME}`, 'X-GM-THRID: 77'];
    expect(times(message([...base, 'Date: Mon, 6 Jan 2025 11:00:00 +0100'], { gmailId: idAt(at) }) + reply)[0]).toBe(at);
    expect(times(message([...base, 'Date: Mon, 6 Jan 2025 11:00:00 +0100']) + reply)[0]).toBe(Date.UTC(2025, 0, 6, 10));
    expect(
      times(message([...base, 'Received: by a; Mon, 6 Jan 2025 08:00:00 +0000', 'Received: by b;\r\n  Mon, 6 Jan 2025 07:59:00 +0000']) + reply)[0],
    ).toBe(Date.UTC(2025, 0, 6, 7, 59));
    expect(times(message(base, { separatorDate: 'Mon Jan 06 06:00:00 +0000 2025' }) + reply)[0]).toBe(Date.UTC(2025, 0, 6, 6));
  });

  it('leaves out and counts a message with no usable time', () => {
    const collector = collect(message(['From: ana@acme.com', `To: ${ME}`], { separatorDate: 'Mon Jan 06 10:00:00' }));
    expect(collector.leftOut['no-time']).toBe(1);
    expect(collector.kept).toBe(0);
  });
});

describe('what is left out', () => {
  const cases: Array<[string, string[]]> = [
    ['draft', ['X-Gmail-Labels: Drafts', `From: ${ME}`]],
    ['draft', ['X-Gmail-Labels: =?UTF-8?Q?Entw=C3=BCrfe?=', `From: ${ME}`]],
    ['draft', ['X-Mozilla-Draft-Info: internal/draft; vcard=0', `From: ${ME}`]],
    ['spam', ['X-Gmail-Labels: Spam', 'From: x@spam.example']],
    ['trash', ['X-Gmail-Labels: Opened,Corbeille', 'From: x@acme.com']],
    ['chat', ['X-Gmail-Labels: Chat', 'From: x@acme.com']],
    ['list', ['List-Id: <offers.shop.example>', 'From: x@shop.example']],
    ['list', ['List-Unsubscribe: <mailto:u@shop.example>', 'From: x@shop.example']],
    ['list', ['Precedence: bulk', 'From: x@shop.example']],
    ['auto-reply', ['Auto-Submitted: auto-replied', 'From: x@acme.com']],
    ['deleted', ['X-Mozilla-Status: 0009', 'From: x@acme.com']],
    ['no-sender', ['To: x@acme.com']],
  ];
  it.each(cases)('leaves out %s', (reason, headers) => {
    const collector = collect(message([...headers, 'Date: Mon, 6 Jan 2025 10:00:00 +0000']));
    expect(collector.leftOut[reason as keyof typeof collector.leftOut]).toBe(1);
    expect(collector.kept).toBe(0);
  });

  it('keeps a message whose Auto-Submitted says "no", and a Sent label in any language', () => {
    const collector = collect(message(['Auto-Submitted: no', 'X-Gmail-Labels: =?UTF-8?Q?Envoy=C3=A9s?=', `From: ${ME}`, 'Date: Mon, 6 Jan 2025 10:00:00 +0000']));
    expect(collector.kept).toBe(1);
  });

  it('counts a message found in two files once: by Gmail id, else by Message-ID', () => {
    const a = message(['From: ana@acme.com', 'Message-ID: <one@acme.com>'], { gmailId: idAt(Date.UTC(2025, 0, 6)) });
    const b = message(['From: ana@acme.com', 'Message-ID: <two@acme.com>', 'Date: Mon, 6 Jan 2025 10:00:00 +0000']);
    const collector = collect(a + b, a, b);
    expect(collector.kept).toBe(2);
    expect(collector.leftOut.duplicate).toBe(2);
  });
});

describe('threads and direction', () => {
  it('threads by X-GM-THRID (in hex, the Gmail reader’s thread id), and never by subject', () => {
    const t1 = Date.UTC(2025, 0, 6, 9);
    const file =
      message(['From: ana@acme.com', `To: ${ME}`, 'X-GM-THRID: 1775568780109575075', 'Subject: Order'], { gmailId: idAt(t1) }) +
      message([`From: ${ME}`, 'To: ana@acme.com', 'X-GM-THRID: 1775568780109575075', 'Subject: Re: Order'], { gmailId: idAt(t1 + 3_600_000) }) +
      message([`From: ${ME}`, 'To: ana@acme.com', 'X-GM-THRID: 1775568780109575999', 'Subject: Re: Order'], { gmailId: idAt(t1 + 7_200_000) });
    const threads = buildImportThreads(collect(file), [ME]);
    expect(threads.map((t) => [t.threadId, t.site, t.messages.length])).toEqual([
      [BigInt('1775568780109575075').toString(16), 'gmail', 2],
      [BigInt('1775568780109575999').toString(16), 'gmail', 1],
    ]);
    expect(threads[0]!.messages.map((m) => m.direction)).toEqual(['in', 'out']);
  });

  it('threads other mail by Message-ID, In-Reply-To and References, and Outlook’s Thread-Index', () => {
    const d = (h: number) => `Date: Mon, 6 Jan 2025 ${String(h).padStart(2, '0')}:00:00 +0100`;
    const index = Buffer.alloc(22, 7).toString('base64');
    const reply = Buffer.concat([Buffer.alloc(22, 7), Buffer.alloc(5, 1)]).toString('base64');
    const file =
      message(['From: ana@acme.com', `To: ${ME}`, 'Message-ID: <a1@acme.com>', d(9)]) +
      message([`From: ${ME}`, 'To: ana@acme.com', 'Message-ID: <b1@nw.com>', 'In-Reply-To: <a1@acme.com>', d(10)]) +
      message(['From: ana@acme.com', `To: ${ME}`, 'Message-ID: <a2@acme.com>', 'References: <a1@acme.com> <b1@nw.com>', d(11)]) +
      message(['From: lee@contoso.com', `To: ${ME}`, 'Message-ID: <c1@contoso.com>', `Thread-Index: ${index}`, d(12)]) +
      message([`From: ${ME}`, 'To: lee@contoso.com', 'Message-ID: <c2@nw.com>', `Thread-Index: ${reply}`, d(13)]) +
      message(['From: zoe@other.com', `To: ${ME}`, 'Message-ID: <z@other.com>', 'Subject: Re: same subject', d(14)]);
    const threads = buildImportThreads(collect(file), [ME]);
    expect(threads.map((t) => t.messages.length).sort()).toEqual([2, 3]);
    expect(threads.every((t) => t.site === 'import' && !/^[0-9a-f]+$/.test(t.threadId))).toBe(true);
    // Thread names do not depend on the order the messages come in.
    const reversed = buildImportThreads(collect(file.split(/(?=From )/).reverse().join('')), [ME]);
    expect(reversed.map((t) => t.threadId).sort()).toEqual(threads.map((t) => t.threadId).sort());
  });

  it('takes direction from the user’s own addresses, not from labels, and pairs with the core’s pairing', () => {
    const t = Date.UTC(2025, 0, 6, 9);
    const file =
      message(['From: Ana <ana@acme.com>', `To: ${ME}`, 'X-GM-THRID: 5', 'X-Gmail-Labels: Sent'], { gmailId: idAt(t) }) +
      message(['From: Ana <ana@acme.com>', `To: ${ME}`, 'X-GM-THRID: 5'], { gmailId: idAt(t + 600_000) }) +
      message([`From: Sam <${ME}>`, 'To: Ana <ana@acme.com>, pat@northwind-sales.com', 'X-GM-THRID: 5', 'X-Gmail-Labels: Inbox'], { gmailId: idAt(t + 3_600_000) });
    const result = preview(collect(file));
    expect(result.clients.map((c) => [c.key, c.replies, c.pairs])).toEqual([['domain:acme.com', 1, [{ inboundAt: t, replyAt: t + 3_600_000 }]]]);
    const threads = buildImportThreads(collect(file), [ME]);
    expect(threads[0]!.messages.map((m) => [m.direction, m.counterparts])).toEqual([
      ['in', ['ana@acme.com']],
      ['in', ['ana@acme.com']],
      ['out', ['ana@acme.com', 'pat@northwind-sales.com']],
    ]);
    // With other own addresses, the same mail reads the other way round.
    expect(preview(collect(file), ['ana@acme.com']).clients.map((c) => c.key)).toEqual([]);
  });

  it('suggests own addresses from Delivered-To and from the senders of sent mail', () => {
    const collector = new HistoryCollector({ now: NOW });
    const splitter = new MboxSplitter((m) => collector.add(m));
    const inbound = (n: number) => message(['Delivered-To: sam@northwind-sales.com', 'Received: by x; Mon, 6 Jan 2025 10:00:00 +0000', `From: c${n}@acme.com`, 'Date: Mon, 6 Jan 2025 10:00:00 +0000']);
    const sent = message(['From: sam.alias@gmail.com', 'To: c1@acme.com', 'Date: Mon, 6 Jan 2025 11:00:00 +0000']);
    splitter.push(new Uint8Array(Buffer.from(inbound(1) + inbound(2) + inbound(3) + sent + sent.replace('11:00', '12:00'))));
    splitter.end();
    expect(collector.likelyOwnAddresses()).toEqual(['sam.alias@gmail.com', 'sam@northwind-sales.com']);
    expect(collector.ownAddressSuggestions()[0]).toEqual({ address: 'sam.alias@gmail.com', delivered: 0, sent: 2 });
  });
});

describe('header fields', () => {
  it('reads folded fields, any case, and leaves other fields alone', () => {
    const headers = readHeaders(new Uint8Array(Buffer.from('FROM: "Doe, Jane" <Jane@Acme.com>\nsubject: secret\nTO: a@x.io,\n b@y.io\nCc: (team) c@z.io\nDelivered-To: me@x.io')));
    expect(headers.from).toBe('"Doe, Jane" <Jane@Acme.com>');
    expect(headers.recipients).toEqual(['a@x.io, b@y.io', '(team) c@z.io']);
    expect(JSON.stringify(headers)).not.toContain('secret');
    expect(addressesIn(headers.from)).toEqual(['jane@acme.com']);
    expect(addressesIn('undisclosed-recipients:;')).toEqual([]);
    expect(addressesIn('"a@b.c" <real@d.e>, f@g.h (F)')).toEqual(['real@d.e', 'f@g.h']);
  });

  it('decodes RFC 2047 labels', () => {
    expect(labelsOf('Inbox,"Travel, 2023",=?UTF-8?Q?Envoy=C3=A9s?=,=?UTF-8?B?5LiL5pu444GN?=')).toEqual(['Inbox', 'Travel, 2023', 'Envoyés', '下書き']);
  });
});

describe('the records an import writes', () => {
  it('come in parts of bounded size that together hold every thread in which the user wrote, once', () => {
    const { bytes } = takeoutMboxBytes({ seed: 8, targetBytes: 600_000, end: NOW, attachmentBytes: 0 });
    const collector = new HistoryCollector({ now: NOW });
    const splitter = new MboxSplitter((m) => collector.add(m));
    splitter.push(bytes);
    splitter.end();
    const records = new ImportRecords(collector, [ME], { threads: 7, messages: 40 });
    const parts = Array.from({ length: records.parts }, (_, k) => records.part(k));
    expect(parts.length).toBeGreaterThan(3);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(7);
      expect(part.reduce((n, t) => n + t.messages.length, 0) <= 40 || part.length === 1).toBe(true);
    }
    const all = parts.flat();
    expect(all.length).toBe(records.threads);
    expect(new Set(all.map((t) => t.threadId)).size).toBe(all.length);
    expect(all.every((t) => t.messages.some((m) => m.direction === 'out'))).toBe(true);
    expect(all).toEqual(buildImportThreads(collector, [ME]));
  });
});
