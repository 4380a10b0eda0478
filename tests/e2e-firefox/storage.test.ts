/**
 * Where ReplyPace's data lives in Firefox: one IndexedDB database in the add-on's own origin
 * (moz-extension://<uuid>), written by the background page only. The mail site's origin gets
 * nothing, and removing the add-on removes the data with it.
 */
import { describe, expect, it } from 'vitest';
import { launchFirefox, readIndexedDb, type FirefoxExtension } from './harness.ts';
import { firefoxHarness } from '../kit/firefox.ts';
import { waitForStoredThread } from '../kit/harness.ts';
import { useDemoBrowser } from '../kit/flows.ts';
import { gmailDemo } from '../demo/gmail/site.ts';

let ext: FirefoxExtension;
// The Gmail demo served and its settings saved; `ext` keeps the Firefox-only operations at hand.
const harness = useDemoBrowser(gmailDemo, { name: 'firefox', launch: async () => firefoxHarness((ext = await launchFirefox())) });

describe('Firefox: storage', () => {
  it('keeps what it learns in the add-on’s database, none of it in the mail site’s origin', async () => {
    const mail = await gmailDemo.open(harness());
    await gmailDemo.openThread(mail, 0);
    const thread = (await gmailDemo.demoThreads(mail))[0]!;
    await waitForStoredThread(harness(), thread.id, thread.messages.length);
    const origin = await ext.extensionPage.evaluate(() => location.origin);
    expect(origin).toMatch(/^moz-extension:\/\//);
    expect(await readIndexedDb(ext.extensionPage, 'threads')).not.toHaveLength(0);
    // The content script never opens a database of its own under https://mail.google.com.
    const siteDatabases = await mail.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    expect(siteDatabases).not.toContain('replypace');
    await mail.close();
  });

  it('removing the add-on removes its data: a new install starts empty and welcomes again', async () => {
    await ext.uninstallAndReinstall();
    await expect(ext.extensionPage.evaluate(() => document.title)).resolves.toMatch(/ReplyPace/);
    const threads = await readIndexedDb(ext.extensionPage, 'threads').catch((error: Error) => (/No table/.test(error.message) ? [] : Promise.reject(error)));
    expect(threads).toEqual([]);
  });
});
