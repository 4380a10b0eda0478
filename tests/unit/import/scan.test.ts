import { describe, expect, it } from 'vitest';
import { HistoryCollector } from '../../../src/core/history/collector.ts';
import { buildHistoryPreview } from '../../../src/core/history/preview.ts';
import { defaultSettings } from '../../../src/core/settings.ts';
import { scanFiles, type ImportFile } from '../../../src/import/scan.ts';
import { fileOf, gzip, tarArchive, zipArchive } from '../../support/archives.ts';
import { GENERATED_CLIENTS, ME, takeoutMboxBytes } from '../../support/takeout-generator.ts';

const END = Date.UTC(2025, 5, 1);
const { bytes: MBOX, truth: TRUTH } = takeoutMboxBytes({ seed: 11, targetBytes: 400_000, end: END, attachmentBytes: 3000 });

async function scan(files: ImportFile[], options: { signal?: AbortSignal } = {}) {
  const collector = new HistoryCollector({ now: END, ownAddresses: [ME] });
  const reports = await scanFiles(files, collector, options);
  const preview = buildHistoryPreview(collector, { ownAddresses: [ME], settings: defaultSettings('Europe/London'), now: END });
  return { reports, preview, collector };
}

const truthPairs = () => [...TRUTH.pairs.values()].reduce((n, list) => n + list.length, 0);

describe('reading mailbox files', () => {
  it('reads a Takeout mbox and finds exactly the reply pairs that were written', async () => {
    const { reports, preview } = await scan([fileOf('All mail Including Spam and Trash.mbox', MBOX)]);
    expect(reports).toEqual([expect.objectContaining({ kind: 'mbox', messages: TRUTH.messages, problem: null, notes: [] })]);
    expect(preview.pairs).toBe(truthPairs());
    for (const client of preview.clients) expect(client.pairs).toEqual(TRUTH.pairs.get(client.key));
    for (const reason of ['draft', 'spam', 'trash', 'chat', 'list', 'auto-reply'] as const) expect(preview.leftOut[reason]).toBe(TRUTH.leftOut[reason]);
  });

  it('reads the same mail from a Takeout zip (deflated, stored, ZIP64), a .tgz, a .gz and a .tar', async () => {
    const inside = { name: 'Takeout/Mail/All mail Including Spam and Trash.mbox', data: MBOX };
    const photo = { name: 'Takeout/Google Photos/IMG_0001.jpg', data: new Uint8Array(5000).fill(9) };
    const longName = { name: `Takeout/Mail/${'a-very-long-folder-name/'.repeat(5)}Sent.mbox`, data: MBOX };
    const expected = truthPairs();
    for (const file of [
      fileOf('takeout-20250601T000000Z-001.zip', zipArchive([photo, inside])),
      fileOf('takeout-stored.zip', zipArchive([inside], { deflate: false })),
      fileOf('takeout-zip64.zip', zipArchive([photo, inside], { zip64: true })),
      fileOf('takeout-20250601T000000Z-001.tgz', gzip(tarArchive([photo, longName]))),
      fileOf('All mail.mbox.gz', gzip(MBOX)),
      fileOf('mail.tar', tarArchive([inside])),
    ]) {
      const { reports, preview } = await scan([file]);
      expect(reports[0]!.problem, file.name).toBeNull();
      expect(preview.pairs, file.name).toBe(expected);
    }
  });

  it('reads a folder of .eml files and Apple Mail’s Name.mbox/mbox, and counts a file found twice once', async () => {
    const eml = (n: number, extra: string) =>
      fileOf(`Exported/${n}.eml`, `Message-ID: <m${n}@acme.com>\r\nFrom: ana@acme.com\r\nTo: ${ME}\r\nDate: Mon, 6 Jan 2025 1${n}:00:00 +0100\r\n${extra}\r\nBody never read`);
    const reply = fileOf('Exported/reply.eml', `Message-ID: <r@nw.com>\r\nIn-Reply-To: <m1@acme.com>\r\nFrom: ${ME}\r\nTo: ana@acme.com\r\nDate: Mon, 6 Jan 2025 15:00:00 +0100\r\n\r\n`);
    const { reports, preview } = await scan([eml(1, ''), eml(2, 'References: <m1@acme.com>\r\n'), reply, eml(1, ''), fileOf('Inbox.mbox/mbox', MBOX)]);
    expect(reports.map((r) => r.kind)).toEqual(['eml', 'eml', 'eml', 'eml', 'mbox']);
    expect(preview.leftOut.duplicate).toBe(1);
    expect(preview.clients.find((c) => c.key === 'domain:acme.com')?.pairs).toEqual([{ inboundAt: Date.UTC(2025, 0, 6, 10), replyAt: Date.UTC(2025, 0, 6, 14) }]);
  });

  it('says what is wrong with a bad file, and reads the good ones beside it', async () => {
    const truncatedZip = zipArchive([{ name: 'Takeout/Mail/x.mbox', data: MBOX }]).subarray(0, 20_000);
    const cutGzip = gzip(MBOX).subarray(0, 30_000);
    const { reports, preview } = await scan([
      fileOf('notes.txt', 'Shopping list\nmilk\neggs\n'),
      fileOf('photo.mbox', Uint8Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256)),
      fileOf('empty.mbox', new Uint8Array(0)),
      fileOf('takeout-001.zip', truncatedZip),
      fileOf('locked.zip', zipArchive([{ name: 'Mail/x.mbox', data: MBOX }], { encrypted: true })),
      fileOf('bzip.zip', zipArchive([{ name: 'Mail/x.mbox', data: MBOX }], { deflate: false, method: 12 })),
      fileOf('photos.zip', zipArchive([{ name: 'Takeout/Photos/a.jpg', data: new Uint8Array(10) }])),
      fileOf('mail.tgz', cutGzip),
      fileOf('good.mbox', MBOX),
    ]);
    const problems = Object.fromEntries(reports.map((r) => [r.name, r.problem]));
    expect(problems['notes.txt']).toMatch(/not an mbox/);
    expect(problems['photo.mbox']).toMatch(/binary/);
    expect(problems['empty.mbox']).toMatch(/empty/);
    expect(problems['takeout-001.zip']).toMatch(/incomplete.*download/i);
    expect(problems['locked.zip']).toMatch(/encrypted/);
    expect(problems['bzip.zip']).toMatch(/compression/);
    expect(problems['photos.zip']).toMatch(/no mailbox/);
    expect(problems['mail.tgz']).toMatch(/damaged or cut short/);
    expect(problems['good.mbox']).toBeNull();
    expect(preview.pairs).toBe(truthPairs());
  });

  it('notes bytes before the first message and a file that ends inside a message’s headers', async () => {
    const text = Buffer.from(MBOX).toString('latin1');
    const cutAt = text.lastIndexOf('X-GM-THRID') + 20;
    const { reports } = await scan([fileOf('odd.mbox', new Uint8Array(Buffer.from(`Junk before\r\n${text.slice(0, cutAt)}`, 'latin1')))]);
    expect(reports[0]!.problem).toBeNull();
    expect(reports[0]!.notes.join(' ')).toMatch(/13 bytes before the first message were skipped/);
    expect(reports[0]!.notes.join(' ')).toMatch(/ends in the middle of a message’s headers/);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(scan([fileOf('a.mbox', MBOX)], { signal: controller.signal })).rejects.toThrow(/cancelled/);
  });

  it('reports progress in bytes, messages and people found', async () => {
    const seen: number[] = [];
    const collector = new HistoryCollector({ now: END, ownAddresses: [ME] });
    await scanFiles([fileOf('a.mbox', MBOX)], collector, { progressEveryMs: 0, onProgress: (p) => seen.push(p.bytesRead) });
    expect(seen.at(-1)).toBe(MBOX.length);
    expect(seen.length).toBeGreaterThan(2);
    expect(collector.peopleFound).toBe(GENERATED_CLIENTS.length);
  });
});
