/**
 * Every Gmail selector ReplyPace relies on, and nothing else. Gmail's class names are obfuscated
 * and change; each entry says what it finds and where it comes from (see
 * ../../../../shared/notes/mail-dom.md and tests/fixtures/gmail/README.md). Where more than one
 * way is known, all are listed, the language-independent one first. The Schedule send controls are
 * dated fallback chains (gmailScheduleChains below).
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
  /** The mail itself (list, thread, messages, composes): a sender can write anything there, so no account is read from it. */
  mailContent: '[role="main"], [role="dialog"], [data-legacy-message-id], [data-message-id], .a3s, div.M9',
  /** A thread's conversation: its messages in order, the first one first. */
  threadList: '[role="list"]',

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
  /** What holds one compose and its own controls: the pop-up (`.AD`), the inline reply (`.ip`), a dialog. */
  composeBox: '.AD, .ip, [role="dialog"]',
  /**
   * A dialog: the Schedule send dialog and the picker, but also every pop-up or full-screen compose
   * (OutboxIQ schedule-actions.ts, live 2026-05-22: "the compose window is also a [role=dialog]").
   */
  dialog: '[role="dialog"]',
  /** Parts only a compose has (body wrapper, subject field, Send): a dialog holding one is a compose. */
  composeParts: 'div.M9, input[name="subjectbox"], .T-I.aoO',
  /** An open menu: the send-options menu is rendered inside the compose (see scheduleMenuItem below); ARIA role, language-free. */
  menu: '[role="menu"]',
  /** The Undo and View message links of a send snackbar, by their fixed ids (zoidsh/meru mail.ts, 2026-01-28). */
  snackbarLinks: '#link_undo, #link_vsm',
} as const;

/*
 * Schedule send, as dated fallback chains (src/sites/shared/selector-chain.ts): most trusted first,
 * each alternative with its source, the date of that source, and whether it depends on Gmail's
 * display language. Sources (read for facts, no code taken): InboxSDK/InboxSDK
 * src/platform-implementation-js/dom-driver/gmail/views/gmail-compose-view.ts; KartikTalwar/gmail.js
 * src/gmail.js; fenil-dedhia/OutboxIQ (Apache-2.0) research/scheduled-send-api-spike.md,
 * research/pick-date-time-probe.md, extension/src/lib/schedule/gmail-recipe.ts and
 * extension/src/content/schedule-modal/schedule-actions.ts; chaser164/gmail-schedule-send-enhancer
 * content.js; NikitaGavruk/GmailTAF Pages/ScheduledSendDialog.cs; zoidsh/meru
 * packages/preload-workspace-app/apps/mail.ts. tests/fixtures/gmail/README.md has the table.
 */
export const gmailScheduleChains = {
  /** The chevron next to Send, looked for inside the compose's own box. */
  sendOptions: [
    // InboxSDK gmail-compose-view.ts getMoreSendOptionsButton, queried on the compose (2024-10-13, still so 2026-07); language-free.
    '.hG[role="button"]',
    // OutboxIQ gmail-recipe.ts SEL_CHEVRON, probed live 2026-05-16; English only.
    '[role="button"][aria-label="More send options"]',
  ],
  /** "Schedule send" in the compose's own send-options menu (the menu is rendered inside the compose). */
  scheduleMenuItem: [
    // InboxSDK gmail-compose-view.ts getScheduleSendButton, queried on the compose (2024-10-13); OutboxIQ
    // scheduled-send-api-spike.md (2026-05-15) and pick-date-time-probe.md (2026-05-16, same in all three
    // compose kinds); language-free.
    '[role="menuitem"][selector="scheduledSend"]',
    // gmail.js add_more_send_option: the compose's send-options items are `.J-N.yr` (2022-05-23, still so
    // 2026-03); language-free class, but only taken with the English label "Schedule send".
    '.J-N.yr[role="menuitem"]',
  ],
  /** "Pick date & time" in the Schedule send dialog (a dialog of the page, not of the compose). */
  pickDateTime: [
    // OutboxIQ gmail-recipe.ts SEL_DIALOG_PICK_DATETIME and pick-date-time-probe.md (2026-05-16, again
    // 2026-05-22); language-free (obfuscated classes).
    '[role="dialog"] [role="menuitem"].Az.AM',
    // chaser164 content.js: the dialog's menu is `.ZkmAeb[role=menu]`, the row `.AM[role=menuitem]`
    // (2026-01-02); language-free (obfuscated classes).
    '.ZkmAeb[role="menu"] .AM[role="menuitem"]',
  ],
  /**
   * The custom picker's two fields, date then time. The picker is a new dialog mounted a moment after
   * "Pick date & time" (OutboxIQ pick-date-time-probe.md, 2026-05-22); it is recognised by holding
   * exactly two such fields whose values read as a date and a time, and no compose.
   */
  pickerFields: [
    // chaser164 content.js: both inputs carry jsname="YPqjbf" (2026-01-02); language-free.
    'input[jsname="YPqjbf"]',
    // GmailTAF ScheduledSendDialog.cs (2022-11-22) and chaser164 content.js (2026-01-02); English only.
    'input[aria-label="Date"], input[aria-label="Time"]',
    // OutboxIQ pick-date-time-probe.md: exactly two <input>s, order [date, time], dynamic ids (2026-05-16); language-free.
    'input:not([type="hidden"]):not([type="checkbox"]):not([type="radio"])',
  ],
  /** The picker's action buttons, Cancel then confirm; the confirm is the one that is not Cancel (the last). */
  pickerActions: [
    // chaser164 content.js: the confirm's label is `button span[jsname="V67aGc"]` (2026-01-02); the label
    // span of Google's Material buttons (Cancel has one too); language-free.
    'button span[jsname="V67aGc"]',
    // OutboxIQ pick-date-time-probe.md: confirm and Cancel are plain <button>s, Cancel first (2026-05-16); language-free.
    'button',
  ],
  /** A close control of the Schedule send dialog. Unverified (no public source shows one); English only. */
  dialogClose: ['[role="dialog"] [aria-label="Close"]'],
  /** The snackbar after a send: Undo and View message links with fixed ids. */
  snackbar: [
    // zoidsh/meru mail.ts: `.vh` holding span#link_undo and span#link_vsm, for "Message sent" (2026-01-28);
    // language-free. That Gmail's "Send scheduled for …" uses the same snackbar is unverified.
    '.vh',
  ],
} as const;

/** Gmail's English words, used as checks only, never to find a control (sources as above). */
export const gmailScheduleWords = {
  // OutboxIQ pick-date-time-probe.md (2026-05-16), chaser164 content.js (2026-01-02), GmailTAF (2022-11-22).
  scheduleSend: 'Schedule send',
  // OutboxIQ pick-date-time-probe.md: an ISO date ("2026-12-31") is answered with "Invalid date" and confirm does nothing (2026-05-16).
  invalidDate: 'Invalid date',
} as const;
