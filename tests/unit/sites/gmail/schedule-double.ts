import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Gmail's part in Schedule send, played in the test's happy-dom document with the reconstructed
 * pages of tests/fixtures/gmail (dated by their sources, see its README): two pop-up composes, each
 * with its own hidden send-options menu; the Schedule send dialog, whose rows mount a tick after the
 * dialog; "Pick date & time" tearing it down and mounting the picker as a NEW dialog later; "Invalid
 * date" for a text Gmail does not read (confirm then does nothing); the snackbar. Gmail acts on the
 * whole pointer sequence, so a control reacts only to pointerdown, mousedown, pointerup, mouseup,
 * click. Escape inside a compose closes it (the driver must never send one there).
 */
const FIXTURES = resolve(import.meta.dirname, '..', '..', '..', 'fixtures', 'gmail');
const fixture = (name: string) => readFileSync(resolve(FIXTURES, name), 'utf8');
const bodyOf = (html: string) => /<body>([\s\S]*)<\/body>/.exec(html)![1]!;

export interface ScheduleDoubleOptions {
  /** How long after "Pick date & time" the picker mounts (real Gmail: "a moment later"). */
  pickerDelayMs?: number;
  /** The picker never mounts. */
  noPicker?: boolean;
  /** The dialog has no "Pick date & time" row. */
  noPickRow?: boolean;
  /** The picker answers every value with "Invalid date" (as for an ISO date). */
  rejectAll?: boolean;
  /** The snackbar names a time this far from the one scheduled. */
  snackbarOffsetMs?: number;
  /** The page's language (the <html lang>). */
  lang?: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** English Gmail reads "May 16, 2026" (and "05/16/2026") and "1:33 PM"; anything else is not a date. */
function readPicked(date: string, time: string): number | null {
  const words = /^([A-Z][a-z]{2}) (\d{1,2}), (\d{4})$/.exec(date.trim());
  const numeric = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(date.trim());
  const clock = /^(\d{1,2}):(\d{2}) (AM|PM)$/.exec(time.trim());
  if (!clock || !(words || numeric)) return null;
  const month = words ? MONTHS.indexOf(words[1]!) : Number(numeric![1]) - 1;
  const day = Number(words ? words[2] : numeric![2]);
  const year = Number(words ? words[3] : numeric![3]);
  if (month < 0) return null;
  const at = new Date(year, month, day, (Number(clock[1]) % 12) + (clock[3] === 'PM' ? 12 : 0), Number(clock[2]));
  return at.getDate() === day ? at.getTime() : null;
}

export function loadScheduleDouble(options: ScheduleDoubleOptions = {}) {
  const page = fixture('2026-05-two-composes-send-options.html');
  document.documentElement.innerHTML = /<html[^>]*>([\s\S]*)<\/html>/.exec(page)![1]!;
  document.documentElement.lang = options.lang ?? /<html lang="([^"]+)"/.exec(page)![1]!;
  const template = (name: string) => {
    const holder = document.createElement('div');
    holder.innerHTML = bodyOf(fixture(name));
    return holder;
  };

  const composes = [...document.querySelectorAll<HTMLElement>('div.M9')];
  const scheduled: { composeId: string; at: number }[] = [];
  const pressed: string[] = [];
  const escapesInComposes: string[] = [];
  let mountedPickers = 0;

  /** Calls `handler` on a full press: the five events, in order, ending in a click on this element. */
  const onPress = (el: Element, name: string, handler: () => void) => {
    let got: string[] = [];
    for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']) {
      el.addEventListener(type, () => {
        got = type === 'pointerdown' ? [type] : [...got, type];
        if (type === 'click' && got.join() === 'pointerdown,mousedown,pointerup,mouseup,click') {
          pressed.push(name);
          handler();
        }
      });
    }
  };

  const closeCompose = (compose: HTMLElement) => compose.closest('[role=dialog]')!.remove();

  const showSnackbar = (at: number) => {
    const bar = template('2026-05-send-scheduled-snackbar.html').firstElementChild!;
    const shown = at + (options.snackbarOffsetMs ?? 0);
    const label = new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' })
      .format(shown)
      .replace(/[\u202f\u00a0]/g, ' ');
    bar.querySelector('.bAq')!.textContent = `Send scheduled for ${label}`;
    document.body.append(bar);
  };

  const openPicker = (compose: HTMLElement) => {
    const picker = template('2026-05-schedule-picker.html').querySelector<HTMLElement>('[role=dialog]')!;
    mountedPickers++;
    // Ids are dynamic: each picker gets new ones.
    const [date, time] = [...picker.querySelectorAll('input')] as [HTMLInputElement, HTMLInputElement];
    date.id = `c${3 + 4 * mountedPickers}`;
    time.id = `c${4 + 4 * mountedPickers}`;
    const error = document.createElement('div');
    error.className = 'aQe';
    picker.querySelector('.aQc')!.after(error);
    const valid = () => (options.rejectAll ? null : readPicked(date.value, time.value));
    const check = () => (error.textContent = valid() === null ? 'Invalid date' : '');
    for (const field of [date, time]) for (const type of ['input', 'change']) field.addEventListener(type, check);
    const [cancel, confirm] = [...picker.querySelectorAll('.Kj-JD-Jl button')];
    onPress(cancel!, 'picker cancel', () => picker.remove());
    onPress(confirm!, 'picker confirm', () => {
      const at = valid();
      if (at === null || at <= Date.now()) return;
      picker.remove();
      scheduled.push({ composeId: compose.dataset.composeId!, at });
      closeCompose(compose);
      setTimeout(() => showSnackbar(at), 0);
    });
    picker.addEventListener('keydown', (e) => e.key === 'Escape' && picker.remove());
    document.body.append(picker);
    date.focus();
  };

  const openDialog = (compose: HTMLElement) => {
    const dialog = template('2026-05-schedule-dialog.html').querySelector<HTMLElement>('[role=dialog]')!;
    const menu = dialog.querySelector('.ZkmAeb')!;
    const rows = [...menu.children].filter((row) => !(options.noPickRow && row.matches('.AM')));
    menu.replaceChildren();
    document.body.append(dialog);
    dialog.focus();
    dialog.addEventListener('keydown', (e) => e.key === 'Escape' && dialog.remove());
    // The rows render a tick after the dialog node appears (OutboxIQ, live 2026-05-22).
    setTimeout(() => {
      menu.append(...rows);
      const pick = menu.querySelector('.Az.AM');
      if (pick) {
        onPress(pick, 'pick date & time', () => {
          dialog.remove();
          if (!options.noPicker) setTimeout(() => openPicker(compose), options.pickerDelayMs ?? 300);
        });
      }
    }, 0);
  };

  for (const compose of composes) {
    const id = compose.dataset.composeId!;
    const menu = compose.querySelector<HTMLElement>('[role=menu]')!;
    onPress(compose.querySelector('.hG')!, `${id} chevron`, () => {
      menu.style.display = menu.style.display === 'none' ? '' : 'none';
    });
    onPress(menu.querySelector('[selector=scheduledSend]')!, `${id} schedule send`, () => {
      menu.style.display = 'none';
      setTimeout(() => openDialog(compose), 0);
    });
    compose.closest('[role=dialog]')!.addEventListener('keydown', (e) => {
      if ((e as KeyboardEvent).key !== 'Escape') return;
      escapesInComposes.push(id);
      closeCompose(compose);
    });
  }

  /** What a user would see of a compose: recipients, the two text fields, the body. */
  const draftOf = (compose: HTMLElement) => ({
    open: compose.isConnected,
    chips: [...compose.querySelectorAll('[data-hovercard-id]')].map((chip) => chip.getAttribute('data-hovercard-id')),
    to: compose.querySelector<HTMLInputElement>('input[role=combobox]')!.value,
    subject: compose.querySelector<HTMLInputElement>('input[name=subjectbox]')!.value,
    body: compose.querySelector('[role=textbox]')!.textContent,
  });

  return {
    composes,
    scheduled,
    pressed,
    escapesInComposes,
    draftOf,
    showSnackbar,
    mountedPickers: () => mountedPickers,
    openDialogs: () => [...document.querySelectorAll('[role=dialog]')].filter((d) => !d.querySelector('div.M9')),
  };
}
