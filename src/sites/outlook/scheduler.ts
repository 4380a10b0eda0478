/**
 * Schedules a compose with Outlook's own Schedule send: "More send options" next to Send,
 * "Schedule send", "Custom time", the date and time in the page's language, and the dialog's
 * Send. Success is the compose closing. On any failure the draft is left as it was and whatever
 * menu or dialog we opened is closed; nothing here throws.
 *
 * No public capture of this menu or these dialogs exists: the steps follow Microsoft's help pages
 * and the reconstructed demo (tests/demo/outlook), and every control is looked for in more than
 * one way (see selectors.ts).
 */
import type { Instant } from '../../core/types.ts';
import type { ScheduleResult } from '../contract.ts';
import { pointerClick, pressEscape, runScheduleSteps, setFieldValue, waitFor } from '../shared/pointer.ts';
import { isComposeOpen } from './compose.ts';
import { pageLanguage } from './reader.ts';
import { outlookScheduleLabels as L, outlookSelectors as S } from './selectors.ts';

const STEP_TIMEOUT_MS = 2500;

function visible<T extends Element>(el: T | null | undefined): T | null {
  if (!el) return null;
  return (el as Element & { checkVisibility?: () => boolean }).checkVisibility?.() === false ? null : el;
}

const textOf = (el: Element) => (el.textContent ?? '').replace(/[\s\u200b]+/g, ' ').trim().toLowerCase();

/** The first visible element among `candidates` whose text starts with one of `labels`. */
function byLabel(candidates: Iterable<Element>, labels: readonly string[]): Element | null {
  const wanted = labels.map((label) => label.toLowerCase());
  for (const el of candidates) {
    const text = textOf(el);
    if (visible(el) && wanted.some((label) => text === label || text.startsWith(`${label} `))) return el;
  }
  return null;
}

function openMenus(doc: Document): Element[] {
  return [...doc.querySelectorAll(S.menu)].filter((menu) => visible(menu));
}

function openDialogs(doc: Document, compose: HTMLElement): Element[] {
  return [...doc.querySelectorAll(S.dialog)].filter((dialog) => visible(dialog) && !dialog.contains(compose));
}

/** "Schedule send" in a menu that opened after the chevron was pressed. */
function scheduleItem(doc: Document): Element | null {
  for (const menu of openMenus(doc)) {
    const items = [...menu.querySelectorAll(S.menuItem)];
    const found = byLabel(items, L.scheduleSend);
    if (found) return found;
  }
  return null;
}

/** "Custom time" in the Schedule send dialog: by its label, else the dialog's last row. */
function customTimeItem(doc: Document, compose: HTMLElement): Element | null {
  for (const dialog of openDialogs(doc, compose)) {
    const items = [...dialog.querySelectorAll(S.menuItem)].filter((item) => visible(item));
    const found = byLabel(items, L.customTime);
    if (found) return found;
    if (items.length > 1 && !dialog.querySelector(S.customFields)) return items[items.length - 1]!;
  }
  return null;
}

function customFields(doc: Document, compose: HTMLElement): { date: HTMLInputElement; time: HTMLInputElement; dialog: Element } | null {
  for (const dialog of openDialogs(doc, compose).reverse()) {
    const date = visible(dialog.querySelector<HTMLInputElement>(S.customDate));
    const time = visible(dialog.querySelector<HTMLInputElement>(S.customTime));
    if (date && time) return { date, time, dialog };
    // Other languages: the dialog's two text fields, date first.
    const fields = [...dialog.querySelectorAll<HTMLInputElement>(S.customFields)].filter((f) => visible(f));
    if (fields.length === 2) return { date: fields[0]!, time: fields[1]!, dialog };
  }
  return null;
}

/** Date and time as Outlook's custom time fields show them in its language, in the browser's zone. */
export function customTimeTexts(at: Instant, language: string): { date: string; time: string } {
  const format = (locale: string) => ({
    date: new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'numeric', day: 'numeric' }).format(at),
    time: new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(at),
  });
  let texts: { date: string; time: string };
  try {
    texts = format(language || 'en-US');
  } catch {
    texts = format('en-US');
  }
  // Newer ICU puts a narrow no-break space before AM/PM; Outlook's own text has a plain space.
  const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');
  return { date: plain(texts.date), time: plain(texts.time) };
}

/** Closes whatever menu or dialog is open outside the compose, by Escape inside it. */
function closeOpened(doc: Document, compose: HTMLElement): void {
  for (const el of [...openMenus(doc), ...openDialogs(doc, compose)].reverse()) {
    if (!el.contains(compose)) pressEscape(el);
  }
}

export async function scheduleWithOutlook(compose: HTMLElement, at: Instant, options: { timeoutMs?: number } = {}): Promise<ScheduleResult> {
  const doc = compose.ownerDocument;
  const timeout = options.timeoutMs ?? STEP_TIMEOUT_MS;
  return runScheduleSteps(() => closeOpened(doc, compose), async (fail) => {
    if (at <= Date.now()) return fail('the time is already past');
    if (!isComposeOpen(compose)) return fail('the compose is no longer open');
    const chevron = visible(compose.querySelector(S.sendOptionsButton));
    if (!chevron) return fail('the send options button is missing');
    pointerClick(chevron);

    const item = await waitFor(() => scheduleItem(doc), doc.body, timeout);
    if (!item) return fail('the Schedule send menu item did not appear');
    pointerClick(item);

    const custom = await waitFor(() => customTimeItem(doc, compose), doc.body, timeout);
    if (!custom) return fail('the Schedule send dialog did not appear');
    pointerClick(custom);

    const fields = await waitFor(() => customFields(doc, compose), doc.body, timeout);
    if (!fields) return fail('the custom date and time fields did not appear');
    const texts = customTimeTexts(at, pageLanguage(doc));
    setFieldValue(fields.date, texts.date);
    setFieldValue(fields.time, texts.time);

    const confirm = byLabel(fields.dialog.querySelectorAll(S.dialogButton), L.confirm);
    if (!confirm) return fail('the dialog has no Send button');
    pointerClick(confirm);

    const closed = await waitFor(() => (isComposeOpen(compose) ? null : true), doc.body, timeout);
    if (!closed) return fail('the compose did not close after confirming');
    return { ok: true };
  });
}
