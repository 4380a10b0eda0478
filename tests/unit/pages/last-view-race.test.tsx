// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { defaultSettings, type Settings } from '../../../src/core/settings.ts';
import { openDatabase, type ReplyPaceDb } from '../../../src/store/index.ts';
import { api } from '../../../src/ui/pages/api.ts';
import { PopupApp } from '../../../src/ui/pages/popup/PopupApp.tsx';
import { LAST_VIEW_KEY, parseLastView } from '../../../src/ui/pages/popup/lastView.ts';
import { extensionPage, gmailTab, testServer, type TestServer } from '../background/test-server.ts';

// The race the popup's last view guards against, played against the real background (server and
// store over an in-memory IndexedDB) and the real pages' API and localStorage: after a client is
// renamed, deleted or erased in another page, no popup opening ever paints it from its last view,
// whenever it opens (before, during or after the change's answer) and even when an opening that
// started before the change saves its view afterwards.

const pageSender = extensionPage('options.html');

let db: ReplyPaceDb;
let server: TestServer;
/** Answers of these request types wait, once the background has handled them, until released. */
const held = new Map<string, { handled: () => void; released: Promise<void> }>();

/** Holds the next answers of `type` after the background handled them (written, not yet answered). */
function holdAnswers(type: string): { handled: Promise<void>; release(): void } {
  let handled = () => {};
  let release = () => {};
  const handledPromise = new Promise<void>((resolve) => (handled = resolve));
  held.set(type, { handled, released: new Promise<void>((resolve) => (release = resolve)) });
  return { handled: handledPromise, release: () => (held.delete(type), release()) };
}

beforeEach(() => {
  fakeBrowser.reset();
  localStorage.clear();
  performance.clearMarks();
  held.clear();
  db = openDatabase(`race-${Math.random()}`);
  // The real clock, the one the popup it answers reads.
  server = testServer(db, { now: () => Date.now() });
  // The fake runtime takes answers through sendResponse.
  fakeBrowser.runtime.onMessage.addListener((message: unknown, _sender: unknown, sendResponse: (answer: unknown) => void) => {
    void (async () => {
      const answer = await server.handle(message, pageSender);
      const gate = held.get((message as { type: string }).type);
      if (gate) {
        gate.handled();
        await gate.released;
      }
      sendResponse(answer);
    })();
    return true;
  });
});
afterEach(async () => {
  cleanup();
  vi.useRealTimers();
  await db.delete();
});

function settingsWith(...names: string[]): Settings {
  const settings = defaultSettings('UTC');
  names.forEach((name, i) => settings.clients.push({ id: `c${i}`, name, addresses: [], domains: [`${name.toLowerCase()}.com`], mode: 'account', createdAt: i + 1 }));
  return settings;
}

const shownNames = () => [...document.querySelectorAll('.norms-name')].map((n) => n.textContent ?? '');
const storedView = () => parseLastView(JSON.parse(localStorage.getItem(LAST_VIEW_KEY) ?? 'null'));

interface Opening {
  /** The names in the very first render: the last view, when one was painted. */
  firstPaint: string[];
  /** Every name any render of this opening showed. */
  everShown: Set<string>;
  close(): void;
}

/** Opens the popup, recording every client name it shows from its first render on. */
function openPopup(): Opening {
  cleanup();
  performance.clearMarks();
  render(<PopupApp counterparts={async () => []} mailTab={async () => null} openOptions={() => {}} />);
  const firstPaint = shownNames();
  const everShown = new Set(firstPaint);
  const observer = new MutationObserver(() => shownNames().forEach((name) => everShown.add(name)));
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  return { firstPaint, everShown, close: () => (observer.disconnect(), cleanup()) };
}

/** Opens the popup and waits until it has shown the fresh rows and kept its view for the next opening. */
async function openAndKeepView(expected: string[]): Promise<Opening> {
  const opening = openPopup();
  await waitFor(() => expect(storedView()?.rows.map((r) => r.name).sort()).toEqual([...expected].sort()));
  opening.close();
  return opening;
}

/** The changes another page makes that take "Acme" away. */
const changes: [string, () => Promise<unknown>][] = [
  ['renamed in the options', () => api.saveSettings(settingsWith('Northwind', 'Globex'))],
  ['deleted in the options', () => api.saveSettings(settingsWith('Globex'))],
  ['replaced by an imported settings file', async () => {
    const file = JSON.stringify({ format: 'replypace-settings', version: 1, exportedAt: '2026-06-17T12:00:00.000Z', settings: settingsWith('Northwind', 'Globex') });
    return api.importSettings(file);
  }],
  ['erased with everything', () => api.eraseAll()],
];

describe("the popup's last view and another page's change", () => {
  it('is painted at once while nothing changed (the view these tests take away)', async () => {
    await api.saveSettings(settingsWith('Acme', 'Globex'));
    await openAndKeepView(['Acme', 'Globex']);
    const again = openPopup();
    expect(again.firstPaint.sort()).toEqual(['Acme', 'Globex']);
  });

  it.each(changes)('never paints a client %s', async (_how, change) => {
    await api.saveSettings(settingsWith('Acme', 'Globex'));
    await openAndKeepView(['Acme', 'Globex']);
    expect(await change()).toMatchObject({ ok: true });
    const after = openPopup();
    await waitFor(() => expect(screen.queryByText(/Loading|Updating the figures/)).toBeNull());
    await waitFor(() => expect(shownNames()).not.toContain('Acme'));
    expect([...after.everShown]).not.toContain('Acme');
  });

  it('paints nothing from the view while the change is written but not answered, and keeps no view meanwhile', async () => {
    await api.saveSettings(settingsWith('Acme', 'Globex'));
    await openAndKeepView(['Acme', 'Globex']);
    const gate = holdAnswers('saveSettings');
    const renaming = api.saveSettings(settingsWith('Northwind', 'Globex'));
    await gate.handled;
    const during = openPopup();
    await waitFor(() => expect(shownNames()).toContain('Northwind'));
    // Its figures are in, but the change is still unanswered: no view is kept from them.
    await waitFor(() => expect(performance.getEntriesByName('replypace:popup-settled')).toHaveLength(1));
    expect(localStorage.getItem(LAST_VIEW_KEY)).toBeNull();
    during.close();
    expect([...during.everShown]).not.toContain('Acme');
    gate.release();
    await renaming;
    const after = openPopup();
    expect(after.firstPaint).not.toContain('Acme');
    await waitFor(() => expect(shownNames()).toContain('Northwind'));
    expect([...after.everShown]).not.toContain('Acme');
  });

  it('keeps no view drawn before the change by an opening that finishes after it', async () => {
    await api.saveSettings(settingsWith('Acme', 'Globex'));
    // An opening reads the settings and norms, and its findings are on their way...
    const gate = holdAnswers('attention');
    const before = openPopup();
    await gate.handled;
    await waitFor(() => expect(shownNames()).toContain('Acme'));
    // ...when another page renames Acme, and is answered.
    expect(await api.saveSettings(settingsWith('Northwind', 'Globex'))).toMatchObject({ ok: true });
    gate.release();
    await waitFor(() => expect(performance.getEntriesByName('replypace:popup-settled')).toHaveLength(1));
    expect(localStorage.getItem(LAST_VIEW_KEY)).toBeNull();
    before.close();
    const after = openPopup();
    expect(after.firstPaint).toEqual([]);
    await waitFor(() => expect(shownNames()).toContain('Northwind'));
    expect([...after.everShown]).not.toContain('Acme');
  });

  it('paints nothing from the view after a page closed before its change was answered, until that change lapses', async () => {
    await api.saveSettings(settingsWith('Acme', 'Globex'));
    await openAndKeepView(['Acme', 'Globex']);
    const gate = holdAnswers('saveSettings');
    // The options page sends the rename and is closed: its answer never comes.
    void api.saveSettings(settingsWith('Northwind', 'Globex'));
    await gate.handled;
    const during = openPopup();
    await waitFor(() => expect(shownNames()).toContain('Northwind'));
    await waitFor(() => expect(performance.getEntriesByName('replypace:popup-settled')).toHaveLength(1));
    during.close();
    expect(during.firstPaint).toEqual([]);
    expect(localStorage.getItem(LAST_VIEW_KEY)).toBeNull();
    // Past the change's own deadline (the pages' 8 s), the popup keeps views again, and paints them.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 8_001);
    await openAndKeepView(['Northwind', 'Globex']);
    expect(openPopup().firstPaint.sort()).toEqual(['Globex', 'Northwind']);
  });

  it('paints the view after a change no page saw (a snooze from the card), and keeps it again at the new revision', async () => {
    await api.saveSettings(settingsWith('Acme', 'Globex'));
    await openAndKeepView(['Acme', 'Globex']);
    const revision = storedView()!.revision;
    expect(await server.handle({ type: 'snoozeClient', clientKey: 'client:c0', until: Date.now() + 3_600_000 }, gmailTab)).toMatchObject({ ok: true });
    // Nothing a snooze changes is drawn: the view is painted, then kept again at the revision the fresh answers carry.
    const after = openPopup();
    expect(after.firstPaint.sort()).toEqual(['Acme', 'Globex']);
    await waitFor(() => expect(storedView()?.revision).toBeGreaterThan(revision));
  });
});
