import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import type { Instant } from '../../core/types';
import type { NudgeCardProps, NudgePhase, NudgeUiChoice } from './types';
import type { NudgeTheme } from './theme';
import { formatPickedTime, fromDateTimeInput, toDateTimeInput } from './zonedTime';

export interface NudgeCardViewProps extends Omit<NudgeCardProps, 'onChoice'> {
  phase: NudgePhase;
  theme: NudgeTheme;
  /** Whether to move focus into the card for this phase: when it first shows, or when focus was in it. */
  takeFocus: boolean;
  onPick(choice: NudgeUiChoice): void;
}

/**
 * After the card appears or changes, keys do not choose for this long: a key meant for the compose
 * (typed on, or pressed twice) must not pick an action the user has not read.
 */
export const ARM_MS = 400;

const TITLE_ID = 'replypace-nudge-title';
const DESCRIPTION_ID = 'replypace-nudge-description';

/** Focusable controls of the card, in tab order. Sending actions carry `data-sends`. */
function focusables(card: HTMLElement): HTMLElement[] {
  return Array.from(card.querySelectorAll<HTMLElement>('button:not([disabled]), input:not([disabled])'));
}

/** The element focused inside the card's shadow root (document.activeElement is the host). */
function focusedIn(card: HTMLElement): Element | null {
  const root = card.getRootNode() as Document | ShadowRoot;
  return root.activeElement ?? null;
}

export function NudgeCard(props: NudgeCardViewProps): JSX.Element {
  const { decision, phase, theme, userTimeZone, onPick } = props;
  const siteName = props.siteName ?? 'Gmail';
  const [pickerOpen, setPickerOpen] = useState(false);
  const [pickedValue, setPickedValue] = useState('');
  const [pickerError, setPickerError] = useState<string | null>(null);
  const cardRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const armedAt = useRef(0);
  const busy = phase.kind === 'scheduling';

  // Synchronous, so the focus has moved into the card by the time showNudge returns. Focus goes to
  // the first action that does not send (a suggestion, or "Close"), never onto "Send now".
  useLayoutEffect(() => {
    armedAt.current = performance.now() + ARM_MS;
    const card = cardRef.current;
    if (card && props.takeFocus) (focusables(card).find((el) => !el.hasAttribute('data-sends')) ?? card).focus();
  }, [phase.kind]);

  useLayoutEffect(() => {
    if (pickerOpen) inputRef.current?.focus();
  }, [pickerOpen]);

  const openPicker = () => {
    if (!pickedValue) setPickedValue(toDateTimeInput(decision.suggestions[0]?.at ?? Date.now() + 3_600_000, userTimeZone));
    setPickerOpen(true);
  };

  const schedulePicked = () => {
    const at: Instant | null = fromDateTimeInput(inputRef.current?.value ?? pickedValue, userTimeZone);
    if (at === null) {
      setPickerError('Choose a date and a time.');
      return;
    }
    if (at <= Date.now()) {
      setPickerError(`${formatPickedTime(at, userTimeZone)} has already passed. Pick a time in the future.`);
      return;
    }
    setPickerError(null);
    onPick({ kind: 'schedule', at });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const card = cardRef.current;
    if (!card || event.isComposing) return;
    const { key } = event;
    const focused = focusedIn(card);
    if (key === 'Tab') {
      const items = focusables(card);
      event.preventDefault();
      if (items.length === 0) return;
      const index = items.indexOf(focused as HTMLElement);
      const next = event.shiftKey
        ? index <= 0 ? items.length - 1 : index - 1
        : index === -1 || index === items.length - 1 ? 0 : index + 1;
      items[next]?.focus();
      return;
    }
    // Enter, Space on a button, and Esc are handled here rather than by the browser's button
    // activation, so that one deliberate key press yields one choice: never a held key's repeats, a
    // shortcut meant for the compose (a second Ctrl+Enter), or a key pressed as the card changed.
    if (key !== 'Escape' && key !== 'Enter' && !(key === ' ' && focused?.tagName === 'BUTTON')) return;
    event.preventDefault();
    if (event.repeat || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey || busy) return;
    if (key === 'Escape') return onPick({ kind: 'dismiss' });
    if (performance.now() < armedAt.current) return;
    if (focused?.tagName === 'BUTTON') return (focused as HTMLButtonElement).click();
    if (focused === inputRef.current && pickerOpen) return schedulePicked();
    const first = decision.suggestions[0];
    if (phase.kind === 'choose' && first) onPick({ kind: 'schedule', at: first.at });
  };

  /** A focused button clicks on Space's keyup in some browsers: the keydown above already chose. */
  const onKeyUp = (event: KeyboardEvent) => {
    if (event.key === ' ' && cardRef.current && focusedIn(cardRef.current)?.tagName === 'BUTTON') event.preventDefault();
  };

  let body: JSX.Element;
  if (phase.kind === 'unsent') {
    body = (
      <>
        <p class="status" id={DESCRIPTION_ID}>
          <strong id={TITLE_ID}>Not sent yet.</strong> {siteName} did not send it. Press Send again to send it now.
        </p>
        <div class="row">
          <button type="button" onClick={() => onPick({ kind: 'dismiss' })}>
            Close
          </button>
        </div>
      </>
    );
  } else if (phase.kind === 'failed') {
    body = (
      <>
        {/* One sentence in one node, so it reads (and copies) as the plain instruction it is. */}
        <p class="status" id={DESCRIPTION_ID}>
          <strong id={TITLE_ID}>Couldn't schedule automatically.</strong> Your draft is intact: schedule it for{' '}
          {phase.label} with {siteName}'s Schedule send, or send now.
        </p>
        <div class="row">
          <button type="button" class="primary" data-sends onClick={() => onPick({ kind: 'send-now' })}>
            Send now
          </button>
          <button type="button" onClick={() => onPick({ kind: 'dismiss' })}>
            Close
          </button>
        </div>
      </>
    );
  } else {
    body = (
      <>
        <p class="headline" id={TITLE_ID}>
          {decision.headline}
        </p>
        {/* The headline is one of the reasons: list only the others, so nothing is said twice. */}
        <ul class="reasons" id={DESCRIPTION_ID}>
          {decision.reasons
            .filter((reason) => reason.text !== decision.headline)
            .map((reason) => (
              <li key={reason.code}>{reason.text}</li>
            ))}
        </ul>
        {busy && (
          <p class="status" role="status">
            Scheduling for {phase.label}…
          </p>
        )}
        <div class="actions">
          {decision.suggestions.map((suggestion) => (
            <button
              type="button"
              class="suggestion"
              key={suggestion.at}
              disabled={busy}
              onClick={() => onPick({ kind: 'schedule', at: suggestion.at })}
            >
              {suggestion.label}
            </button>
          ))}
          {pickerOpen ? (
            <div class="picker">
              <input
                ref={inputRef}
                type="datetime-local"
                aria-label="Send at"
                value={pickedValue}
                min={toDateTimeInput(Date.now(), userTimeZone)}
                disabled={busy}
                aria-invalid={pickerError ? 'true' : undefined}
                aria-describedby={pickerError ? 'replypace-nudge-picker-error' : undefined}
                onInput={(event) => {
                  setPickedValue(event.currentTarget.value);
                  setPickerError(null);
                }}
              />
              <button type="button" class="primary" disabled={busy} onClick={schedulePicked}>
                Schedule
              </button>
              {pickerError && (
                <p class="error" id="replypace-nudge-picker-error" role="alert">
                  {pickerError}
                </p>
              )}
            </div>
          ) : (
            <button type="button" disabled={busy} onClick={openPicker}>
              Pick a time…
            </button>
          )}
          <div class="row">
            <button type="button" data-sends disabled={busy} onClick={() => onPick({ kind: 'send-now' })}>
              Send now
            </button>
            <button type="button" data-sends disabled={busy} onClick={() => onPick({ kind: 'snooze-client' })}>
              Not for this client today
            </button>
          </div>
        </div>
      </>
    );
  }

  return (
    <div
      ref={cardRef}
      class="card"
      role="alertdialog"
      aria-labelledby={TITLE_ID}
      aria-describedby={DESCRIPTION_ID}
      data-theme={theme}
      tabIndex={-1}
      onKeyDown={onKeyDown}
      onKeyUp={onKeyUp}
    >
      <p class="brand">ReplyPace · {props.clientName}</p>
      {body}
    </div>
  );
}
