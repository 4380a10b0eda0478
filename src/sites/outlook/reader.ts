/**
 * Outlook on the web, page → domain readings. Pure reading: works on the live page and on saved
 * captures (tests, inspect). Reads metadata only: who, to whom, when, which conversation; never a
 * subject or a body.
 */
import type { Instant, MessageSeen } from '../../core/types';
import type { ComposeReading, PageReading } from '../contract';
import {
  addressIn,
  addressOfPersona,
  inUntrustedContent,
  namesOfPersona,
  namesToAddresses,
  normalizeSpace,
} from './addresses';
import * as sel from './selectors';
import { mailboxTimeZone, parseOutlookTime } from './time';

export type { ComposeReading, PageReading };

const OUTLOOK_HOST = /^outlook\.(office|office365|live)\.com$|^outlook\.cloud\.microsoft$/;

/** Whether this page is Outlook on the web: its address when it has one, else its own markup (saved pages). */
export function detectOutlook(doc: Document): boolean {
  if (OUTLOOK_HOST.test(doc.location?.hostname ?? '')) return true;
  return doc.querySelector(sel.appMarker) !== null;
}

/** The page's language: `<html lang>`, else the browser's, else en-US. */
export function pageLanguage(doc: Document): string {
  return doc.documentElement?.getAttribute('lang') || doc.defaultView?.navigator?.language || 'en-US';
}

/** Conversation ids of the message list rows, in list order. */
export function listConversationIds(doc: Document): string[] {
  const ids = Array.from(doc.querySelectorAll(sel.conversationRow), (row) => row.getAttribute('data-convid') ?? '');
  return [...new Set(ids.filter((id) => id !== ''))];
}

/** The conversation open in the reading pane: the selected message-list row's id. */
export function openConversationId(doc: Document): string | null {
  return doc.querySelector(sel.selectedConversationRow)?.getAttribute('data-convid') || null;
}

export function readAccount(doc: Document): string | null {
  for (const element of doc.querySelectorAll(sel.accountAddress)) {
    const address =
      addressIn(element.getAttribute('title')) ??
      addressIn(element.getAttribute('aria-label')) ??
      addressIn(element.textContent);
    if (address) return address;
  }
  return null;
}

/**
 * Outlook has no message id in the page: conversation, sender and minute-precise time make one,
 * and the second, third… message of one sender in the same minute adds its place ("|2").
 */
export function outlookMessageId(conversationId: string, from: string, at: Instant): string {
  return `${conversationId}|${from}|${at}`;
}

interface PageContext {
  doc: Document;
  names: Map<string, string>;
  account: string | null;
  /** The account's display name, the end of the account button's label ("Account manager for So Getter"). */
  accountLabel: string;
}

/** An address for a persona: stated by itself, else the one address the page pairs with its name. */
function resolvePersona(persona: Element, context: PageContext): string | null {
  const stated = addressOfPersona(persona);
  if (stated) return stated;
  for (const name of namesOfPersona(persona)) {
    const paired = context.names.get(name.toLowerCase());
    if (paired) return paired;
  }
  // The user's own chip ("You"): its name ends the account button's label.
  if (context.account && context.accountLabel) {
    const label = context.accountLabel.toLowerCase();
    if (namesOfPersona(persona).some((name) => name.length > 1 && label.endsWith(name.toLowerCase()))) {
      return context.account;
    }
  }
  return null;
}

/** How many of `times` each of their ancestors holds: one walk up per time, not one search per ancestor. */
function timesPerAncestor(times: Element[]): Map<Element, number> {
  const counts = new Map<Element, number>();
  for (const time of times) {
    for (let el = time.parentElement; el; el = el.parentElement) counts.set(el, (counts.get(el) ?? 0) + 1);
  }
  return counts;
}

/** The element holding one message: the widest ancestor of its time that holds no other message's time. */
function messageScope(time: Element, counts: Map<Element, number>, boundary: Element | null): Element {
  let scope = time;
  while (scope !== boundary && scope.parentElement) {
    const parent: Element = scope.parentElement;
    if ((counts.get(parent) ?? 0) > 1) break;
    scope = parent;
  }
  return scope;
}

function insideCompose(element: Element): boolean {
  return element.closest(`${sel.inlineCompose}, ${sel.formCompose}`) !== null;
}

function headerPersonas(scope: Element): Element[] {
  return Array.from(scope.querySelectorAll(sel.persona)).filter(
    (persona) => !inUntrustedContent(persona) && !insideCompose(persona),
  );
}

function readSender(scope: Element, context: PageContext): string | null {
  const personas = headerPersonas(scope).filter((persona) => !persona.closest(sel.recipientWell));
  // The labelled "From:" persona first; else the first persona that is not an avatar.
  const labelled = personas.filter((persona) => persona.matches(sel.senderByLabel));
  const named = personas.filter((persona) => !persona.querySelector(sel.avatar) && !persona.matches(sel.avatar));
  for (const persona of labelled.length > 0 ? labelled : named.slice(0, 1)) {
    const address = resolvePersona(persona, context);
    if (address) return address;
  }
  return null;
}

function readMessageRecipients(scope: Element, context: PageContext): string[] {
  const addresses: string[] = [];
  for (const well of scope.querySelectorAll(sel.recipientWell)) {
    for (const persona of well.querySelectorAll(sel.persona)) {
      const address = resolvePersona(persona, context);
      if (address && !addresses.includes(address)) addresses.push(address);
    }
  }
  return addresses;
}

/** Text typed in a recipient field outside its chips, one text node per word run. */
function typedText(field: Element): string {
  const runs: string[] = [];
  const walker = field.ownerDocument.createTreeWalker(field, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement?.closest(sel.persona)) runs.push(node.textContent ?? '');
  }
  return runs.join(' ');
}

function composeRoots(doc: Document): Element[] {
  const roots: Element[] = [];
  for (const button of doc.querySelectorAll(sel.composeSendButton)) {
    const root = button.closest(`${sel.inlineCompose}, ${sel.formCompose}`) ?? button.closest('[role="main"], [role="dialog"]');
    if (root && !roots.includes(root)) roots.push(root);
  }
  return roots;
}

export function readOutlookCompose(compose: Element, context: PageContext = pageContext(compose.ownerDocument)): ComposeReading {
  const doc = compose.ownerDocument;
  const readingPane = compose.closest(sel.readingPane);
  // A pop-out window is a page with a compose and no message list.
  const kind: ComposeReading['kind'] = readingPane ? 'inline' : doc.querySelector(sel.conversationRow) ? 'popup' : 'fullscreen';

  const recipients: string[] = [];
  const add = (address: string | null) => {
    if (address && !recipients.includes(address)) recipients.push(address);
  };
  for (const field of compose.querySelectorAll(sel.recipientField)) {
    if (field.closest(sel.composeBodyEditor)) continue;
    const personas = field.querySelectorAll(sel.persona);
    for (const persona of personas) add(resolvePersona(persona, context));
    // Typed text not yet turned into a chip, and chips that carry the address in attributes.
    for (const element of field.querySelectorAll('[title], [aria-label]')) {
      add(addressIn(element.getAttribute('title')) ?? addressIn(element.getAttribute('aria-label')));
    }
    for (const match of typedText(field).matchAll(/[^\s<>,;]+@[^\s<>,;]+/g)) add(addressIn(match[0]));
  }

  // A reply sits in the reading pane next to the conversation it answers; a new message stands alone.
  const beside = readingPane?.querySelector(sel.itemContainer);
  const threadId = readingPane && beside ? openConversationId(doc) : null;
  return { kind, recipients, threadId };
}

/**
 * The page that knows the account and the names. A popped-out compose is an about:blank window
 * of the Outlook tab (CH3COOOH/OutlookSendingSafety, 2025-02): those are on its opener's page.
 */
function homeDocument(doc: Document): Document {
  try {
    return (doc.URL === 'about:blank' && (doc.defaultView?.opener as Window | null)?.document) || doc;
  } catch {
    // An opener of another origin: not Outlook.
    return doc;
  }
}

function pageContext(page: Document): PageContext {
  const doc = homeDocument(page);
  return {
    doc,
    names: namesToAddresses(doc),
    account: readAccount(doc),
    accountLabel: normalizeSpace(doc.querySelector(sel.accountButton)?.getAttribute('aria-label')),
  };
}

/**
 * Everything ReplyPace learns from an Outlook page. Messages whose sender address the page does
 * not state are left out (nothing is stored rather than a guess); messages whose time cannot be
 * read are left out and counted.
 */
export function readOutlookPage(doc: Document): PageReading {
  const context = pageContext(doc);
  const lang = pageLanguage(doc);
  // Asked once per reading: the browser's zone costs a new Intl formatter each time (~60 µs).
  const zone = mailboxTimeZone();
  const conversationId = openConversationId(doc);
  const times = Array.from(doc.querySelectorAll(sel.receivedTime)).filter((time) => !insideCompose(time));
  const messages: MessageSeen[] = [];
  let unreadableTimes = 0;

  const counts = timesPerAncestor(times);
  const places = new Map<string, number>();
  for (const time of times) {
    const at = parseOutlookTime(time.textContent ?? '', lang, zone);
    if (at === null) {
      unreadableTimes++;
      continue;
    }
    const scope = messageScope(time, counts, time.closest(sel.readingPane));
    const from = readSender(scope, context);
    if (!from || !conversationId) continue;
    const key = outlookMessageId(conversationId, from, at);
    const place = (places.get(key) ?? 0) + 1;
    places.set(key, place);
    const id = place > 1 ? `${key}|${place}` : key;
    messages.push({ id, threadId: conversationId, from, to: readMessageRecipients(scope, context), at });
  }

  return {
    site: 'outlook',
    account: context.account,
    messages,
    unreadableTimes,
    composes: composeRoots(doc).map((root) => readOutlookCompose(root, context)),
  };
}
