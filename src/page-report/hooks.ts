/**
 * What a page report keeps of a mail page: the hooks ReplyPace relies on, and nothing a person
 * wrote. The site-specific parts are read from the sites' own selector files wherever they can be,
 * so that a selector added to a driver is kept in reports without a second list to maintain.
 */
import * as gmailSelectorFile from '../sites/gmail/selectors.ts';
import * as outlookSelectorFile from '../sites/outlook/selectors.ts';

/** Elements dropped with everything inside them: code, styles, embedded documents, templates. */
export const DROPPED_ELEMENTS = new Set([
  'script', 'style', 'noscript', 'template', 'link', 'base', 'object', 'embed', 'param', 'frame', 'frameset', 'iframe', 'portal',
]);

/**
 * Message bodies and compose editors: written by people, never read by ReplyPace. Their content is
 * dropped whole (the container and its hook attributes stay), so that not even a sender's class
 * names or markup survive (their text would be blanked anyway). Gmail: the message body `.a3s`
 * (`.a3s.aiL` in public extension code, e.g. neelchau/Spam-mail-extension content.js, undated), the
 * compose body `.Am` / `.LW-avf` contenteditable (tests/fixtures/gmail; public Gmail scripts also
 * use `div[g_editable="true"]`, undated: unverified against a capture). Outlook: its selectors file.
 */
export const BODY_CONTAINERS = [
  '.a3s',
  '.Am[contenteditable]',
  '.LW-avf[contenteditable]',
  '[g_editable]',
  outlookSelectorFile.outlookSelectors.messageBody,
  outlookSelectorFile.outlookSelectors.composeBodyEditor,
].join(', ');

/**
 * Elements whose text (and `title`) is a received time the readers parse: kept when it reads as a
 * date and time (a clock time in it, no address), because without it a report of a page whose
 * times ReplyPace cannot read would not show why. Nothing else of a page's text is kept.
 */
export const TIME_HOOKS = [gmailSelectorFile.gmailSelectors.messageTime, outlookSelectorFile.outlookSelectors.receivedTime].join(', ');
const CLOCK_TIME = /\d{1,2}[:.]\d{2}/;
export function readsAsTime(text: string): boolean {
  return text.length <= 40 && CLOCK_TIME.test(text) && !text.includes('@');
}

/** Attributes kept as they are: structure and language-free hooks, never free text. */
export const KEPT_ATTRIBUTES = new Set([
  'id', 'class', 'role', 'lang', 'dir', 'tabindex', 'type', 'hidden', 'disabled', 'contenteditable', 'draggable', 'colspan', 'rowspan',
  // Gmail's language-free hooks (mail-dom.md; InboxSDK, gmail.js).
  'selector', 'jsname', 'jscontroller', 'jsaction', 'jsmodel', 'data-mdc-dialog-action',
  // Outlook's (tests/fixtures/outlook/README.md).
  'data-testid', 'data-app-section', 'data-lpc-hover-target-id', 'data-automationid', 'data-automation-type', 'data-icon-name',
  'data-unique-id', 'data-focuszone-id', 'data-tid', 'data-is-focusable',
  // ARIA states and properties whose values are tokens, numbers or booleans, never sentences.
  'aria-haspopup', 'aria-expanded', 'aria-selected', 'aria-checked', 'aria-pressed', 'aria-hidden', 'aria-disabled', 'aria-modal',
  'aria-multiline', 'aria-multiselectable', 'aria-readonly', 'aria-required', 'aria-invalid', 'aria-current', 'aria-live',
  'aria-atomic', 'aria-busy', 'aria-relevant', 'aria-orientation', 'aria-sort', 'aria-autocomplete', 'aria-level', 'aria-posinset',
  'aria-setsize', 'aria-colindex', 'aria-rowindex', 'aria-colcount', 'aria-rowcount', 'aria-colspan', 'aria-rowspan',
  'aria-valuemin', 'aria-valuemax', 'aria-valuenow',
]);

/**
 * Gmail's message and thread ids, kept only in their known shapes (mail-dom.md): hex legacy ids
 * ("18a41665ecb473a3", which also encode the received time the reader needs) and "#msg-f:<decimal>"
 * / "thread-f:<decimal>". They identify a message only inside the user's own mailbox.
 */
const LEGACY_ID = /^[0-9a-f]{1,16}$/i;
const PREFIXED_ID = /^#?(?:msg|thread)-[a-z]:[0-9a-z_-]{1,40}$/i;
export const ID_SHAPES = new Map<string, RegExp>([
  ['data-legacy-message-id', LEGACY_ID],
  ['data-legacy-thread-id', LEGACY_ID],
  ['data-legacy-last-message-id', LEGACY_ID],
  ['data-legacy-last-non-draft-message-id', LEGACY_ID],
  ['data-message-id', PREFIXED_ID],
  ['data-thread-perm-id', PREFIXED_ID],
  ['data-thread-id', PREFIXED_ID],
]);

/** `name` is a hook on form controls (Gmail's `subjectbox`, `to`; Outlook's `Send`), but a person's name on Gmail's spans. */
export const NAMED_CONTROLS = new Set(['input', 'button', 'select', 'textarea', 'form', 'fieldset', 'output']);

/** Attributes holding ids of other elements: mapped through the same pseudonyms as `id`. */
export const ID_REFERENCES = new Set([
  'for', 'aria-controls', 'aria-owns', 'aria-labelledby', 'aria-describedby', 'aria-activedescendant', 'aria-flowto',
  'aria-errormessage', 'aria-details',
]);

/** Opaque identifiers that can carry the account's own id (Outlook's conversation ids embed its mailbox GUID): kept as consistent pseudonyms. */
export const PSEUDONYMIZED = new Map([['data-convid', 'conversation']]);

/** Attributes that hold an address, and nothing else worth keeping (Gmail's `email`, chips' `data-hovercard-id`, and `value`, e.g. Gmail's hidden `to` field). */
export const ADDRESS_ATTRIBUTES = new Set(['email', 'data-hovercard-id', 'value']);

/**
 * Attributes that hold sentences (labels, tooltips, names, subjects): kept only as the site's own
 * label when they start with one ReplyPace looks for, plus the placeholders of any addresses in them.
 */
export const FREE_TEXT_ATTRIBUTES = new Set([
  'aria-label', 'title', 'placeholder', 'alt', 'data-tooltip', 'aria-description', 'aria-roledescription', 'aria-placeholder',
  'aria-valuetext', 'aria-keyshortcuts', 'label',
]);

/** `meta` elements kept (site detection): their names and the contents allowed. */
export const KEPT_META = /^(?:Gmail|Outlook|Microsoft Outlook)$/;

const ATTRIBUTE_VALUE = /\[(?:aria-label|title|placeholder|data-tooltip)[\^$*|~]?=\s*["']([^"']+)["']\s*\]/g;
const SELECTOR_SYNTAX = /[[\]#>=:.*]/;

/** Every string in a selector module, however nested (objects of strings, chains as arrays). */
function stringsIn(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, into);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) stringsIn(item, into);
  return into;
}

/**
 * The site's own words ReplyPace looks for: labels inside attribute selectors (`[aria-label="Send"]`,
 * `[aria-label^="From: "]`) and the plain label lists (Outlook's "Schedule send", "Custom time", …).
 * They are interface words of Gmail and Outlook, never something a user wrote; longest first, so
 * that "Schedule send" wins over "Send".
 */
export const SITE_LABELS: readonly string[] = (() => {
  const labels = new Set<string>();
  for (const text of [...stringsIn(gmailSelectorFile), ...stringsIn(outlookSelectorFile)]) {
    for (const match of text.matchAll(ATTRIBUTE_VALUE)) if (!match[1]!.includes('@')) labels.add(match[1]!);
    if (!SELECTOR_SYNTAX.test(text) && text.trim() && !text.includes('@')) labels.add(text);
  }
  return [...labels].sort((a, b) => b.length - a.length);
})();
