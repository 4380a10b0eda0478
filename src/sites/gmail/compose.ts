/** The live half of Gmail's composes: which compose a Send belongs to, and replaying a send. */
import { SelectorMissingError } from '../contract.ts';
import { pointerClick } from '../shared/pointer.ts';
import { gmailSelectors as S } from './selectors.ts';

/** The compose holding `el`: its `.M9` ancestor, or the one inside the same pop-up/reply box. */
function composeAround(el: Element): HTMLElement | null {
  const direct = el.closest<HTMLElement>(S.compose);
  if (direct) return direct;
  return el.closest(S.composeBox)?.querySelector<HTMLElement>(S.compose) ?? null;
}

export function sendButtonCompose(target: Element): HTMLElement | null {
  const button = target.closest(S.sendButton);
  return button ? composeAround(button) : null;
}

export function composeContaining(target: Element): HTMLElement | null {
  return composeAround(target);
}

export function sendButton(compose: HTMLElement): HTMLElement {
  const inside = compose.querySelector<HTMLElement>(S.sendButton);
  if (inside) return inside;
  const box = compose.closest(S.composeBox);
  const near = box?.querySelector<HTMLElement>(S.sendButton);
  if (near) return near;
  throw new SelectorMissingError('the Send button of a compose');
}

export function isComposeOpen(compose: HTMLElement): boolean {
  if (!compose.isConnected) return false;
  // Gmail may keep a sent pop-up in the page for a moment, hidden.
  return (compose as HTMLElement & { checkVisibility?: () => boolean }).checkVisibility?.() ?? true;
}

/** Gmail starts a send on the press; the whole pointer sequence is sent, as a user's click would. */
export function triggerSend(compose: HTMLElement): void {
  pointerClick(sendButton(compose));
}
