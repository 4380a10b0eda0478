/**
 * The files a user drops or chooses: single files as they are; in a folder (a folder of .eml files,
 * Apple Mail's "Inbox.mbox" folder) only the files that hold mail, each named by its path.
 */
import { isArchiveName, isMailboxName } from '../../../import/names.ts';
import type { ChosenFile } from './importSession.ts';

/** Folder contents worth reading; Apple Mail's Info.plist and table_of_contents, .DS_Store and the like are not. */
function wantedInFolder(path: string): boolean {
  return isMailboxName(path) || isArchiveName(path);
}

/** From an <input type="file"> (with or without webkitdirectory). */
export function filesFromInput(list: FileList | null): ChosenFile[] {
  const files = [...(list ?? [])];
  return files
    .map((file) => ({ name: file.webkitRelativePath || file.name, file }))
    .filter((f) => !f.name.includes('/') || wantedInFolder(f.name));
}

interface Entry {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  fullPath: string;
  file?(success: (file: File) => void, failure: (error: unknown) => void): void;
  createReader?(): { readEntries(success: (entries: Entry[]) => void, failure: (error: unknown) => void): void };
}

async function walk(entry: Entry, out: ChosenFile[], inFolder: boolean): Promise<void> {
  if (entry.isFile && entry.file) {
    const path = entry.fullPath.replace(/^\//, '');
    if (inFolder && !wantedInFolder(path)) return;
    const file = await new Promise<File>((resolve, reject) => entry.file!(resolve, reject));
    out.push({ name: path, file });
    return;
  }
  if (entry.isDirectory && entry.createReader) {
    const reader = entry.createReader();
    // readEntries answers in batches until an empty one.
    for (;;) {
      const batch = await new Promise<Entry[]>((resolve, reject) => reader.readEntries(resolve, reject));
      if (batch.length === 0) break;
      for (const child of batch) await walk(child, out, true);
    }
  }
}

/** From a drop: folders are walked (webkitGetAsEntry), files taken as they are. */
export async function filesFromDrop(transfer: DataTransfer): Promise<ChosenFile[]> {
  const entries: Entry[] = [];
  for (const item of transfer.items) {
    const entry = item.kind === 'file' ? (item.webkitGetAsEntry?.() as unknown as Entry | null) : null;
    if (entry) entries.push(entry);
  }
  if (entries.length === 0) return [...transfer.files].map((file) => ({ name: file.name, file }));
  const out: ChosenFile[] = [];
  for (const entry of entries) await walk(entry, out, false);
  return out;
}
