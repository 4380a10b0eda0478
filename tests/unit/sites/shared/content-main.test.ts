// @vitest-environment happy-dom
/**
 * The content script's own life: what it does about cards left by an instance that is gone, about
 * WXT's "a newer script started" signal (which a page script can forge), and about its extension
 * going away under it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { gmailSite } from '../../../../src/sites/gmail/site.ts';
import { runContentScript } from '../../../../src/sites/shared/content-main.ts';
import type { TabRequest } from '../../../../src/messaging/protocol.ts';
import { loadGmailPage } from './page-double.ts';

let wxt: AbortController;
/** What the popup asks the tab; every answer given (one per live instance). */
async function ask(): Promise<{ counterparts: string[] }[]> {
  const answers: { counterparts: string[] }[] = [];
  await fakeBrowser.runtime.onMessage.trigger({ type: 'replypace:threadCounterparts' } satisfies TabRequest, {}, (answer: { counterparts: string[] }) => answers.push(answer));
  return answers;
}

beforeEach(() => {
  fakeBrowser.reset();
  loadGmailPage();
  wxt = new AbortController();
  // The background answers nothing the page asks: the content script fails open.
  fakeBrowser.runtime.onMessage.addListener(() => undefined);
});
afterEach(() => {
  wxt.abort();
  fakeBrowser.runtime.id = 'test-extension-id';
});

describe('the content script instance', () => {
  it('removes a card left in the page by an instance that is gone', () => {
    const stale = document.createElement('replypace-nudge');
    document.body.append(stale);
    runContentScript(gmailSite, wxt.signal);
    expect(stale.isConnected).toBe(false);
  });

  it('does not believe a forged "newer script started" (WXT aborts its context) while it is the newest and its extension is there', async () => {
    runContentScript(gmailSite, wxt.signal);
    wxt.abort();
    const answers = await ask();
    expect(answers).toHaveLength(1);
    expect(answers[0]!.counterparts).toContain('jana.berger@acme-corp.com');
  });

  it('stops when its extension is gone (an update or removal took its runtime id) and WXT says so', async () => {
    runContentScript(gmailSite, wxt.signal);
    fakeBrowser.runtime.id = undefined as unknown as string;
    wxt.abort();
    expect(await ask()).toEqual([]);
  });

  it('stops when a newer instance took over in its world', async () => {
    runContentScript(gmailSite, wxt.signal);
    const newer = new AbortController();
    runContentScript(gmailSite, newer.signal);
    wxt.abort();
    // The newer one answers; the old one has removed its listener (one answer, not two).
    expect(await ask()).toHaveLength(1);
    newer.abort();
  });
});
