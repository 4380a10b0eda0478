/**
 * The reliability run, written once for every demo site and browser: random send gestures with
 * faults switched on and off at random, then a random answer on every card. The oracle is what a
 * user would call a broken promise, and it holds whatever ReplyPace decides about a gesture
 * (nudge it or let it through), so it stays right while the send guard changes:
 * - lost: a compose the run opened is gone without going out, and neither the run put it away
 *   (leaving a thread puts its inline reply away as a draft, as the sites do) nor the site threw it
 *   away (below); or the user chose "Send now" / "Not for this client today" and nothing went out
 *   while ReplyPace said nothing; or a time was chosen and the card closed with nothing scheduled.
 *   A "Send now" the site did not carry out is not lost when ReplyPace says so ("Not sent yet …
 *   press Send again") and the user's next Send goes out: the user was told, and the draft went
 *   (counted as `resent`);
 * - duplicated: a compose went out (sent or scheduled) more than once;
 * - discarded: the site threw a draft away ("Discard message", or a compose closed by an Escape):
 *   the run itself never asks for that, so ReplyPace did;
 * - escape: where an Escape in a compose's window discards it (Outlook), an Escape the run did not
 *   press reached the page;
 * - unclosable: a card that neither its buttons nor Esc close;
 * - swallowed: ReplyPace stopped a gesture's events before Send saw them and showed no card.
 *
 * Gestures: a click on Send, a lone `click` (no press before it), a press held for a while, Ctrl
 * or ⌘+Enter in the body, a second Ctrl+Enter while the card shows, Enter and Space on a focused
 * Send; on a compose in the page, or popped out into a window of its own where the site can.
 * Faults: the background unreachable and the database failing (tests/kit/chromium.ts,
 * tests/kit/firefox.ts); Send without the site's hooks, a broken Schedule send (each way the demo
 * has, "Invalid date" included), and the site made awkward (dialogs mounted late, slow sends, an
 * Escape that closes a compose): the demo's own switches; a gesture right after the compose opens,
 * before any decision is ready. The site's builds (`?build=`) change from gesture to gesture.
 */
import { demoSettings } from '../demo/gmail/settings.ts';
import { ARM_MS } from '../../src/ui/nudge/NudgeCard.tsx';
import type { DemoSite } from './demo-site.ts';
import {
  cardButton, click, focus, holdPress, loneClick, NOT_SENT, press, readCard, seedSettings, sleep, UNSENT_NOTICE_MS, waitFor,
  type BrowserHarness, type CardView, type Tab,
} from './harness.ts';
import { seededRandom } from './random.ts';

export const GESTURES = ['click', 'lone-click', 'held-press', 'ctrl-enter', 'double-ctrl-enter', 'enter', 'space'] as const;
export type Gesture = (typeof GESTURES)[number];
export const FAULTS = ['background-unreachable', 'database-errors', 'schedule-fails', 'send-button-unknown', 'awkward-site', 'decision-not-ready'] as const;
export type Fault = (typeof FAULTS)[number];
type Switched = Exclude<Fault, 'decision-not-ready'>;

export interface Problem {
  kind: 'lost' | 'duplicated' | 'discarded' | 'escape' | 'unclosable' | 'swallowed';
  text: string;
}

export interface ReliabilityReport {
  site: string;
  browser: string;
  seed: number;
  gestures: number;
  composes: number;
  /** Composes popped out into a window of their own. */
  poppedOut: number;
  nudges: number;
  sends: number;
  scheduled: number;
  scheduleFailures: number;
  /** "Send now" the site did not carry out, said so by ReplyPace, and sent by the user's next Send. */
  resent: number;
  /** Inline replies put away by leaving their thread (drafts, not losses). */
  putAway: number;
  /** Went out although the user's answer was to keep the draft (Esc, Close): worth a look, not a loss. */
  unasked: number;
  byGesture: Partial<Record<Gesture, number>>;
  /** Times a time was chosen on the card, by the site's build. */
  schedulesByBuild: Record<string, number>;
  /** Seconds spent opening composes, making gestures, and after each answer to the card (where a run's time goes). */
  seconds: Record<string, number>;
  faultGestures: Partial<Record<Fault, number>>;
  /** Broken promises: the run fails on any of these. */
  problems: Problem[];
}

interface ComposeState {
  /** Created while Send lost its hooks: ReplyPace cannot recognise its Send. */
  hookless: boolean;
  putAway: boolean;
  /** Already counted as lost or discarded (counted once). */
  counted: boolean;
  /** The tab it is in: the mail page, or the window it was popped out into. */
  tab: Tab;
}

const CHOICES = ['send-now', 'schedule', 'schedule', 'enter', 'escape', 'escape', 'snooze'] as const;
const SWITCHED = ['background-unreachable', 'database-errors', 'schedule-fails', 'send-button-unknown', 'awkward-site'] as const;
/** How often each switched fault is on; the awkward site is harmless to a correct ReplyPace, so it is on more. */
const FAULT_CHANCE: Record<Switched, number> = {
  'background-unreachable': 0.2, 'database-errors': 0.2, 'schedule-fails': 0.2, 'send-button-unknown': 0.2, 'awkward-site': 0.5,
};
const NO_CARD: CardView = { open: false, text: '', buttons: [], busy: false };

/**
 * Everything random about one gesture, drawn before it whatever happens next, so that a seed
 * replays the same plan (timing may still make ReplyPace decide differently).
 */
interface Plan {
  faultsOn: Record<Switched, boolean>;
  scheduleFault: string;
  build: string | null;
  /** If a new compose is needed: a reply in this thread, or a new message to this recipient. */
  replyIn: number | null;
  recipient: string;
  popOut: boolean;
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
  const nextBuild = site.schedule.builds.length ? rnd.bag(site.schedule.builds) : () => null;
  // Acme's threads and addresses come up twice as often as the others: a short run meets enough cards.
  const { acmeInstant, acmeAfterHours } = site.threads;
  const threadIndexes = [...Object.values(site.threads), acmeInstant, acmeAfterHours].map((t) => t.index);
  const recipients = [...site.recipients.acme, ...site.recipients.acme, ...site.recipients.others];
  const drawPlan = (): Plan => ({
    faultsOn: Object.fromEntries(SWITCHED.map((f) => [f, rnd.chance(FAULT_CHANCE[f])])) as Record<Switched, boolean>,
    scheduleFault: rnd.pick(site.faults.scheduleFails),
    build: nextBuild(),
    replyIn: rnd.chance(0.5) ? rnd.pick(threadIndexes) : null,
    recipient: rnd.pick(recipients),
    popOut: site.popOut && rnd.chance(0.15),
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
    site: site.id, browser: h.browser, seed, gestures: 0, composes: 0, poppedOut: 0, nudges: 0, sends: 0, scheduled: 0, scheduleFailures: 0,
    resent: 0, putAway: 0, unasked: 0, byGesture: {}, schedulesByBuild: {}, seconds: {}, faultGestures: {}, problems: [],
  };
  const problem = (kind: Problem['kind'], text: string) => {
    report.problems.push({ kind, text });
    log(`PROBLEM ${kind}: ${text}`);
  };

  const faults = new Set<Switched>();
  let build: string | null = null;
  let tab!: Tab;
  let composes = new Map<string, ComposeState>();
  let current: string | null = null;
  /** Escape presses the run made on this page (the user's, on the card), and Escapes already reported. */
  let ownEscapes = 0;
  let escapesReported = 0;
  /** The tab of the compose being worked on: the page, or its pop-out window. */
  let here!: Tab;
  /** The card in `here`; none once a pop-out window has closed (its compose went). */
  const card = () => readCard(here).catch(() => NO_CARD);

  const wentOut = async (id: string) => {
    const { sent, scheduled } = await site.outbox(tab);
    return [...sent, ...scheduled].filter((r) => r.composeId === id).length;
  };

  /** Pop-out windows still open (their compose is). */
  const windows = () => [...new Set([...composes.values()].map((c) => c.tab))].filter((t) => t !== tab);

  const setDemoFault = async (fault: Switched, on: boolean) => {
    if (fault === 'send-button-unknown') await site.setFault(tab, site.faults.sendButtonUnknown, on);
    if (fault === 'awkward-site') for (const name of site.faults.awkward) await site.setFault(tab, name, on);
    if (fault === 'schedule-fails') {
      // One of the ways Schedule send can break, at random.
      for (const name of site.faults.scheduleFails) await site.setFault(tab, name, on && name === plan.scheduleFault);
    }
  };

  const setBackgroundUnreachable = async (on: boolean) => {
    for (const t of [tab, ...windows()]) await h.setBackgroundUnreachable(t, on).catch((error: Error) => (t === tab ? Promise.reject(error) : undefined));
  };

  const setFault = async (fault: Switched, on: boolean) => {
    if (on) faults.add(fault);
    else faults.delete(fault);
    if (fault === 'background-unreachable') await setBackgroundUnreachable(on);
    else if (fault === 'database-errors') await h.setDatabaseErrors(on);
    else await setDemoFault(fault, on);
  };

  const register = (id: string, where: Tab) => {
    composes.set(id, { hookless: faults.has('send-button-unknown'), putAway: false, counted: false, tab: where });
    report.composes++;
  };

  const openPage = async () => {
    tab = await site.open(h);
    here = tab;
    composes = new Map();
    ownEscapes = escapesReported = 0;
    // A demo may open with a reply already started (Outlook's does): the run's first compose.
    for (const id of await site.openComposes(tab)) register(id, tab);
    current = [...composes.keys()][0] ?? null;
    for (const fault of ['send-button-unknown', 'schedule-fails', 'awkward-site'] as const) if (faults.has(fault)) await setDemoFault(fault, true);
    if (faults.has('background-unreachable')) await h.setBackgroundUnreachable(tab, true);
    if (build) await site.setBuild(tab, build);
  };

  /**
   * Every compose of this page went out at most once, and once if it is gone and was not put
   * away; the site threw no draft away; where an Escape discards, none came from ReplyPace.
   */
  const audit = async () => {
    const { sent, scheduled } = await site.outbox(tab);
    const open = new Set(await site.openComposes(tab));
    const discarded = new Set(await site.discarded(tab));
    report.sends += sent.filter((s) => !s.duplicate).length;
    report.scheduled += scheduled.length;
    for (const [id, state] of composes) {
      const count = [...sent, ...scheduled].filter((r) => r.composeId === id).length;
      if (count > 1) problem('duplicated', `compose ${id} went out ${count} times`);
      if (state.counted) continue;
      if (discarded.has(id)) {
        state.counted = true;
        problem('discarded', `compose ${id} was thrown away by the site`);
      } else if (count === 0 && !open.has(id) && !state.putAway) {
        state.counted = true;
        problem('lost', `compose ${id} closed without going out`);
      }
    }
    await checkEscapes();
  };

  const checkEscapes = async () => {
    if (site.escape !== 'discards') return;
    const fromReplyPace = (await site.escapes(tab)) - ownEscapes;
    if (fromReplyPace > escapesReported) {
      problem('escape', `${fromReplyPace - escapesReported} Escape key press(es) the user did not make reached the page`);
      escapesReported = fromReplyPace;
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
        if (state && (await wentOut(gone)) === 0 && !(await site.discarded(tab)).includes(gone)) {
          state.putAway = true;
          report.putAway++;
        }
      }
      id = await tab.evaluate(() => (window as unknown as { __demo: { reply(): string } }).__demo.reply());
    } else {
      id = await tab.evaluate((a) => (window as unknown as { __demo: { newCompose(a: string[]): string } }).__demo.newCompose(a), [plan.recipient]);
    }
    let where = tab;
    if (plan.popOut || (site.popOut && report.poppedOut === 0 && report.gestures >= SWITCHED.length)) {
      // Into a window of its own (the page's script renders it there, with the same id).
      where = await h.popupOf(tab, () => click(tab, site.popOutButton(id)));
      await waitFor(() => where.evaluate((sel) => document.querySelector(sel) !== null, site.sendButton(id)), Boolean);
      if (faults.has('background-unreachable')) await h.setBackgroundUnreachable(where, true);
      report.poppedOut++;
    }
    register(id, where);
    return id;
  };

  /**
   * Watches whether a gesture's events reach their target: ReplyPace stops a held-back gesture
   * before it. Only events aimed at the target count (a pointer that met a notice over Send never
   * aimed at Send: the kit's click waits for it to go, as a user does).
   */
  const watchGesture = (selector: string) =>
    here.evaluate((sel) => {
      // No named inner functions: `npm run bench` runs under tsx, whose name-keeping helper is not in the page.
      const w = window as unknown as { __gesture?: { atWindow: number; atTarget: number; listeners: [EventTarget, string, EventListener][] } };
      for (const [target, type, listener] of w.__gesture?.listeners ?? []) target.removeEventListener(type, listener, { capture: true });
      const seen = { atWindow: 0, atTarget: 0, listeners: [] as [EventTarget, string, EventListener][] };
      const target = document.querySelector(sel)!;
      for (const type of ['pointerdown', 'mousedown', 'mouseup', 'click', 'keydown', 'keyup']) {
        seen.listeners.push([window, type, (event) => void (target.contains(event.composedPath()[0] as Node) && seen.atWindow++)], [target, type, () => seen.atTarget++]);
      }
      for (const [where, type, listener] of seen.listeners) where.addEventListener(type, listener, { capture: true });
      w.__gesture = seen;
    }, selector);
  const gestureStopped = () =>
    here
      .evaluate(() => {
        const seen = (window as unknown as { __gesture?: { atWindow: number; atTarget: number } }).__gesture;
        return seen ? seen.atWindow > 0 && seen.atTarget === 0 : false;
      })
      .catch(() => false);

  /** Waits for the card to close or to report a failed schedule. */
  const cardOutcome = async (timeoutMs: number): Promise<'gone' | 'failed' | 'stuck'> => {
    const seen = await waitFor(card, (c) => !c.open || /Couldn't schedule automatically/.test(c.text), timeoutMs);
    if (!seen.open) return 'gone';
    return /Couldn't schedule automatically/.test(seen.text) ? 'failed' : 'stuck';
  };

  /**
   * "Send now" (or a snooze, which sends too) must send; where the site did not, ReplyPace must
   * say so once the compose stayed open, and the user's next Send must go out.
   */
  const expectSent = async (id: string, before: number, what: string) => {
    const settled = async () => ((await wentOut(id)) > before ? 'sent' : NOT_SENT.test((await card()).text) ? 'told' : null);
    const outcome = await waitFor(settled, (o) => o !== null, UNSENT_NOTICE_MS + 3000);
    if (outcome === 'sent') return;
    const state = composes.get(id)!;
    if (outcome === 'told') {
      await click(here, site.sendButton(id));
      if ((await waitFor(() => wentOut(id), (n) => n > before, 3000)) > before) {
        report.resent++;
        return;
      }
    }
    state.counted = true;
    const hookless = state.hookless ? ' (Send without the site’s hooks)' : '';
    problem('lost', `${what} on compose ${id}${hookless} sent nothing${outcome === 'told' ? ', and neither did the next Send' : ' and ReplyPace said nothing'}`);
  };

  /** Waits while the card is busy ("Scheduling for …"): it takes no answer then, Esc included. */
  const settledCard = () => waitFor(card, (c) => !c.open || !c.busy, 15_000);

  /**
   * A compose that went out lingers a moment ("Sending…"), and a second Send on it then would be
   * the run's own duplicate: the next gesture waits until it has gone.
   */
  const closedIfSent = async (id: string, before: number) => {
    if ((await wentOut(id)) > before) await waitFor(() => site.openComposes(tab), (open) => !open.includes(id), 2000);
  };

  /** The user's Escape, on the card (focus put back into it first, so the key is meant for it). */
  const escapeOnCard = async () => {
    await here.evaluate(() => document.querySelector<HTMLElement>('replypace-nudge')?.focus()).catch(() => undefined);
    ownEscapes++;
    await press(here, 'Escape');
  };

  const closeOrReport = async (label: string, what: string) => {
    if (!(await settledCard()).open) return;
    // A card that just changed (a "Not sent yet" card appearing, say) ignores keys for ARM_MS by
    // design: the user's Esc is pressed on a card that stands still, as a person reads it first.
    await cardStill();
    if (!(await card()).open) return;
    await escapeOnCard();
    if ((await cardOutcome(2000)) === 'gone') return;
    const seen = await card();
    const hosts = await here.evaluate(() => document.querySelectorAll('replypace-nudge').length).catch(() => -1);
    problem('unclosable', `${label}: the card did not close after ${what} (it says "${seen.text.slice(0, 120)}", focus on ${await focused()}, ${hosts} card(s) in the page)`);
    await here.evaluate(() => document.querySelectorAll('replypace-nudge').forEach((n) => n.remove()));
  };

  const focused = () =>
    here.evaluate(() => {
      let element = document.activeElement;
      while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
      return element ? `${element.localName}${element.className ? `.${String(element.className).split(' ').join('.')}` : ''}` : 'nothing';
    });

  /** Waits until the card has stood still past its arming delay: a key is a choice only then (NudgeCard's ARM_MS). */
  const cardStill = async () => {
    let text = (await card()).text;
    let since = Date.now();
    const deadline = since + 5000;
    while (Date.now() - since < ARM_MS + 100 && Date.now() < deadline) {
      await sleep(50);
      const now = (await card()).text;
      if (now !== text) [text, since] = [now, Date.now()];
    }
  };

  const answer = async (choice: (typeof CHOICES)[number]) => {
    if (choice === 'send-now') await cardButton(here, 'Send now', 1000);
    else if (choice === 'schedule') await cardButton(here, { suggestion: 0 }, 1000);
    else if (choice === 'snooze') await cardButton(here, 'Not for this client today', 1000);
    else if (choice === 'escape') await escapeOnCard();
    else {
      await cardStill();
      await press(here, 'Enter');
    }
  };

  const gestureOn = async (id: string, gesture: Gesture) => {
    const send = site.sendButton(id);
    const body = site.body(id);
    if (gesture === 'click') await click(here, send);
    else if (gesture === 'lone-click') await loneClick(here, send);
    else if (gesture === 'held-press') await holdPress(here, send, plan.holdMs);
    else if (gesture === 'ctrl-enter' || gesture === 'double-ctrl-enter') {
      await focus(here, body);
      await press(here, `${plan.modifier}+Enter`);
      // The impatient second press, while the card shows (a let-through send needs no second one).
      if (gesture === 'double-ctrl-enter' && (await card()).open) await press(here, 'Control+Enter');
    } else {
      await focus(here, send);
      await press(here, gesture === 'enter' ? 'Enter' : 'Space');
    }
  };

  const closeWindows = async () => {
    for (const t of windows()) await t.close().catch(() => undefined);
  };

  log(`reliability run on the ${site.name} demo in ${h.browser}: ${options.gestures} gestures, seed ${seed} (replay: REPLYPACE_SEED=${seed})`);
  await openPage();
  try {
    for (let g = 0; g < options.gestures; g++) {
      lap('faults and checks');
      plan = drawPlan();
      // The first gestures each carry one fault alone, so that even a short run meets every fault.
      if (g < SWITCHED.length) plan.faultsOn = Object.fromEntries(SWITCHED.map((f, i) => [f, i === g])) as Record<Switched, boolean>;
      for (const fault of SWITCHED) if (plan.faultsOn[fault] !== faults.has(fault)) await setFault(fault, plan.faultsOn[fault]);
      if (plan.build !== build) await site.setBuild(tab, (build = plan.build)!);
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
      here = state.tab;
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

      const nudged = (await card()).open;
      const where = here === tab ? '' : ', popped out';
      const label = `gesture ${g} (${gesture}${where}, faults ${active.join('+') || 'none'}${build ? `, build ${build}` : ''})`;
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

      if (choice === 'schedule' || choice === 'enter') report.schedulesByBuild[build ?? 'only'] = (report.schedulesByBuild[build ?? 'only'] ?? 0) + 1;
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
        if ((await card()).open) await closeOrReport(label, choice);
      } else if (choice === 'escape') {
        if ((await cardOutcome(2000)) !== 'gone') await closeOrReport(label, 'Esc');
        else if ((await wentOut(id)) > before) report.unasked++;
      } else {
        const outcome = await cardOutcome(15_000);
        if (outcome === 'failed') {
          report.scheduleFailures++;
          await cardButton(here, plan.afterFailure);
          if (plan.afterFailure === 'Send now') {
            await expectSent(id, before, '"Send now" after a failed schedule');
          } else if ((await cardOutcome(2000)) !== 'gone') {
            await closeOrReport(label, 'Close');
          }
        } else if (outcome === 'stuck') {
          await closeOrReport(label, `a ${choice === 'enter' ? 'time chosen with Enter' : 'suggested time'}`);
        } else if ((await wentOut(id)) === before && !state.counted) {
          state.counted = true;
          problem('lost', `${label}: the card closed after a time was chosen, and nothing went out`);
        }
      }
      await closedIfSent(id, before);
      await checkEscapes();
      lap(`answer: ${choice}`);
      if (choice === 'snooze') {
        // The snooze lasts the day: start afresh so that later gestures are nudged again.
        await audit();
        await closeWindows();
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
    await closeWindows();
    await tab.close().catch(() => {});
  }
  return report;
}
