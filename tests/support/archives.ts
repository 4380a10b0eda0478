/**
 * Archives for tests, written the way Takeout and tar write them: zip (stored or deflated, with
 * ZIP64 records on request, or encrypted-flagged), tar (ustar, pax for long names) and gzip.
 */
import { deflateRawSync, gzipSync } from 'node:zlib';

export interface ArchiveFile {
  name: string;
  data: Uint8Array;
}

function crc32(data: Uint8Array): number {
  let crc = ~0;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

class Bytes {
  private parts: Uint8Array[] = [];
  length = 0;
  u16(v: number) {
    return this.raw(Uint8Array.of(v & 0xff, (v >>> 8) & 0xff));
  }
  u32(v: number) {
    return this.raw(Uint8Array.of(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff));
  }
  u64(v: number) {
    return this.u32(v % 4294967296).u32(Math.floor(v / 4294967296));
  }
  raw(data: Uint8Array) {
    this.parts.push(data);
    this.length += data.length;
    return this;
  }
  bytes(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}

export function zipArchive(files: ArchiveFile[], options: { deflate?: boolean; zip64?: boolean; encrypted?: boolean; method?: number } = {}): Uint8Array {
  const out = new Bytes();
  const central = new Bytes();
  const deflate = options.deflate ?? true;
  for (const file of files) {
    const name = new TextEncoder().encode(file.name);
    const data = deflate ? new Uint8Array(deflateRawSync(file.data)) : file.data;
    const method = options.method ?? (deflate ? 8 : 0);
    const flags = 0x800 | (options.encrypted ? 1 : 0);
    const crc = crc32(file.data);
    const offset = out.length;
    const zip64Extra = new Bytes().u16(1).u16(24).u64(file.data.length).u64(data.length).u64(offset).bytes();
    out.u32(0x04034b50).u16(45).u16(flags).u16(method).u16(0).u16(0).u32(crc);
    if (options.zip64) out.u32(0xffffffff).u32(0xffffffff).u16(name.length).u16(20).raw(name).raw(new Bytes().u16(1).u16(16).u64(file.data.length).u64(data.length).bytes());
    else out.u32(data.length).u32(file.data.length).u16(name.length).u16(0).raw(name);
    out.raw(data);
    central.u32(0x02014b50).u16(45).u16(45).u16(flags).u16(method).u16(0).u16(0).u32(crc);
    if (options.zip64) central.u32(0xffffffff).u32(0xffffffff).u16(name.length).u16(zip64Extra.length).u16(0).u16(0).u16(0).u32(0).u32(0xffffffff).raw(name).raw(zip64Extra);
    else central.u32(data.length).u32(file.data.length).u16(name.length).u16(0).u16(0).u16(0).u16(0).u32(0).u32(offset).raw(name);
  }
  const directoryOffset = out.length;
  const directory = central.bytes();
  out.raw(directory);
  if (options.zip64) {
    const recordOffset = out.length;
    out.u32(0x06064b50).u64(44).u16(45).u16(45).u32(0).u32(0).u64(files.length).u64(files.length).u64(directory.length).u64(directoryOffset);
    out.u32(0x07064b50).u32(0).u64(recordOffset).u32(1);
    out.u32(0x06054b50).u16(0).u16(0).u16(0xffff).u16(0xffff).u32(0xffffffff).u32(0xffffffff).u16(0);
  } else {
    out.u32(0x06054b50).u16(0).u16(0).u16(files.length).u16(files.length).u32(directory.length).u32(directoryOffset).u16(0);
  }
  return out.bytes();
}

function tarHeader(name: string, size: number, type: string): Uint8Array {
  const h = new Uint8Array(512);
  const put = (text: string, at: number, length: number) => h.set(new TextEncoder().encode(text).subarray(0, length), at);
  put(name, 0, 100);
  put('0000644\0', 100, 8);
  put('0000000\0', 108, 8);
  put('0000000\0', 116, 8);
  put(`${size.toString(8).padStart(11, '0')}\0`, 124, 12);
  put('00000000000\0', 136, 12);
  put(type, 156, 1);
  put('ustar\0', 257, 6);
  put('00', 263, 2);
  h.fill(0x20, 148, 156);
  const sum = h.reduce((a, b) => a + b, 0);
  put(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  return h;
}

/** A ustar archive; names over 100 bytes get a pax header, as GNU tar writes them. */
export function tarArchive(files: ArchiveFile[]): Uint8Array {
  const out = new Bytes();
  const pad = (n: number) => out.raw(new Uint8Array((512 - (n % 512)) % 512));
  for (const file of files) {
    if (file.name.length > 100) {
      const record = (key: string, value: string) => {
        const body = ` ${key}=${value}\n`;
        let length = body.length + 2;
        while (String(length).length + body.length !== length) length++;
        return `${length}${body}`;
      };
      const pax = new TextEncoder().encode(record('path', file.name));
      out.raw(tarHeader('PaxHeader', pax.length, 'x')).raw(pax);
      pad(pax.length);
    }
    out.raw(tarHeader(file.name.slice(0, 100), file.data.length, '0')).raw(file.data);
    pad(file.data.length);
  }
  out.raw(new Uint8Array(1024));
  return out.bytes();
}

export function gzip(data: Uint8Array): Uint8Array {
  return new Uint8Array(gzipSync(data));
}

/** A File-like Blob with a name, as the scanner takes it. */
export function fileOf(name: string, data: Uint8Array | string) {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return { name, blob: new Blob([bytes as Uint8Array<ArrayBuffer>]) };
}
