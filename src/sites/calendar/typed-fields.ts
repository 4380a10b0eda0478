/**
 * Calendar editors show dates and times as localized text and take new values the way a person
 * types them. Public automation of Google Calendar's editor does exactly that: Selenium scripts
 * click the field, select all, type the text and press Enter or Tab; the Zoom Scheduler extension
 * (homelessgod/xxx, js/goog-script.js, 2020-01) focuses the input, selects it and inserts text with
 * document.execCommand('inserttext') between `input` events. Setting `value` alone is not enough:
 * the page keeps its own state and restores the field from it on blur.
 */

/**
 * Minutes after midnight in a shown time: "7:30am", "7:30 PM", "7:30 p.m.", "19:30", "07.30", "7am".
 * Null for anything else, including day-period words in other languages ("오후 7:30"): a time that
 * might be read twelve hours wrong is not read at all.
 */
export function parseClockText(text: string | null | undefined): number | null {
  const trimmed = (text ?? '').trim().toLowerCase();
  const match = /^(\d{1,2})(?:[:.](\d{2}))?\s*(?:([ap])\.?\s*m\.?)?$/.exec(trimmed);
  if (!match) return null;
  let hour = Number(match[1]);
  const minute = match[2] === undefined ? 0 : Number(match[2]);
  const period = match[3];
  if (match[2] === undefined && !period) return null;
  if (minute > 59) return null;
  if (period) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (period === 'p' ? 12 : 0);
  } else if (hour > 23) {
    return null;
  }
  return hour * 60 + minute;
}

/** `minutes` written the way `sample` (the field's current text) writes times: 12- or 24-hour, its spacing and case. */
export function clockTextLike(minutes: number, sample: string | null | undefined): string {
  const hour = Math.floor(minutes / 60);
  const minute = String(minutes % 60).padStart(2, '0');
  const shown = (sample ?? '').trim();
  const period = /([ap])(\.?\s*m\.?)$/i.exec(shown);
  if (period) {
    const pm = hour >= 12;
    const letter = pm ? 'p' : 'a';
    const suffix = `${period[1] === period[1]!.toUpperCase() ? letter.toUpperCase() : letter}${period[2]}`;
    const space = /\d\s+[ap]/i.test(shown) ? ' ' : '';
    return `${((hour + 11) % 12) + 1}:${minute}${space}${suffix}`;
  }
  const padded = /^0\d/.test(shown);
  return `${padded ? String(hour).padStart(2, '0') : hour}:${minute}`;
}

/** "YYYYMMDD" (Google Calendar's data-date) → "YYYY-MM-DD", or null. */
export function dateKeyOfCompact(value: string | null | undefined): string | null {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec((value ?? '').trim());
  return match ? `${match[1]}-${match[2]}-${match[3]}` : null;
}

/** A calendar date as the page's language writes it in a date field ("Mar 3, 2025", "3 mars 2025"). */
export function dateText(dateKey: string, locale: string): string {
  const midnight = Date.parse(`${dateKey}T00:00:00Z`);
  try {
    return new Intl.DateTimeFormat(locale || 'en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(midnight);
  } catch {
    return new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(midnight);
  }
}

/** Types `text` into a text field as a person would: focus, select all, insert, Enter, leave. */
export function typeIntoField(input: HTMLInputElement, text: string): void {
  const doc = input.ownerDocument;
  const view = doc.defaultView;
  input.focus();
  input.select();
  // execCommand keeps the page's own input handling (and its undo) in the loop; where it is not
  // available, the native setter plus an input event is what frameworks listen to.
  let inserted: boolean;
  try {
    inserted = doc.execCommand('insertText', false, text);
  } catch {
    inserted = false;
  }
  if (!inserted || input.value !== text) {
    const setter = view ? Object.getOwnPropertyDescriptor(view.HTMLInputElement.prototype, 'value')?.set : undefined;
    if (setter) setter.call(input, text);
    else input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }
  const key = { key: 'Enter', code: 'Enter', keyCode: 13, which: 13, bubbles: true, cancelable: true };
  input.dispatchEvent(new KeyboardEvent('keydown', key));
  input.dispatchEvent(new KeyboardEvent('keyup', key));
  input.dispatchEvent(new Event('change', { bubbles: true }));
  input.blur();
}
