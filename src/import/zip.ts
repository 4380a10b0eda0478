/**
 * Reads a zip archive (Google Takeout's .zip parts, several GB, ZIP64) without loading it: the
 * central directory is read from the end of the file, then each wanted entry is streamed from its
 * own slice of the file and inflated by the platform's DecompressionStream('deflate-raw').
 *
 * Layout as in PKWARE's APPNOTE.TXT (sections 4.3.7 local header, 4.3.12 central directory header,
 * 4.3.14–4.3.16 ZIP64 end of central directory record and locator, 4.5.3 ZIP64 extra field).
 */
import { ImportFileError, readBytes } from './bytes.ts';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_COMMENT = 0xffff;
/** A central directory beyond this is not a mailbox export's: refuse rather than read it whole. */
const MAX_DIRECTORY_BYTES = 256 * 1024 * 1024;

const u16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number) => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
/** A 64-bit little-endian size; exact up to 2^53 (8 PB). */
const u64 = (b: Uint8Array, at: number) => u32(b, at) + u32(b, at + 4) * 4294967296;

export function looksLikeZip(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5) && (head[3] === 4 || head[3] === 6);
}

/** Every entry of the archive, from its central directory. */
export async function listZipEntries(blob: Blob): Promise<ZipEntry[]> {
  const tailLength = Math.min(blob.size, 22 + MAX_COMMENT + 20);
  const tailStart = blob.size - tailLength;
  const tail = await readBytes(blob, tailStart, blob.size);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (u32(tail, i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) {
    throw new ImportFileError('the zip file is incomplete: its table of contents (at the end of the file) is missing. Was the download finished?');
  }
  if (u16(tail, eocd + 4) !== 0 || u16(tail, eocd + 6) !== 0) {
    throw new ImportFileError('this zip is split across several files (a spanned archive), which cannot be read. Download it from Takeout again as separate .zip parts, or unzip it first.');
  }
  let count = u16(tail, eocd + 10);
  let directorySize = u32(tail, eocd + 12);
  let directoryOffset = u32(tail, eocd + 16);

  const locator = eocd - 20;
  if (locator >= 0 && u32(tail, locator) === ZIP64_LOCATOR) {
    const recordOffset = u64(tail, locator + 8);
    const record = await readBytes(blob, recordOffset, recordOffset + 56);
    if (u32(record, 0) !== ZIP64_EOCD) throw new ImportFileError('the zip file’s ZIP64 table of contents is damaged.');
    count = u64(record, 32);
    directorySize = u64(record, 40);
    directoryOffset = u64(record, 48);
  }
  if (directoryOffset + directorySize > blob.size) {
    throw new ImportFileError('the zip file is incomplete: it is shorter than its table of contents says. Was the download finished?');
  }
  if (directorySize > MAX_DIRECTORY_BYTES) throw new ImportFileError('the zip file’s table of contents is too large to be a mailbox export.');

  const directory = await readBytes(blob, directoryOffset, directoryOffset + directorySize);
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > directory.length || u32(directory, at) !== CENTRAL) throw new ImportFileError('the zip file’s table of contents is damaged.');
    const flags = u16(directory, at + 8);
    const method = u16(directory, at + 10);
    let compressedSize = u32(directory, at + 20);
    let size = u32(directory, at + 24);
    const nameLength = u16(directory, at + 28);
    const extraLength = u16(directory, at + 30);
    const commentLength = u16(directory, at + 32);
    let localHeaderOffset = u32(directory, at + 42);
    const nameBytes = directory.subarray(at + 46, at + 46 + nameLength);
    // Bit 11: the name is UTF-8; otherwise code page 437, read as latin-1 (Takeout names are ASCII).
    const name = flags & 0x800 ? new TextDecoder().decode(nameBytes) : String.fromCharCode(...nameBytes);
    // ZIP64 extra field: only the values set to 0xFFFFFFFF above follow, in this order.
    let extra = at + 46 + nameLength;
    const extraEnd = extra + extraLength;
    while (extra + 4 <= extraEnd) {
      const id = u16(directory, extra);
      const length = u16(directory, extra + 2);
      if (id === 0x0001) {
        let field = extra + 4;
        if (size === 0xffffffff) {
          size = u64(directory, field);
          field += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(directory, field);
          field += 8;
        }
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = u64(directory, field);
      }
      extra += 4 + length;
    }
    entries.push({ name, method, flags, compressedSize, size, localHeaderOffset });
    at = extraEnd + commentLength;
  }
  return entries;
}

/** Why an entry cannot be read, or null when it can. */
export function unreadableEntry(entry: ZipEntry): string | null {
  if (entry.flags & 0x1 || entry.method === 99) return `${entry.name} is encrypted (password-protected): unzip it with its password first`;
  if (entry.method !== 0 && entry.method !== 8) return `${entry.name} uses a compression this reader does not know (method ${entry.method}); unzip it first`;
  return null;
}

/** The entry's contents, inflated, as a stream; `onRawBytes` hears the compressed bytes as they are read. */
export async function zipEntryStream(blob: Blob, entry: ZipEntry, onRawBytes: (n: number) => void): Promise<ReadableStream<Uint8Array>> {
  const header = await readBytes(blob, entry.localHeaderOffset, entry.localHeaderOffset + 30);
  if (header.length < 30 || u32(header, 0) !== LOCAL) throw new ImportFileError(`the zip file is damaged at ${entry.name}.`);
  const dataStart = entry.localHeaderOffset + 30 + u16(header, 26) + u16(header, 28);
  if (dataStart + entry.compressedSize > blob.size) {
    throw new ImportFileError(`the zip file is incomplete: ${entry.name} is cut short. Was the download finished?`);
  }
  const raw = blob.slice(dataStart, dataStart + entry.compressedSize).stream();
  const counted = raw.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        onRawBytes(chunk.length);
        controller.enqueue(chunk);
      },
    }),
  );
  return entry.method === 8 ? counted.pipeThrough(new DecompressionStream('deflate-raw') as unknown as TransformStream<Uint8Array, Uint8Array>) : counted;
}
