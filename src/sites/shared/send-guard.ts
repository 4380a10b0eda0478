/**
 * Catches send gestures before the mail site sees them, on any site.
 *
 * Document-level capture listeners see pointerdown, mousedown, mouseup, click and the keys first.
 * At the start of a gesture the decision is taken synchronously from a snapshot prepared earlier;
 * only a `nudge` stops anything, and then it stops the WHOLE gesture: cancelling pointerdown
 * suppresses the compatibility mouse events but `click` still fires, and a site that starts the
 * send on mouseup or click must not see those either. Everything else, including any exception,
 * leaves the event untouched: the send goes through as if ReplyPace were not installed.
 */
import type { Decision } from '../../core/types.ts';
import type { MailSite } from '../contract.ts';

export type NudgeDecision = Extract<Decision, { kind: 'nudge' }>;

export interface SendGuardOptions {
  site: Pick<MailSite, 'sendButtonCompose' | 'composeContaining'>;
  doc: Document;
  signal: AbortSignal;
  /** The decision for this compose now; null when there is nothing to reason about. Synchronous. */
  decideFor(compose: HTMLElement): Decision | null;
  /** Shows the nudge. If it throws, the gesture goes through. */
  onNudge(compose: HTMLElement, decision: NudgeDecision): void;
}

export interface SendGuard {
  /** Lets the next send gesture on this compose through untouched (a one-shot bypass: "Send now"). */
  allowNextSend(compose: HTMLElement): void;
}

/** A gesture whose follow-up events (up, click) share its verdict. */
interface Gesture {
  compose: HTMLElement;
  block: boolean;
  startedBy: string;
  sawMouseDown: boolean;
  at: number;
}

/** A pointer gesture longer than this is a new one (a press held on Send, then released much later). */
const GESTURE_MS = 10_000;

export function installSendGuard(options: SendGuardOptions): SendGuard {
  const { site, doc, signal } = options;
  const bypass = new WeakSet<HTMLElement>();
  let pointerGesture: Gesture | null = null;
  let keyGesture: { compose: HTMLElement; key: string } | null = null;

  const stop = (event: Event) => {
    event.preventDefault();
    event.stopImmediatePropagation();
  };

  /** true = block the gesture (a nudge is showing). */
  const verdict = (compose: HTMLElement): boolean => {
    if (bypass.has(compose)) {
      bypass.delete(compose);
      return false;
    }
    try {
      const decision = options.decideFor(compose);
      if (decision?.kind !== 'nudge') return false;
      options.onNudge(compose, decision);
      return true;
    } catch (error) {
      console.warn('[ReplyPace] send let through:', error);
      return false;
    }
  };

  const elementTarget = (event: Event): Element | null => {
    const target = event.composedPath()[0] ?? event.target;
    return target && (target as Node).nodeType === 1 ? (target as Element) : null;
  };

  const onPress = (event: Event) => {
    try {
      const mouse = event as MouseEvent;
      if (mouse.button !== 0) return;
      const target = elementTarget(event);
      const compose = target ? site.sendButtonCompose(target) : null;
      if (!compose) {
        if (event.type === 'pointerdown') pointerGesture = null;
        return;
      }
      const now = performance.now();
      const g = pointerGesture;
      // The mousedown that follows a pointerdown belongs to the same gesture: same verdict.
      if (event.type === 'mousedown' && g && g.compose === compose && g.startedBy === 'pointerdown' && !g.sawMouseDown && now - g.at < GESTURE_MS) {
        g.sawMouseDown = true;
        if (g.block) stop(event);
        return;
      }
      const block = verdict(compose);
      pointerGesture = { compose, block, startedBy: event.type, sawMouseDown: event.type === 'mousedown', at: now };
      if (block) stop(event);
    } catch {
      // Fail open.
    }
  };

  const onRelease = (event: Event) => {
    const g = pointerGesture;
    if (!g) return;
    if (performance.now() - g.at > GESTURE_MS) {
      pointerGesture = null;
      return;
    }
    // The release may land elsewhere (the card can appear under the pointer): a blocked gesture is
    // blocked to its end, whatever the target.
    if (g.block) stop(event);
    if (event.type === 'click') pointerGesture = null;
  };

  const onKeyDown = (event: Event) => {
    try {
      const key = event as KeyboardEvent;
      if (!key.repeat) keyGesture = null;
      if (key.isComposing) return;
      const target = elementTarget(event);
      if (!target) return;
      let compose: HTMLElement | null = null;
      if (key.key === 'Enter' && (key.ctrlKey || key.metaKey) && !key.altKey) {
        compose = site.composeContaining(target);
      } else if ((key.key === 'Enter' || key.key === ' ') && !key.ctrlKey && !key.metaKey && !key.altKey && !key.shiftKey) {
        compose = site.sendButtonCompose(target);
      }
      if (!compose) return;
      if (verdict(compose)) {
        stop(event);
        keyGesture = { compose, key: key.key };
      }
    } catch {
      // Fail open.
    }
  };

  /** The keypress/keyup of a blocked key (Space activates buttons on keyup). */
  const onKeyFollow = (event: Event) => {
    const key = event as KeyboardEvent;
    if (!keyGesture || key.key !== keyGesture.key) return;
    stop(event);
    if (event.type === 'keyup') keyGesture = null;
  };

  const listen = (type: string, handler: (event: Event) => void) =>
    doc.addEventListener(type, handler, { capture: true, signal });
  listen('pointerdown', onPress);
  listen('mousedown', onPress);
  listen('pointerup', onRelease);
  listen('mouseup', onRelease);
  listen('click', onRelease);
  listen('keydown', onKeyDown);
  listen('keypress', onKeyFollow);
  listen('keyup', onKeyFollow);

  return {
    allowNextSend(compose) {
      bypass.add(compose);
    },
  };
}
