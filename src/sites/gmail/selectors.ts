/**
 * Every Gmail selector ReplyPace relies on, and nothing else. Gmail's class names are obfuscated
 * and change; each entry says what it finds and where it comes from (see
 * ../../../../shared/notes/mail-dom.md and tests/fixtures/gmail/README.md). Where more than one
 * way is known, all are listed, the language-independent one first.
 */
export const gmailSelectors = {
  /** A message in an open thread: expanded (`div.adn`) and collapsed rows carry the legacy hex id. */
  message: '[data-legacy-message-id], div.adn[data-message-id]',
  /** Sender of a message, with its address in `email` (and display name in `name`). */
  messageSender: 'span.gD[email], td.gF span[email], .gE [email]',
  /** Recipients of a message, each with `email`. */
  messageRecipient: 'span.g2[email]',
  /** The received time as a localized tooltip (fallback when the id cannot be read). */
  messageTime: 'span.g3[title], .gK [title]',
  /** Elements carrying the open thread's id (subject heading, thread container). */
  threadId: '[data-legacy-thread-id], [data-thread-perm-id]',

  /** The account button in Google's bar: aria-label "Google Account: Name (name@example.com)". */
  accountButton: 'a[aria-label*="@"][href*="accounts.google.com"], [aria-label^="Google Account"], #gb [aria-label*="@"]',

  /** Every compose (pop-up, full-screen and inline reply) has this body wrapper. */
  compose: 'div.M9',
  /** A pop-up compose window (bottom right). */
  popupCompose: '.AD',
  /** The full-screen compose dialog (reconstructed: not from a public capture). */
  fullscreenCompose: '.aSs',
  /** Recipient chips: address in `data-hovercard-id`, name in `data-name`. */
  recipientChip: 'div[role="option"][data-hovercard-id]',
  /** Older builds: hidden inputs with the typed recipient lists ("Name <a@b.c>, …"). */
  recipientInput: 'input[type="hidden"][name="to"], input[type="hidden"][name="cc"], input[type="hidden"][name="bcc"]',

  /** The Send button; its text and tooltip are localized, its classes are not. */
  sendButton: '.T-I.aoO[role="button"], div[role="button"].aoO',
  /** The chevron next to Send ("More send options" in English). */
  sendOptions: '.hG[role="button"], .hG, [aria-label="More send options"]',
  /** "Schedule send" in the send-options menu (rendered outside the compose); same in every language. */
  scheduleMenuItem: '[role="menuitem"][selector="scheduledSend"]',
  /** "Pick date & time" row of the Schedule send dialog. */
  pickDateTime: '[role="menuitem"].Az.AM, .Az.AM',
  /** A dialog (schedule presets, custom picker). */
  dialog: '[role="dialog"], [role="alertdialog"]',
  /** The custom picker's date field; English aria-label first, then any text field of the dialog (first = date). */
  pickerDate: 'input[aria-label="Date"]',
  pickerTime: 'input[aria-label="Time"]',
  pickerFields: 'input[type="text"], input:not([type])',
  /** The picker's confirm button: Gmail's modal dialogs name it `ok` (reconstructed, see fixtures README). */
  pickerConfirm: 'button[name="ok"], [data-mdc-dialog-action="ok"], .J-at1-auR',
} as const;
