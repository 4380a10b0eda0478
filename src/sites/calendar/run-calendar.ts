/**
 * Runs the meeting check on a calendar page, for any calendar behind the contract: watches the
 * event editor, reads its times and guests, asks the background once per guest list for the
 * guests' rules (ahead of time, as composes get their snapshots), and on every change runs the
 * pure check synchronously and shows or removes the note. Save is never touched: a press of it
 * only records the meeting's times, client keys and reasons.
 *
 * Fails silently open: an editor that cannot be read, a background that does not answer, any
 * exception: no note, and the calendar works as if ReplyPace were not installed.
 */
import { meetingCheck, type MeetingVerdict } from '../../core/meeting.ts';
import type { MeetingPolicies } from '../../core/meetingPolicy.ts';
import type { Instant } from '../../core/types.ts';
import type { MeetingRecord } from '../../store/meetings.ts';
import { createMeetingNote, type MeetingNote, type NoteContent } from '../../ui/meeting/note.ts';
import type { CalendarSite, MeetingReading } from '../calendar-contract.ts';
import type { SendRequest } from '../shared/run-site.ts';

/** Guest rules are asked for again after this long (settings change). */
const POLICIES_MAX_AGE_MS = 5 * 60_000;
const RETRY_AFTER_FAILURE_MS = 5_000;
/** What the editor's own updates touch; anything else is not a change of time or guests. */
/**
 * What the last pass concluded, on the page's root element: none (no editor), unread (an editor
 * that could not be read), waiting (guests' rules not there yet), fine:<why>, or warn. A plain
 * marker for page reports and tests to wait on; the calendar never reads it.
 */
export const STATE_ATTRIBUTE = 'data-replypace-meeting';
const WATCHED_ATTRIBUTES = ['data-date', 'data-initial-value', 'data-ical', 'aria-checked', 'checked', 'data-hovercard-id', 'data-email', 'data-viewfamily', 'value'];

export interface CalendarRuntimeOptions {
  site: CalendarSite;
  doc: Document;
  signal: AbortSignal;
  send: SendRequest;
  now?: () => Instant;
  /** Called after each pass with what it decided (benches, tests). */
  onPass?(verdict: MeetingVerdict | null): void;
}

export interface CalendarRuntime {
  /** Runs one pass now (normally driven by the page's changes). */
  checkNow(): void;
  note: MeetingNote;
}

interface Cached {
  policies: MeetingPolicies | null;
  fetchedAt: number;
  pending: boolean;
}

export function startCalendar(options: CalendarRuntimeOptions): CalendarRuntime {
  const { site, doc, signal, send } = options;
  const now = options.now ?? Date.now;
  const note = createMeetingNote(doc);
  const cache = new Map<string, Cached>();
  let last: { reading: MeetingReading; verdict: MeetingVerdict; policies: MeetingPolicies; checkKey: string } | null = null;
  let shownKey = '';
  let dismissedKey = '';
  let queued = false;

  const guestKey = (reading: MeetingReading) => `${reading.account ?? ''}|${[...reading.guests].sort().join(',')}`;

  const policiesFor = (reading: MeetingReading): MeetingPolicies | null => {
    const key = guestKey(reading);
    let entry = cache.get(key);
    const fresh = entry && now() - entry.fetchedAt < (entry.policies ? POLICIES_MAX_AGE_MS : RETRY_AFTER_FAILURE_MS);
    if (!entry || (!fresh && !entry.pending)) {
      entry = entry ?? { policies: null, fetchedAt: 0, pending: false };
      cache.set(key, entry);
      const target = entry;
      target.pending = true;
      void send({ type: 'meetingPolicies', site: site.id, account: reading.account, guests: reading.guests })
        .catch(() => null)
        .then((answer) => {
          target.pending = false;
          target.fetchedAt = now();
          if (answer?.ok) target.policies = answer.value;
          if (!signal.aborted) schedule();
        });
    }
    return entry.policies;
  };

  const mark = (state: string) => doc.documentElement.setAttribute(STATE_ATTRIBUTE, state);
  const clear = (state: string) => {
    mark(state);
    last = null;
    shownKey = '';
    note.remove();
  };

  const pass = () => {
    queued = false;
    if (signal.aborted) return;
    let verdict: MeetingVerdict | null = null;
    try {
      const editor = site.findEditor(doc);
      if (!editor) return clear('none');
      let reading: MeetingReading;
      try {
        reading = site.readMeeting(editor);
      } catch {
        return clear('unread');
      }
      if (reading.guests.length === 0) return clear('fine:no-guests');
      const policies = policiesFor(reading);
      if (!policies) return clear('waiting');
      // Calendar changes its page often (typing a description, hovering): the check runs again only
      // when what it reads changed, or a minute has passed (suggestions must stay in the future).
      const checkKey = JSON.stringify([reading.start, reading.end, reading.allDay, reading.guests, Math.floor(now() / 60_000)]);
      verdict = last && last.policies === policies && last.checkKey === checkKey ? last.verdict : meetingCheck(reading, policies, now());
      last = { reading, verdict, policies, checkKey };
      mark(verdict.kind === 'fine' ? `fine:${verdict.why}` : 'warn');
      if (verdict.kind === 'fine') {
        shownKey = '';
        note.remove();
        return;
      }
      const anchor = site.noteAnchor(editor);
      const key = JSON.stringify([reading.start, reading.end, verdict.findings, verdict.own, verdict.suggestions]);
      if (!anchor || key === dismissedKey) return note.remove();
      if (key === shownKey && note.element()?.isConnected) return;
      shownKey = key;
      note.show(anchor, contentOf(verdict, editor, key));
    } catch {
      clear('unread');
    } finally {
      options.onPass?.(verdict);
    }
  };

  const contentOf = (verdict: Extract<MeetingVerdict, { kind: 'warn' }>, editor: HTMLElement, key: string): NoteContent => {
    const sentences = [...verdict.findings.map((f) => f.text), ...(verdict.own ? [verdict.own.text] : [])];
    return {
      headline: sentences[0] ?? '',
      details: sentences.slice(1),
      suggestions: verdict.suggestions.map((slot) => ({
        label: slot.label,
        pick: () => site.setTimes(editor, slot.start, slot.end).catch(() => false),
      })),
      onDismiss: () => {
        dismissedKey = key;
        note.remove();
      },
    };
  };

  function schedule(): void {
    if (queued) return;
    queued = true;
    // A microtask: after the page's own update, before the next frame.
    queueMicrotask(pass);
  }

  const observer = new MutationObserver(schedule);
  observer.observe(doc.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: WATCHED_ATTRIBUTES });
  doc.addEventListener('input', schedule, true);

  /** A press of Save records the meeting as booked; the press itself goes on untouched. */
  const onSavePress = (event: Event) => {
    if (event instanceof KeyboardEvent && event.key !== 'Enter' && event.key !== ' ') return;
    try {
      const editor = site.findEditor(doc);
      const save = editor && site.saveButton(editor);
      const target = event.target;
      if (!save || !(target instanceof Node) || !save.contains(target) || !last) return;
      const { reading, verdict, policies } = last;
      const checked = policies.clients.filter((c) => c.mode === 'account' || c.mode === 'default');
      if (checked.length === 0 || reading.allDay) return;
      const findings = verdict.kind === 'warn' ? verdict.findings : [];
      const record: MeetingRecord = {
        site: site.id,
        at: now(),
        start: reading.start,
        end: reading.end,
        clients: checked.map((c) => ({ clientKey: c.clientKey, reason: findings.find((f) => f.clientKey === c.clientKey)?.reason ?? null })),
        own: verdict.kind === 'warn' ? (verdict.own?.reason ?? null) : null,
      };
      void send({ type: 'meetingBooked', meeting: record }).catch(() => undefined);
    } catch {
      // Recording is a nicety: Save goes on whatever happens here.
    }
  };
  doc.addEventListener('click', onSavePress, { capture: true, passive: true });
  doc.addEventListener('keydown', onSavePress, { capture: true, passive: true });

  signal.addEventListener('abort', () => {
    observer.disconnect();
    doc.removeEventListener('input', schedule, true);
    doc.removeEventListener('click', onSavePress, true);
    doc.removeEventListener('keydown', onSavePress, true);
    note.remove();
    doc.documentElement.removeAttribute(STATE_ATTRIBUTE);
  });

  schedule();
  return { checkNow: pass, note };
}
