/**
 * The mail half of the test kit: `DemoSite`, the test twin of the product's `MailSite`
 * (src/sites/contract.ts). Each demo mailbox (tests/demo/gmail, tests/demo/outlook) is described by
 * a small `DemoSpec` (its origins, which thread plays which part, its faults and builds, what its
 * Schedule send shows); everything else is written once here, over the `window.__demo` API both
 * demos share (tests/demo/api.ts).
 *
 * Schedule send is never driven here: tests choose a time on ReplyPace's card, the extension
 * drives the site's own Schedule send, and the result is read back from `__demo.outbox()`.
 */
import type { Settings } from '../../src/core/settings.ts';
import type { DemoDraft, DemoRecord, DemoThread, DemoWindow } from '../demo/api.ts';
import { demoRoute, type DemoName } from '../demo/serve.ts';
import { sleep, typeInto, press, waitFor, waitForStoredThread, type BrowserHarness, type Tab } from './harness.ts';

/** The parts the demo threads play (the same in both demos, with the demo settings). */
export type ThreadPart =
  /** A client (Acme, asleep now) wrote two minutes ago: a reply is instant and after hours. */
  | 'acmeInstant'
  /** Acme wrote three hours ago: a reply is after hours only. */
  | 'acmeAfterHours'
  /** Initech (working around the clock) wrote two minutes ago: a reply is instant only. */
  | 'initechInstant'
  /** A colleague (the user's own domain) wrote: never nudged. */
  | 'colleague';

export interface ThreadRole {
  index: number;
  /** The reply's recipient as the demo records it (Outlook shows a known contact by name). */
  replyTo: string;
}

export interface DemoSpec {
  id: DemoName;
  /** The site's name as the card says it ("… with Gmail's Schedule send"). */
  name: string;
  /** Every origin the demo is served on; the first is the usual one. */
  origins: string[];
  /** The mailbox's path under an origin, and the fragment it opens on. */
  path: string;
  hash: string;
  threads: Record<ThreadPart, ThreadRole>;
  /** An Acme address that is in no thread: a new message to the client. */
  newClientAddress: string;
  /** Addresses for new messages in the reliability run: Acme's (nudged), and others (Initech, a colleague, a stranger). */
  recipients: { acme: string[]; others: string[] };
  /** The demo's own fault switches (its README). */
  faults: {
    /** Send loses the site's hooks: ReplyPace cannot recognise or replay it. */
    sendButtonUnknown: string;
    /** Ways Schedule send breaks (one at a time): ReplyPace must leave the draft and name the time. */
    scheduleFails: string[];
    /** The site refuses the date ReplyPace types ("Invalid date"): one of `scheduleFails`. */
    dateRejected: string;
    /** The site made awkward, not broken (dialogs late, slow sends): everything must still work. */
    awkward: string[];
  };
  schedule: {
    /** Builds of the site whose Schedule send differs (`?build=`, `__demo.setBuild`); empty: one build. */
    builds: string[];
    /** The dialog Schedule send opens first. */
    firstDialog: string;
    /** The dialog holding the date and time fields, mounted as a new dialog once the first is gone. */
    fieldsDialog: string;
    /** Makes `fieldsDialog` mount late; null when it always does (Gmail's picker). */
    lateDialogs: string | null;
    /** The site's own notice once a send is scheduled, where it shows one. */
    notice: { selector: string; text: RegExp } | null;
  };
  /**
   * What an Escape does to a compose: 'discards' (any Escape in a compose's window can throw the
   * draft away, as in Outlook: ReplyPace must press none), or closes it with this fault on (Gmail;
   * Escape inside Gmail's own modal dialogs is harmless).
   */
  escape: 'discards' | { closesComposeWith: string };
  /** The compose can be popped out into a window of its own (`[data-demo-popout]`, Outlook). */
  popOut: boolean;
  /** The mailbox keeps its own time zone: the demo's query parameter, and the setting naming it. */
  mailboxZone: { query: string; setting: keyof Settings } | null;
}

export const DRAFT = 'Thanks, will do.';

export interface DemoSite extends DemoSpec {
  serve(h: BrowserHarness): Promise<void>;
  /** Opens the mailbox; `query` ('?build=…&faults=…') goes before the fragment. */
  open(h: BrowserHarness, options?: { origin?: string; query?: string }): Promise<Tab>;
  /** The demo's threads as the page holds them. */
  demoThreads(tab: Tab): Promise<DemoThread[]>;
  account(tab: Tab): Promise<string>;
  openThread(tab: Tab, index: number): Promise<void>;
  /** Opens the thread, waits until ReplyPace stored it, starts the reply and types; its compose id. */
  startReply(h: BrowserHarness, tab: Tab, part: ThreadPart): Promise<string>;
  /** A new message to `to`, typed into its To field, with a subject (where asked) and a body; its compose id. */
  newCompose(tab: Tab, to: string, typed?: { subject?: string; body?: string }): Promise<string>;
  sendButton(composeId: string): string;
  body(composeId: string): string;
  to(composeId: string): string;
  popOutButton(composeId: string): string;
  outbox(tab: Tab): Promise<{ sent: DemoRecord[]; scheduled: DemoRecord[] }>;
  sent(tab: Tab): Promise<DemoRecord[]>;
  scheduled(tab: Tab): Promise<DemoRecord[]>;
  openComposes(tab: Tab): Promise<string[]>;
  draft(tab: Tab, composeId: string): Promise<DemoDraft | null>;
  openDialogs(tab: Tab): Promise<number>;
  escapes(tab: Tab): Promise<number>;
  discarded(tab: Tab): Promise<string[]>;
  setBuild(tab: Tab, name: string): Promise<void>;
  setFault(tab: Tab, name: string, on: boolean): Promise<void>;
}

type W = DemoWindow;

/**
 * The moment a user takes to write, during which ReplyPace prepares its decision (the policy is
 * fetched when the compose appears); nothing in the page shows when that is done.
 */
export const USER_MOMENT_MS = 600;

export function demoSite(spec: DemoSpec): DemoSite {
  const inCompose = (id: string, hook: string) => `[data-compose-id="${id}"] [${hook}]`;
  const site: DemoSite = {
    ...spec,
    async serve(h) {
      for (const origin of spec.origins) await h.serve(`${origin}/`, demoRoute(spec.id));
    },
    async open(h, options = {}) {
      const tab = await h.openPage(`${options.origin ?? spec.origins[0]}${spec.path}${options.query ?? ''}${spec.hash}`);
      await waitFor(() => tab.evaluate(() => '__demo' in window), Boolean);
      return tab;
    },
    // As JSON: a person appears in many messages, and BiDi sends a repeated object only once.
    demoThreads: (tab) => tab.evaluate(() => JSON.parse(JSON.stringify((window as unknown as W).__demo.threads))),
    account: (tab) => tab.evaluate(() => (window as unknown as W).__demo.account),
    openThread: (tab, index) => tab.evaluate((i) => (window as unknown as W).__demo.openThread(i), index),
    async startReply(h, tab, part) {
      const { index } = spec.threads[part];
      await site.openThread(tab, index);
      const thread = (await site.demoThreads(tab))[index]!;
      // Outlook shows times to the minute: two messages of one sender in one minute are one to a reader.
      const distinct = new Set(thread.messages.map((m) => `${m.from.email} ${Math.floor(m.at / 60_000)}`));
      await waitForStoredThread(h, thread.id, distinct.size);
      const id = await tab.evaluate(() => (window as unknown as W).__demo.reply());
      await typeInto(tab, site.body(id), DRAFT);
      await sleep(USER_MOMENT_MS);
      return id;
    },
    async newCompose(tab, to, typed = {}) {
      const id = await tab.evaluate(() => (window as unknown as W).__demo.newCompose([]));
      await typeInto(tab, site.to(id), to);
      await press(tab, 'Enter');
      if (typed.subject !== undefined) await typeInto(tab, inCompose(id, 'data-demo-subject'), typed.subject);
      await typeInto(tab, site.body(id), typed.body ?? 'Hello Acme ops team.');
      await sleep(USER_MOMENT_MS);
      return id;
    },
    sendButton: (id) => inCompose(id, 'data-demo-send'),
    body: (id) => inCompose(id, 'data-demo-body'),
    to: (id) => inCompose(id, 'data-demo-to'),
    popOutButton: (id) => inCompose(id, 'data-demo-popout'),
    outbox: (tab) => tab.evaluate(() => (window as unknown as W).__demo.outbox()),
    sent: async (tab) => (await site.outbox(tab)).sent,
    scheduled: async (tab) => (await site.outbox(tab)).scheduled,
    openComposes: (tab) => tab.evaluate(() => (window as unknown as W).__demo.openComposes()),
    draft: (tab, id) => tab.evaluate((i) => (window as unknown as W).__demo.draft(i), id),
    openDialogs: (tab) => tab.evaluate(() => (window as unknown as W).__demo.openDialogs()),
    escapes: (tab) => tab.evaluate(() => (window as unknown as W).__demo.escapes()),
    discarded: (tab) => tab.evaluate(() => (window as unknown as W).__demo.discarded()),
    setBuild: (tab, name) => tab.evaluate((n) => (window as unknown as W).__demo.setBuild(n), name),
    setFault: (tab, name, on) => tab.evaluate(([n, o]) => (window as unknown as W).__demo.setFault(n, o), [name, on] as [string, boolean]),
  };
  return site;
}
