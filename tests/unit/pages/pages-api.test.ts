// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultSettings } from '../../../src/core/settings.ts';
import { PAGE_REQUEST_CHANGES } from '../../../src/messaging/constants.ts';
import type { PageRequest } from '../../../src/messaging/protocol.ts';
import { api } from '../../../src/ui/pages/api.ts';
import { localPagesRevision, PAGES_REVISION_KEY } from '../../../src/ui/pages/pagesRevision.ts';
import { LAST_VIEW_KEY, LAST_VIEW_VERSION, localLastView, type LastView } from '../../../src/ui/pages/popup/lastView.ts';

// Every request of the pages goes through one function that keeps the settings revision the pages
// know (pagesRevision.ts), and the popup's last view is painted only at that revision. These tests
// hold that function to it, request by request; last-view-race.test.tsx plays the races against
// the real background.

const view = (revision: number): LastView => ({
  version: LAST_VIEW_VERSION,
  savedAt: Date.UTC(2026, 10, 23, 9),
  revision,
  rows: [],
  rowCount: 0,
  attentionCount: 0,
  clientCount: 1,
  pausedUntil: null,
  attention: [{ clientKey: 'client:acme', name: 'Acme', findings: [] }],
});

/** Every page request, made through the pages' API (a new request type fails to compile until it is added). */
const calls = {
  getSettings: () => api.getSettings(),
  saveSettings: () => api.saveSettings(defaultSettings('UTC')),
  importSettings: () => api.importSettings('{}'),
  exportSettings: () => api.exportSettings(),
  listNorms: () => api.listNorms(),
  eraseAll: () => api.eraseAll(),
  pause: () => api.pause(Date.UTC(2026, 10, 24)),
  reportData: () => api.reportData('client:acme', 0, Date.UTC(2026, 10, 24)),
  attention: () => api.attention(),
  siteHealth: () => api.siteHealth(),
  importPart: () => api.importPart('imp', 0, []),
  importCommit: () => api.importCommit({ importId: 'imp', fileKey: 'k', label: 'x', account: 'me@mine.com', parts: 0, dateRange: null }),
  importUndo: () => api.importUndo('imp'),
  importList: () => api.importList(),
  patternProposals: () => api.patternProposals(),
  popupData: () => api.popupData(),
} satisfies Record<PageRequest['type'], () => Promise<unknown>>;
const types = Object.keys(calls) as (keyof typeof calls)[];

/** Makes `answer` the background (the fake runtime takes answers through sendResponse). */
function background(answer: (message: unknown) => Promise<unknown>): void {
  fakeBrowser.runtime.onMessage.removeAllListeners();
  fakeBrowser.runtime.onMessage.addListener((message: unknown, _sender: unknown, sendResponse: (answer: unknown) => void) => {
    void answer(message).then(sendResponse);
    return true;
  });
}

/** The background's revision, what it received, and whether the view could be painted at that moment. */
let backgroundRevision: number;
const received: { type: string; paintable: boolean }[] = [];

beforeEach(() => {
  fakeBrowser.reset();
  localStorage.clear();
  received.length = 0;
  backgroundRevision = 7;
  background(async (message) => {
    const type = (message as { type: keyof typeof calls }).type;
    received.push({ type, paintable: localLastView.read() !== null });
    if (PAGE_REQUEST_CHANGES[type]) backgroundRevision += 1;
    return { ok: true, value: {}, revision: backgroundRevision };
  });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A view at the revision the pages know (learned from a read), as the popup leaves it. */
async function viewAtKnownRevision(): Promise<void> {
  await api.getSettings();
  localLastView.save(view(7));
  received.length = 0;
  expect(localLastView.read()).toEqual(view(7));
}

describe("the pages' API and the popup's last view", () => {
  it.each(types.filter((t) => PAGE_REQUEST_CHANGES[t]))('forgets the view before %s is sent, and learns the revision it wrote', async (type) => {
    await viewAtKnownRevision();
    await calls[type]();
    expect(received).toEqual([{ type, paintable: false }]);
    expect(localStorage.getItem(LAST_VIEW_KEY)).toBeNull();
    expect(localPagesRevision.current()).toBe(8);
    // A view drawn before the change (at 7) is not kept any more; one drawn after it is.
    localLastView.save(view(7));
    expect(localLastView.read()).toBeNull();
    localLastView.save(view(8));
    expect(localLastView.read()).toEqual(view(8));
  });

  it.each(types.filter((t) => !PAGE_REQUEST_CHANGES[t]))('keeps the view through %s, which only reads', async (type) => {
    await viewAtKnownRevision();
    await calls[type]();
    expect(received).toEqual([{ type, paintable: true }]);
    expect(localLastView.read()).toEqual(view(7));
  });

  it('holds every view back while a change is unanswered, and after a change that got no answer', async () => {
    await viewAtKnownRevision();
    let answer: (value: unknown) => void = () => {};
    background(() => new Promise((resolve) => (answer = resolve)));
    const renaming = api.saveSettings(defaultSettings('UTC'));
    // Written or not yet, nobody knows: nothing is painted or kept meanwhile.
    expect(localPagesRevision.current()).toBeNull();
    localLastView.save(view(7));
    expect(localLastView.read()).toBeNull();
    answer({ ok: true, value: {}, revision: 8 });
    await renaming;
    expect(localPagesRevision.current()).toBe(8);

    // No answer at all (the background hung): the change may still land, so the revision is unknown until an answer tells it.
    vi.useFakeTimers();
    background(() => new Promise(() => {}));
    const lost = api.eraseAll();
    await vi.advanceTimersByTimeAsync(8000);
    expect(await lost).toMatchObject({ ok: false, code: 'timeout' });
    expect(localPagesRevision.current()).toBeNull();
  });

  it("lets a change lapse when its page was closed before the answer, and never lowers what it learned", () => {
    const now = Date.UTC(2026, 10, 23, 9);
    localPagesRevision.learned(7);
    localPagesRevision.changeSent(8000, now);
    expect(localPagesRevision.current(now + 7999)).toBeNull();
    expect(localPagesRevision.current(now + 8000)).toBe(7);
    localPagesRevision.learned(5);
    expect(localPagesRevision.current(now + 8000)).toBe(7);
    localPagesRevision.learned(9);
    expect(localPagesRevision.current(now + 8000)).toBe(9);
    // Damaged storage reads as "unknown": nothing is painted.
    localStorage.setItem(PAGES_REVISION_KEY, '{oops');
    expect(localPagesRevision.current()).toBeNull();
  });
});
