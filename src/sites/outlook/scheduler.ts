/**
 * Schedules a compose with Outlook's own Schedule send, the way the public evidence shows it
 * (selectors.ts names each source): the chevron next to Send, "Schedule send" in its menu,
 * "Custom time" (a button, or a menu item) in the Schedule send dialog, then the date and the
 * time in the "Set custom date and time" dialog, read back, and its confirm ("Send", "Schedule"
 * or "Schedule send" by build). Success is the compose closing.
 *
 * Escape is never pressed and no backdrop is ever clicked: in Outlook both can open or confirm
 * "Discard message" (the compose's own Discard button is titled "Discard (Esc)" in the real write
 * capture). Whatever the driver opened is closed with its own controls: a dialog's close or
 * Cancel button, the menu by its chevron. On any failure the draft is left exactly as it was and
 * the result names the failed step; nothing here throws.
 */
import type { Instant } from '../../core/types.ts';
import type { ScheduleResult } from '../contract.ts';
import { setFieldValue } from '../shared/form-field.ts';
import { pointerClick } from '../shared/pointer.ts';
import { runScheduleSteps } from '../shared/schedule-steps.ts';
import { waitFor } from '../shared/wait-for.ts';
import { matchChain, type SelectorChain } from '../shared/selector-chain.ts';
import { isComposeOpen } from './compose.ts';
import { pageLanguage } from './reader.ts';
import * as S from './selectors.ts';
import { outlookChains as C, outlookLabels as L } from './selectors.ts';
import { mailboxTimeZone, parseOutlookTime, supportedLocale } from './time.ts';

const STEP_TIMEOUT_MS = 2500;
/** The custom time dialog's text fields, whatever their labels (the last alternative of C.date and C.time). */
const TEXT_FIELD = C.date.at(-1)!;

const visible = (el: Element) => (el as Element & { checkVisibility?: () => boolean }).checkVisibility?.() !== false;

/** A control's name as a user reads it: its aria-label, else its text; spaces collapsed, lower-cased. */
const nameOf = (el: Element) => (el.getAttribute('aria-label') || el.textContent || '').replace(/[\s\u200b]+/g, ' ').trim().toLowerCase();

/** Accepts a visible control named one of `labels`, or (rows with a second line) one of them and more. */
const named = (labels: readonly string[], exact?: boolean) => (el: Element) => {
  const name = nameOf(el);
  return visible(el) && labels.some((label) => name === label || (!exact && name.startsWith(`${label} `)));
};

/** Date and time as Outlook's custom time fields take them in its language ("5/16/2026", "1:33 PM" in en-US), in `timeZone`. */
export function customTimeTexts(at: Instant, language: string, timeZone = mailboxTimeZone()): { date: string; time: string } {
  // Newer ICU puts a narrow no-break space before AM/PM; Outlook's own text has a plain space.
  const format = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(supportedLocale(language), { ...options, timeZone }).format(at).replace(/[\u202f\u00a0]/g, ' ');
  return { date: format({ year: 'numeric', month: 'numeric', day: 'numeric' }), time: format({ hour: 'numeric', minute: '2-digit' }) };
}

export async function scheduleWithOutlook(compose: HTMLElement, at: Instant, options: { timeoutMs?: number } = {}): Promise<ScheduleResult> {
  const doc = compose.ownerDocument;
  const timeout = options.timeoutMs ?? STEP_TIMEOUT_MS;
  const matched: Record<string, number> = {};
  let step = 'time';
  let chevron: Element | null = null;

  const dialogs = () => [...doc.querySelectorAll(S.dialog)].filter((dialog) => visible(dialog) && !dialog.contains(compose));
  const openBefore = new Set(dialogs());
  /** Dialogs that opened since the driver started, newest last. */
  const opened = () => dialogs().filter((dialog) => !openBefore.has(dialog));
  /** The first control of `chain` under `root` that `accept` takes; records which alternative found it. */
  const find = <E extends Element>(key: string, root: ParentNode, chain: SelectorChain, accept: (el: E) => boolean) => {
    const match = matchChain<E>(root, chain, accept);
    if (match) matched[key] = match.alternative;
    return match?.element ?? null;
  };
  const until = <T>(found: () => T | null) => waitFor(found, doc.body, timeout);

  /** Closes what the driver opened with its own controls, newest first; a dialog without any stays open. */
  const tidy = () => {
    for (const dialog of opened().reverse()) {
      const close = matchChain(dialog, C.close, (el) => visible(el) && (el.closest('.fui-DialogTitle__action') !== null || L.close.includes(nameOf(el))));
      if (close) pointerClick(close.element);
    }
    if (chevron?.getAttribute('aria-expanded') === 'true') pointerClick(chevron);
  };

  /** The reason of a step that found nothing: the step names what was missing. */
  const missing = 'not found on the page';
  const result = await runScheduleSteps(tidy, async (fail) => {
    if (at <= Date.now()) return fail('the time is already past');
    step = 'compose';
    if (!isComposeOpen(compose)) return fail(missing);

    step = 'send-options';
    chevron = find(step, compose, C.sendOptions, visible);
    if (!chevron) return fail(missing);
    pointerClick(chevron);

    step = 'menu-item';
    const item = await until(() => find(step, doc, C.scheduleItem, named(L.scheduleSend)));
    if (!item) return fail(missing);
    pointerClick(item);

    step = 'custom-time';
    const custom = await until(() => find(step, doc, C.customTime, (el) => !compose.contains(el) && named(L.customTime)(el)));
    if (!custom) return fail(missing);
    pointerClick(custom);

    step = 'picker-fields';
    const picker = await until(() => {
      for (const dialog of opened().reverse()) {
        // The last, language-free alternative takes the first and the second of exactly two text fields.
        const fields = [...dialog.querySelectorAll(TEXT_FIELD)].filter(visible);
        const field = (key: string, chain: SelectorChain, index: number) => {
          const el = find(key, dialog, chain, (e) => visible(e) && (!e.matches(TEXT_FIELD) || e.matches(chain.slice(0, -1).join()) || (fields.length === 2 && fields[index] === e)));
          return el?.tagName === 'INPUT' ? (el as HTMLInputElement) : el?.querySelector('input');
        };
        const date = field('picker-date', C.date, 0);
        const time = field('picker-time', C.time, 1);
        if (date && time) return { dialog, date, time };
      }
      return null;
    });
    if (!picker) return fail(missing);

    step = 'picker-values';
    const language = pageLanguage(doc);
    const texts = customTimeTexts(at, language);
    // Typed, then committed as the public automation does it: Enter in the field, then leaving it.
    for (const [field, text] of [[picker.date, texts.date], [picker.time, texts.time]] as const) {
      setFieldValue(field, text);
      field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', keyCode: 13, bubbles: true, cancelable: true }));
      field.blur();
    }
    // Outlook may rewrite what was typed ("Sat 5/16/2026"): what counts is the time it now shows.
    await new Promise((settled) => setTimeout(settled, 0));
    const shown = `${picker.date.value} ${picker.time.value}`;
    if (parseOutlookTime(shown, language) !== at - (at % 60_000)) return fail(`the dialog shows "${shown}"`);

    step = 'picker-confirm';
    const confirm = find<HTMLButtonElement>(step, picker.dialog, C.confirm, named(L.confirm, true));
    if (!confirm || confirm.disabled || confirm.getAttribute('aria-disabled') === 'true') return fail(missing);
    pointerClick(confirm);

    step = 'compose-closed';
    const closed = () => (isComposeOpen(compose) ? null : true);
    // Once the dialog has gone, Outlook is sending: a slow close is waited for longer rather than
    // reported as a failure after which the user might send the same draft again.
    if (!(await until(closed)) && (picker.dialog.isConnected || !(await waitFor(closed, doc.body, 4 * timeout)))) return fail(missing);
    return { ok: true, matched };
  });
  return result.ok ? result : { ...result, step, matched };
}
