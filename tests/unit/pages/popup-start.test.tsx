// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { cleanup, render, waitFor } from '@testing-library/preact';
import { PopupApp } from '../../../src/ui/pages/popup/PopupApp.tsx';
import { localPagesRevision } from '../../../src/ui/pages/pagesRevision.ts';
import { localLastView, type LastView } from '../../../src/ui/pages/popup/lastView.ts';
import { POPUP_ASK_MARK, POPUP_READY_MARK } from '../../../src/ui/pages/popup/marks.ts';
import { startPopup, type LoadPopup } from '../../../src/ui/pages/popup/start.ts';
import { firstScriptStarted, restLoaded, whenRestLoaded } from '../../../src/ui/pages/popup/handoff.ts';
import { addScheduleResult, emptySiteHealth } from '../../../src/core/siteHealth.ts';
import { fakeApi, memoryLastView, norms, settingsWithClients, slow, summary } from './fixtures.ts';

// The popup's first script paints the last view before Preact and the rest of the popup load, and
// hands over to them: these tests drive it with the real popup behind it (mountPopup.tsx).

const background = fakeApi(settingsWithClients(), [norms('client:acme', 'Acme', summary()), norms('client:globex', 'Globex', slow)]);

/**
 * The view a previous opening saved, as PopupApp itself saves it; the pages know the revision it
 * was drawn at, as they learn it from that opening's answers (api.ts), so it may be kept and painted.
 */
async function savedView(): Promise<LastView> {
  const store = memoryLastView();
  render(<PopupApp pagesApi={background} lastViewStore={store} counterparts={async () => []} openOptions={() => {}} />);
  await waitFor(() => expect(store.saved).toHaveLength(1));
  cleanup();
  // That opening's marks are not this one's.
  performance.clearMarks();
  localPagesRevision.learned(store.view!.revision);
  return store.view!;
}

/** What the popup's first request met: the browser's own runtime, answering popupData. */
let asked: { type: string; rootWasEmpty: boolean }[];
let root: HTMLElement;
/** What the background's siteHealth answers through the polyfill (nothing failed, unless a test says so). */
let siteHealth: () => Promise<unknown>;

beforeEach(() => {
  fakeBrowser.reset();
  localStorage.clear();
  root = document.createElement('div');
  document.body.append(root);
  asked = [];
  siteHealth = () => background.siteHealth();
  // Firefox's name for it; Chrome's is chrome.runtime (nativeRuntime takes either).
  vi.stubGlobal('browser', {
    runtime: {
      sendMessage: async (message: { type: string }) => {
        asked.push({ type: message.type, rootWasEmpty: root.childElementCount === 0 });
        return background.popupData();
      },
    },
  });
  // Everything after the first request goes through the polyfill's runtime (the fake).
  fakeBrowser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse: (value: unknown) => void) => {
    const type = (message as { type: string }).type;
    const answers: Record<string, () => Promise<unknown>> = { attention: () => background.attention(), popupData: () => background.popupData(), siteHealth: () => siteHealth() };
    void (answers[type]?.() ?? Promise.resolve({ ok: false, code: 'failed', error: `no ${type} here` })).then(sendResponse);
    return true;
  });
});
afterEach(() => {
  root.remove();
  vi.unstubAllGlobals();
});

const realPopup: LoadPopup = () => import('../../../src/ui/pages/popup/mountPopup.tsx');
const rowNames = () => [...root.querySelectorAll('.norms-row .norms-name')].map((n) => n.textContent);

describe("the popup's first script", () => {
  it('asks first, paints the last view at once, and loads the rest only after that paint', async () => {
    localLastView.save(await savedView());
    const load = vi.fn(realPopup);
    startPopup(root, load);

    // Before any await: the rows are on the page, and the request left before they were drawn.
    expect(rowNames()).toEqual(['Globex', 'Acme']);
    expect(asked).toEqual([{ type: 'popupData', rootWasEmpty: true }]);
    expect(root.getAttribute('aria-busy')).toBe('true');
    expect(performance.getEntriesByName(POPUP_ASK_MARK)).toHaveLength(1);
    expect(load).not.toHaveBeenCalled();
    expect(performance.getEntriesByName(POPUP_READY_MARK)).toHaveLength(0);

    await waitFor(() => expect(load).toHaveBeenCalledTimes(1));
    expect(performance.getEntriesByName(POPUP_READY_MARK)).toHaveLength(1);
  });

  it('mounts the rest only after that paint, also when the rest loaded first (the browser loads both scripts at once)', async () => {
    localLastView.save(await savedView());
    const page = {};
    firstScriptStarted(page);
    const { mountPopup } = await realPopup();
    // Whether the first paint's mark was set when the rest was mounted.
    const mountedAfterPaint: boolean[] = [];
    restLoaded(
      root,
      {
        mountPopup: (into, early) => {
          mountedAfterPaint.push(performance.getEntriesByName(POPUP_READY_MARK).length === 1);
          mountPopup(into, early);
        },
        readLastView: () => null,
      },
      page,
    );
    startPopup(root, () => whenRestLoaded(page));
    expect(rowNames()).toEqual(['Globex', 'Acme']);
    expect(mountedAfterPaint).toEqual([]);
    await waitFor(() => expect(mountedAfterPaint).toEqual([true]));
    await waitFor(() => expect(root.hasAttribute('aria-busy')).toBe(false));
    expect(asked).toEqual([{ type: 'popupData', rootWasEmpty: true }]);
  });

  it('hands the painted rows over to the popup, which keeps the same nodes and makes them work', async () => {
    localLastView.save(await savedView());
    startPopup(root, realPopup);
    const painted = [...root.querySelectorAll('li.norms-row')];
    await waitFor(() => expect(root.hasAttribute('aria-busy')).toBe(false));
    expect([...root.querySelectorAll('li.norms-row')]).toEqual(painted);
    expect(painted.every((row, i) => row === root.querySelectorAll('li.norms-row')[i])).toBe(true);

    // The buttons answer now: "Details" opens the row's details.
    const details = painted[0]!.querySelector<HTMLButtonElement>('button[aria-controls]')!;
    details.click();
    await waitFor(() => expect(details.getAttribute('aria-expanded')).toBe('true'));
    expect(painted[0]!.querySelector('.norms-details')).not.toBeNull();
    // The fresh figures come from the request the first script sent: no second one.
    await waitFor(() => expect(root.querySelector('[role=status]')?.textContent ?? '').not.toMatch(/^Updating/));
    expect(asked).toHaveLength(1);
  });

  it('is taken over without a visible change, and the site health line comes in as in the popup without a first paint', async () => {
    localLastView.save(await savedView());
    // The fresh figures are held back: the popup shows the last view until they come.
    let answer!: () => void;
    const held = new Promise<void>((resolve) => (answer = resolve));
    vi.stubGlobal('browser', {
      runtime: {
        sendMessage: async () => {
          await held;
          return background.popupData();
        },
      },
    });
    const week = '2026-06-15';
    let health = emptySiteHealth();
    for (let i = 0; i < 2; i++) health = addScheduleResult(health, week, 'gmail', { ok: false, step: 'picker-confirm', reason: 'r' });
    siteHealth = async () => ({ ok: true, value: { ...health, thisWeek: week }, revision: background.revision });

    startPopup(root, realPopup);
    const paintedHtml = root.innerHTML;
    const painted = [...root.querySelectorAll('*')];
    const elementsAdded: Node[] = [];
    const elementsRemoved: Node[] = [];
    const textsChanged: string[] = [];
    const observer = new MutationObserver((records) => {
      for (const record of records) {
        elementsAdded.push(...[...record.addedNodes].filter((node) => node.nodeType === Node.ELEMENT_NODE));
        elementsRemoved.push(...[...record.removedNodes].filter((node) => node.nodeType === Node.ELEMENT_NODE));
        // (happy-dom reports an empty text's old value as null.)
        const before = record.oldValue ?? '';
        if (record.type === 'characterData' && before !== record.target.textContent) textsChanged.push(`${before} → ${record.target.textContent}`);
      }
    });
    observer.observe(root, { subtree: true, childList: true, characterData: true, characterDataOldValue: true });
    await waitFor(() => expect(root.hasAttribute('aria-busy')).toBe(false));
    // Preact runs effects in a timeout set from an animation frame: one set from a later frame runs after them.
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
    // Mounted, its effects run: every painted element kept, none added or removed, no text changed.
    expect(root.innerHTML).toBe(paintedHtml);
    expect(painted.every((node) => node.isConnected)).toBe(true);
    expect({ elementsAdded, elementsRemoved, textsChanged }).toEqual({ elementsAdded: [], elementsRemoved: [], textsChanged: [] });
    observer.disconnect();

    // Main's popup asks for the site health once its figures are in; so does the taken-over one.
    answer();
    await waitFor(() => expect(root.querySelector('[aria-label="Site health"]')?.textContent).toBe("Gmail's Schedule send failed twice this week. Open Gmail and save a page report from here."));
    // Under the pause control, above the list, in the same popup the first paint drew.
    const main = root.querySelector('main')!;
    expect(painted[0]).toBe(main);
    expect([...main.children].map((child) => child.className || child.tagName.toLowerCase())).toEqual(['popup-header', 'pause row', 'health', 'section']);
    expect(rowNames()).toEqual(['Globex', 'Acme']);
  });

  it('learns the settings revision its first answer carries, as every page request does (pagesRevision.ts)', async () => {
    expect(localPagesRevision.current()).toBeNull();
    // The rest of the popup never loads here: what is learned is the first script's doing.
    startPopup(root, () => new Promise(() => {}));
    await waitFor(() => expect(localPagesRevision.current()).toBe(background.revision));
  });

  it('paints nothing without a last view (nor a forgotten one), and the popup draws the list itself', async () => {
    localLastView.save(await savedView());
    localLastView.forget();
    const load = vi.fn(realPopup);
    startPopup(root, load);
    expect(root.childElementCount).toBe(0);
    expect(root.hasAttribute('aria-busy')).toBe(false);
    // Nothing was painted to wait for: the popup loads at once.
    expect(load).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(rowNames()).toEqual(['Globex', 'Acme']));
    expect(asked).toEqual([{ type: 'popupData', rootWasEmpty: true }]);
  });
});
