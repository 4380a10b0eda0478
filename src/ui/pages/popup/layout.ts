/** The popup's list, in numbers: shared by PopupView and the first paint (firstPaint.ts). */

/** The review of every client (report page without a client). */
export const WEEKLY_REVIEW_HREF = 'report.html';

/** Show the search box only when scanning the list by eye stops working. */
export const SEARCH_FROM_ROWS = 8;
/**
 * Rows drawn before "Show all": the list is sorted by attention, so what matters is on top, and a
 * popup with 500 clients opens as fast as one with 50. Search always covers every client.
 */
export const FIRST_ROWS = 25;
