/**
 * Acting on a mail site's own controls the way a user does. Gmail ignores a bare `.click()` on
 * its menus and dialogs: it listens to the whole pointer sequence, with coordinates, on the
 * innermost element. And its inputs keep their own value tracking, so values are set through the
 * native setter and announced with input/change events.
 */
import type { ScheduleResult } from '../contract.ts';

/** The element a real pointer at the centre of `el` would hit, if it belongs to `el`. */
function innermostAt(el: Element, x: number, y: number): Element {
  const hit = el.ownerDocument.elementFromPoint?.(x, y);
  if (hit && el.contains(hit)) return hit;
  let inner = el;
  while (inner.firstElementChild) inner = inner.firstElementChild;
  return inner;
}

export function pointerClick(el: Element): void {
  const rect = el.getBoundingClientRect();
  const x = rect.left + rect.width / 2;
  const y = rect.top + rect.height / 2;
  const target = innermostAt(el, x, y);
  const view = el.ownerDocument.defaultView;
  const base = { bubbles: true, cancelable: true, composed: true, clientX: x, clientY: y, screenX: x, screenY: y, button: 0, view };
  const Pointer = view?.PointerEvent ?? view?.MouseEvent ?? MouseEvent;
  const Mouse = view?.MouseEvent ?? MouseEvent;
  const pointer = { ...base, pointerId: 1, pointerType: 'mouse', isPrimary: true };
  target.dispatchEvent(new Pointer('pointerdown', { ...pointer, buttons: 1 }));
  target.dispatchEvent(new Mouse('mousedown', { ...base, buttons: 1 }));
  target.dispatchEvent(new Pointer('pointerup', { ...pointer, buttons: 0 }));
  target.dispatchEvent(new Mouse('mouseup', { ...base, buttons: 0 }));
  target.dispatchEvent(new Mouse('click', { ...base, buttons: 0, detail: 1 }));
}

/** Presses Escape on `el`, as the user would to close a menu or dialog (the site's own handlers close it). */
export function pressEscape(el: Element): void {
  const view = el.ownerDocument.defaultView;
  el.dispatchEvent(new (view?.KeyboardEvent ?? KeyboardEvent)('keydown', { key: 'Escape', code: 'Escape', keyCode: 27, bubbles: true, cancelable: true }));
}

/** Sets a field as typing would: the prototype's setter (bypassing framework overrides), then events. */
export function setFieldValue(input: HTMLInputElement, value: string): void {
  const view = input.ownerDocument.defaultView;
  const proto = view?.HTMLInputElement.prototype ?? HTMLInputElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
  input.focus();
  if (setter) setter.call(input, value);
  else input.value = value;
  input.dispatchEvent(new (view?.Event ?? Event)('input', { bubbles: true }));
  input.dispatchEvent(new (view?.Event ?? Event)('change', { bubbles: true }));
}

/**
 * Resolves with what `find` returns once it is not null, watching `root` for changes (no polling),
 * or with null after `timeoutMs` or when `signal` aborts.
 */
export function waitFor<T>(find: () => T | null, root: Node, timeoutMs: number, signal?: AbortSignal): Promise<T | null> {
  const now = find();
  if (now !== null) return Promise.resolve(now);
  return new Promise((resolve) => {
    const View = root.ownerDocument?.defaultView ?? (root as Document).defaultView;
    const Observer = View?.MutationObserver ?? MutationObserver;
    const finish = (value: T | null) => {
      observer.disconnect();
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(value);
    };
    const onAbort = () => finish(null);
    const observer = new Observer(() => {
      const found = find();
      if (found !== null) finish(found);
    });
    observer.observe(root, { childList: true, subtree: true, attributes: true });
    const timer = setTimeout(() => finish(find()), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs a Schedule send driver's steps. `steps` returns the result, and ends a step that did not
 * work with `fail(reason)`; a step that throws fails the same way. Either way `tidy` first closes
 * what the driver opened (if tidying throws too, nothing more can be done) and the draft stays.
 */
export async function runScheduleSteps(
  tidy: () => void,
  steps: (fail: (reason: string) => ScheduleResult) => Promise<ScheduleResult>,
): Promise<ScheduleResult> {
  const fail = (reason: string): ScheduleResult => {
    try {
      tidy();
    } catch {
      // Nothing more to tidy.
    }
    return { ok: false, reason };
  };
  try {
    return await steps(fail);
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}
