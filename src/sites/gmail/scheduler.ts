/**
 * Schedules a compose with Gmail's own Schedule send: the chevron next to Send, "Schedule send",
 * "Pick date & time", the date and time fields in Gmail's language, and the confirm button.
 * Success is the compose closing. On any failure the draft is left as it was and open menus or
 * dialogs are closed; nothing here throws.
 */
import type { Instant } from '../../core/types.ts';
import type { ScheduleResult } from '../contract.ts';
import { pointerClick, pressEscape, runScheduleSteps, setFieldValue, waitFor } from '../shared/pointer.ts';
import { isComposeOpen } from './compose.ts';
import { gmailSelectors as S } from './selectors.ts';

const STEP_TIMEOUT_MS = 2500;

function visible(el: Element | null): Element | null {
  if (!el) return null;
  return (el as Element & { checkVisibility?: () => boolean }).checkVisibility?.() === false ? null : el;
}

/** Date and time as Gmail's picker expects them in its interface language, in the browser's zone. */
export function pickerTexts(at: Instant, language: string): { date: string; time: string } {
  const locale = language || 'en-US';
  let date: string;
  let time: string;
  try {
    date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(at);
    time = new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(at);
  } catch {
    date = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' }).format(at);
    time = new Intl.DateTimeFormat('en-US', { timeStyle: 'short' }).format(at);
  }
  // Newer ICU puts a narrow no-break space before AM/PM; Gmail's own text has a plain space.
  const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');
  return { date: plain(date), time: plain(time) };
}

function pickerFields(doc: Document): { date: HTMLInputElement; time: HTMLInputElement } | null {
  const date = visible(doc.querySelector(S.pickerDate)) as HTMLInputElement | null;
  const time = visible(doc.querySelector(S.pickerTime)) as HTMLInputElement | null;
  if (date && time) return { date, time };
  // Other languages: the picker dialog's two text fields, date first.
  const dialogs = [...doc.querySelectorAll(S.dialog)].reverse();
  for (const dialog of dialogs) {
    const fields = [...dialog.querySelectorAll<HTMLInputElement>(S.pickerFields)].filter((f) => visible(f));
    if (fields.length === 2) return { date: fields[0]!, time: fields[1]! };
  }
  return null;
}

/** Closes whatever menu or dialog we opened, by pressing Escape inside it (never in the compose). */
function closeOpened(doc: Document, compose: HTMLElement): void {
  const ours = `${S.scheduleMenuItem}, ${S.pickDateTime}, ${S.pickerDate}, ${S.pickerConfirm}`;
  const opened = [...doc.querySelectorAll(`${S.dialog}, [role="menu"]`)].filter(
    (el) => visible(el) && !el.contains(compose) && el.querySelector(ours),
  );
  for (const el of opened.reverse()) pressEscape(el);
}

export async function scheduleWithGmail(compose: HTMLElement, at: Instant, options: { timeoutMs?: number } = {}): Promise<ScheduleResult> {
  const doc = compose.ownerDocument;
  const timeout = options.timeoutMs ?? STEP_TIMEOUT_MS;
  return runScheduleSteps(() => closeOpened(doc, compose), async (fail) => {
    if (at <= Date.now()) return fail('the time is already past');
    const box = compose.closest(`.AD, [role="dialog"], .ip`) ?? compose;
    const chevron = compose.querySelector(S.sendOptions) ?? box.querySelector(S.sendOptions);
    if (!chevron) return fail('the send options button is missing');
    pointerClick(chevron);

    const item = await waitFor(() => visible(doc.querySelector(S.scheduleMenuItem)), doc.body, timeout);
    if (!item) return fail('the Schedule send menu item did not appear');
    pointerClick(item);

    const pick = await waitFor(() => visible(doc.querySelector(S.pickDateTime)), doc.body, timeout);
    if (!pick) return fail('the Schedule send dialog did not appear');
    pointerClick(pick);

    const fields = await waitFor(() => pickerFields(doc), doc.body, timeout);
    if (!fields) return fail('the date and time fields did not appear');
    const texts = pickerTexts(at, doc.documentElement.lang);
    setFieldValue(fields.date, texts.date);
    setFieldValue(fields.time, texts.time);

    const picker = fields.date.closest(S.dialog) ?? doc;
    const confirm = visible(picker.querySelector(S.pickerConfirm));
    if (!confirm) return fail('the confirm button is missing');
    pointerClick(confirm);

    const closed = await waitFor(() => (isComposeOpen(compose) ? null : true), doc.body, timeout);
    if (!closed) return fail('the compose did not close after confirming');
    return { ok: true };
  });
}
