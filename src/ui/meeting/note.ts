/**
 * The meeting note: an inline note placed after the editor's time fields (never a modal, never in
 * the way of Save), in a `replypace-meeting` element with its own shadow root so that the
 * calendar's styles and ours never mix. Plain DOM: the calendar content script stays small.
 *
 * Keyboard: every action is a native button in the page's tab order. Dark mode: follows the
 * surface the note sits on (as the nudge card does), else the system setting.
 */
import { pickTheme } from '../nudge/theme.ts';

export const MEETING_TAG = 'replypace-meeting';

export interface NoteSuggestion {
  /** "Tomorrow 15:00 (their 9:00)". */
  label: string;
  /** Resolves true when the calendar took the new time. */
  pick(): Promise<boolean>;
}

export interface NoteContent {
  /** The first finding, in one sentence. */
  headline: string;
  /** Further findings (other clients, the user's own hours). */
  details: string[];
  suggestions: NoteSuggestion[];
  onDismiss(): void;
}

const CSS = `
:host { all: initial; display: block; margin: 8px 0; }
.note { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; border-radius: 8px; padding: 10px 12px;
  border: 1px solid #e0a800; background: #fff8e1; color: #3c2f00; max-width: 640px; }
.note.dark { border-color: #c99700; background: #2d2616; color: #f6e7b8; }
.who { font-size: 12px; font-weight: 600; letter-spacing: .02em; margin: 0 0 4px; }
p { margin: 0 0 6px; }
ul { margin: 0 0 6px; padding-left: 18px; }
.actions { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
button { font: inherit; font-size: 13px; border-radius: 16px; padding: 4px 10px; cursor: pointer;
  border: 1px solid currentColor; background: transparent; color: inherit; }
button.move { background: #1a73e8; border-color: #1a73e8; color: #fff; }
.dark button.move { background: #8ab4f8; border-color: #8ab4f8; color: #202124; }
button:focus-visible { outline: 2px solid #1a73e8; outline-offset: 2px; }
.dark button:focus-visible { outline-color: #8ab4f8; }
button[disabled] { opacity: .6; cursor: default; }
.status:empty { display: none; }
.status { margin: 6px 0 0; font-size: 13px; }
`;

export interface MeetingNote {
  /** Shows `content` after `anchor` (moving the note there if it was elsewhere). */
  show(anchor: Element, content: NoteContent): void;
  remove(): void;
  /** The host element while shown (tests, benches). */
  element(): HTMLElement | null;
}

export function createMeetingNote(doc: Document): MeetingNote {
  let host: HTMLElement | null = null;
  let body: HTMLElement | null = null;

  const ensureHost = (anchor: Element) => {
    if (!host) {
      host = doc.createElement(MEETING_TAG);
      const shadow = host.attachShadow({ mode: 'open' });
      const style = doc.createElement('style');
      style.textContent = CSS;
      body = doc.createElement('section');
      body.className = 'note';
      body.setAttribute('role', 'note');
      body.setAttribute('aria-label', 'ReplyPace: meeting time');
      shadow.append(style, body);
      // Keys typed in the note must not reach the calendar's keyboard shortcuts.
      for (const type of ['keydown', 'keypress', 'keyup'] as const) host.addEventListener(type, (event) => event.stopPropagation());
    }
    if (host.previousElementSibling !== anchor || !host.isConnected) anchor.after(host);
    body!.classList.toggle('dark', pickTheme(anchor) === 'dark');
    return body!;
  };

  return {
    show(anchor, content) {
      const section = ensureHost(anchor);
      const who = doc.createElement('p');
      who.className = 'who';
      who.textContent = 'ReplyPace';
      const headline = doc.createElement('p');
      headline.className = 'headline';
      headline.textContent = content.headline;
      const parts: Node[] = [who, headline];
      if (content.details.length > 0) {
        const list = doc.createElement('ul');
        for (const text of content.details) {
          const item = doc.createElement('li');
          item.textContent = text;
          list.append(item);
        }
        parts.push(list);
      }
      const status = doc.createElement('p');
      status.className = 'status';
      status.setAttribute('aria-live', 'polite');
      const actions = doc.createElement('div');
      actions.className = 'actions';
      if (content.suggestions.length === 0) {
        const none = doc.createElement('p');
        none.textContent = 'No time in the next three weeks fits both your hours and theirs.';
        parts.push(none);
      }
      for (const suggestion of content.suggestions) {
        const button = doc.createElement('button');
        button.type = 'button';
        button.className = 'move';
        button.textContent = `Move to ${suggestion.label}`;
        button.addEventListener('click', () => {
          for (const b of actions.querySelectorAll('button')) b.disabled = true;
          status.textContent = `Moving to ${suggestion.label}…`;
          void suggestion.pick().then((ok) => {
            if (!host?.isConnected) return;
            for (const b of actions.querySelectorAll('button')) b.disabled = false;
            status.textContent = ok ? `Moved to ${suggestion.label}.` : `The calendar did not take the new time: set it by hand to ${suggestion.label}.`;
          });
        });
        actions.append(button);
      }
      const dismiss = doc.createElement('button');
      dismiss.type = 'button';
      dismiss.className = 'dismiss';
      dismiss.textContent = 'Keep this time';
      dismiss.addEventListener('click', () => content.onDismiss());
      actions.append(dismiss);
      parts.push(actions, status);
      section.replaceChildren(...parts);
    },
    remove() {
      host?.remove();
      host = null;
      body = null;
    },
    element: () => host,
  };
}
