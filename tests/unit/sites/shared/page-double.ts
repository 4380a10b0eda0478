import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Loads a Gmail fixture into the test's happy-dom document and plays Gmail's part: a send starts
 * on mousedown on Send, on Ctrl/⌘+Enter in the compose, and on Enter/Space on a focused Send.
 * Every send the page would make is counted per compose.
 */
export function loadGmailPage(name = '2026-11-two-composes.html') {
  const html = readFileSync(resolve(import.meta.dirname, '..', '..', '..', 'fixtures', 'gmail', name), 'utf8');
  document.documentElement.innerHTML = /<html[^>]*>([\s\S]*)<\/html>/.exec(html)![1]!;
  const sends: string[] = [];
  const reached: string[] = [];
  const composes = [...document.querySelectorAll<HTMLElement>('div.M9')];
  for (const compose of composes) {
    const id = compose.dataset.composeId!;
    const send = compose.querySelector<HTMLElement>('.T-I.aoO')!;
    for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click', 'keydown', 'keyup'] as const) {
      send.addEventListener(type, () => reached.push(`${id}:${type}`));
    }
    send.addEventListener('mousedown', () => sends.push(id));
    send.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') sends.push(id);
    });
    send.addEventListener('keyup', (e) => {
      if (e.key === ' ') sends.push(id);
    });
    compose.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) sends.push(id);
    });
  }
  const inline = composes[0]!;
  const popup = composes[1]!;
  return { sends, reached, inline, popup, sendButton: (c: HTMLElement) => c.querySelector<HTMLElement>('.T-I.aoO')! };
}

export function press(el: Element, options: { button?: number } = {}) {
  const init = { bubbles: true, cancelable: true, composed: true, button: options.button ?? 0, clientX: 10, clientY: 10 };
  const sent = ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click'].map((type) => {
    const event = type.startsWith('pointer') ? new PointerEvent(type, init) : new MouseEvent(type, init);
    el.dispatchEvent(event);
    return event;
  });
  return sent;
}

export function key(el: Element, keyName: string, mods: { ctrlKey?: boolean; metaKey?: boolean } = {}) {
  const down = new KeyboardEvent('keydown', { key: keyName, bubbles: true, cancelable: true, composed: true, ...mods });
  el.dispatchEvent(down);
  const up = new KeyboardEvent('keyup', { key: keyName, bubbles: true, cancelable: true, composed: true, ...mods });
  el.dispatchEvent(up);
  return [down, up];
}
