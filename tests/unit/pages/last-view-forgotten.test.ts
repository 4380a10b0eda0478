// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultSettings } from '../../../src/core/settings.ts';
import { api } from '../../../src/ui/pages/api.ts';
import { LAST_VIEW_VERSION, localLastView, type LastView } from '../../../src/ui/pages/popup/lastView.ts';

// The popup paints its last view before asking the background anything. Every request of the
// pages' `api` that changes the settings or erases data must forget that view before it is sent,
// so no renamed, deleted or erased client is ever painted from it (popup/lastView.ts names the two
// changes that do not go through `api`, neither of which changes what the view draws).
const view: LastView = {
  version: LAST_VIEW_VERSION,
  savedAt: Date.UTC(2026, 10, 23, 9),
  rows: [],
  rowCount: 0,
  attentionCount: 0,
  clientCount: 1,
  pausedUntil: null,
  attention: [{ clientKey: 'client:acme', name: 'Acme', findings: [] }],
};

/** What the background received, and whether the view was still stored when it did. */
const received: { type: string; viewStillStored: boolean }[] = [];

beforeEach(() => {
  fakeBrowser.reset();
  localStorage.clear();
  received.length = 0;
  fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
    const type = (message as { type: string }).type;
    received.push({ type, viewStillStored: localLastView.read() !== null });
    return Promise.resolve({ ok: true, value: {} });
  });
});

describe("the popup's last view", () => {
  const changes: [string, () => Promise<unknown>][] = [
    ['saveSettings', () => api.saveSettings(defaultSettings('UTC'))],
    ['importSettings', () => api.importSettings('{}')],
    ['pause', () => api.pause(Date.UTC(2026, 10, 24))],
    ['eraseAll', () => api.eraseAll()],
  ];

  it.each(changes)('is forgotten before %s is sent', async (type, request) => {
    localLastView.save(view);
    expect(localLastView.read()).toEqual(view);
    await request();
    expect(received).toEqual([{ type, viewStillStored: false }]);
    expect(localLastView.read()).toBeNull();
  });

  it('is kept by the requests that only read', async () => {
    localLastView.save(view);
    await api.getSettings();
    await api.listNorms();
    await api.attention();
    await api.exportSettings();
    expect(received.map((r) => r.type)).toEqual(['getSettings', 'listNorms', 'attention', 'exportSettings']);
    expect(localLastView.read()).toEqual(view);
  });
});
