/**
 * The reliability run, written once for every demo site and browser: random send gestures with
 * faults switched on and off at random, then a random answer on every card. The oracle is what a
 * user would call a broken promise, and it holds whatever ReplyPace decides about a gesture
 * (nudge it or let it through), so it stays right while the send guard changes:
 * - lost: a compose the run opened is gone without going out, and the run did not put it away
 *   (leaving a thread puts its inline reply away as a draft, as the sites do); or the user chose
 *   "Send now" / "Not for this client today" and nothing went out while the card said nothing; or
 *   a time was chosen and the card closed without anything going out;
 * - duplicated: a compose went out (sent or scheduled) more than once;
 * - unclosable: a card that neither its buttons nor Esc close;
 * - swallowed: ReplyPace stopped a gesture's events before Send saw them and showed no card.
 *
 * Gestures: a click on Send, a lone `click` (no press before it), a press held for a while, Ctrl
 * or ⌘+Enter in the body, a second Ctrl+Enter while the card shows, Enter and Space on a focused
 * Send. Faults: the background unreachable and the database failing (tests/kit/chromium.ts,
 * tests/kit/firefox.ts); Send without the site's hooks and a broken Schedule send (the demo's own
 * switches); a gesture right after the compose opens, before any decision is ready.
 */
import { demoSettings } from '../demo/gmail/settings.ts';
import type { DemoSite } from './demo-site.ts';
import { cardButton, click, focus, holdPress, loneClick, press, readCard, seedSettings, sleep, waitFor, type BrowserHarness, type Tab } from './harness.ts';
import { KNOWN_DEFECTS, type KnownDefect } from './known-defects.ts';
import { seededRandom } from './random.ts';

export const GESTURES = ['click', 'lone-click', 'held-press', 'ctrl-enter', 'double-ctrl-enter', 'enter', 'space'] as const;
export type Gesture = (typeof GESTURES)[number];
export const FAULTS = ['background-unreachable', 'database-errors', 'schedule-fails', 'send-button-unknown', 'decision-not-ready'] as const;
export type Fault = (typeof FAULTS)[number];
type Switched = Exclude<Fault, 'decision-not-ready'>;

export interface Problem {
  kind: 'lost' | 'duplicated' | 'unclosable' | 'swallowed';
  text: string;
  /** A known product defect (tests/kit/known-defects.ts) explains it: reported, not failed on. */
  knownAs?: string;
}

export interface ReliabilityReport {
  site: string;
  browser: string;
  seed: number;
  gestures: number;
  composes: number;
  nudges: number;
  sends: number;
  scheduled: number;
  scheduleFailures: number;
  /** Inline replies put away by leaving their thread (drafts, not losses). */
  putAway: number;
  /** Went out although the user's answer was to keep the draft (Esc, Close): worth a look, not a loss. */
  unasked: number;
  byGesture: Partial<Record<Gesture, number>>;
  /** Seconds spent opening composes, making gestures, and after each answer to the card (where a run's time goes). */
  seconds: Record<string, number>;
  faultGestures: Partial<Record<Fault, number>>;
  /** Broken promises not explained by a known defect: the run fails on any of these. */
  problems: Problem[];
  /** Broken promises a known defect explains, with the issue item that fixes it. */
  known: Problem[];
}

interface ComposeState {
  /** Created while Send lost its hooks: ReplyPace cannot recognise its Send. */
  hookless: boolean;
  putAway: boolean;
  /** Already counted as lost (counted once). */
  lost: boolean;
}

const CHOICES = ['send-now', 'schedule', 'schedule', 'enter', 'escape', 'escape', 'snooze'] as const;
const SWITCHED = ['background-unreachable', 'database-errors', 'schedule-fails', 'send-button-unknown'] as const;

/**
 * Everything random about one gesture, drawn before it whatever happens next, so that a seed
 * replays the same plan (timing may still make ReplyPace decide differently).
 */
interface Plan {
  faultsOn: Record<Switched, boolean>;
  scheduleFault: string;
  /** If a new compose is needed: a reply in this thread, or a new message to this recipient. */
  replyIn: number | null;
  recipient: string;
  notReady: boolean;
  gesture: Gesture;
  holdMs: number;
  modifier: 'Control' | 'Meta';
  choice: (typeof CHOICES)[number];
  afterFailure: 'Send now' | 'Close';
}
/** Gestures drawn from a bag: a plain click twice as often as the others. */
const GESTURE_BAG: readonly Gesture[] = ['click', ...GESTURES];

export async function runGestureTrials(
  h: BrowserHarness,
  site: DemoSite,
  options: { gestures: number; seed: number; log?: (line: string) => void },
): Promise<ReliabilityReport> {
  const { seed } = options;
  const log = options.log ?? (() => {});
  const rnd = seededRandom(seed);
  const nextGesture = rnd.bag(GESTURE_BAG);
  const nextChoice = rnd.bag(CHOICES);
  // Acme's threads and addresses come up twice as often as the others: a short run meets enough cards.
  const { acmeInstant, acmeAfterHours } = site.threads;
  const threadIndexes = [...Object.values(site.threads), acmeInstant, acmeAfterHours].map((t) => t.index);
  const recipients = [...site.recipients.acme, ...site.recipients.acme, ...site.recipients.others];
  const drawPlan = (): Plan => ({
    faultsOn: Object.fromEntries(SWITCHED.map((f) => [f, rnd.chance(0.2)])) as Record<Switched, boolean>,
    scheduleFault: rnd.pick(site.faults.scheduleFails),
    replyIn: rnd.chance(0.5) ? rnd.pick(threadIndexes) : null,
    recipient: rnd.pick(recipients),
    notReady: rnd.chance(0.25),
    gesture: nextGesture(),
    holdMs: rnd.between(150, 600),
    modifier: rnd.chance(0.5) ? 'Control' : 'Meta',
    choice: nextChoice(),
    afterFailure: rnd.chance(0.5) ? 'Send now' : 'Close',
  });
  let plan!: Plan;
  let clock = Date.now();
  /** Adds the time since the last lap to `phase`. */
  const lap = (phase: string) => {
    const now = Date.now();
    report.seconds[phase] = Math.round(((report.seconds[phase] ?? 0) + (now - clock) / 1000) * 10) / 10;
    clock = now;
  };
  const report: ReliabilityReport = {
    site: site.id, browser: h.browser, seed, gestures: 0, composes: 0, nudges: 0, sends: 0, scheduled: 0, scheduleFailures: 0,
    putAway: 0, unasked: 0, byGesture: {}, seconds: {}, faultGestures: {}, problems: [], known: [],
  };
  const problem = (kind: Problem['kind'], text: string, defect?: KnownDefect) => {
    const knownAs = defect ? KNOWN_DEFECTS[site.id][defect] : undefined;
    (knownAs ? report.known : report.problems).push({ kind, text, ...(knownAs ? { knownAs } : {}) });
    log(`${knownAs ? `known (${knownAs})` : 'PROBLEM'} ${kind}: ${text}`);
  };

  const faults = new Set<Switched>();
  let tab!: Tab;
  let composes = new Map<string, ComposeState>();
  let current: string | null = null;

  const wentOut = async (id: string) => {
    const { sent, scheduled } = await site.outbox(tab);
    return [...sent, ...scheduled].filter((r) => r.composeId === id).length;
  };

  const setDemoFault = async (fault: Switched, on: boolean) => {
    if (fault === 'send-button-unknown') await site.setFault(tab, site.faults.sendButtonUnknown, on);
    if (fault === 'schedule-fails') {
      // One of the ways Schedule send can break, at random.
      for (const name of site.faults.scheduleFails) await site.setFault(tab, name, on && name === plan.scheduleFault);
    }
  };

  const setFault = async (fault: Switched, on: boolean) => {
    if (on) faults.add(fault);
    else faults.delete(fault);
    if (fault === 'background-unreachable') await h.setBackgroundUnreachable(tab, on);
    else if (fault === 'database-errors') await h.setDatabaseErrors(on);
    else await setDemoFault(fault, on);
  };

  const register = (id: string) => {
    composes.set(id, { hookless: faults.has('send-button-unknown'), putAway: false, lost: false });
    report.composes++;
  };

  const openPage = async () => {
    tab = await site.open(h);
    composes = new Map();
    // A demo may open with a reply already started (Outlook's does): the run's first compose.
    for (const id of await site.openComposes(tab)) register(id);
    current = [...composes.keys()][0] ?? null;
    for (const fault of ['send-button-unknown', 'schedule-fails'] as const) if (faults.has(fault)) await setDemoFault(fault, true);
    if (faults.has('background-unreachable')) await h.setBackgroundUnreachable(tab, true);
  };

  /** Every compose of this page went out at most once, and once if it is gone and was not put away. */
  const audit = async () => {
    const { sent, scheduled } = await site.outbox(tab);
    const open = new Set(await site.openComposes(tab));
    report.sends += sent.filter((s) => !s.duplicate).length;
    report.scheduled += scheduled.length;
    for (const [id, state] of composes) {
      const count = [...sent, ...scheduled].filter((r) => r.composeId === id).length;
      if (count > 1) problem('duplicated', `compose ${id} went out ${count} times`);
      if (count === 0 && !open.has(id) && !state.putAway && !state.lost) {
        state.lost = true;
        problem('lost', `compose ${id} closed without going out`);
      }
    }
  };

  const newCompose = async (): Promise<string> => {
    const before = await site.openComposes(tab);
    let id: string;
    if (plan.replyIn !== null) {
      await site.openThread(tab, plan.replyIn);
      // Leaving a thread puts its inline reply away: a draft the site keeps, not a loss.
      const still = new Set(await site.openComposes(tab));
      for (const gone of before.filter((c) => !still.has(c))) {
        const state = composes.get(gone);
        if (state && (await wentOut(gone)) === 0) {
          state.putAway = true;
          report.putAway++;
        }
      }
      id = await tab.evaluate(() => (window as unknown as { __demo: { reply(): string } }).__demo.reply());
    } else {
      id = await tab.evaluate((a) => (window as unknown as { __demo: { newCompose(a: string[]): string } }).__demo.newCompose(a), [plan.recipient]);
    }
    register(id);
    return id;
  };

  /** Watches whether a gesture's events reach their target: ReplyPace stops a held-back gesture before it. */
  const watchGesture = (selector: string) =>
    tab.evaluate((sel) => {
      // No named inner functions: `npm run bench` runs under tsx, whose name-keeping helper is not in the page.
      const w = window as unknown as { __gesture?: { atWindow: number; atTarget: number; listeners: [EventTarget, string, EventListener][] } };
      for (const [target, type, listener] of w.__gesture?.listeners ?? []) target.removeEventListener(type, listener, { capture: true });
      const seen = { atWindow: 0, atTarget: 0, listeners: [] as [EventTarget, string, EventListener][] };
      const target = document.querySelector(sel)!;
      for (const type of ['pointerdown', 'mousedown', 'mouseup', 'click', 'keydown', 'keyup']) {
        seen.listeners.push([window, type, () => seen.atWindow++], [target, type, () => seen.atTarget++]);
      }
      for (const [where, type, listener] of seen.listeners) where.addEventListener(type, listener, { capture: true });
      w.__gesture = seen;
    }, selector);
  const gestureStopped = () =>
    tab.evaluate(() => {
      const seen = (window as unknown as { __gesture?: { atWindow: number; atTarget: number } }).__gesture;
      return seen ? seen.atWindow > 0 && seen.atTarget === 0 : false;
    });

  /** Waits for the card to close or to report a failed schedule. */
  const cardOutcome = async (timeoutMs: number): Promise<'gone' | 'failed' | 'stuck'> => {
    const card = await waitFor(() => readCard(tab), (c) => !c.open || /Couldn't schedule automatically/.test(c.text), timeoutMs);
    if (!card.open) return 'gone';
    return /Couldn't schedule automatically/.test(card.text) ? 'failed' : 'stuck';
  };

  /** "Send now" (or a snooze, which sends too) must send; if it could not, the card must say so. */
  const expectSent = async (id: string, before: number, what: string) => {
    if ((await waitFor(() => wentOut(id), (n) => n > before, 3000)) > before) return;
    const state = composes.get(id)!;
    if ((await readCard(tab)).open) {
      // The user was told: their next Send must go out.
      await click(tab, site.sendButton(id));
      if ((await waitFor(() => wentOut(id), (n) => n > before, 3000)) > before) return;
    }
    state.lost = true;
    problem('lost', `${what} on compose ${id} sent nothing${state.hookless ? ' (Send without the site’s hooks)' : ''}`, state.hookless ? 'send-now-silent-without-send-button' : undefined);
  };

  /** Waits while the card is busy ("Scheduling for …"): it takes no answer then, Esc included. */
  const settledCard = () => waitFor(() => readCard(tab), (c) => !c.open || !c.busy, 15_000);

  /**
   * A compose that went out lingers a moment ("Sending…"), and a second Send on it then would be
   * the run's own duplicate: the next gesture waits until it has gone.
   */
  const closedIfSent = async (id: string, before: number) => {
    if ((await wentOut(id)) > before) await waitFor(() => site.openComposes(tab), (open) => !open.includes(id), 2000);
  };

  const closeOrReport = async (label: string, what: string) => {
    if (!(await settledCard()).open) return;
    await press(tab, 'Escape');
    if ((await cardOutcome(2000)) === 'gone') return;
    const card = await readCard(tab);
    problem('unclosable', `${label}: the card did not close after ${what} (it says "${card.text.slice(0, 120)}", focus on ${await focused()})`);
    await tab.evaluate(() => document.querySelectorAll('replypace-nudge').forEach((n) => n.remove()));
  };

  const focused = () =>
    tab.evaluate(() => {
      let element = document.activeElement;
      while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
      return element ? `${element.localName}${element.className ? `.${String(element.className).split(' ').join('.')}` : ''}` : 'nothing';
    });

  const answer = async (choice: (typeof CHOICES)[number]) => {
    if (choice === 'send-now') await cardButton(tab, 'Send now', 1000);
    else if (choice === 'schedule') await cardButton(tab, { suggestion: 0 }, 1000);
    else if (choice === 'snooze') await cardButton(tab, 'Not for this client today', 1000);
    else await press(tab, choice === 'enter' ? 'Enter' : 'Escape');
  };

  const gestureOn = async (id: string, gesture: Gesture) => {
    const send = site.sendButton(id);
    const body = site.body(id);
    if (gesture === 'click') await click(tab, send);
    else if (gesture === 'lone-click') await loneClick(tab, send);
    else if (gesture === 'held-press') await holdPress(tab, send, plan.holdMs);
    else if (gesture === 'ctrl-enter' || gesture === 'double-ctrl-enter') {
      await focus(tab, body);
      await press(tab, `${plan.modifier}+Enter`);
      // The impatient second press, while the card shows (a let-through send needs no second one).
      if (gesture === 'double-ctrl-enter' && (await readCard(tab)).open) await press(tab, 'Control+Enter');
    } else {
      await focus(tab, send);
      await press(tab, gesture === 'enter' ? 'Enter' : 'Space');
    }
  };

  log(`reliability run on the ${site.name} demo in ${h.browser}: ${options.gestures} gestures, seed ${seed} (replay: REPLYPACE_SEED=${seed})`);
  await openPage();
  try {
    for (let g = 0; g < options.gestures; g++) {
      // Faults come and go: each is on for about one gesture in five, independently.
      lap('faults and checks');
      plan = drawPlan();
      // The first gestures each carry one fault alone, so that even a short run meets every fault.
      if (g < SWITCHED.length) plan.faultsOn = Object.fromEntries(SWITCHED.map((f, i) => [f, i === g])) as Record<Switched, boolean>;
      for (const fault of SWITCHED) if (plan.faultsOn[fault] !== faults.has(fault)) await setFault(fault, plan.faultsOn[fault]);
      let notReady = false;
      if (!current || !(await site.openComposes(tab)).includes(current)) {
        lap('faults and checks');
        current = await newCompose();
        // The first compose the run opens is used before a decision is ready (then one in four).
        notReady = plan.notReady || !report.faultGestures['decision-not-ready'];
        // A moment for ReplyPace to prepare its decision (nothing in the page shows when it has);
        // under load some "ready" gestures find none yet, which only lowers the share of cards.
        if (!notReady) await sleep(200);
        lap('new compose');
      }
      const id = current;
      const state = composes.get(id)!;
      const active: Fault[] = [...faults].filter((f) => f !== 'send-button-unknown');
      if (state.hookless) active.push('send-button-unknown');
      if (notReady) active.push('decision-not-ready');
      for (const f of active) report.faultGestures[f] = (report.faultGestures[f] ?? 0) + 1;

      const { gesture, choice } = plan;
      report.gestures++;
      report.byGesture[gesture] = (report.byGesture[gesture] ?? 0) + 1;
      const before = await wentOut(id);
      await watchGesture(gesture.endsWith('ctrl-enter') ? site.body(id) : site.sendButton(id));
      await gestureOn(id, gesture);
      // The demos record a send, and ReplyPace shows its card, while the gesture's events are handled.
      await sleep(20);
      lap(`gesture: ${gesture}`);

      const nudged = (await readCard(tab)).open;
      const label = `gesture ${g} (${gesture}, faults ${active.join('+') || 'none'})`;
      if (!nudged) {
        if ((await wentOut(id)) === before && (await gestureStopped())) problem('swallowed', `${label} was stopped before Send and showed no card`);
        await closedIfSent(id, before);
        continue;
      }
      report.nudges++;
      if (!(await settledCard()).open) {
        // A second key press answered for the user (and the card closed): nothing left to answer.
        await closedIfSent(id, before);
        continue;
      }

      const answered = await answer(choice).then(
        () => true,
        () => false,
      );
      if (!answered) {
        // The card changed before the user could answer (a second key press chose for them, or
        // the compose went): wait for it to settle, and it must still close.
        const outcome = await cardOutcome(15_000);
        if (outcome !== 'gone') await closeOrReport(label, `the card changed under '${choice}'`);
      } else if (choice === 'send-now' || choice === 'snooze') {
        await expectSent(id, before, choice === 'send-now' ? '"Send now"' : '"Not for this client today"');
        if ((await readCard(tab)).open) await closeOrReport(label, choice);
      } else if (choice === 'escape') {
        if ((await cardOutcome(2000)) !== 'gone') await closeOrReport(label, 'Esc');
        else if ((await wentOut(id)) > before) report.unasked++;
      } else {
        const outcome = await cardOutcome(15_000);
        if (outcome === 'failed') {
          report.scheduleFailures++;
          await cardButton(tab, plan.afterFailure);
          if (plan.afterFailure === 'Send now') {
            await expectSent(id, before, '"Send now" after a failed schedule');
          } else if ((await cardOutcome(2000)) !== 'gone') {
            await closeOrReport(label, 'Close');
          }
        } else if (outcome === 'stuck') {
          await closeOrReport(label, `a ${choice === 'enter' ? 'time chosen with Enter' : 'suggested time'}`);
        } else if ((await wentOut(id)) === before && !state.lost) {
          state.lost = true;
          problem('lost', `${label}: the card closed after a time was chosen, and nothing went out`);
        }
      }
      await closedIfSent(id, before);
      lap(`answer: ${choice}`);
      if (choice === 'snooze') {
        // The snooze lasts the day: start afresh so that later gestures are nudged again.
        await audit();
        await tab.close();
        // Settings are written with the database healthy, then the fault comes back if it was on.
        await h.setDatabaseErrors(false);
        await seedSettings(h, demoSettings());
        if (faults.has('database-errors')) await h.setDatabaseErrors(true);
        await openPage();
        lap('page restart');
      }
      if ((g + 1) % 50 === 0) log(`${g + 1} gestures, ${report.nudges} nudges, ${report.problems.length} problems`);
    }
    await sleep(200);
    await audit();
  } finally {
    await h.setDatabaseErrors(false).catch(() => {});
    await tab.close().catch(() => {});
  }
  return report;
}
