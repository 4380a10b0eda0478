/**
 * Clicking a mail site's own controls the way a user does. Gmail ignores a bare `.click()` on its
 * menus and dialogs: it listens to the whole pointer sequence, with coordinates, on the innermost
 * element.
 */

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
