/**
 * The mail half of the test kit: `DemoSite`, the test twin of the product's `MailSite`
 * (src/sites/contract.ts). Each demo mailbox (tests/demo/gmail, tests/demo/outlook) is described by
 * a small `DemoSpec` (its origins, which thread plays which part, its fault switches); everything
 * else is written once here, over the `window.__demo` API both demos share (tests/demo/api.ts).
 *
 * Schedule send is never driven here: tests choose a time on ReplyPace's card, the extension
 * drives the site's own Schedule send, and the result is read back from `__demo.outbox()`.
 */
import type { DemoRecord, DemoThread, DemoWindow } from '../demo/api.ts';
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
  /** The mailbox's path and hash under an origin. */
  path: string;
  threads: Record<ThreadPart, ThreadRole>;
  /** An Acme address that is in no thread: a new message to the client. */
  newClientAddress: string;
  /** Addresses for new messages in the reliability run: Acme's (nudged), and others (Initech, a colleague, a stranger). */
  recipients: { acme: string[]; others: string[] };
  /** The demo's own fault switches (its README): Send loses the site's hooks; Schedule send breaks (one of these at a time). */
  faults: { sendButtonUnknown: string; scheduleFails: string[] };
}

export const DRAFT = 'Thanks, will do.';

export interface DemoSite extends DemoSpec {
  serve(h: BrowserHarness): Promise<void>;
  open(h: BrowserHarness, options?: { origin?: string }): Promise<Tab>;
  /** The demo's threads as the page holds them. */
  demoThreads(tab: Tab): Promise<DemoThread[]>;
  account(tab: Tab): Promise<string>;
  openThread(tab: Tab, index: number): Promise<void>;
  /** Opens the thread, waits until ReplyPace stored it, starts the reply and types; its compose id. */
  startReply(h: BrowserHarness, tab: Tab, part: ThreadPart): Promise<string>;
  /** A new message to `to`, typed into its To field, with a body; its compose id. */
  newCompose(tab: Tab, to: string): Promise<string>;
  sendButton(composeId: string): string;
  body(composeId: string): string;
  outbox(tab: Tab): Promise<{ sent: DemoRecord[]; scheduled: DemoRecord[] }>;
  sent(tab: Tab): Promise<DemoRecord[]>;
  scheduled(tab: Tab): Promise<DemoRecord[]>;
  openComposes(tab: Tab): Promise<string[]>;
  setFault(tab: Tab, name: string, on: boolean): Promise<void>;
}

type W = DemoWindow;

/**
 * The moment a user takes to write, during which ReplyPace prepares its decision (the policy is
 * fetched when the compose appears); nothing in the page shows when that is done.
 */
const USER_MOMENT_MS = 600;

export function demoSite(spec: DemoSpec): DemoSite {
  const composeSelector = (id: string) => `[data-compose-id="${id}"]`;
  const site: DemoSite = {
    ...spec,
    async serve(h) {
      for (const origin of spec.origins) await h.serve(`${origin}/`, demoRoute(spec.id));
    },
    async open(h, options = {}) {
      const tab = await h.openPage(`${options.origin ?? spec.origins[0]}${spec.path}`);
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
    async newCompose(tab, to) {
      const id = await tab.evaluate(() => (window as unknown as W).__demo.newCompose([]));
      await typeInto(tab, `${composeSelector(id)} [data-demo-to]`, to);
      await press(tab, 'Enter');
      await typeInto(tab, site.body(id), 'Hello Acme ops team.');
      await sleep(USER_MOMENT_MS);
      return id;
    },
    sendButton: (id) => `${composeSelector(id)} [data-demo-send]`,
    body: (id) => `${composeSelector(id)} [data-demo-body]`,
    outbox: (tab) => tab.evaluate(() => (window as unknown as W).__demo.outbox()),
    sent: async (tab) => (await site.outbox(tab)).sent,
    scheduled: async (tab) => (await site.outbox(tab)).scheduled,
    openComposes: (tab) => tab.evaluate(() => (window as unknown as W).__demo.openComposes()),
    setFault: (tab, name, on) => tab.evaluate(([n, o]) => (window as unknown as W).__demo.setFault(n, o), [name, on] as [string, boolean]),
  };
  return site;
}
