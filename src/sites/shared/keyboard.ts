/** Presses Escape on `el`, as the user would to close a menu or dialog (the site's own handlers close it). */
export function pressEscape(el: Element): void {
  const view = el.ownerDocument.defaultView;
  el.dispatchEvent(new (view?.KeyboardEvent ?? KeyboardEvent)('keydown', { key: 'Escape', code: 'Escape', keyCode: 27, bubbles: true, cancelable: true }));
}
