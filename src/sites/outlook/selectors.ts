import type { SelectorChain } from '../shared/selector-chain.ts';

/**
 * The Outlook on the web selectors ReplyPace relies on; a few generic probes (`[title*="@"]`,
 * `[title], [aria-label]`, `[role="main"], [role="dialog"]`) stay in the code that reads them
 * (addresses.ts, compose.ts, reader.ts). Language-independent hooks (data-testid, ids,
 * data-app-section, roles) come first in each entry; English and other localized aria labels are
 * fallbacks only. "verified" = seen in the real May 2025 captures in
 * tests/fixtures/outlook/ (see its README); "unverified" = from public notes, no capture.
 */
// ---- the page itself ----
/** Markers only Outlook's mail app has (verified: all three captures hold the data-app-section ones). */
export const appMarker = '#ReadingPaneContainerId, [data-app-section="MessageList"], [data-app-section="MailReadCompose"], [data-testid="ComposeSendButton"], meta[property="og:site_name"][content*="Outlook"]';

/** The signed-in address: the account icon of the left app rail, title/aria-label = address (verified). */
export const accountAddress = '#LeftRail [title*="@"], #LeftRail [aria-label*="@"], #mectrl_currentAccount_secondary';
/** The account button of the header; aria-label "Account manager for <Name>" (verified, English; the name ends the label). */
export const accountButton = '#O365_MainLink_Me';

// ---- the message list ----
/** A conversation row of the message list, with its conversation id (verified). */
export const conversationRow = '#MailList [data-convid], [data-app-section="MessageList"] [data-convid]';
/** The row of the conversation open in the reading pane (verified: aria-selected="true"). */
export const selectedConversationRow = '#MailList [data-convid][aria-selected="true"], [data-app-section="MessageList"] [data-convid][aria-selected="true"]';

// ---- reading pane ----
/** The reading pane, which holds an open conversation or an inline compose (verified). */
export const readingPane = '#ReadingPaneContainerId';
/** An open item (message or conversation) in the reading pane (verified). */
export const itemContainer = '[data-app-section="ItemContainer"]';
/** A message's received time, localized text "Wed 4/30/2025 3:03 PM" (verified, en-US). */
export const receivedTime = '[data-testid="SentReceivedSavedTime"]';
/**
 * The sender persona of a message header; English "From: ", then German, French, Spanish/Portuguese,
 * Italian labels (verified: English only). Text "Name<address>" when Outlook shows the address.
 */
export const senderByLabel = '[aria-label^="From: "], [aria-label^="Von: "], [aria-label^="De : "], [aria-label^="De: "], [aria-label^="Da: "]';
/** Persona hover targets (sender, recipients, avatars), language-free (verified: LivePersonaCard class and attribute). */
export const persona = '[data-lpc-hover-target-id], .lpcCommonWeb-hoverTarget';
/** An avatar inside a persona: the avatar persona is not the sender's name (verified). */
export const avatar = '.fui-Avatar, [role="img"]';
/** The To/Cc line of a message header (verified). */
export const recipientWell = '[data-testid="RecipientWell"]';
/** A message body: untrusted mail content, never read and never used to find addresses (verified). */
export const messageBody = '[role="document"], [id^="UniqueMessageBody"]';

// ---- compose ----
/** The split Send button of every compose (verified). */
export const composeSendButton = '[data-testid="ComposeSendButton"]';
/** Inline compose root in the reading pane (verified: docking_InitVisiblePart_0). */
export const inlineCompose = '[id^="docking_InitVisiblePart_"]';
/** Compose in a pop-out window or a full-page form (unverified: from public notes). */
export const formCompose = '[data-app-section="Form_Content"]';
/** Recipient fields (To, Cc, Bcc): contenteditable textboxes; English labels as fallback (verified: To). */
export const recipientField = '[role="textbox"][contenteditable="true"], [role="textbox"][aria-label="To"], [role="textbox"][aria-label="Cc"], [role="textbox"][aria-label="Bcc"]';
/** The message body editor of a compose, which is also a contenteditable textbox (verified). */
export const composeBodyEditor = '[id^="editorParent_"], [aria-label^="Message body"]';
/** The editable text box inside the body editor, where Ctrl+Enter is typed (verified: role=textbox). */
export const composeBodyTextbox = '[id^="editorParent_"] [role="textbox"], [role="textbox"][aria-label^="Message body"]';
/** An open menu (Fluent UI renders menus in a portal at the end of <body>). */
export const menu = '[role="menu"]';
/** A dialog: Schedule send's dialogs are portals too (StormHacks mailer 2025-09: `div[role="dialog"]`). */
export const dialog = '[role="dialog"], [role="alertdialog"]';

/** All of the above, by name (tests, inspect). */
export const outlookSelectors = {
  appMarker,
  accountAddress,
  accountButton,
  conversationRow,
  selectedConversationRow,
  readingPane,
  itemContainer,
  receivedTime,
  senderByLabel,
  persona,
  avatar,
  recipientWell,
  messageBody,
  composeSendButton,
  inlineCompose,
  formCompose,
  recipientField,
  composeBodyEditor,
  composeBodyTextbox,
  menu,
  dialog,
} as const;

/**
 * "Send" in the languages ReplyPace knows: English (verified: the 2025-05 write capture's
 * aria-label, the StormHacks mailer's 2025-09 confirm), German, French, Spanish/Portuguese,
 * Italian, Dutch (unverified guesses). Lower case: labels are compared lower-cased.
 */
const SEND_WORDS = ['send', 'senden', 'envoyer', 'enviar', 'invia', 'verzenden'];

/**
 * The controls Schedule send needs, each a chain of alternatives tried in order (see
 * shared/selector-chain.ts); the driver records which one matched. Sources, with their dates:
 * - "write capture": tests/fixtures/outlook/2025-05-write-A.html (real Outlook on the web, May 2025);
 * - "StormHacks mailer": a public Playwright automation of Outlook's Schedule send (Python,
 *   "StormHacks Mailer (Outlook Web + Playwright)", `schedule_send_owa`; dated by its own
 *   `SCHEDULE_AT = "2025-09-17 08:30"`; tests/fixtures/outlook/README.md says how it was found);
 * - "OutlookSendingSafety": CH3COOOH/OutlookSendingSafety chrome-extension/content.js (2025-02-05..15);
 * - "Fluent": microsoft/fluentui, react-button's published `splitButtonClassNames` and react-dialog's
 *   `dialogTitleClassNames` (Fluent UI v9; react-button CHANGELOG up to 9.6.0, 2025-07-17).
 */
export const outlookChains = {
  /** Send, inside a compose. */
  send: [
    // write capture 2025-05: the split button's data-testid; language-free.
    '[data-testid="ComposeSendButton"] button:not([aria-haspopup])',
    // Fluent's primary-action slot class (write capture 2025-05; OutlookSendingSafety 2025-02 hooks Send by it); language-free.
    'button.fui-SplitButton__primaryActionButton',
    // older builds (public notes in mail-dom, undated; unverified); language-free.
    'button[name="Send"]',
    // the aria-label (write capture 2025-05, English; other languages unverified); language-dependent.
    SEND_WORDS.map((word) => `button[aria-label="${word[0]!.toUpperCase()}${word.slice(1)}"]`).join(),
  ],
  /** The chevron next to Send that opens the send options menu, inside a compose. */
  sendOptions: [
    // write capture 2025-05: inside the data-testid split button, aria-haspopup=menu; language-free.
    '[data-testid="ComposeSendButton"] button[aria-haspopup="menu"]',
    // Fluent's menu slot class (write capture 2025-05; Fluent's published names); language-free.
    'button.fui-SplitButton__menuButton',
    // write capture 2025-05, English aria-label; language-dependent.
    'button[aria-label="More send options"]',
  ],
  /** "Schedule send" in the send options menu; found by its label (outlookLabels.scheduleSend). */
  scheduleItem: [
    // StormHacks mailer 2025-09: `div[role="menuitem"]` with the text "Schedule send".
    '[role="menu"] [role="menuitem"]',
    // StormHacks mailer 2025-09: its second try, a button with that text.
    '[role="menu"] button',
  ],
  /** "Custom time" in the Schedule send dialog; by its label (outlookLabels.customTime). */
  customTime: [
    // StormHacks mailer 2025-09: `div[role="dialog"] button` with the text "Custom time".
    '[role="dialog"] button',
    // later builds: a menu item (issue 11's summary of public probes; no public file seen); unverified.
    '[role="dialog"] [role="menuitem"]',
    // StormHacks mailer 2025-09: its third try, a link.
    '[role="dialog"] a',
  ],
  /** The date field of the "Set custom date and time" dialog. */
  date: [
    // StormHacks mailer 2025-09: `input[aria-label="Select a date"]` (a combobox in the dialog); English.
    '[aria-label="Select a date"]',
    // StormHacks mailer 2025-09: `input[placeholder*="date"]`; English.
    'input[placeholder*="date" i]',
    // StormHacks mailer 2025-09: the dialog's first of two text inputs; language-free.
    'input[type="text"], input:not([type])',
  ],
  /** The time field of that dialog. */
  time: [
    // StormHacks mailer 2025-09: `input[aria-label="Select a time"]`; English.
    '[aria-label="Select a time"]',
    // StormHacks mailer 2025-09: `input[placeholder*="time"]`; English.
    'input[placeholder*="time" i]',
    // StormHacks mailer 2025-09: "the 2nd is usually time"; language-free.
    'input[type="text"], input:not([type])',
  ],
  /** The dialog's confirm, by its label (outlookLabels.confirm): "Send", "Schedule" or "Schedule send" by build. */
  confirm: [
    // StormHacks mailer 2025-09: `div[role="dialog"] button` with the text "Send", else "Schedule send".
    'button',
  ],
  /** What closes a dialog the driver opened, never Escape and never a backdrop click. */
  close: [
    // Fluent's dialog title action slot (published `dialogTitleClassNames`), where Fluent dialogs put their close button; language-free, not seen in Outlook.
    '.fui-DialogTitle__action button',
    // a button labelled Cancel or Close (outlookLabels.close; StormHacks mailer 2025-09 closes the compose by `button[aria-label="Close"]`); English.
    'button',
  ],
} satisfies Record<string, SelectorChain>;

/**
 * Visible labels of the Schedule send controls, lower-cased, English first. English is from the
 * StormHacks mailer (2025-09) and issue 11's summary of public probes; the other languages are
 * unverified guesses.
 */
export const outlookLabels = {
  /** The send options item; "Send later" is what the StormHacks mailer's settings call it (2025-09). */
  scheduleSend: ['schedule send', 'send later', 'senden planen', 'planifier l\u2019envoi', "planifier l'envoi", 'programar envío', 'agendar envio', 'pianifica invio', 'verzenden plannen'],
  customTime: ['custom time', 'benutzerdefinierte zeit', 'heure personnalisée', 'hora personalizada', 'horário personalizado', 'ora personalizzata', 'aangepaste tijd'],
  /** "Send" (StormHacks 2025-09), "Schedule" and "Schedule send" (issue 11: by build). */
  confirm: [...SEND_WORDS, 'schedule', 'schedule send'],
  /** Cancel and Close (unverified in Outlook's dialogs). */
  close: ['cancel', 'close', 'abbrechen', 'annuler', 'cancelar', 'annulla', 'annuleren'],
};

export type OutlookSelector = keyof typeof outlookSelectors;
