/** Small helpers of the streaming readers. */

/** A problem with one file, in words a person can act on ("the zip file is incomplete: …"). */
export class ImportFileError extends Error {
  override name = 'ImportFileError';
}

/** Bytes [start, end) of a file: only ever small slices (headers, a zip's directory), never a whole file. */
export async function readBytes(blob: Blob, start: number, end: number): Promise<Uint8Array> {
  return new Uint8Array(await blob.slice(Math.max(0, start), Math.min(blob.size, end)).arrayBuffer());
}
