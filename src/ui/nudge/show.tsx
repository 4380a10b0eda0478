import { render } from 'preact';
import type { Instant } from '../../core/types';
import { NudgeCard } from './NudgeCard';
import { placeCard } from './placement';
import { NUDGE_CSS } from './styles';
import { pickTheme } from './theme';
import type { NudgeCardProps, NudgeHandle, NudgePhase, NudgeUiChoice } from './types';
import { formatPickedTime } from './zonedTime';

export const NUDGE_TAG = 'replypace-nudge';

/** Above the mail sites' own pop-ups and menus. */
const Z_INDEX = '2147483000';

function deepActiveElement(doc: Document): Element | null {
  let active: Element | null = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/**
 * Shows the nudge card next to `anchor` (the compose's Send button or the compose itself).
 * The card reports one choice per state through `onChoice`; it never sends or schedules.
 * "Send now", "Not for this client today", Esc and "Close" close it before reporting; a schedule
 * choice turns it into "Scheduling for …" until the caller closes it or calls showScheduleFailed.
 */
export function showNudge(anchor: Element, props: NudgeCardProps): NudgeHandle {
  const doc = anchor.ownerDocument;
  const view = doc.defaultView;
  const previousFocus = deepActiveElement(doc);
  const theme = pickTheme(anchor);

  const host = doc.createElement(NUDGE_TAG);
  for (const [name, value] of [
    ['position', 'fixed'],
    ['z-index', Z_INDEX],
    ['left', '0px'],
    ['top', '0px'],
    ['margin', '0'],
  ] as const) {
    host.style.setProperty(name, value, 'important');
  }
  // delegatesFocus: focusing the host (e.g. a second Send while the card is open) lands on the card's first control.
  const shadow = host.attachShadow({ mode: 'open', delegatesFocus: true });
  // Where delegatesFocus is missing, the host takes focus itself and hands it on.
  host.tabIndex = -1;
  host.addEventListener('focus', () => {
    if (shadow.activeElement) return;
    const card = mount.firstElementChild as HTMLElement | null;
    (card?.querySelector<HTMLElement>('button:not([disabled]), input:not([disabled])') ?? card)?.focus();
  });
  const style = doc.createElement('style');
  style.textContent = NUDGE_CSS;
  const mount = doc.createElement('div');
  shadow.append(style, mount);

  // Keys typed in the card must not reach the mail site's keyboard shortcuts or its compose.
  const keepKeysInside = (event: Event) => event.stopPropagation();
  for (const type of ['keydown', 'keypress', 'keyup'] as const) host.addEventListener(type, keepKeysInside);

  let phase: NudgePhase = props.phase ?? { kind: 'choose' };
  let choiceTaken = false;
  let closed = false;

  const labelFor = (at: Instant) =>
    props.decision.suggestions.find((suggestion) => suggestion.at === at)?.label ?? formatPickedTime(at, props.userTimeZone);

  const position = () => {
    if (closed || !view) return;
    const card = mount.firstElementChild;
    if (!card) return;
    const anchorRect = anchor.getBoundingClientRect();
    const cardRect = card.getBoundingClientRect();
    const { left, top } = placeCard(
      { left: anchorRect.left, top: anchorRect.top, width: anchorRect.width, height: anchorRect.height },
      { width: cardRect.width, height: cardRect.height },
      { width: view.innerWidth, height: view.innerHeight },
    );
    host.style.setProperty('left', `${Math.round(left)}px`, 'important');
    host.style.setProperty('top', `${Math.round(top)}px`, 'important');
  };

  let framePending = false;
  const schedulePosition = () => {
    if (framePending || !view) return;
    framePending = true;
    view.requestAnimationFrame(() => {
      framePending = false;
      position();
    });
  };

  let drawn = false;
  const draw = () => {
    // Focus moves into the card when it first shows, and later only if it is still in the card: a
    // user who went back to the draft keeps typing there.
    const takeFocus = !drawn || doc.activeElement === host;
    drawn = true;
    render(<NudgeCard {...props} phase={phase} theme={theme} takeFocus={takeFocus} onPick={pick} />, mount);
    position();
  };

  function close() {
    if (closed) return;
    closed = true;
    view?.removeEventListener('resize', schedulePosition);
    view?.removeEventListener('scroll', schedulePosition, true);
    const focusWasInCard = host.contains(doc.activeElement) || doc.activeElement === host;
    const focusIsNowhere = !doc.activeElement || doc.activeElement === doc.body;
    render(null, mount);
    host.remove();
    // Give focus back only if the card still had it: never pull the user out of where they clicked since.
    if ((focusWasInCard || focusIsNowhere) && previousFocus?.isConnected && 'focus' in previousFocus) {
      (previousFocus as HTMLElement).focus();
    }
  }

  function pick(choice: NudgeUiChoice) {
    if (closed || choiceTaken) return;
    choiceTaken = true;
    if (choice.kind === 'schedule') {
      phase = { kind: 'scheduling', label: labelFor(choice.at) };
      draw();
    } else {
      close();
    }
    try {
      props.onChoice(choice);
    } catch (error) {
      console.error('[ReplyPace] nudge choice handler failed', error);
      // A schedule that never started must not leave the card stuck: offer the manual way out.
      if (choice.kind === 'schedule') showScheduleFailed(choice.at, labelFor(choice.at));
    }
  }

  function showScheduling(at: Instant) {
    if (closed) return;
    choiceTaken = true;
    phase = { kind: 'scheduling', label: labelFor(at) };
    draw();
  }

  function showScheduleFailed(_at: Instant, label: string) {
    if (closed) return;
    choiceTaken = false;
    phase = { kind: 'failed', label };
    draw();
  }

  /**
   * Whether the card can be seen and reached: not transparent or hidden by the page's styles, its
   * middle is what a pointer there would hit (not covered, not off screen), and it has focus.
   */
  function isShown(): boolean {
    const box = host.getBoundingClientRect();
    const hit = box.width > 0 && box.height > 0 && doc.elementFromPoint?.(box.left + box.width / 2, box.top + box.height / 2);
    return hit === host && doc.activeElement === host && host.checkVisibility?.({ opacityProperty: true, visibilityProperty: true }) !== false;
  }

  (doc.body ?? doc.documentElement).append(host);
  draw();
  view?.addEventListener('resize', schedulePosition);
  view?.addEventListener('scroll', schedulePosition, { capture: true, passive: true });

  return { element: host, close, isShown, showScheduling, showScheduleFailed };
}
