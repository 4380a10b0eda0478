import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import type { Instant } from '../../core/types';
import type { NudgeCardProps, NudgePhase, NudgeUiChoice } from './types';
import type { NudgeTheme } from './theme';
import { formatPickedTime, fromDateTimeInput, toDateTimeInput } from './zonedTime';

export interface NudgeCardViewProps extends Omit<NudgeCardProps, 'onChoice'> {
  phase: NudgePhase;
  theme: NudgeTheme;
  onPick(choice: NudgeUiChoice): void;
}

const TITLE_ID = 'replypace-nudge-title';
const DESCRIPTION_ID = 'replypace-nudge-description';

/** Focusable controls of the card, in tab order. */
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
  const busy = phase.kind === 'scheduling';

  // Synchronous, so the focus has moved into the card by the time showNudge returns.
  useLayoutEffect(() => {
    const card = cardRef.current;
    if (!card) return;
    (focusables(card)[0] ?? card).focus();
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
    if (!card) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      if (!busy) onPick({ kind: 'dismiss' });
      return;
    }
    if (event.key === 'Tab') {
      const items = focusables(card);
      if (items.length === 0) {
        event.preventDefault();
        return;
      }
      const index = items.indexOf(focusedIn(card) as HTMLElement);
      const next = event.shiftKey
        ? index <= 0 ? items.length - 1 : index - 1
        : index === -1 || index === items.length - 1 ? 0 : index + 1;
      event.preventDefault();
      items[next]?.focus();
      return;
    }
    if (event.key === 'Enter' && !event.isComposing) {
      // Handled here rather than by the browser's button activation, so a key press yields one choice.
      event.preventDefault();
      if (busy) return;
      const focused = focusedIn(card);
      if (focused?.tagName === 'BUTTON') {
        const button = focused as HTMLButtonElement;
        if (!button.disabled) button.click();
        return;
      }
      if (focused === inputRef.current && pickerOpen) {
        schedulePicked();
        return;
      }
      const first = decision.suggestions[0];
      if (phase.kind === 'choose' && first) onPick({ kind: 'schedule', at: first.at });
    }
  };

  let body: JSX.Element;
  if (phase.kind === 'failed') {
    body = (
      <>
        {/* One sentence in one node, so it reads (and copies) as the plain instruction it is. */}
        <p class="status" id={DESCRIPTION_ID}>
          <strong id={TITLE_ID}>Couldn't schedule automatically.</strong> Your draft is intact: schedule it for{' '}
          {phase.label} with {siteName}'s Schedule send, or send now.
        </p>
        <div class="row">
          <button type="button" class="primary" onClick={() => onPick({ kind: 'send-now' })}>
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
            <button type="button" disabled={busy} onClick={() => onPick({ kind: 'send-now' })}>
              Send now
            </button>
            <button type="button" disabled={busy} onClick={() => onPick({ kind: 'snooze-client' })}>
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
    >
      <p class="brand">ReplyPace · {props.clientName}</p>
      {body}
    </div>
  );
}
