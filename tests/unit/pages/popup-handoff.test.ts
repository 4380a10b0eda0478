import { describe, expect, it, vi } from 'vitest';
import { firstScriptStarted, offerRest, restLoaded, wasStarted, whenRestLoaded, type PopupRest } from '../../../src/ui/pages/popup/handoff.ts';
import type { LastView } from '../../../src/ui/pages/popup/lastView.ts';

// The popup's two scripts meet on the page's window, whichever loads first (handoff.ts). Each
// test gives them a window of its own.

const root = {} as HTMLElement;
const view = { version: 1, savedAt: 1, revision: 3, rows: [], rowCount: 0, attentionCount: 0, clientCount: 0, pausedUntil: null, attention: [] } satisfies LastView;

function rest() {
  return { mountPopup: vi.fn<PopupRest['mountPopup']>(), readLastView: vi.fn(() => view) };
}

describe("the popup's handoff between its first script and the rest", () => {
  it('the rest loaded after the first script asked for it: handed over at once, and not mounted by itself', async () => {
    const page = {};
    firstScriptStarted(page);
    const asked = whenRestLoaded(page);
    const loaded = rest();
    restLoaded(root, loaded, page);
    expect(await asked).toBe(loaded);
    expect(loaded.mountPopup).not.toHaveBeenCalled();
    expect(loaded.readLastView).not.toHaveBeenCalled();
  });

  it('the rest loaded before the first script asked (its paint still to come): kept until asked', async () => {
    const page = {};
    firstScriptStarted(page);
    const loaded = rest();
    restLoaded(root, loaded, page);
    expect(loaded.mountPopup).not.toHaveBeenCalled();
    expect(await whenRestLoaded(page)).toBe(loaded);
  });

  it('without the first script (its file did not load), the rest mounts the popup itself, from the last view, asking the background itself', () => {
    const page = {};
    expect(wasStarted(page)).toBe(false);
    const loaded = rest();
    restLoaded(root, loaded, page);
    expect(loaded.mountPopup).toHaveBeenCalledExactlyOnceWith(root, { lastView: view, popupData: null });
  });

  it('the first script starting again (never expected) keeps what the rest offered', async () => {
    const page = {};
    firstScriptStarted(page);
    const loaded = rest();
    offerRest(loaded, page);
    firstScriptStarted(page);
    expect(wasStarted(page)).toBe(true);
    expect(await whenRestLoaded(page)).toBe(loaded);
  });
});
