/**
 * What both demo mailboxes (tests/demo/gmail, tests/demo/outlook) expose to tests in the page's own
 * world as `window.__demo`, in the same shape, so that the browser kit (tests/kit) drives either
 * one the same way. Elements a user touches carry the same hooks in both demos:
 * `[data-compose-id]` on each compose, and inside it `[data-demo-send]` (its Send button),
 * `[data-demo-body]` (the message body), `[data-demo-to]` (the To field) and, where the compose
 * has one, `[data-demo-subject]` (its subject) and `[data-demo-popout]` (Outlook's "Pop Out", which
 * moves the compose into a window of its own).
 */
export interface DemoPerson {
  name: string;
  email: string;
}

export interface DemoMessage {
  from: DemoPerson;
  to: DemoPerson[];
  at: number;
  text: string;
}

export interface DemoThread {
  /** The id ReplyPace stores the thread under. */
  id: string;
  subject: string;
  messages: DemoMessage[];
}

/** One send or scheduled send, as the demo recorded it. */
export interface DemoRecord {
  composeId: string;
  /** The recipients as the compose showed them (Outlook shows a known contact by name). */
  to: string[];
  /** When the demo recorded it. */
  at: number;
  /** When a scheduled send goes out; null for a send. */
  scheduledFor: number | null;
  /** A second send of a compose already sending. */
  duplicate: boolean;
}

/** What a compose holds, as its user sees it. */
export interface DemoDraft {
  /** Recipients resolved into chips (Outlook shows a known contact by name). */
  to: string[];
  /** Text typed into To and not (yet) made a chip. */
  typed: string;
  /** Null for a compose without a subject field (Gmail's inline reply). */
  subject: string | null;
  body: string;
}

export interface DemoApi {
  site: 'gmail' | 'outlook';
  account: string;
  threads: DemoThread[];
  /** Shows this thread (rendered at once). Leaving a thread puts its inline reply away, as the sites do. */
  openThread(index: number): void;
  /** Starts (or returns) the reply to the open thread; its compose id. */
  reply(): string;
  /** Opens a new message (pop-up, pop-out) to these addresses; its compose id. */
  newCompose(addresses: string[]): string;
  outbox(): { sent: DemoRecord[]; scheduled: DemoRecord[] };
  openComposes(): string[];
  /** What this compose holds now; null once it is closed. */
  draft(composeId: string): DemoDraft | null;
  /** Menus, dialogs and prompts of the site open now, composes aside (what Schedule send opens). */
  openDialogs(): number;
  /** Escape key presses that reached the page (any of its windows), whoever pressed them. */
  escapes(): number;
  /** Composes the site threw away or closed unsent on an Escape ("Discard message"): drafts gone. */
  discarded(): string[];
  /** Switches to another build of the site whose Schedule send differs (each demo's README). */
  setBuild(name: string): void;
  /** Switches one of the demo's own faults (see each demo's README). */
  setFault(name: string, on: boolean): void;
  /** Adds older messages to a thread until it holds `count` (benchmarks); call it before replying. */
  growThread(index: number, count: number): void;
}

export type DemoWindow = { __demo: DemoApi };
