/**
 * Outlook often shows people by name only. An address is taken only from what the page itself
 * states ("Name<address>" text, an address in a title or aria-label, or a name the page elsewhere
 * pairs with exactly one address); when none of these holds, the address is unknown and nothing
 * is stored. Mail bodies are never used: their markup is written by senders.
 */
import * as sel from './selectors';

const ADDRESS = /[a-z0-9._%+'-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/i;
const NAME_AND_ADDRESS = /^(.*?)\s*<\s*([^<>\s]+@[^<>\s]+)\s*>$/;

export const normalizeSpace = (text: string | null | undefined) => (text ?? '').replace(/[\s\u200b]+/g, ' ').trim();

/** The single address in a string, lower-cased, or null. */
export function addressIn(text: string | null | undefined): string | null {
  const match = ADDRESS.exec(text ?? '');
  return match ? match[0].toLowerCase() : null;
}

/** "Outlook Team<no-reply@microsoft.com>" → name and address; a bare name → name only. */
export function splitNameAddress(text: string): { name: string; address: string | null } {
  const normalized = normalizeSpace(text);
  const match = NAME_AND_ADDRESS.exec(normalized);
  if (match) return { name: match[1] ?? '', address: addressIn(match[2]) };
  const address = addressIn(normalized);
  if (address && address === normalized.toLowerCase()) return { name: '', address };
  return { name: normalized, address: null };
}

/** Whether the element sits inside untrusted or editable content (a mail body, a compose editor). */
export function inUntrustedContent(element: Element): boolean {
  return element.closest(`${sel.messageBody}, ${sel.composeBodyEditor}`) !== null;
}

/**
 * Names the page pairs with exactly one address: message-list senders (`<span title="address">Name</span>`)
 * and persona texts "Name<address>". A name seen with two different addresses is dropped.
 */
export function namesToAddresses(doc: Document): Map<string, string> {
  const found = new Map<string, string | null>();
  const note = (name: string, address: string | null) => {
    const key = normalizeSpace(name).toLowerCase();
    if (!key || !address || key.includes('@')) return;
    const known = found.get(key);
    if (known === undefined) found.set(key, address);
    else if (known !== address) found.set(key, null);
  };
  for (const element of doc.querySelectorAll('[title*="@"]')) {
    if (inUntrustedContent(element)) continue;
    note(element.textContent ?? '', addressIn(element.getAttribute('title')));
  }
  for (const persona of doc.querySelectorAll(sel.persona)) {
    if (inUntrustedContent(persona)) continue;
    const { name, address } = splitNameAddress(persona.textContent ?? '');
    note(name, address);
  }
  const unique = new Map<string, string>();
  for (const [name, address] of found) if (address) unique.set(name, address);
  return unique;
}

/** The address a persona element states itself: its text, then its own or its children's title / aria-label. */
export function addressOfPersona(persona: Element): string | null {
  const fromText = splitNameAddress(persona.textContent ?? '').address;
  if (fromText) return fromText;
  for (const element of [persona, ...persona.querySelectorAll('[title], [aria-label]')]) {
    const address = addressIn(element.getAttribute('title')) ?? addressIn(element.getAttribute('aria-label'));
    if (address) return address;
  }
  return null;
}

/**
 * The names a persona shows: the name part of its text, then its aria-label (a recipient chip may
 * read "You" while its aria-label holds the name).
 */
export function namesOfPersona(persona: Element): string[] {
  const names = [splitNameAddress(persona.textContent ?? '').name, normalizeSpace(persona.getAttribute('aria-label'))];
  return [...new Set(names.filter((name) => name !== ''))];
}
