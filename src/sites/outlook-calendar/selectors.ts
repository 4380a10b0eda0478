/**
 * Outlook on the web's calendar event form. NO public capture or automation of this form was
 * found (searched 2026-11-30: public code, issues and pages): every hook below is RECONSTRUCTED
 * and unverified, modelled on what is verified for Outlook mail (data-app-section areas,
 * persona hover targets, Fluent v9) and on the Schedule send dialog's public notes ("Select a
 * date" / "Select a time" comboboxes, M/D/YYYY and h:mm AM values). On live Outlook the note may
 * simply not appear: everything that cannot be read fails silently open.
 *
 * Verified: the calendar's routes, /calendar/… with /calendar/deeplink/compose and
 * /calendar/action/compose for a new event (wfernandes/outlook-chrome-extension manifest.json,
 * 2020-06-20; InteractionDesignFoundation/add-event-to-calendar-docs services/outlook-web.md).
 */
import type { SelectorChain } from '../shared/selector-chain.ts';

export const outlookCalendarSelectors = {
  /** Verified: the calendar lives under /calendar on every Outlook host. */
  calendarRoute: /^\/calendar(?:\/|$)/,
  /** The event form (unverified, language-free if it exists). */
  form: [
    '[data-app-section="CalendarCompose"]', // unverified: mail's data-app-section naming carried over
    '[data-app-section="CalendarItemForm"]', // unverified
  ] satisfies SelectorChain,
  /** Attendee chips; the address in data-email or a persona's title (unverified). */
  attendees: [
    '[data-app-section="Attendees"] [data-email]', // unverified, language-free
    '[data-app-section="Attendees"] [data-lpc-hover-target-id][title*="@"]', // unverified: persona hover targets are verified in mail
  ] satisfies SelectorChain,
  /** Date and time inputs; English labels (unverified, language-dependent). */
  startDate: ['input[aria-label="Start date"]'] satisfies SelectorChain,
  startTime: ['input[aria-label="Start time"]'] satisfies SelectorChain,
  endDate: ['input[aria-label="End date"]'] satisfies SelectorChain,
  endTime: ['input[aria-label="End time"]'] satisfies SelectorChain,
  /** All day switch (unverified; Fluent switch input). */
  allDay: ['input[role="switch"][aria-label="All day"]', 'input[type="checkbox"][aria-label="All day"]'] satisfies SelectorChain,
  /** Save / Send of the form (unverified; language-free test id first). */
  save: ['[data-testid="CalendarComposeSaveButton"]', 'button[aria-label="Save"]', 'button[aria-label="Send"]'] satisfies SelectorChain,
} as const;
