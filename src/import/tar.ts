/**
 * A streaming tar reader (Google Takeout's .tgz, after gunzip): headers of 512 bytes, each entry's
 * data padded to 512, ustar names with their prefix, GNU long names ('L') and pax headers ('x')
 * for long names and sizes over 8 GB, base-256 sizes. Entries are handed out as they stream by;
 * nothing is buffered but one header.
 */
import { ImportFileError } from './bytes.ts';

const BLOCK = 512;
/** Long names and pax records are small; anything bigger is not one. */
const MAX_META_BYTES = 1024 * 1024;

/** Takes the data of one entry, chunk by chunk. */
export interface EntrySink {
  push(chunk: Uint8Array): void;
  end(): void;
}

type Phase = { kind: 'header' } | { kind: 'data'; left: number; padding: number; sink: EntrySink | null; meta: 'pax' | 'long-name' | null };

function octal(bytes: Uint8Array, start: number, length: number): number {
  // Base-256 (GNU): the first byte's high bit set, the rest big-endian.
  if (bytes[start]! & 0x80) {
    let value = bytes[start]! & 0x7f;
    for (let i = 1; i < length; i++) value = value * 256 + bytes[start + i]!;
    return value;
  }
  let text = '';
  for (let i = start; i < start + length; i++) {
    const b = bytes[i]!;
    if (b === 0 || b === 0x20) {
      if (text) break;
      continue;
    }
    text += String.fromCharCode(b);
  }
  return /^[0-7]+$/.test(text) ? parseInt(text, 8) : text === '' ? 0 : NaN;
}

function text(bytes: Uint8Array, start: number, length: number): string {
  let end = start;
  while (end < start + length && bytes[end] !== 0) end++;
  return new TextDecoder().decode(bytes.subarray(start, end));
}

function checksumOk(header: Uint8Array): boolean {
  const stored = octal(header, 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i]!;
  return stored === sum;
}

export function looksLikeTar(head: Uint8Array): boolean {
  if (head.length < BLOCK) return false;
  const magic = String.fromCharCode(...head.subarray(257, 262));
  return magic === 'ustar' || checksumOk(head.subarray(0, BLOCK));
}

export class TarReader {
  private phase: Phase = { kind: 'header' };
  private header = new Uint8Array(BLOCK);
  private headerFill = 0;
  private meta: Uint8Array[] = [];
  private metaBytes = 0;
  private nextName: string | null = null;
  private nextSize: number | null = null;
  private ended = false;
  private zeroBlocks = 0;

  /** `open(name, size)` returns where the entry's data goes, or null to skip it. */
  constructor(private readonly open: (name: string, size: number) => EntrySink | null) {}

  push(chunk: Uint8Array): void {
    let pos = 0;
    while (pos < chunk.length && !this.ended) {
      const phase = this.phase;
      if (phase.kind === 'header') {
        const take = Math.min(BLOCK - this.headerFill, chunk.length - pos);
        this.header.set(chunk.subarray(pos, pos + take), this.headerFill);
        this.headerFill += take;
        pos += take;
        if (this.headerFill === BLOCK) {
          this.headerFill = 0;
          this.startEntry();
        }
        continue;
      }
      if (phase.left > 0) {
        const take = Math.min(phase.left, chunk.length - pos);
        const part = chunk.subarray(pos, pos + take);
        if (phase.meta) {
          this.metaBytes += take;
          if (this.metaBytes > MAX_META_BYTES) throw new ImportFileError('the tar archive is damaged (an oversized name record).');
          this.meta.push(part.slice());
        } else phase.sink?.push(part);
        phase.left -= take;
        pos += take;
        if (phase.left === 0) this.finishData(phase);
        continue;
      }
      const skip = Math.min(phase.padding, chunk.length - pos);
      phase.padding -= skip;
      pos += skip;
      if (phase.padding === 0) this.phase = { kind: 'header' };
    }
  }

  end(): void {
    if (this.ended) return;
    if (this.phase.kind === 'data' && this.phase.left > 0) {
      this.phase.sink?.end();
      throw new ImportFileError('the archive is incomplete: it ends in the middle of a file. Was the download finished?');
    }
    if (this.headerFill > 0) throw new ImportFileError('the archive is incomplete: it ends in the middle of an entry. Was the download finished?');
  }

  private startEntry(): void {
    const h = this.header;
    if (h.every((b) => b === 0)) {
      // Two zero blocks end the archive.
      if (++this.zeroBlocks >= 2) this.ended = true;
      return;
    }
    this.zeroBlocks = 0;
    if (!checksumOk(h)) throw new ImportFileError('this is not a tar archive, or it is damaged (a header checksum does not match).');
    const type = String.fromCharCode(h[156]!);
    let size = octal(h, 124, 12);
    if (!Number.isFinite(size)) throw new ImportFileError('the tar archive is damaged (an unreadable size).');
    const prefix = String.fromCharCode(...h.subarray(257, 262)) === 'ustar' ? text(h, 345, 155) : '';
    let name = prefix ? `${prefix}/${text(h, 0, 100)}` : text(h, 0, 100);
    if (type === 'x' || type === 'L') {
      this.meta = [];
      this.metaBytes = 0;
      this.enterData(size, null, type === 'x' ? 'pax' : 'long-name');
      return;
    }
    if (this.nextName !== null) name = this.nextName;
    if (this.nextSize !== null) size = this.nextSize;
    this.nextName = null;
    this.nextSize = null;
    const regular = type === '0' || type === '\0' || type === '7';
    // Directories, links and global pax headers carry no mail; their data (if any) is skipped.
    const sink = regular ? this.open(name, size) : null;
    this.enterData(size, sink, null);
  }

  private enterData(size: number, sink: EntrySink | null, meta: 'pax' | 'long-name' | null): void {
    const padding = (BLOCK - (size % BLOCK)) % BLOCK;
    this.phase = { kind: 'data', left: size, padding, sink, meta };
    if (size === 0) this.finishData(this.phase);
  }

  private finishData(phase: Extract<Phase, { kind: 'data' }>): void {
    if (phase.meta) {
      const bytes = new Uint8Array(this.metaBytes);
      let at = 0;
      for (const part of this.meta) {
        bytes.set(part, at);
        at += part.length;
      }
      if (phase.meta === 'long-name') this.nextName = text(bytes, 0, bytes.length);
      else this.readPax(new TextDecoder().decode(bytes));
      this.meta = [];
      this.metaBytes = 0;
    } else phase.sink?.end();
    if (phase.padding === 0) this.phase = { kind: 'header' };
  }

  /** "27 path=Takeout/Mail/x.mbox\n", "20 size=9000000000\n" (POSIX pax records). */
  private readPax(records: string): void {
    for (const line of records.split('\n')) {
      const match = /^\d+ ([^=]+)=(.*)$/.exec(line);
      if (!match) continue;
      if (match[1] === 'path') this.nextName = match[2]!;
      if (match[1] === 'size' && /^\d+$/.test(match[2]!)) this.nextSize = Number(match[2]);
    }
  }
}
