// @vitest-environment happy-dom
import { File as NodeFile } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { filesFromDrop, filesFromInput } from '../../../src/ui/pages/history/pickFiles.ts';

/** A dropped file or folder, as webkitGetAsEntry describes it (readEntries answers in batches, then empty). */
function fileEntry(path: string) {
  const name = path.split('/').pop()!;
  return { isFile: true, isDirectory: false, name, fullPath: `/${path}`, file: (ok: (f: File) => void) => ok(new NodeFile(['x'], name) as unknown as File) };
}
function folderEntry(path: string, children: unknown[]) {
  let given = false;
  return {
    isFile: false,
    isDirectory: true,
    name: path.split('/').pop()!,
    fullPath: `/${path}`,
    createReader: () => ({
      readEntries: (ok: (entries: unknown[]) => void) => {
        ok(given ? [] : children);
        given = true;
      },
    }),
  };
}
function drop(entries: unknown[]): DataTransfer {
  return { items: entries.map((entry) => ({ kind: 'file', webkitGetAsEntry: () => entry })), files: [] } as unknown as DataTransfer;
}

describe('choosing and dropping files', () => {
  it('walks a dropped folder (Apple Mail’s Inbox.mbox, a folder of .eml) and keeps only mail', async () => {
    const apple = folderEntry('Inbox.mbox', [fileEntry('Inbox.mbox/mbox'), fileEntry('Inbox.mbox/Info.plist'), fileEntry('Inbox.mbox/table_of_contents')]);
    const emls = folderEntry('Exported', [fileEntry('Exported/1.eml'), fileEntry('Exported/.DS_Store'), folderEntry('Exported/2024', [fileEntry('Exported/2024/2.eml')])]);
    const files = await filesFromDrop(drop([apple, emls, fileEntry('takeout-001.zip')]));
    expect(files.map((f) => f.name)).toEqual(['Inbox.mbox/mbox', 'Exported/1.eml', 'Exported/2024/2.eml', 'takeout-001.zip']);
  });

  it('takes single chosen files as they are, and from a chosen folder only mail', () => {
    const chosen = (name: string, path = '') => Object.assign(new NodeFile(['x'], name), { webkitRelativePath: path }) as unknown as File;
    const list = [chosen('notes.txt'), chosen('mbox', 'Inbox.mbox/mbox'), chosen('Info.plist', 'Inbox.mbox/Info.plist')] as unknown as FileList;
    expect(filesFromInput(list).map((f) => f.name)).toEqual(['notes.txt', 'Inbox.mbox/mbox']);
  });
});
