/**
 * The live half of Outlook's composes: where they are, which compose a Send belongs to, and
 * replaying a send. An inline compose sits in the reading pane; a popped-out or full-page one is
 * a `Form_Content` section. Only controls inside a compose are ever taken for its Send button, so
 * that a lookalike elsewhere (the Schedule send dialog's own "Send") is never guarded.
 */
import { SelectorMissingError, type ComposeReading } from '../contract.ts';
import { pointerClick } from '../shared/pointer.ts';
import { matchChain } from '../shared/selector-chain.ts';
import { openConversationId, readOutlookCompose } from './reader.ts';
import * as S from './selectors.ts';
import { outlookChains } from './selectors.ts';

const COMPOSE_ROOT = `${S.inlineCompose}, ${S.formCompose}`;

/** Every compose root on the page, outermost only, in page order. */
export function findComposes(doc: Document): HTMLElement[] {
  const roots: HTMLElement[] = [];
  for (const root of doc.querySelectorAll<HTMLElement>(COMPOSE_ROOT)) {
    if (!roots.some((outer) => outer.contains(root))) roots.push(root);
  }
  // A compose whose root has none of the known hooks still has the split Send button.
  for (const button of doc.querySelectorAll(S.composeSendButton)) {
    const root = button.closest<HTMLElement>('[role="main"], [role="dialog"]');
    if (root && !roots.some((known) => known.contains(button))) roots.push(root);
  }
  return roots;
}

/** The outermost compose root around `el`, or null. */
export function composeContaining(target: Element): HTMLElement | null {
  let root = target.closest<HTMLElement>(COMPOSE_ROOT);
  for (let outer = root?.parentElement?.closest<HTMLElement>(COMPOSE_ROOT); outer; outer = outer.parentElement?.closest<HTMLElement>(COMPOSE_ROOT)) {
    root = outer;
  }
  if (root) return root;
  // No known root: the area holding the split Send button (see findComposes).
  const area = target.closest<HTMLElement>('[role="main"], [role="dialog"]');
  return area?.querySelector(S.composeSendButton) ? area : null;
}

const SEND_ANY = outlookChains.send.join();

/** The Send button of this compose, through its chain; never a control in the body (the sender's markup) or a menu. */
function findSendButton(compose: HTMLElement): HTMLElement | null {
  return matchChain<HTMLElement>(compose, outlookChains.send, (button) => !button.closest(`${S.composeBodyEditor}, ${S.menu}`))?.element ?? null;
}

export function sendButton(compose: HTMLElement): HTMLElement {
  const button = findSendButton(compose);
  if (!button) throw new SelectorMissingError('the Send button of an Outlook compose');
  return button;
}

export function sendButtonCompose(target: Element): HTMLElement | null {
  const button = target.closest<HTMLElement>(SEND_ANY);
  if (!button) return null;
  const compose = composeContaining(button);
  return compose && findSendButton(compose) === button ? compose : null;
}

export function isComposeOpen(compose: HTMLElement): boolean {
  if (!compose.isConnected) return false;
  return (compose as HTMLElement & { checkVisibility?: () => boolean }).checkVisibility?.() ?? true;
}

/**
 * Replays a send as the user would start it: a full press on Send (Outlook's buttons act on the
 * click), or, when no Send button can be recognised, Ctrl+Enter in the message body, the shortcut
 * Outlook itself names in Send's tooltip.
 */
export function triggerSend(compose: HTMLElement): void {
  const button = findSendButton(compose);
  if (button) {
    pointerClick(button);
    return;
  }
  const editor = compose.querySelector<HTMLElement>(S.composeBodyTextbox);
  if (!editor) throw new SelectorMissingError('the Send button or the message body of an Outlook compose');
  const view = compose.ownerDocument.defaultView;
  const init = { key: 'Enter', code: 'Enter', keyCode: 13, which: 13, ctrlKey: true, bubbles: true, cancelable: true, composed: true };
  editor.dispatchEvent(new (view?.KeyboardEvent ?? KeyboardEvent)('keydown', init));
  editor.dispatchEvent(new (view?.KeyboardEvent ?? KeyboardEvent)('keyup', init));
}

const readings = new WeakMap<HTMLElement, { signature: string; reading: ComposeReading }>();

/** What a compose's reading depends on inside the compose: its recipient fields, as text and labels. */
function recipientSignature(compose: HTMLElement): { signature: string; personas: number } {
  const parts: string[] = [openConversationId(compose.ownerDocument) ?? ''];
  let personas = 0;
  for (const field of compose.querySelectorAll(S.recipientField)) {
    if (field.closest(S.composeBodyEditor)) continue;
    parts.push(field.textContent ?? '');
    for (const el of field.querySelectorAll('[title], [aria-label]')) parts.push(`${el.getAttribute('title')}\u0001${el.getAttribute('aria-label')}`);
    personas += field.querySelectorAll(S.persona).length;
  }
  return { signature: parts.join('\u0002'), personas };
}

/**
 * readOutlookCompose, remembered while the compose's recipient fields stay the same. Reading a
 * compose resolves names against the whole page, which costs in proportion to the page; the send
 * guard reads the compose at every Send, and that must stay well under a millisecond. A reading
 * with a chip it could not resolve is not remembered: the page may state that address later.
 */
export function readCompose(compose: HTMLElement): ComposeReading {
  const { signature, personas } = recipientSignature(compose);
  const known = readings.get(compose);
  if (known?.signature === signature) return known.reading;
  const reading = readOutlookCompose(compose);
  if (reading.recipients.length >= personas) readings.set(compose, { signature, reading });
  else readings.delete(compose);
  return reading;
}
