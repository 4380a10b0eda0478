import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Where a page double starts a send on its Send button: Gmail on the press (mousedown, see
 * shared/notes/mail-dom.md), a site whose buttons act on the click (Outlook's Fluent buttons, or
 * any site after a redesign) on the click.
 */
export type SendsOn = 'mousedown' | 'click';

/**
 * Loads a Gmail fixture into the test's happy-dom document and plays the site's part: a send starts
 * on Send (on mousedown or on click, see SendsOn), on Ctrl/⌘+Enter in the compose, and on
 * Enter/Space on a focused Send. Every send the page would make is counted per compose; `closeOnSend`
 * removes the compose as a real send does.
 */
export function loadGmailPage(name = '2026-11-two-composes.html', options: { sendsOn?: SendsOn; closeOnSend?: boolean } = {}) {
  const html = readFileSync(resolve(import.meta.dirname, '..', '..', '..', 'fixtures', 'gmail', name), 'utf8');
  document.documentElement.innerHTML = /<html[^>]*>([\s\S]*)<\/html>/.exec(html)![1]!;
  const sends: string[] = [];
  const reached: string[] = [];
  const composes = [...document.querySelectorAll<HTMLElement>('div.M9')];
  for (const compose of composes) {
    const id = compose.dataset.composeId!;
    const send = compose.querySelector<HTMLElement>('.T-I.aoO')!;
    const sent = () => {
      sends.push(id);
      if (options.closeOnSend) (compose.closest('.ip, [role=dialog]') ?? compose).remove();
    };
    for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click', 'keydown', 'keyup'] as const) {
      send.addEventListener(type, () => reached.push(`${id}:${type}`));
    }
    send.addEventListener(options.sendsOn ?? 'mousedown', sent);
    send.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') sent();
    });
    send.addEventListener('keyup', (e) => {
      if (e.key === ' ') sent();
    });
    compose.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) sent();
    });
  }
  const inline = composes[0]!;
  const popup = composes[1]!;
  return { sends, reached, inline, popup, sendButton: (c: HTMLElement) => c.querySelector<HTMLElement>('.T-I.aoO')! };
}

const pointerInit = (button: number, pointerType = 'mouse') => ({
  bubbles: true,
  cancelable: true,
  composed: true,
  button,
  clientX: 10,
  clientY: 10,
  pointerId: pointerType === 'mouse' ? 1 : 7,
  pointerType,
  isPrimary: true,
});

/** The nearest element holding both (where a browser fires the click of a press released elsewhere). */
function commonAncestor(a: Element, b: Element): Element {
  for (let el: Element | null = a; el; el = el.parentElement) if (el.contains(b)) return el;
  return a.ownerDocument.documentElement;
}

/**
 * A press held on `el`, released later with `release()`. As in a browser: a cancelled pointerdown
 * suppresses the compatibility mousedown and mouseup but not the click; the click goes to the
 * element holding both the press and the release; a touch that turns into a scroll ends with
 * pointercancel and no click at all.
 */
export function hold(el: Element, options: { button?: number; pointerType?: 'mouse' | 'touch' } = {}) {
  const init = pointerInit(options.button ?? 0, options.pointerType);
  const events: Event[] = [];
  const fire = (target: Element, event: Event) => {
    target.dispatchEvent(event);
    events.push(event);
    return event;
  };
  const down = fire(el, new PointerEvent('pointerdown', init));
  const compat = !down.defaultPrevented;
  if (compat) fire(el, new MouseEvent('mousedown', init));
  return {
    events,
    release(at: Element = el) {
      fire(at, new PointerEvent('pointerup', init));
      if (compat) fire(at, new MouseEvent('mouseup', init));
      // Only the main button clicks. A real click is a PointerEvent (Chromium) and counts presses in
      // `detail`; a keyboard's or an assistive technology's click has detail 0.
      fire(commonAncestor(el, at), new PointerEvent(init.button === 0 ? 'click' : 'auxclick', { ...init, detail: 1 }));
      return events;
    },
    cancel() {
      fire(el, new PointerEvent('pointercancel', init));
      return events;
    },
  };
}

/** A whole click on `el` (press and release in one go). Returns the events dispatched. */
export function press(el: Element, options: { button?: number } = {}) {
  return hold(el, options).release();
}

/** A click with no press before it: assistive technology, `element.click()`, a scripted click. */
export function loneClick(el: Element) {
  const event = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true, button: 0, detail: 0 });
  el.dispatchEvent(event);
  return event;
}

export function key(el: Element, keyName: string, mods: { ctrlKey?: boolean; metaKey?: boolean; repeat?: boolean } = {}) {
  const down = new KeyboardEvent('keydown', { key: keyName, bubbles: true, cancelable: true, composed: true, ...mods });
  el.dispatchEvent(down);
  const up = new KeyboardEvent('keyup', { key: keyName, bubbles: true, cancelable: true, composed: true, ...mods });
  el.dispatchEvent(up);
  return [down, up];
}
