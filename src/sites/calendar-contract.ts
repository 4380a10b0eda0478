/**
 * Calendars are sites of another kind than mail: they have meetings, not composes. One contract,
 * one implementation per calendar (Google Calendar, Outlook on the web's calendar). Reading is
 * pure and works on a saved page too; a reader that cannot find what it needs throws
 * SelectorMissingError, which the runtime turns into showing nothing (fail silently open).
 */
import type { CalendarSiteId, Instant } from '../core/types.ts';

export type { CalendarSiteId };

/** The meeting an editor shows now. Never its title or description: times and guests only. */
export interface MeetingReading {
  start: Instant;
  end: Instant;
  allDay: boolean;
  /** Lower-cased guest addresses, in page order, without duplicates (the organiser may be one). */
  guests: string[];
  /** The zone the editor's times are in (IANA). */
  timeZone: string;
  /** The signed-in address when the page shows it, lower-cased. */
  account: string | null;
}

export interface CalendarSite {
  id: CalendarSiteId;
  /** As users know it: "Google Calendar". */
  name: string;
  /** The open event editor, or null when this page shows none (another view, another route). */
  findEditor(doc: Document): HTMLElement | null;
  /** Throws SelectorMissingError when a time or the guest list cannot be read. */
  readMeeting(editor: HTMLElement): MeetingReading;
  /** The element the note is placed after: the row of time fields. */
  noteAnchor(editor: HTMLElement): HTMLElement | null;
  /** The editor's Save button, to record a meeting as booked (never to block it). */
  saveButton(editor: HTMLElement): HTMLElement | null;
  /**
   * Types new start and end into the editor as a user would. Resolves true when the editor then
   * shows them, false when it did not take them (the note then says which time to set by hand).
   */
  setTimes(editor: HTMLElement, start: Instant, end: Instant): Promise<boolean>;
}
