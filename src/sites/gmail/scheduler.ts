/**
 * Schedules a compose with Gmail's own Schedule send, as public probes of live Gmail show it
 * (sources in selectors.ts and tests/fixtures/gmail/README.md): the chevron and "Schedule send" of
 * the compose's OWN menu; "Pick date & time" in the Schedule send dialog, which tears that dialog
 * down and mounts the picker as a new dialog a moment later; the picker's two fields; its confirm
 * button. Success is the compose closing (and, where Gmail shows its snackbar, the snackbar naming
 * the time). Nothing is ever written into a compose, and Escape is never pressed where a compose
 * has focus (it can close the compose): what was opened is closed with its own controls. Nothing
 * here throws; a failure names its step in language-free words.
 */
import type { Instant } from '../../core/types.ts';
import type { ScheduleResult } from '../contract.ts';
import { setFieldValue } from '../shared/form-field.ts';
import { pressEscape } from '../shared/keyboard.ts';
import { pointerClick } from '../shared/pointer.ts';
import { runScheduleSteps } from '../shared/schedule-steps.ts';
import { waitFor } from '../shared/wait-for.ts';
import { matchChain } from '../shared/selector-chain.ts';
import { isComposeOpen } from './compose.ts';
import { gmailScheduleChains as C, gmailScheduleWords as W, gmailSelectors as S } from './selectors.ts';

const STEP_TIMEOUT_MS = 2500;
/** The snackbar follows the compose's closing at once; a build without one must not slow success. */
const SNACKBAR_WAIT_MS = 800;

const shown = (el: Element | null | undefined): boolean =>
  !!el?.isConnected && (el as Element & { checkVisibility?: () => boolean }).checkVisibility?.() !== false;

const textOf = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Date and time as Gmail's picker expects them in its interface language, in the browser's zone. */
export function pickerTexts(at: Instant, language: string): { date: string; time: string } {
  const format = (locale: string) => ({
    date: new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(at),
    time: new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(at),
  });
  let texts: { date: string; time: string };
  try {
    texts = format(language || 'en-US');
  } catch {
    texts = format('en-US');
  }
  // Newer ICU puts a narrow no-break space before AM/PM; Gmail's own text has a plain space.
  const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');
  return { date: plain(texts.date), time: plain(texts.time) };
}

/** The element holding this compose and its own controls; the compose itself if a box holds several. */
export function composeBox(compose: HTMLElement): Element {
  const box = compose.parentElement?.closest(S.composeBox);
  return box && box.querySelectorAll(S.compose).length === 1 ? box : compose;
}

const holdsCompose = (dialog: Element) => !!dialog.querySelector(S.composeParts);

/** A value that reads as a date (a year, or a numeric day/month/year) and one that reads as a time (h:mm). */
const looksLikeDate = (value: string) => /\b\d{4}\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2}\b/.test(value);
const looksLikeTime = (value: string) => /\b\d{1,2}\s*[:.h]\s*\d{2}\b/.test(value) && !looksLikeDate(value);

interface Picker {
  dialog: Element;
  date: HTMLInputElement;
  time: HTMLInputElement;
  alternative: number;
}

/**
 * The custom picker, by its contents: a shown dialog that holds no compose, with exactly two shown
 * fields of one alternative whose values read as a date then a time, and not one that was open
 * before this run. A pop-up or full-screen compose is a dialog too, with two text fields (To,
 * Subject): it holds a compose, so it is never taken.
 */
function findPicker(doc: Document, older: ReadonlySet<Element> = new Set()): Picker | null {
  for (const dialog of doc.querySelectorAll(S.dialog)) {
    if (older.has(dialog) || !shown(dialog) || holdsCompose(dialog)) continue;
    for (let alternative = 0; alternative < C.pickerFields.length; alternative++) {
      const fields = [...dialog.querySelectorAll<HTMLInputElement>(C.pickerFields[alternative]!)].filter(shown);
      if (fields.length !== 2) continue;
      const [date, time] = fields as [HTMLInputElement, HTMLInputElement];
      if (looksLikeDate(date.value) && looksLikeTime(time.value)) return { dialog, date, time, alternative };
    }
  }
  return null;
}

/** The picker's Cancel and confirm: its last two shown buttons, Cancel first, the confirm the one that is not Cancel. */
function pickerActions(picker: Element): { cancel: HTMLElement; confirm: HTMLElement; alternative: number } | null {
  for (let alternative = 0; alternative < C.pickerActions.length; alternative++) {
    const buttons = [...picker.querySelectorAll(C.pickerActions[alternative]!)]
      .map((el) => el.closest<HTMLElement>('button'))
      .filter((el, i, all): el is HTMLElement => !!el && shown(el) && all.indexOf(el) === i);
    if (buttons.length >= 2) return { cancel: buttons[buttons.length - 2]!, confirm: buttons[buttons.length - 1]!, alternative };
  }
  return null;
}

const english = (doc: Document) => /^en\b/i.test(doc.documentElement.lang);

/** Gmail said no to the typed values (checked in English; elsewhere the picker staying open tells). */
const pickerRejected = (picker: Element) => english(picker.ownerDocument) && textOf(picker).includes(W.invalidDate);

/** Whether a snackbar's text names a time other than `at` (it may name none: nothing to check then). */
function namesOtherTime(text: string, at: Instant): boolean {
  const wanted = new Date(at);
  const times = [...text.matchAll(/(\d{1,2})[:.](\d{2})(?!\d)/g)];
  const hour = wanted.getHours();
  return (
    times.length > 0 &&
    !times.some(([, h, m]) => Number(m) === wanted.getMinutes() && (Number(h) === hour || Number(h) === (hour % 12 || 12)))
  );
}

/** Sets a picker field as typing would; refuses any field that belongs to a compose. */
function typeInto(field: HTMLInputElement, value: string, box: Element): void {
  const dialog = field.closest(S.dialog);
  if (box.contains(field) || field.closest(S.compose) || (dialog && holdsCompose(dialog))) throw new Error('refused to type into a compose');
  setFieldValue(field, value);
}

export async function scheduleWithGmail(compose: HTMLElement, at: Instant, options: { timeoutMs?: number } = {}): Promise<ScheduleResult> {
  const doc = compose.ownerDocument;
  const timeout = options.timeoutMs ?? STEP_TIMEOUT_MS;
  const box = composeBox(compose);
  const matched: Record<string, number> = {};
  let step = 'time';
  // What was open before each press, so that clean-up closes only what this run opened.
  let chevronPressed: Element | null = null;
  let menusBefore = new Set<Element>();
  let dialogsBefore: Set<Element> | null = null;
  const shownMenus = () => [...box.querySelectorAll(S.menu)].filter(shown);

  /** Closes what this run opened with the controls Gmail gives each (never Escape inside a compose). */
  const tidy = () => {
    const opened = dialogsBefore ? [...doc.querySelectorAll(S.dialog)].filter((d) => !dialogsBefore!.has(d) && shown(d) && !holdsCompose(d)) : [];
    for (const dialog of opened) {
      // The picker has its own Cancel; the Schedule send dialog may have a close button.
      const cancel = findPicker(doc)?.dialog === dialog ? pickerActions(dialog)?.cancel : null;
      const close = cancel ?? matchChain(dialog, C.dialogClose, shown)?.element;
      const focus = doc.activeElement;
      if (close) pointerClick(close);
      // A modal dialog holds the focus; Escape there closes it and cannot reach the compose.
      else if (focus && dialog.contains(focus) && !box.contains(focus)) pressEscape(focus);
    }
    // The chevron toggles its menu.
    if (chevronPressed && shownMenus().some((menu) => !menusBefore.has(menu))) pointerClick(chevronPressed);
  };

  const result = await runScheduleSteps(tidy, async (fail) => {
    if (at <= Date.now()) return fail('the time is already past');

    step = 'send-options';
    const chevron = matchChain(box, C.sendOptions, shown);
    if (!chevron) return fail('no send options button');
    matched[step] = chevron.alternative;
    menusBefore = new Set(shownMenus());
    chevronPressed = chevron.element;
    pointerClick(chevron.element);

    step = 'menu-item';
    const isScheduleItem = (el: Element) => shown(el) && (el.getAttribute('selector') === 'scheduledSend' || textOf(el) === W.scheduleSend);
    const item = await waitFor(() => matchChain(box, C.scheduleMenuItem, isScheduleItem), box, timeout);
    if (!item) return fail('no Schedule send item in the menu');
    matched[step] = item.alternative;
    dialogsBefore = new Set(doc.querySelectorAll(S.dialog));
    pointerClick(item.element);

    step = 'pick-date-time';
    const inOwnDialog = (el: Element) => shown(el) && !el.closest(S.dialog)?.querySelector(S.composeParts);
    const pick = await waitFor(() => matchChain(doc, C.pickDateTime, inOwnDialog), doc.body, timeout);
    if (!pick) return fail('no Schedule send dialog');
    matched[step] = pick.alternative;
    pointerClick(pick.element);

    step = 'picker';
    const picker = await waitFor(() => findPicker(doc, dialogsBefore ?? undefined), doc.body, timeout);
    if (!picker) return fail('no date and time picker');
    matched[step] = picker.alternative;
    const actions = pickerActions(picker.dialog);

    step = 'picker-fields';
    const texts = pickerTexts(at, doc.documentElement.lang);
    typeInto(picker.date, texts.date, box);
    typeInto(picker.time, texts.time, box);
    picker.time.blur();
    if (picker.date.value !== texts.date || picker.time.value !== texts.time) return fail('the typed date and time did not stay');
    const rejected = () => {
      step = 'picker-rejected';
      return fail(`Gmail answered "${W.invalidDate}" to ${texts.date}, ${texts.time}`);
    };
    if (pickerRejected(picker.dialog)) return rejected();

    step = 'picker-confirm';
    if (!actions) return fail('no confirm button');
    matched[step] = actions.alternative;
    if (english(doc) && textOf(actions.confirm) !== W.scheduleSend) return fail(`the confirm button does not read "${W.scheduleSend}"`);
    // A snackbar already shown (an earlier send) is not this one's, unless Gmail rewrites it.
    const barsBefore = new Map([...doc.querySelectorAll(C.snackbar.join())].map((el) => [el, textOf(el)]));
    pointerClick(actions.confirm);

    step = 'compose-close';
    const outcome = await waitFor(
      () => (!isComposeOpen(compose) ? 'closed' : shown(picker.dialog) && pickerRejected(picker.dialog) ? 'rejected' : null),
      doc.body,
      timeout,
    );
    if (outcome === 'rejected') return rejected();
    if (!outcome) return fail(shown(picker.dialog) ? 'the picker stayed open' : 'the compose stayed open');

    step = 'snackbar';
    const isSnackbar = (el: Element) => shown(el) && !!el.querySelector(S.snackbarLinks) && barsBefore.get(el) !== textOf(el);
    const snackbar = await waitFor(() => matchChain(doc, C.snackbar, isSnackbar), doc.body, Math.min(timeout, SNACKBAR_WAIT_MS));
    if (snackbar) {
      matched[step] = snackbar.alternative;
      if (namesOtherTime(textOf(snackbar.element), at)) return fail('scheduled, but the notice names another time');
    }
    return { ok: true };
  });
  return result.ok ? { ok: true, matched } : { ...result, step, matched };
}
