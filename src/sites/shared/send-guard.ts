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

/**
 * A gesture whose follow-up events share its verdict. A pointer gesture ends with its own click,
 * with pointercancel, or, when no click comes, right after its release (a browser dispatches the
 * click in the same task as the release); never on a timer, so a press held for minutes stays
 * blocked to its end. A key gesture ends after its keyup (Space clicks a button on keyup).
 */
interface Gesture {
  compose: HTMLElement;
  block: boolean;
  /** The pointerdown's pointerId; null for a gesture that began with mousedown, or with a key. */
  pointerId: number | null;
  /** For a pointer gesture: whether its mousedown was seen (a second one starts a new gesture). */
  sawMouseDown: boolean;
  /** For a key gesture: the key. */
  key?: string;
}

export function installSendGuard(options: SendGuardOptions): SendGuard {
  const { site, doc, signal } = options;
  const bypass = new WeakSet<HTMLElement>();
  let pointer: Gesture | null = null;
  let keys: Gesture | null = null;

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

  const sendCompose = (event: Event): HTMLElement | null => {
    const target = elementTarget(event);
    return target ? site.sendButtonCompose(target) : null;
  };

  /** Ends `gesture` after the current task, unless a later gesture replaced it. */
  const endAfterTask = (gesture: Gesture) =>
    setTimeout(() => {
      if (pointer === gesture) pointer = null;
      if (keys === gesture) keys = null;
    });

  const start = (compose: HTMLElement | null, event: Event, pointerId: number | null): Gesture | null => {
    const block = compose ? verdict(compose) : false;
    if (block) stop(event);
    return compose && { compose, block, pointerId, sawMouseDown: pointerId === null };
  };

  const onPointerDown = (event: Event) => {
    const e = event as PointerEvent;
    if (e.button !== 0) return;
    try {
      // A new press ends whatever came before it.
      pointer = null;
      pointer = start(sendCompose(e), e, e.pointerId);
    } catch {
      // Fail open.
    }
  };

  const onMouseDown = (event: Event) => {
    const e = event as MouseEvent;
    if (e.button !== 0) return;
    try {
      const g = pointer;
      // The compatibility mousedown of a pointer gesture shares its verdict.
      if (g && g.pointerId !== null && !g.sawMouseDown) {
        g.sawMouseDown = true;
        if (g.block) stop(e);
        return;
      }
      pointer = null;
      pointer = start(sendCompose(e), e, null);
    } catch {
      // Fail open.
    }
  };

  const onRelease = (event: Event) => {
    const g = pointer;
    const e = event as PointerEvent;
    if (!g || e.button !== 0) return;
    const isPointer = event.type.startsWith('pointer');
    if (isPointer && e.pointerId !== g.pointerId) return;
    if (event.type === 'pointercancel') {
      pointer = null;
      return;
    }
    if (g.block) stop(event);
    if (isPointer || g.pointerId === null) endAfterTask(g);
  };

  const onClick = (event: Event) => {
    try {
      const e = event as MouseEvent;
      if (e.button !== 0) return;
      const g = pointer;
      // A pointer's click counts its presses (detail ≥ 1); a keyboard's or an assistive technology's is 0.
      if (g && e.detail > 0) {
        pointer = null;
        if (g.block) stop(e);
        return;
      }
      const compose = sendCompose(e);
      if (!compose) return;
      // The click a key makes on a focused Send belongs to that key's gesture.
      if (keys?.compose === compose) {
        if (keys.block) stop(e);
        return;
      }
      // A click with no press before it is a gesture of its own.
      start(compose, e, null);
    } catch {
      // Fail open.
    }
  };

  const onKeyDown = (event: Event) => {
    try {
      const key = event as KeyboardEvent;
      if (key.isComposing) return;
      // A held key repeats: the repeats share the verdict of its first keydown.
      if (key.repeat && keys?.key === key.key) {
        if (keys.block) stop(event);
        return;
      }
      keys = null;
      const target = elementTarget(event);
      if (!target) return;
      let compose: HTMLElement | null = null;
      if (key.key === 'Enter' && (key.ctrlKey || key.metaKey) && !key.altKey) {
        compose = site.composeContaining(target);
      } else if ((key.key === 'Enter' || key.key === ' ') && !key.ctrlKey && !key.metaKey && !key.altKey && !key.shiftKey) {
        compose = site.sendButtonCompose(target);
      }
      const g = start(compose, event, null);
      if (g) keys = { ...g, key: key.key };
    } catch {
      // Fail open.
    }
  };

  /** The keypress/keyup of a held-back key (Space activates buttons on keyup). */
  const onKeyFollow = (event: Event) => {
    const g = keys;
    if (!g || (event as KeyboardEvent).key !== g.key) return;
    if (g.block) stop(event);
    if (event.type === 'keyup') endAfterTask(g);
  };

  const listen = (type: string, handler: (event: Event) => void) =>
    doc.addEventListener(type, handler, { capture: true, signal });
  listen('pointerdown', onPointerDown);
  listen('mousedown', onMouseDown);
  listen('pointerup', onRelease);
  listen('mouseup', onRelease);
  listen('pointercancel', onRelease);
  listen('click', onClick);
  listen('keydown', onKeyDown);
  listen('keypress', onKeyFollow);
  listen('keyup', onKeyFollow);

  return {
    allowNextSend(compose) {
      bypass.add(compose);
    },
  };
}
