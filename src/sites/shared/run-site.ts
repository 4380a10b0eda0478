/**
 * Runs ReplyPace on one mail page, for any site that implements the contract: reads the threads
 * the user opens and reports them, keeps a policy snapshot per compose, guards the send, shows
 * the nudge and carries out the choice. The entry point passes in the site, the messaging `send`,
 * the decision and the card, so that this wiring is tested without a browser.
 */
import type { Decision, Instant, NudgeChoice, NudgeOutcome, PolicySnapshot } from '../../core/types.ts';
import type { Envelope, RequestOf, RequestType, ResponseMap } from '../../messaging/protocol.ts';
import type { NudgeCardProps, NudgeHandle, NudgeUiChoice } from '../../ui/nudge/types.ts';
import type { MailSite } from '../contract.ts';
import { createComposeTracker, RETRY_AFTER_FAILURE_MS } from './compose-tracker.ts';
import { waitFor } from './wait-for.ts';
import { installSendGuard, type NudgeDecision, type SendGuard } from './send-guard.ts';

export type SendRequest = <T extends RequestType>(request: RequestOf<T>) => Promise<Envelope<ResponseMap[T]>>;

export interface SiteRuntimeOptions {
  site: MailSite;
  doc: Document;
  signal: AbortSignal;
  send: SendRequest;
  decide(now: Instant, snapshot: PolicySnapshot | null): Decision;
  showNudge(anchor: Element, props: NudgeCardProps): NudgeHandle;
  /** Scans after page changes wait at most this long for an idle moment. */
  scanDelayMs?: number;
  /** After "Send now", the compose must close within this long, or the user is asked to press Send. */
  sentWithinMs?: number;
  /**
   * False once this script's extension context is gone (the extension was updated, reloaded or
   * removed): asked at every decision and scan, and from then on the page is left alone.
   */
  alive?(): boolean;
}

export interface SiteRuntime {
  guard: SendGuard;
  /** Reads the page and prepares snapshots now (tests; normally driven by the page's changes). */
  scanNow(): Promise<void>;
  /** The other parties of the thread open on the page (the popup's card for the active tab). */
  threadCounterparts(): string[];
}

const MESSAGES_PER_REQUEST = 1000;
/**
 * After a batch of messages could not be stored, the next try waits this long, doubling up to the
 * bound; a stored batch resets it. A page keeps changing (every mutation scans), and a background
 * that is down would otherwise be asked again each time.
 */
export const RETRY_FIRST_MS = 2_000;
export const RETRY_MAX_MS = 5 * 60_000;

function endOfToday(now: Instant): Instant {
  const end = new Date(now);
  end.setHours(24, 0, 0, 0);
  return end.getTime();
}

function timeLabel(at: Instant): string {
  return new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(at);
}

export function startSite(options: SiteRuntimeOptions): SiteRuntime {
  const { site, doc, send } = options;
  // Ends with the caller's signal, or when this context turns out to be orphaned.
  const life = new AbortController();
  const { signal } = life;
  const stillAlive = () => {
    if (options.alive?.() !== false) return true;
    life.abort();
    return false;
  };
  if (options.signal.aborted) life.abort();
  options.signal.addEventListener('abort', () => life.abort());
  const reported = new Set<string>();
  let account: string | null = null;
  let messagesSynced: Promise<void> = Promise.resolve();
  const cards = new Map<HTMLElement, NudgeHandle>();
  /** Composes whose scheduling failed: closing that card is not a fresh "dismissed". */
  const failedSchedules = new WeakSet<HTMLElement>();

  const tracker = createComposeTracker({
    site,
    doc,
    fetchPolicy: async (reading) => {
      await messagesSynced;
      // An account the page has not shown yet is a failure, not "nobody to nudge about": it is asked
      // again in seconds (a scan is due then even if the page stays still), not cached for minutes.
      const answer = account && (await send({ type: 'policyFor', site: site.id, account, recipients: reading.recipients, threadId: reading.threadId }));
      if (answer && answer.ok) return answer.value;
      setTimeout(requestScan, RETRY_AFTER_FAILURE_MS + 50);
      return undefined;
    },
  });

  let retryDelay = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  // Unreadable messages are counted as they appear on the page (a scan that still shows the same
  // ones adds nothing), and kept until a request carrying them is answered.
  let unreadableOnPage = 0;
  let unreadableToSend = 0;

  const reportMessages = () => {
    // Backing off after a failure: the retry timer scans again.
    if (retryTimer) return;
    const page = site.read(doc);
    account = page.account;
    unreadableToSend += Math.max(0, page.unreadableTimes - unreadableOnPage);
    unreadableOnPage = page.unreadableTimes;
    const fresh = page.messages.filter((m) => !reported.has(m.id));
    if (!account || !(fresh.length || unreadableToSend)) return;
    for (const m of fresh) reported.add(m.id);
    const who = account;
    let unreadableTimes = unreadableToSend;
    unreadableToSend = 0;
    messagesSynced = (async () => {
      // One request at least: a count of unreadable times goes even with no message to store.
      for (let i = 0; i < fresh.length || unreadableTimes; i += MESSAGES_PER_REQUEST) {
        const batch = fresh.slice(i, i + MESSAGES_PER_REQUEST);
        const answer = await send({ type: 'messagesSeen', site: site.id, account: who, messages: batch, unreadableTimes });
        if (!answer.ok) {
          // Not stored: this batch and the ones after it are read again when the retry scans.
          for (const m of fresh.slice(i)) reported.delete(m.id);
          unreadableToSend += unreadableTimes;
          retryDelay = Math.min(retryDelay * 2 || RETRY_FIRST_MS, RETRY_MAX_MS);
          // One retry at a time, even when two requests were under way.
          clearTimeout(retryTimer);
          retryTimer = setTimeout(() => {
            retryTimer = undefined;
            requestScan();
          }, retryDelay);
          return;
        }
        retryDelay = unreadableTimes = 0;
      }
    })();
  };

  const scan = () => {
    if (!stillAlive()) return;
    try {
      reportMessages();
    } catch (error) {
      console.warn('[ReplyPace] could not read the page:', error);
    }
    try {
      tracker.scan();
      for (const [compose, card] of cards) {
        if (!site.isComposeOpen(compose)) {
          card.close();
          cards.delete(compose);
        }
      }
    } catch (error) {
      console.warn('[ReplyPace] could not read the composes:', error);
    }
  };

  // Coalesce the page's bursts of changes into one scan at an idle moment.
  let scanPending = false;
  const view = doc.defaultView;
  const requestScan = () => {
    if (scanPending || signal.aborted) return;
    scanPending = true;
    const run = () => {
      scanPending = false;
      if (!signal.aborted) scan();
    };
    const delay = options.scanDelayMs ?? 150;
    if (view && 'requestIdleCallback' in view) view.requestIdleCallback(run, { timeout: delay });
    else setTimeout(run, delay);
  };

  const Observer = view?.MutationObserver ?? MutationObserver;
  const observer = new Observer(requestScan);
  observer.observe(doc.documentElement, { childList: true, subtree: true });
  view?.addEventListener('hashchange', requestScan, { signal });
  signal.addEventListener('abort', () => {
    clearTimeout(retryTimer);
    observer.disconnect();
    for (const card of cards.values()) card.close();
    cards.clear();
  });

  const record = (snapshot: PolicySnapshot, decision: NudgeDecision, choice: NudgeChoice, scheduledFor: Instant | null) => {
    const outcome: NudgeOutcome = {
      site: site.id,
      clientKey: snapshot.clientKey,
      at: Date.now(),
      choice,
      reasons: decision.reasons.map((r) => r.code),
      scheduledFor,
    };
    void send({ type: 'outcome', outcome });
  };

  /**
   * Replays the send, then checks that the compose closed (a sent draft goes). If it did not, the
   * user is told to press Send again, and that press goes through untouched.
   */
  const sendNow = (compose: HTMLElement, props: NudgeCardProps) => {
    guard.allowNextSend(compose);
    try {
      site.triggerSend(compose);
    } catch (error) {
      console.warn('[ReplyPace] could not replay the send:', error);
    }
    void waitFor(() => (site.isComposeOpen(compose) ? null : true), doc.documentElement, options.sentWithinMs ?? 3000, signal).then((closed) => {
      if (closed || signal.aborted || cards.has(compose)) return;
      guard.allowNextSend(compose);
      show(compose, { ...props, phase: { kind: 'unsent' }, onChoice: () => cards.delete(compose) });
    });
  };

  const show = (compose: HTMLElement, props: NudgeCardProps) => {
    let anchor: Element = compose;
    try {
      anchor = site.sendButton(compose);
    } catch {
      // The card then sits by the compose itself.
    }
    const card = options.showNudge(anchor, props);
    cards.set(compose, card);
    return card;
  };

  const onChoice = async (compose: HTMLElement, props: NudgeCardProps, snapshot: PolicySnapshot, decision: NudgeDecision, choice: NudgeUiChoice) => {
    const card = cards.get(compose);
    switch (choice.kind) {
      case 'send-now':
        cards.delete(compose);
        record(snapshot, decision, 'sent-anyway', null);
        sendNow(compose, props);
        return;
      case 'dismiss':
        cards.delete(compose);
        if (!failedSchedules.has(compose)) record(snapshot, decision, 'dismissed', null);
        return;
      case 'snooze-client': {
        // "Not for this client today" answers the nudge; the send the user asked for goes ahead.
        cards.delete(compose);
        const until = endOfToday(Date.now());
        tracker.quiet(snapshot.clientKey, until);
        record(snapshot, decision, 'snoozed-client', null);
        void send({ type: 'snoozeClient', clientKey: snapshot.clientKey, until });
        sendNow(compose, props);
        return;
      }
      case 'schedule': {
        const result = await site.scheduleSend(compose, choice.at);
        // Site health: which step failed, and which selector alternatives found the controls.
        void send({ type: 'scheduleResult', site: site.id, ...result });
        if (result.ok) {
          cards.delete(compose);
          card?.close();
          record(snapshot, decision, 'scheduled', choice.at);
        } else {
          console.warn('[ReplyPace] Schedule send failed:', result.reason);
          failedSchedules.add(compose);
          const label = decision.suggestions.find((s) => s.at === choice.at)?.label ?? timeLabel(choice.at);
          card?.showScheduleFailed(choice.at, label);
          record(snapshot, decision, 'schedule-failed', choice.at);
        }
      }
    }
  };
  let lastSnapshot: PolicySnapshot | null = null;
  const guard = installSendGuard({
    site,
    doc,
    signal,
    decideFor: (compose) => {
      // An orphaned script's snapshots are old and its choices could not be recorded: let it go.
      if (!stillAlive()) return null;
      lastSnapshot = tracker.snapshotFor(compose);
      return lastSnapshot ? options.decide(Date.now(), lastSnapshot) : null;
    },
    onNudge: (compose, decision) => {
      const open = cards.get(compose);
      if (open?.element.isConnected) {
        open.element.focus();
        if (open.isShown()) return;
        open.close();
      }
      const snapshot = lastSnapshot;
      if (!snapshot) throw new Error('nudge without a snapshot');
      const props: NudgeCardProps = {
        clientName: snapshot.clientName,
        decision,
        userTimeZone: snapshot.userTimeZone,
        siteName: site.name,
        onChoice: (choice) => void onChoice(compose, props, snapshot, decision, choice),
      };
      const card = show(compose, props);
      // A card the user cannot see or reach (covered by the page, hidden by its styles) must not
      // hold the send: it goes through, as if ReplyPace were not installed.
      if (!card.isShown()) {
        card.close();
        cards.delete(compose);
        throw new Error('the nudge card could not be seen or focused');
      }
    },
  });

  requestScan();
  return {
    guard,
    async scanNow() {
      scan();
      await messagesSynced;
    },
    threadCounterparts() {
      const page = site.read(doc);
      const own = page.account;
      const parties = new Set<string>();
      for (const message of page.messages) {
        for (const address of [message.from, ...message.to]) if (address !== own) parties.add(address);
      }
      return [...parties];
    },
  };
}
