/**
 * The Outlook on the web selectors ReplyPace relies on; a few generic probes (`[title*="@"]`,
 * `[title], [aria-label]`, `[role="main"], [role="dialog"]`) stay in the code that reads them
 * (addresses.ts, compose.ts, reader.ts). Language-independent hooks (data-testid, ids,
 * data-app-section, roles) come first in each entry; English and other localized aria labels are
 * fallbacks only. "verified" = seen in the real May 2025 captures in
 * tests/fixtures/outlook/ (see its README); "unverified" = from public notes, no capture.
 */
export const outlookSelectors = {
  // ---- the page itself ----
  /** Markers only Outlook's mail app has (verified: all three captures hold the data-app-section ones). */
  appMarker:
    '#ReadingPaneContainerId, [data-app-section="MessageList"], [data-app-section="MailReadCompose"], [data-testid="ComposeSendButton"], meta[property="og:site_name"][content*="Outlook"]',

  /** The signed-in address: the account icon of the left app rail, title/aria-label = address (verified). */
  accountAddress: '#LeftRail [title*="@"], #LeftRail [aria-label*="@"], #mectrl_currentAccount_secondary',
  /** The account button of the header; aria-label "Account manager for <Name>" (verified, English; the name ends the label). */
  accountButton: '#O365_MainLink_Me',

  // ---- the message list ----
  /** A conversation row of the message list, with its conversation id (verified). */
  conversationRow: '#MailList [data-convid], [data-app-section="MessageList"] [data-convid]',
  /** The row of the conversation open in the reading pane (verified: aria-selected="true"). */
  selectedConversationRow:
    '#MailList [data-convid][aria-selected="true"], [data-app-section="MessageList"] [data-convid][aria-selected="true"]',

  // ---- reading pane ----
  /** The reading pane, which holds an open conversation or an inline compose (verified). */
  readingPane: '#ReadingPaneContainerId',
  /** An open item (message or conversation) in the reading pane (verified). */
  itemContainer: '[data-app-section="ItemContainer"]',
  /** A message's received time, localized text "Wed 4/30/2025 3:03 PM" (verified, en-US). */
  receivedTime: '[data-testid="SentReceivedSavedTime"]',
  /**
   * The sender persona of a message header; English "From: ", then German, French, Spanish/Portuguese,
   * Italian labels (verified: English only). Text "Name<address>" when Outlook shows the address.
   */
  senderByLabel:
    '[aria-label^="From: "], [aria-label^="Von: "], [aria-label^="De : "], [aria-label^="De: "], [aria-label^="Da: "]',
  /** Persona hover targets (sender, recipients, avatars), language-free (verified: LivePersonaCard class and attribute). */
  persona: '[data-lpc-hover-target-id], .lpcCommonWeb-hoverTarget',
  /** An avatar inside a persona: the avatar persona is not the sender's name (verified). */
  avatar: '.fui-Avatar, [role="img"]',
  /** The To/Cc line of a message header (verified). */
  recipientWell: '[data-testid="RecipientWell"]',
  /** A message body: untrusted mail content, never read and never used to find addresses (verified). */
  messageBody: '[role="document"], [id^="UniqueMessageBody"]',

  // ---- compose ----
  /** The split Send button of every compose (verified). */
  composeSendButton: '[data-testid="ComposeSendButton"]',
  /** The Send action itself; aria text is localized, older builds name it Send (verified: first two). */
  sendButton:
    '[data-testid="ComposeSendButton"] button:not([aria-haspopup]), [data-testid="ComposeSendButton"] button[aria-label="Send"], button[name="Send"]',
  /** The chevron opening the send options menu ("Schedule send" inside; verified: the button, not its menu). */
  sendOptionsButton:
    '[data-testid="ComposeSendButton"] button[aria-haspopup="menu"], button[aria-label="More send options"][aria-haspopup="menu"]',
  /** Inline compose root in the reading pane (verified: docking_InitVisiblePart_0). */
  inlineCompose: '[id^="docking_InitVisiblePart_"]',
  /** Compose in a pop-out window or a full-page form (unverified: from public notes). */
  formCompose: '[data-app-section="Form_Content"]',
  /** Recipient fields (To, Cc, Bcc): contenteditable textboxes; English labels as fallback (verified: To). */
  recipientField:
    '[role="textbox"][contenteditable="true"], [role="textbox"][aria-label="To"], [role="textbox"][aria-label="Cc"], [role="textbox"][aria-label="Bcc"]',
  /** The message body editor of a compose, which is also a contenteditable textbox (verified). */
  composeBodyEditor: '[id^="editorParent_"], [aria-label^="Message body"]',
  /** The editable text box inside the body editor, where Ctrl+Enter is typed (verified: role=textbox). */
  composeBodyTextbox: '[id^="editorParent_"] [role="textbox"], [role="textbox"][aria-label^="Message body"]',
  /**
   * Send by its localized label, looked for only inside a compose and only when the data-testid
   * split button is missing: English, German, French, Spanish/Portuguese, Italian, Dutch
   * (unverified except English).
   */
  sendButtonByLabel:
    'button[aria-label="Send"], button[aria-label="Senden"], button[aria-label="Envoyer"], button[aria-label="Enviar"], button[aria-label="Invia"], button[aria-label="Verzenden"], button[name="Send"]',

  // ---- Schedule send (all unverified: no public capture; see tests/fixtures/outlook/README.md) ----
  /** An open menu (Fluent UI renders menus in a portal at the end of <body>). */
  menu: '[role="menu"]',
  /** Items of a menu or of the Schedule send dialog's list of times. */
  menuItem: '[role="menuitem"], [role="menuitemradio"], [role="option"]',
  /** A dialog: "Schedule send" (preset times, "Custom time") and the custom date and time dialog. */
  dialog: '[role="dialog"], [role="alertdialog"]',
  /** The custom time fields: English labels first, then any text field of the dialog (date first). */
  customDate: 'input[aria-label="Date"]',
  customTime: 'input[aria-label="Time"]',
  customFields: 'input[type="text"], input:not([type])',
  /** Buttons of a dialog, among which the confirming one is found by its label. */
  dialogButton: 'button, [role="button"]',
} as const;

/**
 * Visible texts of the Schedule send controls, per language (English first). Outlook gives these
 * controls no language-free hook that is publicly known, so they are found by text. Unverified.
 */
export const outlookScheduleLabels = {
  /** The item of the send-options menu. */
  scheduleSend: ['Schedule send', 'Senden planen', 'Planifier l\u2019envoi', "Planifier l'envoi", 'Programar envío', 'Agendar envio', 'Pianifica invio', 'Verzenden plannen'],
  /** The row of the Schedule send dialog that opens the custom date and time. */
  customTime: ['Custom time', 'Benutzerdefinierte Zeit', 'Heure personnalisée', 'Hora personalizada', 'Horário personalizado', 'Ora personalizzata', 'Aangepaste tijd'],
  /** The custom time dialog's confirming button. */
  confirm: ['Send', 'Senden', 'Envoyer', 'Enviar', 'Invia', 'Verzenden'],
} as const;

export type OutlookSelector = keyof typeof outlookSelectors;
