/**
 * Google Calendar's event editor (the full page, /r/eventedit/…): every hook ReplyPace uses, as
 * chains of alternatives, most trusted first (shared/selector-chain.ts). Sources, with the date of
 * the public file each fact was read in (details: tests/fixtures/calendar/README.md):
 *   [ZS]  Zoom Scheduler extension 1.4.47, js/content.js and js/goog-script.js, as published in
 *         homelessgod/xxx, commit 7b48a48 (2020-01-07).
 *   [ZS2] a later Zoom Scheduler build (bundled goog-script.js, in the public code index; the
 *         repository is not named there, undated, newer than [ZS]: it adds the checkbox input).
 *   [GS]  gerbus/chrome-google-calendar-meeting-start-times, contentScript.js (2024-11-23).
 *   [SB]  Stormbreakerr20/GoogleCalendarExtension, script.js (2024-06-03).
 *   [PP]  a CRM extension's page parser (public code index, repository not named, undated).
 *   [LS]  a Lifesize Cloud extension copy (public code index, repository not named, undated).
 *   [US]  several public user scripts and Selenium page objects (public code index, undated).
 *   [GM]  "Guest meeting time" extension README (public code index, repository not named, 2025/26).
 *   [TG]  toggl/track-extension, src/content/google-calendar.js (2025-03-26).
 * "language-free": the hook reads the same in every UI language.
 */
import type { SelectorChain } from '../shared/selector-chain.ts';

export const googleCalendarSelectors = {
  /** The page is the event editor. [ZS] body dataset.viewfamily == "EVENT_EDIT" (language-free). */
  editorPage: 'body[data-viewfamily="EVENT_EDIT"]',
  /** The editor's route: /r/eventedit/<id> (and /r/eventedit for a new event). [ZS] content.js splits the path on "eventedit/". */
  editorRoute: /\/r\/eventedit(?:\/|$)/,

  /** Start date input; `data-date="YYYYMMDD"`. */
  startDate: [
    '#xStDaIn', // [ZS] observes #xStDaIn's data-date; [US] types into #xStDaIn (language-free)
    'div[jsname="iKdrbf"] input[jsname="YPqjbf"]', // [ZS] getStartDateNode/parseStartDate (language-free, obfuscated names)
  ] satisfies SelectorChain,
  /** End date input; `data-date="YYYYMMDD"`. */
  endDate: [
    '#xEnDaIn', // [ZS] observes #xEnDaIn's data-date (language-free)
    'div[jsname="NNrqNc"] input[jsname="YPqjbf"]', // [ZS] getEndDateNode (language-free, obfuscated names)
  ] satisfies SelectorChain,
  /** Start time input; `data-initial-value` holds the shown time ("7:30am", "19:30": localized text). */
  startTime: [
    'input#xStTiIn', // [ZS] reads input#xStTiIn's data-initial-value (language-free id, localized value)
    'div[jsname="B4GDSd"] input[jsname="YPqjbf"]', // [ZS] getStartTimeNode; [GS] B4GDSd holds the start time (language-free)
  ] satisfies SelectorChain,
  endTime: [
    'input#xEnTiIn', // [ZS] reads input#xEnTiIn's data-initial-value
    'div[jsname="XCHdmd"] input[jsname="YPqjbf"]', // [ZS] getEndTimeNode; [GS] XCHdmd holds the end time
  ] satisfies SelectorChain,
  /**
   * A time field's container carrying `data-ical="T073000"` (HHMMSS, language-free), when present.
   * [GS] reads and writes it on [jsname=B4GDSd] / [jsname=XCHdmd] (seen in the quick-create dialog).
   */
  icalTime: '[data-ical]',

  /** All-day: a checkbox input inside #xAlDaCbx (newer), or #xAlDaCbx itself with aria-checked (older). */
  allDayInput: [
    '#xAlDaCbx input[type="checkbox"]', // [ZS2], [US] (language-free)
    '#xAlDaCbx[role="checkbox"]', // [ZS] aria-checked === "true"; [US] Selenium page objects (language-free)
  ] satisfies SelectorChain,

  /** Each guest's address. */
  guests: [
    '#xGstLst span[data-hovercard-id]', // [PP] address in data-hovercard-id; [SB] guest chips carry data-hovercard-id (language-free)
    '#xGstLst [data-email]', // [LS] #xGstLst > div children carry data-email; [GM] "guest emails come from data-email" (language-free)
  ] satisfies SelectorChain,
  /** The guest list itself (present, possibly empty). [PP], [LS], [US] (language-free). */
  guestList: '#xGstLst',

  /** The user's Calendar zone, text such as "Europe/Berlin". [ZS] getDefTimezone; [GM]; TS projects reading #xUserEmail/#xTimezone/#xUserLocale (language-free). */
  calendarZone: '#xTimezone',
  /** The signed-in address, text. Public TS projects read #xUserEmail beside #xTimezone (language-free). */
  account: '#xUserEmail',

  /** Save. */
  save: [
    '#xSaveBu', // [US] user scripts and Selenium page objects click #xSaveBu (language-free)
    'div[role="button"][jsname="x8hlje"]', // [ZS] getSaveBtnNode (language-free, obfuscated)
  ] satisfies SelectorChain,
} as const;
