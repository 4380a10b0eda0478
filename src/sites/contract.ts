/**
 * One contract, one implementation per mail site (Gmail, Outlook). The reading half is pure: it
 * works on a live page and on a saved one (inspect, tests). The live half finds composes, tells a
 * send gesture, replays a send and drives the site's own Schedule send. Everything that cannot
 * find what it needs throws SelectorMissingError, which callers turn into fail-open behaviour.
 */
import type { Instant, MessageSeen, SiteId } from '../core/types.ts';
import { mailSiteOfHost } from './hosts.ts';

export interface ComposeReading {
  kind: 'popup' | 'fullscreen' | 'inline';
  /** Lower-cased To/Cc/Bcc addresses, in page order, without duplicates. */
  recipients: string[];
  /** The thread a reply belongs to; null for a new message. */
  threadId: string | null;
}

export interface PageReading {
  site: SiteId;
  /** The signed-in address, lower-cased; null when the page does not show it. */
  account: string | null;
  messages: MessageSeen[];
  /**
   * Messages skipped because what the norms need of them (received time, sender, thread) could not
   * be read: never guessed, counted so that a site change shows (the name stays for the protocol).
   */
  unreadableTimes: number;
  composes: ComposeReading[];
}

/** A required element is not on the page: the site changed, or the page is not what we think. */
export class SelectorMissingError extends Error {
  override readonly name = 'SelectorMissingError';
  constructor(readonly what: string) {
    super(`ReplyPace could not find ${what} on the page`);
  }
}

/**
 * How a Schedule send went. `step` names the step that failed in language-free words ("menu-item",
 * "picker-confirm"), for the site-health counters; `matched` records, per step, which alternative of
 * its selector chain found the control (see shared/selector-chain.ts).
 */
export type ScheduleResult =
  | { ok: true; matched?: Readonly<Record<string, number>> }
  | { ok: false; reason: string; step?: string; matched?: Readonly<Record<string, number>> };

export interface MailSite {
  id: SiteId;
  /** The site's name as users know it ("Gmail"): the card names it in "schedule it by hand". */
  name: string;
  /** Pure reading, usable on a live page and on a saved page (inspect, tests). */
  read(doc: Document): PageReading;

  /** The root element of every compose open on the page (pop-up, full-screen, inline). */
  findComposes(doc: Document): HTMLElement[];
  readCompose(compose: HTMLElement): ComposeReading;
  /** The compose whose Send button contains `target`, or null when `target` is not a Send button. */
  sendButtonCompose(target: Element): HTMLElement | null;
  /** This compose's Send button. Throws SelectorMissingError. */
  sendButton(compose: HTMLElement): HTMLElement;
  /** The compose containing `target` (an editor, a field), for Ctrl/⌘+Enter. */
  composeContaining(target: Element): HTMLElement | null;
  /** Whether the compose is still open (a send or a scheduled send removes it). */
  isComposeOpen(compose: HTMLElement): boolean;
  /** Replays a send on this compose as the user would start it. Throws SelectorMissingError. */
  triggerSend(compose: HTMLElement): void;
  /**
   * Schedules this compose with the site's own Schedule send, at `at` (shown to the site in the
   * browser's own zone, as the site expects). Never throws: failure leaves the draft intact.
   */
  scheduleSend(compose: HTMLElement, at: Instant, options?: { timeoutMs?: number }): Promise<ScheduleResult>;
}

/** Tells the site from the page itself: its address when it has one, else its markup (saved pages). */
export function detectSite(doc: Document): SiteId | null {
  const bySite = mailSiteOfHost(doc.location?.hostname ?? '');
  if (bySite) return bySite;
  const title = doc.title ?? '';
  // Gmail's title ends with "- Gmail" in every language; its markup has legacy message ids and
  // its own application-name meta.
  if (
    /\bGmail\s*$/.test(title) ||
    doc.querySelector('meta[name="application-name"][content="Gmail"], [data-legacy-message-id], [data-legacy-thread-id]')
  ) {
    return 'gmail';
  }
  if (/\bOutlook\b/.test(title) || doc.querySelector('#ReadingPaneContainerId, [data-app-section], #MailList')) {
    return 'outlook';
  }
  return null;
}
