import type { Decision, Instant } from '../../core/types';

/** What the user picked on the card. The card never sends or schedules anything itself. */
export type NudgeUiChoice =
  | { kind: 'schedule'; at: Instant }
  | { kind: 'send-now' }
  | { kind: 'dismiss' }
  | { kind: 'snooze-client' };

export interface NudgeCardProps {
  clientName: string;
  decision: Extract<Decision, { kind: 'nudge' }>;
  /** Called once per choice; a second click on the same card state is ignored. */
  onChoice(choice: NudgeUiChoice): void;
  /** IANA zone the picked time and its label are shown in; the browser's zone when absent. */
  userTimeZone?: string;
  /** The mail site named in the "schedule it by hand" message. Defaults to "Gmail". */
  siteName?: string;
  /** The face it opens with; "choose" when absent. */
  phase?: NudgePhase;
}

export interface NudgeHandle {
  /** The `replypace-nudge` host element (open shadow root). */
  element: HTMLElement;
  /** Removes the card and returns focus to where it was. Does not report a choice. */
  close(): void;
  /** Whether the card can be seen (nothing covers it) and holds focus: a card that cannot must not hold a send. */
  isShown(): boolean;
  showScheduling(at: Instant): void;
  showScheduleFailed(at: Instant, label: string): void;
}

/** Which face the card shows. */
export type NudgePhase =
  | { kind: 'choose' }
  | { kind: 'scheduling'; label: string }
  | { kind: 'failed'; label: string }
  /** "Send now" was replayed but the site did not send: press Send again (it goes through). */
  | { kind: 'unsent' };
