/**
 * The send path where only a real browser can tell: the content script orphaned by an extension
 * reload, a page script replaying WXT's "a newer content script started" message, and a card that
 * the page hides or covers. Chromium with the built extension on the Gmail demo mailbox.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { LaunchedExtension } from './harness.ts';
import { extensionWorker, isolatedWorld, nudgeCard } from './site-support.ts';
import { demo, launchOnDemo, replyInThread, THREADS } from './gmail-support.ts';

let ext: LaunchedExtension & { extensionPage: Page };
let page: Page;

beforeAll(async () => {
  ext = await launchOnDemo();
});
afterAll(async () => {
  await ext?.close();
});
beforeEach(async () => {
  await page?.close();
  page = await demo.open(ext.context);
});

const focusedInCard = (p: Page) =>
  p.evaluate(() => {
    const host = document.querySelector('replypace-nudge');
    return document.activeElement === host ? (host?.shadowRoot?.activeElement?.textContent ?? null) : null;
  });

describe('the card in a real page', () => {
  it('shows with focus on its first suggestion, never on "Send now"', async () => {
    await replyInThread(page, ext.extensionPage, THREADS.initechInstant);
    await page.click('.aoO');
    await expect.poll(() => nudgeCard(page).count()).toBe(1);
    const first = await nudgeCard(page).locator('button.suggestion').first().textContent();
    expect(await focusedInCard(page)).toBe(first);
  });

  it.each(['display: none', 'visibility: hidden', 'opacity: 0'])('a card the page hides with its own styles (%s) does not hold the send', async (style) => {
    await replyInThread(page, ext.extensionPage, THREADS.initechInstant);
    await page.addStyleTag({ content: `replypace-nudge { ${style} !important; }` });
    await page.click('.aoO');
    await expect.poll(() => demo.sent(page)).toHaveLength(1);
    expect(await page.locator('replypace-nudge').count()).toBe(0);
  });

  it('a card covered by the page (a popover in the top layer, above every z-index) does not hold the send', async () => {
    await replyInThread(page, ext.extensionPage, THREADS.initechInstant);
    await page.evaluate(() => {
      const cover = document.createElement('div');
      cover.setAttribute('popover', 'manual');
      cover.style.cssText = 'inset: 0; width: 100vw; height: 100vh; margin: 0; border: 0; background: rgba(0,0,0,.5)';
      document.body.append(cover);
      cover.showPopover();
    });
    // The cover takes the pointer: Send by keyboard, as a user behind an overlay would.
    await page.locator('.M9 [role=textbox]').press('Control+Enter');
    await expect.poll(() => demo.sent(page)).toHaveLength(1);
    expect(await page.locator('replypace-nudge').count()).toBe(0);
  });
});

describe('a page script cannot switch ReplyPace off', () => {
  it('replaying WXT’s "content script started" message leaves the send guard on', async () => {
    await replyInThread(page, ext.extensionPage, THREADS.initechInstant);
    // What any page script can do: the event name is built from the public extension id.
    await page.evaluate((id) => {
      for (const name of ['gmail', 'gmail.content', 'content']) {
        const type = `${id}:${name}:wxt:content-script-started`;
        const detail = { contentScriptName: name, messageId: 'forged' };
        document.dispatchEvent(new CustomEvent(type, { detail }));
        window.postMessage({ type, contentScriptName: name, messageId: 'forged' }, '*');
      }
    }, ext.extensionId);
    await page.waitForTimeout(100);
    await page.click('.aoO');
    await expect.poll(() => nudgeCard(page).count()).toBe(1);
    await page.waitForTimeout(300);
    expect(await demo.sent(page)).toEqual([]);
  });
});

describe('after the extension is reloaded (an update), the orphaned content script', () => {
  // Each test ends its extension: it gets its own browser.
  let own: LaunchedExtension & { extensionPage: Page };
  let mail: Page;
  beforeEach(async () => {
    own = await launchOnDemo();
    mail = await demo.open(own.context);
  });
  afterEach(async () => {
    await own?.close();
  });

  /**
   * Reloads the extension from its service worker, as an update does. The content script already
   * in the page stays, cut off: its runtime id is gone.
   */
  async function orphan() {
    const world = await isolatedWorld(mail);
    await extensionWorker(own.context, own.extensionId)
      .evaluate(() => (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload())
      .catch(() => undefined);
    await expect
      .poll(async () => (await world.session.send('Runtime.evaluate', { expression: 'String(chrome.runtime?.id)', contextId: world.contextId, returnByValue: true })).result.value)
      .toBe('undefined');
  }

  it('lets Send through instead of nudging on its old snapshot', async () => {
    await replyInThread(mail, own.extensionPage, THREADS.initechInstant);
    await orphan();
    await mail.click('.aoO');
    await expect.poll(() => demo.sent(mail)).toHaveLength(1);
    expect(await mail.locator('replypace-nudge').count()).toBe(0);
  });

  it('removes the card it left open at the next Send, which goes through', async () => {
    await replyInThread(mail, own.extensionPage, THREADS.initechInstant);
    await mail.click('.aoO');
    await expect.poll(() => nudgeCard(mail).count()).toBe(1);
    await orphan();
    await mail.click('.aoO');
    await expect.poll(() => demo.sent(mail)).toHaveLength(1);
    await expect.poll(() => mail.locator('replypace-nudge').count()).toBe(0);
  });
});
