/**
 * Reads mailbox files as streams into a HistoryCollector: mbox files (Google Takeout, Thunderbird,
 * Apple Mail's Name.mbox/mbox), single .eml messages, and the archives Takeout delivers (.zip with
 * ZIP64, .tgz), plus plain .tar and .gz. Never reads a whole file into memory: files arrive chunk by
 * chunk (Blob.stream), archives are inflated as they stream.
 *
 * The same code runs in the options page's import worker and in `npm run history` (Node's
 * fs.openAsBlob gives the same Blob), so both find the same messages.
 */
import type { HistoryCollector } from '../core/history/collector.ts';
import { MboxSplitter } from '../core/history/mbox-splitter.ts';
import { ImportFileError, readBytes } from './bytes.ts';
import { isMailboxName } from './names.ts';
import { looksLikeTar, TarReader, type EntrySink } from './tar.ts';
import { listZipEntries, looksLikeZip, unreadableEntry, zipEntryStream } from './zip.ts';

export { isMailboxName };

export interface ImportFile {
  /** The file's name (or its path inside a chosen folder). */
  name: string;
  blob: Blob;
}

export type FileKind = 'mbox' | 'eml' | 'zip' | 'tgz' | 'tar' | 'gzip';

export interface FileReport {
  name: string;
  bytes: number;
  kind: FileKind | null;
  /** Messages found in it (kept or left out). */
  messages: number;
  /** Why the file (or part of it) could not be read, in plain words; null when it read cleanly. */
  problem: string | null;
  /** What else is worth knowing ("1,024 bytes before the first message were skipped"). */
  notes: string[];
}

export interface ScanProgress {
  bytesRead: number;
  totalBytes: number;
  messages: number;
  /** Outside people (companies, or addresses for personal mail) found so far. */
  people: number;
  file: string;
}

export interface ScanOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ScanProgress) => void;
  /** How often progress is reported while reading (default 100 ms: ten times a second). */
  progressEveryMs?: number;
}

const GZIP = (head: Uint8Array) => head[0] === 0x1f && head[1] === 0x8b;
const FROM_LINE = (head: Uint8Array) => head[0] === 0x46 && head[1] === 0x72 && head[2] === 0x6f && head[3] === 0x6d && head[4] === 0x20;
/** A first line "Name: value" is a message's header: an .eml file. */
const HEADER_LINE = /^[!-9;-~]{1,76}:[ \t]?[^\r\n]*\r?\n/;

function isEmlName(name: string): boolean {
  return /\.eml$/i.test(name);
}

function abortError(): DOMException {
  return new DOMException('The import was cancelled.', 'AbortError');
}

/** Reads every file into `collector`; one report per file. Throws only when aborted. */
export async function scanFiles(files: readonly ImportFile[], collector: HistoryCollector, options: ScanOptions = {}): Promise<FileReport[]> {
  const totalBytes = files.reduce((sum, f) => sum + f.blob.size, 0);
  let bytesBefore = 0;
  let bytesInFile = 0;
  let lastReport = 0;
  let currentFile = '';
  const every = options.progressEveryMs ?? 100;
  const report = (force = false) => {
    const now = Date.now();
    if (!options.onProgress || (!force && now - lastReport < every)) return;
    lastReport = now;
    options.onProgress({ bytesRead: bytesBefore + bytesInFile, totalBytes, messages: collector.messagesSeen, people: collector.peopleFound, file: currentFile });
  };
  const context: ReadContext = {
    collector,
    signal: options.signal,
    addBytes(n) {
      bytesInFile += n;
      report();
    },
  };

  const reports: FileReport[] = [];
  for (const file of files) {
    if (options.signal?.aborted) throw abortError();
    currentFile = file.name;
    bytesInFile = 0;
    report(true);
    const before = collector.messagesSeen;
    const result: FileReport = { name: file.name, bytes: file.blob.size, kind: null, messages: 0, problem: null, notes: [] };
    try {
      await readFile(file, result, context);
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      result.problem = error instanceof ImportFileError ? error.message : `it could not be read (${error instanceof Error ? error.message : String(error)}).`;
    }
    result.messages = collector.messagesSeen - before;
    if (!result.problem && result.messages === 0 && result.kind !== 'eml') {
      result.problem = result.kind === 'mbox' || result.kind === null ? 'no message found: this is not an mbox file (an mbox starts with a line “From …”).' : 'no mailbox (.mbox or .eml) was found inside this archive.';
    }
    reports.push(result);
    bytesBefore += file.blob.size;
    bytesInFile = 0;
    report(true);
  }
  return reports;
}

interface ReadContext {
  collector: HistoryCollector;
  signal: AbortSignal | undefined;
  addBytes(n: number): void;
}

async function readFile(file: ImportFile, result: FileReport, context: ReadContext): Promise<void> {
  const head = await readBytes(file.blob, 0, 1024);
  if (head.length === 0) throw new ImportFileError('the file is empty.');
  if (looksLikeZip(head)) {
    result.kind = 'zip';
    return readZip(file.blob, result, context);
  }
  if (GZIP(head)) {
    result.kind = /\.(tgz|tar\.gz)$/i.test(file.name) ? 'tgz' : 'gzip';
    const raw = countBytes(file.blob.stream(), context);
    return readUnpacked(raw.pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>), file.name, result, context, 'gzip');
  }
  if (looksLikeTar(head)) {
    result.kind = 'tar';
    return readTarStream(countBytes(file.blob.stream(), context), result, context);
  }
  if (isEmlName(file.name) || (!FROM_LINE(head) && HEADER_LINE.test(latin1Head(head)))) {
    result.kind = 'eml';
    return readMailStream(file.blob, result, context, true);
  }
  if (!FROM_LINE(head) && looksBinary(head)) {
    throw new ImportFileError('this is not a mailbox: it looks like a binary file (an mbox is text that starts with a line “From …”).');
  }
  result.kind = 'mbox';
  return readMailStream(file.blob, result, context, false);
}

function latin1Head(head: Uint8Array): string {
  return String.fromCharCode(...head.subarray(0, 200));
}

function looksBinary(head: Uint8Array): boolean {
  let control = 0;
  for (const b of head) {
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return control > head.length * 0.05;
}

function countBytes(stream: ReadableStream<Uint8Array>, context: ReadContext): ReadableStream<Uint8Array> {
  return stream.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        context.addBytes(chunk.length);
        controller.enqueue(chunk);
      },
    }),
  );
}

/** Feeds a stream to `consume` chunk by chunk; stops early when it returns false. */
async function pump(stream: ReadableStream<Uint8Array>, signal: AbortSignal | undefined, consume: (chunk: Uint8Array) => boolean | void): Promise<void> {
  const reader = stream.getReader();
  return drain(reader, () => reader.read(), signal, consume);
}

const READ_BUFFER_BYTES = 1024 * 1024;

/**
 * A file's bytes read into two buffers in turn (a "BYOB" reader, where the browser offers one):
 * one is filled while the other is worked through. Chromium otherwise hands every chunk over in a
 * new buffer, and allocating, filling and collecting 256 MB of them cost the worker more than the
 * parsing did (a profile of the import: 235 ms in read(), 86 ms of garbage collection; plain
 * reading went from 762 to 275 ms in a worker). `consume` must copy what it keeps of a chunk
 * (the splitter does): the buffer is filled again afterwards. Other browsers read as pump() does.
 */
async function pumpFile(blob: Blob, signal: AbortSignal | undefined, consume: (chunk: Uint8Array) => boolean | void): Promise<void> {
  const stream = blob.stream();
  let reader: ReadableStreamBYOBReader;
  try {
    reader = stream.getReader({ mode: 'byob' });
  } catch {
    return pump(stream, signal, consume);
  }
  // Buffers free to be filled, oldest first: a chunk's buffer (handed back by its read) joins them
  // once the chunk has been worked through.
  const spare = [new ArrayBuffer(READ_BUFFER_BYTES), new ArrayBuffer(READ_BUFFER_BYTES)];
  return drain(reader, () => reader.read(new Uint8Array(spare.shift()!)), signal, consume, (chunk) => spare.push(chunk.buffer as ArrayBuffer));
}

/**
 * Works through a reader's chunks. The next chunk is asked for before this one is worked through:
 * the browser reads the file while the worker parses, instead of each waiting for the other (a
 * profile showed the worker idle half of the time without this). `consume` returning false stops.
 */
async function drain(
  reader: ReadableStreamDefaultReader<Uint8Array> | ReadableStreamBYOBReader,
  read: () => Promise<ReadableStreamReadResult<Uint8Array>>,
  signal: AbortSignal | undefined,
  consume: (chunk: Uint8Array) => boolean | void,
  consumed?: (chunk: Uint8Array) => void,
): Promise<void> {
  try {
    let next = read();
    for (;;) {
      if (signal?.aborted) throw abortError();
      const { done, value } = await next;
      if (done || !value) return;
      next = read();
      const more = consume(value);
      consumed?.(value);
      if (more === false) {
        next.catch(() => undefined);
        await reader.cancel().catch(() => undefined);
        return;
      }
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw error;
  } finally {
    reader.releaseLock();
  }
}

/** A splitter whose messages go to the collector; notes what was odd about the input. */
function mailSink(context: ReadContext, result: FileReport, single: boolean, label: string) {
  const splitter = new MboxSplitter((m) => context.collector.add(m), { single });
  const before = context.collector.leftOut.truncated;
  return {
    splitter,
    push: (chunk: Uint8Array) => splitter.push(chunk),
    end: () => {
      splitter.end();
      if (splitter.preambleBytes > 0 && !single) {
        result.notes.push(`${label}: ${splitter.preambleBytes.toLocaleString('en-US')} bytes before the first message were skipped (not part of any message).`);
      }
      if (context.collector.leftOut.truncated > before) result.notes.push(`${label} ends in the middle of a message’s headers: the file may be incomplete.`);
    },
  };
}

/**
 * A file (Blob) is read as it is, and its bytes are the progress (counted here rather than through
 * a TransformStream, which would cost a promise hop per chunk on the fastest path); a stream is
 * what an archive unpacked.
 */
async function readMailStream(source: Blob | ReadableStream<Uint8Array>, result: FileReport, context: ReadContext, single: boolean): Promise<void> {
  const sink = mailSink(context, result, single, result.name);
  // Told apart by shape, not instanceof: a File from another realm (a test's DOM) is a Blob too.
  const counted = !('getReader' in source);
  const read = (consume: (chunk: Uint8Array) => boolean) => ('getReader' in source ? pump(source, context.signal, consume) : pumpFile(source, context.signal, consume));
  await read((chunk) => {
    // A browser may hand over a file in very large chunks (Firefox gives an in-memory file whole):
    // worked through a slice at a time, progress still goes out several times a second.
    for (let at = 0; at < chunk.length && sink.splitter.wantsMore; at += SLICE_BYTES) {
      const slice = chunk.length <= SLICE_BYTES ? chunk : chunk.subarray(at, at + SLICE_BYTES);
      sink.push(slice);
      if (counted) context.addBytes(slice.length);
    }
    return sink.splitter.wantsMore;
  });
  sink.end();
}

const SLICE_BYTES = 1024 * 1024;

async function readZip(blob: Blob, result: FileReport, context: ReadContext): Promise<void> {
  const entries = await listZipEntries(blob);
  const mailboxes = entries.filter((e) => isMailboxName(e.name) && !e.name.endsWith('/'));
  let accounted = 0;
  const problems: string[] = [];
  for (const entry of mailboxes) {
    const unreadable = unreadableEntry(entry);
    if (unreadable) {
      problems.push(unreadable);
      continue;
    }
    const sink = mailSink(context, result, isEmlName(entry.name), entry.name);
    const stream = await zipEntryStream(blob, entry, (n) => {
      accounted += n;
      context.addBytes(n);
    });
    try {
      await pump(stream, context.signal, (chunk) => {
        sink.push(chunk);
        return sink.splitter.wantsMore;
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ImportFileError(`${entry.name} inside the zip is damaged or cut short (${error instanceof Error ? error.message : String(error)}). Was the download finished?`);
    }
    sink.end();
  }
  // The rest of the archive (photos, Drive files…) is not read; progress still reaches the end.
  context.addBytes(Math.max(0, blob.size - accounted));
  if (mailboxes.length === 0) throw new ImportFileError('no mailbox (.mbox or .eml) was found inside this zip. In a Takeout export, mail is in “Takeout/Mail/…mbox”.');
  if (problems.length > 0) {
    if (problems.length === mailboxes.length) throw new ImportFileError(problems.join('; '));
    result.notes.push(...problems);
  }
}

/** A decompressed stream that holds a tar archive or a single mbox. */
async function readUnpacked(stream: ReadableStream<Uint8Array>, name: string, result: FileReport, context: ReadContext, layer: string): Promise<void> {
  // The first 512 bytes decide what is inside; they are read, then fed on with the rest.
  const reader = stream.getReader();
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let finished = false;
  try {
    while (headBytes < 512) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        break;
      }
      head.push(value);
      headBytes += value.length;
    }
  } catch (error) {
    throw damaged(name, layer, error);
  }
  const first = new Uint8Array(headBytes);
  let at = 0;
  for (const part of head) {
    first.set(part, at);
    at += part.length;
  }
  const rest = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(first);
      if (finished) controller.close();
    },
    async pull(controller) {
      if (finished) return;
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  try {
    if (looksLikeTar(first)) {
      result.kind = 'tgz';
      await readTarStream(rest, result, context);
    } else if (FROM_LINE(first)) {
      await readMailStream(rest, result, context, false);
    } else if (HEADER_LINE.test(latin1Head(first))) {
      await readMailStream(rest, result, context, true);
    } else {
      throw new ImportFileError('this compressed file holds neither a tar archive nor a mailbox.');
    }
  } catch (error) {
    if (error instanceof ImportFileError || (error instanceof DOMException && error.name === 'AbortError')) throw error;
    throw damaged(name, layer, error);
  }
}

function damaged(name: string, layer: string, error: unknown): ImportFileError {
  return new ImportFileError(`${name} is damaged or cut short: its ${layer} data cannot be unpacked (${error instanceof Error ? error.message : String(error)}). Was the download finished?`);
}

async function readTarStream(stream: ReadableStream<Uint8Array>, result: FileReport, context: ReadContext): Promise<void> {
  let found = 0;
  const tar = new TarReader((name): EntrySink | null => {
    if (!isMailboxName(name)) return null;
    found++;
    return mailSink(context, result, isEmlName(name), name);
  });
  await pump(stream, context.signal, (chunk) => tar.push(chunk));
  tar.end();
  if (found === 0) throw new ImportFileError('no mailbox (.mbox or .eml) was found inside this archive. In a Takeout export, mail is in “Takeout/Mail/…mbox”.');
}
