/**
 * Reads what ReplyPace needs from a Gmail page: the signed-in account, each message's id, thread,
 * sender, recipients and received time, and the open composes with their recipients. Never the
 * subject or the body. Pure: works on a live page and on a saved one.
 */
import type { MessageSeen } from '../../core/types.ts';
import type { ComposeReading, PageReading } from '../contract.ts';
import { parseLocalizedDateTime, instantInBrowserZone } from '../shared/localized-time.ts';
import { legacyIdFromMessageId, legacyThreadId, receivedAtFromLegacyId } from './message-id.ts';
import { gmailSelectors as S } from './selectors.ts';

const EMAIL = /[^\s<>()"',;:]+@[^\s<>()"',;:]+\.[a-z]{2,}/i;

function address(value: string | null | undefined): string | null {
  const match = value ? EMAIL.exec(value) : null;
  return match ? match[0].toLowerCase() : null;
}

const WHOLE_ADDRESS = /^[^\s<>()"',;:@]+@[^\s<>()"',;:@]+\.[a-z]{2,}$/i;

/** "Inbox (3) - name@example.com - Gmail" (or a Workspace's own name): the address just before the final " - ". */
function accountFromTitle(title: string): string | null {
  const parts = title.split(' - ');
  const candidate = parts.length >= 2 ? parts[parts.length - 2]!.trim() : '';
  return WHOLE_ADDRESS.test(candidate) ? candidate.toLowerCase() : null;
}

/** The Google bar's account button ("Google Account: Name (name@example.com)"), never one inside the mail. */
function accountFromButton(doc: Document): string | null {
  for (const button of doc.querySelectorAll(S.accountButton)) {
    const found = button.closest(S.mailContent) ? null : address(button.getAttribute('aria-label'));
    if (found) return found;
  }
  return null;
}

/**
 * The signed-in address: the one just before the title's final " - ", else the account button's.
 * Never an address of the subject, which the sender wrote ("Fwd: invoice from billing@acme-corp.com
 * - sam@northwind.com - Gmail"). The title's address is refused when, on this page, it wrote to the
 * address of the account button: the sender of a message the account received is not the account.
 */
export function readAccount(doc: Document, messages: readonly MessageSeen[] = []): string | null {
  const fromTitle = accountFromTitle(doc.title ?? '');
  const fromButton = accountFromButton(doc);
  const refused = !!fromButton && fromTitle !== fromButton && messages.some((m) => m.from === fromTitle && m.to.includes(fromButton));
  return (refused ? null : fromTitle) ?? fromButton;
}

/** The open thread's legacy id: from the page's thread markers, else from the URL hash. */
export function readThreadId(doc: Document): string | null {
  for (const el of doc.querySelectorAll(S.threadId)) {
    const id = legacyThreadId(el.getAttribute('data-legacy-thread-id') ?? el.getAttribute('data-thread-perm-id') ?? '');
    if (id) return id;
  }
  const hash = doc.location?.hash ?? '';
  const last = /^#[^/]+(?:\/[^/?]+)*\/([0-9a-f]{16})$/i.exec(hash);
  return last ? last[1]!.toLowerCase() : null;
}

function messageIdOf(el: Element): string | null {
  const legacy = el.getAttribute('data-legacy-message-id');
  if (legacy && /^[0-9a-f]{12,16}$/i.test(legacy)) return legacy.toLowerCase();
  return legacyIdFromMessageId(el.getAttribute('data-message-id') ?? '');
}

function threadOf(el: Element, pageThread: string | null): string | null {
  const marked = el.closest(S.threadId);
  if (marked) {
    const id = legacyThreadId(marked.getAttribute('data-legacy-thread-id') ?? marked.getAttribute('data-thread-perm-id') ?? '');
    if (id) return id;
  }
  return pageThread;
}

/**
 * Gmail's legacy thread id is the legacy id of the thread's first message (gmail.js README,
 * get.email_data: "thread_id" equals "first_email", 2015; still so 2026-03): the first message of
 * the conversation list this one is in.
 */
function firstMessageOfList(el: Element): string | null {
  const first = el.closest(S.threadList)?.querySelector(S.message);
  return first ? messageIdOf(first) : null;
}

export function readMessages(doc: Document, now = Date.now()): { messages: MessageSeen[]; unreadableTimes: number } {
  const pageThread = readThreadId(doc);
  const seen = new Set<string>();
  const messages: MessageSeen[] = [];
  let unreadableTimes = 0;
  for (const el of doc.querySelectorAll(S.message)) {
    // Collapsed rows and expanded bodies may both carry the id; the outermost one is read.
    if (el.parentElement?.closest(S.message)) continue;
    const id = messageIdOf(el);
    if (!id || seen.has(id)) continue;
    const from = address(el.querySelector(S.messageSender)?.getAttribute('email'));
    const threadId = threadOf(el, pageThread) ?? firstMessageOfList(el);
    const at = receivedAtFromLegacyId(id, now) ?? timeFromTitle(el);
    // Never guessed and never dropped silently: counted, so that a site change shows.
    if (!from || !threadId || at === null) {
      unreadableTimes++;
      continue;
    }
    seen.add(id);
    const to = new Set<string>();
    for (const r of el.querySelectorAll(S.messageRecipient)) {
      const a = address(r.getAttribute('email'));
      if (a) to.add(a);
    }
    messages.push({ id, threadId, from, to: [...to], at });
  }
  return { messages, unreadableTimes };
}

function timeFromTitle(el: Element): number | null {
  const title = el.querySelector(S.messageTime)?.getAttribute('title');
  const wall = title ? parseLocalizedDateTime(title) : null;
  return wall ? instantInBrowserZone(wall) : null;
}

export function findComposes(doc: Document): HTMLElement[] {
  // A compose nested in another match (Gmail wraps some parts twice) counts once.
  return [...doc.querySelectorAll<HTMLElement>(S.compose)].filter((el) => !el.parentElement?.closest(S.compose));
}

export function readCompose(compose: HTMLElement): ComposeReading {
  const recipients = new Set<string>();
  for (const chip of compose.querySelectorAll(S.recipientChip)) {
    const a = address(chip.getAttribute('data-hovercard-id'));
    if (a) recipients.add(a);
  }
  for (const input of compose.querySelectorAll<HTMLInputElement>(S.recipientInput)) {
    for (const part of input.value.split(',')) {
      const a = address(part);
      if (a) recipients.add(a);
    }
  }
  const kind = compose.closest(S.fullscreenCompose) ? 'fullscreen' : compose.closest(S.popupCompose) ? 'popup' : 'inline';
  const threadId = kind === 'inline' ? (threadOf(compose, null) ?? readThreadId(compose.ownerDocument)) : null;
  return { kind, recipients: [...recipients], threadId };
}

export function readGmailPage(doc: Document, now = Date.now()): PageReading {
  const { messages, unreadableTimes } = readMessages(doc, now);
  return {
    site: 'gmail',
    account: readAccount(doc, messages),
    messages,
    unreadableTimes,
    composes: findComposes(doc).map(readCompose),
  };
}
