import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, openExtensionPage, readIndexedDb, type LaunchedExtension } from './harness.ts';

// The background answers the extension's own pages over the typed protocol and keeps its data in
// IndexedDB: a round trip through the real service worker of the built extension.
const HOUR = 3_600_000;

async function ask(page: Page, request: unknown): Promise<{ ok: boolean; value?: unknown; code?: string; error?: string; revision?: number }> {
  return page.evaluate(
    (message) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<never> } } }).chrome.runtime.sendMessage(message),
    request,
  );
}

describe('foundation: pages ↔ background ↔ IndexedDB', () => {
  let launched: LaunchedExtension;
  let page: Page;

  beforeAll(async () => {
    launched = await launchWithExtension();
    page = await openExtensionPage(launched.context, launched.extensionId, 'popup.html');
  });
  afterAll(async () => {
    await launched?.close();
  });

  it('answers a ping with the extension version', async () => {
    expect(await ask(page, { type: 'ping' })).toMatchObject({ ok: true, value: { version: expect.stringMatching(/^\d+\.\d+/) } });
  });

  it('stores seen messages and lists the client in the norms, pushing the change to listening pages', async () => {
    // A second page listens on the norms-updates port, as the popup does for live updates.
    const listener = await openExtensionPage(launched.context, launched.extensionId, 'popup.html');
    await listener.evaluate(() => {
      const w = globalThis as unknown as { pushes: unknown[]; chrome: { runtime: { connect(o: { name: string }): { onMessage: { addListener(f: (m: unknown) => void): void } } } } };
      w.pushes = [];
      w.chrome.runtime.connect({ name: 'norms-updates' }).onMessage.addListener((m) => w.pushes.push(m));
    });

    const monday9 = Date.UTC(2026, 5, 15, 9);
    const seen = await ask(page, {
      type: 'messagesSeen',
      site: 'gmail',
      account: 'Me@Mine.com',
      messages: [
        { id: '18a41665ecb473a3', threadId: 'thread-1', from: 'bob@acme.com', to: ['me@mine.com'], at: monday9 },
        { id: '18a41665ecb473b0', threadId: 'thread-1', from: 'me@mine.com', to: ['bob@acme.com'], at: monday9 + 2 * HOUR },
      ],
    });
    expect(seen).toEqual({ ok: true, value: { added: 2, known: 0, skipped: 0 } });

    const norms = await ask(page, { type: 'listNorms' });
    expect(norms).toMatchObject({ ok: true, value: [{ clientKey: 'domain:acme.com', name: 'acme.com', summary: { count: 1 } }] });

    const threads = await readIndexedDb<{ threadId: string; site: string; messages: unknown[] }>(page, 'threads');
    expect(threads).toMatchObject([{ threadId: 'thread-1', site: 'gmail', account: 'me@mine.com' }]);
    expect(threads[0]!.messages).toHaveLength(2);

    await expect.poll(() => listener.evaluate(() => (globalThis as unknown as { pushes: unknown[] }).pushes)).toEqual([
      { type: 'normsChanged', clientKeys: ['domain:acme.com'] },
    ]);
    await listener.close();
  });

  it('keeps one record per message however many tabs report it', async () => {
    const message = { id: '18a41665ecb473a3', threadId: 'thread-1', from: 'bob@acme.com', to: ['me@mine.com'], at: Date.UTC(2026, 5, 15, 9) };
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => ask(page, { type: 'messagesSeen', site: 'gmail', account: 'me@mine.com', messages: [message] })));
    expect(answers.every((a) => a.ok && (a.value as { added: number }).added === 0)).toBe(true);
    const threads = await readIndexedDb<{ messages: unknown[] }>(page, 'threads');
    expect(threads[0]!.messages).toHaveLength(2);
  });

  it('refuses a malformed payload with a clear error, and stores nothing from it', async () => {
    const bad = await ask(page, { type: 'messagesSeen', site: 'hotmail', account: 'me@mine.com', messages: [{ id: 'x', threadId: 't', from: 'not an address', to: [], at: -5 }] });
    expect(bad).toMatchObject({ ok: false, code: 'invalid-request' });
    expect(bad.error).toMatch(/site/);
    expect(await ask(page, { type: 'dropTables' })).toMatchObject({ ok: false, code: 'invalid-request' });
    expect(await readIndexedDb(page, 'threads')).toHaveLength(1);
  });

  it('saves settings, answers a policy for a compose with the learned norms, and erases everything', async () => {
    const current = await ask(page, { type: 'getSettings' });
    expect(current.ok).toBe(true);
    const settings = current.value as { clients: unknown[] };
    const saved = await ask(page, {
      type: 'saveSettings',
      settings: { ...settings, clients: [{ id: 'acme', name: 'Acme', addresses: [], domains: ['acme.com'], mode: 'account', createdAt: 0 }] },
    });
    expect(saved).toMatchObject({ ok: true, value: { problems: [] } });
    // The client rule now groups acme.com under the client: norms were rebuilt.
    expect(await ask(page, { type: 'listNorms' })).toMatchObject({ ok: true, value: [{ clientKey: 'client:acme', name: 'Acme' }] });

    const policy = await ask(page, { type: 'policyFor', site: 'gmail', account: 'me@mine.com', recipients: ['bob@acme.com'], threadId: 'thread-1' });
    expect(policy).toMatchObject({ ok: true, value: { clientKey: 'client:acme', mode: 'account', norms: { count: 1 }, lastInboundAt: null } });

    // The erase raises the settings revision (store/revision.ts): pages holding the old view see it changed.
    const erased = await ask(page, { type: 'eraseAll' });
    expect(erased).toEqual({ ok: true, value: { erased: true }, revision: expect.any(Number) });
    expect(erased.revision).toBeGreaterThan(saved.revision!);
    expect(await readIndexedDb(page, 'threads')).toEqual([]);
    // Read after the erase: at that revision or later.
    const norms = await ask(page, { type: 'listNorms' });
    expect(norms).toEqual({ ok: true, value: [], revision: expect.any(Number) });
    expect(norms.revision).toBeGreaterThanOrEqual(erased.revision!);
  });
});
