import { afterEach, describe, expect, it, vi } from 'vitest';
import { attentionAfterList } from '../../../src/ui/pages/popup/PopupApp.tsx';
import type { PagesApi } from '../../../src/ui/pages/api.ts';

// The attention findings read every stored thread in the background (a good part of a second of one
// core): the popup asks for them only once the fresh list is painted, so that its ranking and paint
// do not share a two-core machine with that pass (issue 16).
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('the attention findings are asked after the fresh list', () => {
  it('not when the norms arrive, but after the frame that follows them is painted', async () => {
    vi.useFakeTimers();
    const frames: (() => void)[] = [];
    vi.stubGlobal('requestAnimationFrame', (callback: () => void) => frames.push(callback));
    const answer = { ok: true as const, value: { clients: [] }, revision: 1 };
    const attention = vi.fn(async () => answer);
    let arrive = () => {};
    const norms = new Promise<void>((resolve) => (arrive = resolve));

    const asked = attentionAfterList(norms, { attention } as unknown as PagesApi);
    await vi.advanceTimersByTimeAsync(0);
    expect(attention).not.toHaveBeenCalled();

    arrive();
    await vi.advanceTimersByTimeAsync(0);
    // The norms are in, the list is drawn in this frame: not yet.
    expect(attention).not.toHaveBeenCalled();
    expect(frames).toHaveLength(1);

    frames[0]!();
    await vi.advanceTimersByTimeAsync(0);
    expect(attention).toHaveBeenCalledTimes(1);
    await expect(asked).resolves.toBe(answer);
  });

  it('after 100 ms where no frame is drawn (a hidden popup)', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('requestAnimationFrame', () => 0);
    const attention = vi.fn(async () => ({ ok: true as const, value: { clients: [] }, revision: 1 }));
    void attentionAfterList(Promise.resolve(), { attention } as unknown as PagesApi);
    await vi.advanceTimersByTimeAsync(99);
    expect(attention).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(attention).toHaveBeenCalledTimes(1);
  });
});
