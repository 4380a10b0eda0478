/**
 * The demo mailboxes (tests/demo, by the Gmail and Outlook issues) served in Firefox: the same
 * files, URLs and settings the Chromium tests use, answered through BiDi interception instead of
 * Playwright routes, and their `window.__demo` hooks read with puppeteer.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import type { Settings } from '../../src/core/settings.ts';
import { demoSettings } from '../demo/gmail/settings.ts';
import { outlookDemoHtml } from '../demo/outlook/page.ts';
import { GMAIL_DEMO_URL, OUTLOOK_DEMO_URL } from '../demo/serve.ts';
import { CONVERSATIONS, INLINE_BODY, INLINE_SEND, OUTLOOK_LIVE, OUTLOOK_OFFICE } from '../e2e/outlook-support.ts';
import { readIndexedDb, type FirefoxExtension } from './harness.ts';

export { CONVERSATIONS, GMAIL_DEMO_URL, INLINE_BODY, INLINE_SEND, OUTLOOK_DEMO_URL, OUTLOOK_LIVE, OUTLOOK_OFFICE, demoSettings };

const GMAIL_DEMO_DIR = resolve(import.meta.dirname, '..', 'demo', 'gmail');

/** The Gmail demo's two files at https://mail.google.com/ (as tests/demo/serve.ts does for Playwright). */
export function serveGmailDemo(ext: FirefoxExtension): void {
  const html = readFileSync(resolve(GMAIL_DEMO_DIR, 'index.html'), 'utf8');
  const script = readFileSync(resolve(GMAIL_DEMO_DIR, 'demo.js'), 'utf8');
  ext.serve(new URL(GMAIL_DEMO_URL).origin + '/', ({ url, destination }) => {
    if (url.pathname.endsWith('/demo.js')) return { contentType: 'text/javascript; charset=utf-8', body: script };
    return destination === 'document' ? { contentType: 'text/html; charset=utf-8', body: html } : null;
  });
}

/** The Outlook demo for every page of these origins (outlook.office.com and outlook.live.com by default). */
export function serveOutlookDemo(ext: FirefoxExtension, origins = [OUTLOOK_OFFICE, OUTLOOK_LIVE]): void {
  const html = outlookDemoHtml();
  for (const origin of origins) {
    ext.serve(`${origin}/`, ({ destination }) => (destination === 'document' ? { contentType: 'text/html; charset=utf-8', body: html } : null));
  }
}

/** Saves settings through the extension's own protocol, from its welcome page. */
export async function seedSettings(ext: FirefoxExtension, settings: Settings = demoSettings()): Promise<void> {
  const answer = await ext.ask<{ ok?: boolean; value?: { problems?: string[] } }>({ type: 'saveSettings', settings });
  if (!answer?.ok) throw new Error(`The background refused the demo settings: ${JSON.stringify(answer)}`);
  const problems = answer.value?.problems ?? [];
  if (problems.length) throw new Error(`The demo settings had problems: ${problems.join('; ')}`);
}

export async function openDemo(ext: FirefoxExtension, url: string, options: { faults?: string[]; hash?: string } = {}): Promise<Page> {
  const query = options.faults?.length ? `?faults=${options.faults.join(',')}` : '';
  const page = await ext.openPage(`${url}${query}${options.hash ?? ''}`);
  await page.waitForFunction(() => '__demo' in window || '__outlookDemo' in window);
  return page;
}

export interface DemoSend { id: string; composeId: string; duplicate: boolean; at: number }
export interface DemoScheduled { composeId: string; at: number; to: string }

type DemoWindow = {
  __demo: {
    sent(): DemoSend[];
    scheduled(): DemoScheduled[];
    openComposes(): string[];
    openThread(index: number): void;
    threads: { messages: { id: string }[] }[];
  };
};

export const demo = {
  sent: (page: Page) => page.evaluate(() => (window as unknown as DemoWindow).__demo.sent()),
  scheduled: (page: Page) => page.evaluate(() => (window as unknown as DemoWindow).__demo.scheduled()),
  openComposes: (page: Page) => page.evaluate(() => (window as unknown as DemoWindow).__demo.openComposes()),
  openThread: (page: Page, index: number) => page.evaluate((i) => (window as unknown as DemoWindow).__demo.openThread(i), index),
  threadMessageIds: (page: Page, index: number) =>
    page.evaluate((i) => (window as unknown as DemoWindow).__demo.threads[i]!.messages.map((m) => m.id), index),
};

/** Waits until the background has stored these messages (the content script read the thread). */
export async function waitForStoredMessages(ext: FirefoxExtension, ids: string[], timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const threads = await readIndexedDb<{ messages: { id: string }[] }>(ext.extensionPage, 'threads').catch(() => []);
    const stored = new Set(threads.flatMap((t) => t.messages.map((m) => m.id)));
    if (ids.every((id) => stored.has(id))) return;
    if (Date.now() > deadline) throw new Error(`Messages not stored: ${ids.filter((id) => !stored.has(id)).join(', ')}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

export interface OutlookRecord { composeId: string; at: number; to: string[]; scheduledFor: number | null; duplicate: boolean }

type OutlookDemoWindow = { __outlookDemo: { sent: OutlookRecord[]; scheduled: OutlookRecord[]; openComposes(): string[]; openConversation(i: number): void } };

export const outlookDemo = {
  sent: (page: Page) => page.evaluate(() => (window as unknown as OutlookDemoWindow).__outlookDemo.sent),
  scheduled: (page: Page) => page.evaluate(() => (window as unknown as OutlookDemoWindow).__outlookDemo.scheduled),
  openComposes: (page: Page) => page.evaluate(() => (window as unknown as OutlookDemoWindow).__outlookDemo.openComposes()),
  openConversation: (page: Page, index: number) => page.evaluate((i) => (window as unknown as OutlookDemoWindow).__outlookDemo.openConversation(i), index),
};

export interface StoredThread { threadId: string; site: string; account: string; messages: { id: string; direction: 'in' | 'out'; counterparts: string[]; at: number }[] }

/** Waits until the background has stored at least `count` messages of this thread. */
export async function waitForStoredThread(ext: FirefoxExtension, threadId: string, count: number, timeoutMs = 10_000): Promise<StoredThread> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const threads = await readIndexedDb<StoredThread>(ext.extensionPage, 'threads').catch(() => []);
    const thread = threads.find((t) => t.threadId === threadId);
    if (thread && thread.messages.length >= count) return thread;
    if (Date.now() > deadline) throw new Error(`Thread ${threadId} not stored with ${count} messages (has ${thread?.messages.length ?? 0})`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** The nudge card, inside the open shadow root of its <replypace-nudge> host. */
export const NUDGE_CARD = 'replypace-nudge >>> [role=alertdialog]';

export async function nudgeCardCount(page: Page): Promise<number> {
  return (await page.$$(NUDGE_CARD)).length;
}

export async function nudgeCardText(page: Page): Promise<string> {
  return page.$eval(NUDGE_CARD, (card) => card.textContent ?? '');
}

/** Clicks a button of the card by its visible text, as a user would (real pointer events). */
export async function clickCardButton(page: Page, text: string | RegExp): Promise<void> {
  const buttons = await page.$$('replypace-nudge >>> button');
  for (const button of buttons) {
    const label = await button.evaluate((b) => (b.textContent ?? '').trim());
    if (typeof text === 'string' ? label === text : text.test(label)) {
      await button.click();
      return;
    }
  }
  throw new Error(`No button "${String(text)}" in the nudge card`);
}

export async function firstSuggestion(page: Page) {
  const suggestion = await page.$('replypace-nudge >>> button.suggestion');
  if (!suggestion) throw new Error('The nudge card has no suggestion');
  return suggestion;
}

export interface StoredOutcome { site: string; clientKey: string; choice: string; reasons: string[]; scheduledFor: number | null; at: number }
export const outcomes = (ext: FirefoxExtension) => readIndexedDb<StoredOutcome>(ext.extensionPage, 'outcomes');

/** Polls until `read` satisfies `ok` (like expect.poll, for values the assertions then check). */
export async function waitUntil<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((done) => setTimeout(done, 100));
  }
}
