// Behaviour of the Outlook demo page (index.html): a message list, a reading pane, inline replies,
// in-page composes and composes popped out into an about:blank window, Send / Enter / Space /
// Ctrl+Enter, and "More send options" → "Schedule send" → "Custom time" → "Set custom date and
// time" → confirm, with a record of what was sent, scheduled and discarded in window.__outlookDemo.
// Plain script: served inline into the page, or imported by unit tests. What each behaviour copies
// from public evidence is in README.md.
//
// Query parameters (or the same names on window.__outlookDemo / __outlookDemoFaults at any time):
//   build=button|menuitem|schedule-send  "Custom time" a button with the confirm "Send" (default),
//                                        a menu item with "Schedule", a menu item with "Schedule send"
//   tz=<IANA zone>                       the mailbox's time zone: times are shown and typed in it
//                                        (default: the browser's)
//   received=<epoch ms>                  when Bob's latest message arrived
// Faults (reliability runs): ?faults=a,b or window.__outlookDemoFaults[name] = true at any time.
//   no-menu            the send-options chevron opens nothing
//   no-dialog          "Schedule send" in the menu opens no dialog
//   no-send-button     new composes get a Send button without Outlook's hooks (the page still sends)
//   late-dialogs       each Schedule send dialog mounts 400 ms after the click that asks for it
//   reject-typed-date  the date field does not take typed text (only a calendar click): on blur it empties
//   slow-send          a sent or scheduled compose lingers 600 ms (not 40) before it closes
(function installOutlookDemo(win, doc) {
  // Installing again (unit tests reuse one document) replaces the previous instance's listeners.
  if (win.__outlookDemoInstall) win.__outlookDemoInstall.abort();
  const installed = (win.__outlookDemoInstall = new AbortController());
  const listening = { signal: installed.signal };
  const params = new URLSearchParams(win.location.search);
  const faults = (win.__outlookDemoFaults = win.__outlookDemoFaults || {});
  for (const name of (params.get('faults') || '').split(',')) if (name) faults[name] = true;
  const zone = params.get('tz') || undefined;
  const MIN = 60_000;
  const HOUR = 60 * MIN;
  const loadedAt = Date.now();
  const me = { name: 'So Getter', email: 'so.getter@outlook.com' };
  const bob = { name: 'Bob Acme', email: 'bob@acme.example' };
  const tom = { name: 'Tom Reyes', email: 'tom@initech-labs.com' };
  const carol = { name: 'Carol Colleague', email: 'carol@mine.example' };
  const received = Number(params.get('received')) || loadedAt - 2 * MIN;

  const conversation = (id, subject, messages) => ({ id, subject, messages });
  const conversations = [
    conversation('DEMO-CONV-ACME-1', 'Renewal terms', [
      { from: bob, to: [me], at: loadedAt - 27 * HOUR, text: 'Could you send the renewal terms before our board meeting?' },
      { from: me, to: [bob], at: loadedAt - 26 * HOUR, text: 'Of course, drafting them now.' },
      { from: bob, to: [me], at: received, text: 'Hi, can you confirm the renewal terms? Bob' },
    ]),
    conversation('DEMO-CONV-ACME-2', 'Invoice question', [
      { from: bob, to: [me], at: loadedAt - 3 * HOUR, text: 'Our finance team has a question on the last invoice.' },
    ]),
    conversation('DEMO-CONV-INITECH-1', 'Pilot question', [
      { from: tom, to: [me], at: loadedAt - 2 * MIN, text: 'Does the pilot include the reporting module?' },
    ]),
    conversation('DEMO-CONV-COLLEAGUE-1', 'Lunch?', [
      { from: carol, to: [me], at: loadedAt - 2 * MIN, text: 'Lunch at noon?' },
    ]),
  ];

  /** The page and every pop-out window it opened that is still open. */
  const windows = [win];
  const documents = () => windows.filter((w) => !w.closed).map((w) => w.document);

  const records = (win.__outlookDemo = {
    sent: [],
    scheduled: [],
    /** Composes thrown away by "Discard message" (ids). */
    discarded: [],
    /** How many times "Discard message" was asked, and how many Escape key presses reached the page. */
    discardPrompts: 0,
    escapes: 0,
    build: params.get('build') || 'button',
    conversations,
    /** Ids (data-compose-id) of the composes open now, in the page and in pop-out windows. */
    openComposes: () => documents().flatMap((d) => Array.from(d.querySelectorAll('[data-compose-id]'), (c) => c.getAttribute('data-compose-id'))),
    openConversation: (index) => openConversation(index),
    reply: () => openInlineReply(),
    openPopOut: (addresses) => openPopOut(addresses || []).getAttribute('data-compose-id'),
    /** Pops a compose (the inline reply by default) out into an about:blank window, as its "Pop Out" button does. */
    popOutWindow: (composeId) => popOutWindow(findCompose(composeId) || pane.querySelector('[data-compose-id]')),
    /** A compose by id, wherever it is. */
    compose: (composeId) => findCompose(composeId),
  });

  const pad = (n) => String(n).padStart(2, '0');
  /** The wall clock of `at` in the mailbox's zone. */
  function wall(at) {
    const parts = {};
    const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', weekday: 'short', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    for (const part of format.formatToParts(at)) parts[part.type] = part.value;
    return { weekday: parts.weekday, year: +parts.year, month: +parts.month, day: +parts.day, hour: +parts.hour % 24, minute: +parts.minute };
  }
  /** The instant the mailbox's clock reads this date and time (month 1–12). */
  function instantOf(year, month, day, hour, minute) {
    const target = Date.UTC(year, month - 1, day, hour, minute);
    let at = target;
    for (let i = 0; i < 3; i++) {
      const w = wall(at);
      at += target - Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
    }
    return at;
  }
  /** Outlook's en-US reading-pane format, "Wed 4/30/2025 3:03 PM", in the mailbox's zone. */
  function outlookTime(at) {
    const w = wall(at);
    return `${w.weekday} ${w.month}/${w.day}/${w.year} ${w.hour % 12 || 12}:${pad(w.minute)} ${w.hour < 12 ? 'AM' : 'PM'}`;
  }

  function el(tag, attributes, children, d = doc) {
    const node = d.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (name === 'text') node.textContent = value;
      else node.setAttribute(name, value);
    }
    for (const child of children || []) if (child) node.append(child);
    return node;
  }

  // ------------------------------------------------------------------ list and reading pane
  const list = doc.getElementById('MailList');
  const pane = doc.getElementById('ReadingPaneContainerId');
  let openIndex = 0;
  let composeCount = 0;
  let hoverId = 0;
  const persona = (attributes, children) => el('span', { class: 'lpcCommonWeb-hoverTarget', 'data-lpc-hover-target-id': `lpc-${hoverId++}`, role: 'button', tabindex: '0', ...attributes }, children);

  function renderList() {
    list.replaceChildren(
      ...conversations.map((c, index) => {
        const last = c.messages.filter((m) => m.from !== me).pop() || c.messages[0];
        const row = el('div', { id: `row-${index + 1}`, 'data-convid': c.id, role: 'option', 'aria-selected': String(index === openIndex) }, [
          el('span', { title: last.from.email, text: last.from.name }),
          el('div', { text: c.subject }),
        ]);
        row.addEventListener('click', () => openConversation(index));
        return row;
      }),
    );
  }

  function messageNode(m) {
    const recipients = m.to.map((p) =>
      p === me
        ? el('span', { class: 'lpcWrapper lpcCommonWeb-hoverTarget', 'data-lpc-hover-target-id': `lpc-${hoverId++}`, 'aria-label': me.name, role: 'button', tabindex: '0' }, [el('span', { 'aria-hidden': 'true', text: 'You' })])
        : persona({ 'aria-label': p.name }, [el('span', { text: p.name })]),
    );
    return el('div', { class: 'message' }, [
      el('div', { class: 'header' }, [
        persona({ 'aria-label': `Opens card for ${m.from.name}` }, [el('span', { role: 'img', class: 'fui-Avatar', 'aria-label': m.from.name, text: m.from.name.split(' ').map((w) => w[0]).join('') })]),
        el('span', { role: 'region' }, [persona({ 'aria-label': `From: ${m.from.name}` }, [el('span', { text: `${m.from.name}<${m.from.email}>` })])]),
      ]),
      el('div', { 'data-testid': 'RecipientWell' }, [el('div', { role: 'edit', 'aria-readonly': 'true', 'aria-label': `To: ${m.to.map((p) => p.name).join(', ')}` }, [el('label', { text: 'To:' }), ...recipients])]),
      el('div', { 'data-testid': 'SentReceivedSavedTime', text: outlookTime(m.at) }),
      el('div', { role: 'document' }, [el('div', { id: `UniqueMessageBody_${hoverId}`, text: m.text })]),
    ]);
  }

  function renderPane() {
    const c = conversations[openIndex];
    const replyButton = el('button', { type: 'button', 'aria-label': 'Reply', id: 'demo-reply', text: 'Reply' });
    replyButton.addEventListener('click', () => openInlineReply());
    pane.replaceChildren(
      el('div', { role: 'heading', 'aria-level': '2' }, [el('span', { text: c.subject })]),
      el('div', { 'data-app-section': 'ItemContainer' }, c.messages.map(messageNode)),
      replyButton,
    );
  }

  function openConversation(index) {
    // Leaving a conversation puts its inline reply away (Outlook keeps it as a draft).
    const inline = pane.querySelector('[id^="docking_InitVisiblePart_"]');
    if (inline) inline.remove();
    openIndex = index;
    renderList();
    renderPane();
  }

  // ------------------------------------------------------------------ composes
  function chip(p, d) {
    const label = p.name || p.email;
    const hover = el('span', { class: 'lpcCommonWeb-hoverTarget', 'data-lpc-hover-target-id': `lpc-${hoverId++}`, role: 'button', tabindex: '0', 'aria-label': label }, [el('span', { text: label }, [], d)], d);
    return el('span', { class: '_Entity _EType_RECIPIENT_ENTITY', contenteditable: 'false' }, [hover], d);
  }

  /** A compose, built in document `d` (the page, or a pop-out window), with its draft. */
  function buildCompose(attributes, draft, d = doc) {
    const n = ++composeCount;
    const id = draft.id || `c${n}`;
    const sendButton = faults['no-send-button']
      ? el('div', { class: 'demo-send-v2' }, [el('button', { type: 'button', 'data-demo-send': '', 'aria-label': 'Dispatch', title: 'Dispatch', text: 'Send' }, [], d)], d)
      : el('div', { 'data-testid': 'ComposeSendButton', class: 'fui-SplitButton' }, [
          el('button', { type: 'button', 'data-demo-send': '', id: `splitButton-r${n}__primaryActionButton`, class: 'fui-Button fui-SplitButton__primaryActionButton', 'aria-label': 'Send', title: 'Send (Ctrl+Enter)', text: 'Send' }, [], d),
        ], d);
    // As in the real write capture: a Fluent menu button with aria-expanded.
    const chevron = el('button', { type: 'button', 'aria-haspopup': 'menu', 'aria-expanded': 'false', 'aria-label': 'More send options', title: 'More send options', class: 'fui-Button fui-MenuButton fui-SplitButton__menuButton', 'data-demo-options': '', text: '\u2304' }, [], d);
    sendButton.append(chevron);
    const to = el('div', { role: 'textbox', 'aria-multiline': 'true', 'aria-label': 'To', tabindex: '0', contenteditable: 'true', spellcheck: 'false', 'data-demo-to': '' }, (draft.to || []).map((p) => chip(p, d)), d);
    const body = el('div', { role: 'textbox', 'aria-multiline': 'true', 'aria-label': 'Message body, press Alt+F10 to exit', contenteditable: 'true', tabindex: '0', 'data-demo-body': '', text: draft.body || '' }, [], d);
    const subject = el('input', { type: 'text', 'aria-label': 'Subject', placeholder: 'Add a subject', 'data-demo-subject': '' }, [], d);
    subject.value = draft.subject || '';
    // The write capture's Discard ("Discard (Esc)") and Pop Out ("Open in new window") buttons.
    const discard = el('button', { type: 'button', 'aria-label': 'Discard', title: 'Discard (Esc)', id: 'discardCompose', 'data-demo-discard': '', text: 'Discard' }, [], d);
    const popOut = d === doc ? el('button', { type: 'button', 'aria-label': 'Pop Out', title: 'Open in new window', id: 'popoutCompose', 'data-demo-popout': '', text: 'Pop out' }, [], d) : null;
    const compose = el('div', { 'data-compose-id': id, ...attributes }, [
      sendButton,
      discard,
      popOut,
      el('div', {}, [el('button', { type: 'button', text: 'To' }, [], d), to], d),
      subject,
      el('div', { id: `editorParent_${n}` }, [body], d),
    ], d);
    // Typed addresses become chips on Enter, as Outlook resolves them.
    to.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' || event.ctrlKey || event.metaKey) return;
      event.preventDefault();
      const typed = Array.from(to.childNodes).filter((node) => node.nodeType === 3);
      for (const text of typed) {
        for (const address of text.textContent.split(/[\s,;]+/)) if (/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(address)) to.append(chip({ email: address.toLowerCase() }, d));
        text.remove();
      }
    });
    return compose;
  }

  /** What a compose holds: recipients (chips), subject and body. */
  function draftOf(compose) {
    const to = compose.querySelector('[role="textbox"][aria-label="To"]');
    return {
      id: compose.getAttribute('data-compose-id'),
      to: to ? Array.from(to.querySelectorAll('[aria-label]'), (node) => ({ name: node.getAttribute('aria-label') })) : [],
      subject: compose.querySelector('input[aria-label="Subject"]').value,
      body: compose.querySelector('[aria-label^="Message body"]').textContent,
    };
  }

  function findCompose(id) {
    if (!id) return null;
    for (const d of documents()) {
      const found = d.querySelector(`[data-compose-id="${id}"]`);
      if (found) return found;
    }
    return null;
  }

  function openInlineReply() {
    const existing = pane.querySelector('[id^="docking_InitVisiblePart_"]');
    if (existing) return existing;
    const c = conversations[openIndex];
    const last = c.messages.filter((m) => m.from !== me).pop() || c.messages[0];
    const compose = buildCompose({ id: 'docking_InitVisiblePart_0', 'data-demo-conversation': String(openIndex) }, { to: [last.from], subject: `RE: ${c.subject}` });
    pane.append(compose);
    return compose;
  }

  /** A full compose form in the page ("New mail"). */
  function openPopOut(addresses) {
    const compose = buildCompose({ 'data-app-section': 'Form_Content', class: 'demo-popout', 'aria-label': 'New message' }, { to: addresses.map((email) => ({ email })) });
    doc.getElementById('demo-popouts').append(compose);
    return compose;
  }

  /**
   * "Pop Out": the draft moves into a new about:blank window of this tab, rendered by this page's
   * script (CH3COOOH/OutlookSendingSafety, 2025-02, finds Outlook's pop-out compose as a tab whose
   * URL is about:blank). Returns the compose's id, or null when the browser refused the window.
   */
  function popOutWindow(compose) {
    if (!compose) return null;
    const child = win.open('about:blank', '_blank', 'popup,width=720,height=640');
    if (!child) return null;
    const d = child.document;
    d.title = 'New message';
    const style = el('style', { text: doc.querySelector('style') ? doc.querySelector('style').textContent : '' }, [], d);
    d.head.append(style);
    const attributes = { 'data-app-section': 'Form_Content', 'aria-label': 'New message' };
    const conversation = compose.getAttribute('data-demo-conversation');
    if (conversation !== null) attributes['data-demo-conversation'] = conversation;
    const moved = buildCompose(attributes, draftOf(compose), d);
    d.body.append(el('div', { role: 'main' }, [moved], d));
    windows.push(child);
    listen(d);
    compose.remove();
    return moved.getAttribute('data-compose-id');
  }

  function recipientsOf(compose) {
    const to = compose.querySelector('[role="textbox"][aria-label="To"]');
    return to ? Array.from(to.querySelectorAll('[aria-label]'), (chipNode) => chipNode.getAttribute('aria-label')) : [];
  }

  function showCounts() {
    doc.getElementById('sent-count').textContent = String(records.sent.length);
    doc.getElementById('scheduled-count').textContent = String(records.scheduled.length);
  }

  /**
   * Sends or schedules a compose. Like Outlook, the compose lingers a moment ("Sending…") before
   * it goes; a second send of it meanwhile is recorded too, marked as a duplicate. A pop-out
   * window closes after its compose went.
   */
  function send(compose, scheduledFor) {
    const to = recipientsOf(compose);
    if (to.length === 0) return;
    const duplicate = compose.getAttribute('data-state') === 'sending';
    const record = { composeId: compose.getAttribute('data-compose-id'), at: Date.now(), to, scheduledFor, duplicate };
    (scheduledFor === null ? records.sent : records.scheduled).push(record);
    showCounts();
    if (duplicate) return;
    compose.setAttribute('data-state', 'sending');
    closePopups(compose);
    const conversationIndex = compose.getAttribute('data-demo-conversation');
    setTimeout(() => {
      const d = compose.ownerDocument;
      compose.remove();
      if (d !== doc) d.defaultView.close();
      if (conversationIndex !== null && scheduledFor === null) {
        const c = conversations[Number(conversationIndex)];
        c.messages.push({ from: me, to: c.messages.filter((m) => m.from !== me).slice(-1).map((m) => m.from), at: record.at, text: '(sent from the demo)' });
        if (openIndex === Number(conversationIndex)) {
          const container = pane.querySelector('[data-app-section="ItemContainer"]');
          if (container) container.append(messageNode(c.messages[c.messages.length - 1]));
        }
      }
    }, faults['slow-send'] ? 600 : 40);
  }

  // ------------------------------------------------------------------ Schedule send
  // Menus and dialogs are portals at the end of the compose's document's <body>, as Fluent UI
  // renders them; each knows its compose (data-demo-for).

  /** Closes the menus and dialogs of `compose` (of every compose when none is given). */
  function closePopups(compose) {
    const id = compose && compose.getAttribute('data-compose-id');
    for (const d of documents()) {
      for (const popup of d.querySelectorAll('[data-demo-popup]')) if (!id || popup.getAttribute('data-demo-for') === id) popup.remove();
      for (const chevron of d.querySelectorAll('[data-demo-options]')) if (!id || chevron.closest('[data-compose-id]') === compose) chevron.setAttribute('aria-expanded', 'false');
    }
  }

  /** Mounts a menu or dialog for `compose`; modal dialogs get a backdrop behind them. */
  function popup(compose, children, attributes, options) {
    const d = compose.ownerDocument;
    const id = compose.getAttribute('data-compose-id');
    const element = el('div', { 'data-demo-popup': '', 'data-demo-for': id, ...attributes }, children, d);
    if (options && options.position) element.style.cssText = `left:${Math.max(0, options.position.left)}px; top:${Math.max(0, options.position.top)}px`;
    if (options && options.modal) {
      // Fluent's dialog backdrop. Clicking it is not "close": in Outlook it can open or confirm "Discard message".
      const backdrop = el('div', { 'data-demo-popup': '', 'data-demo-for': id, 'data-demo-backdrop': '', class: 'fui-DialogSurface__backdrop' }, [], d);
      backdrop.addEventListener('click', () => escapeIn(compose));
      d.body.append(backdrop);
    }
    d.body.append(element);
    return element;
  }

  /** Runs `mount` now, or 400 ms later with the fault "late-dialogs" (Outlook mounts dialogs when their code has loaded). */
  function mountLate(mount) {
    if (faults['late-dialogs']) setTimeout(mount, 400);
    else mount();
  }

  function titleBar(text, d, onClose) {
    const close = el('button', { type: 'button', 'aria-label': 'Close', class: 'fui-Button', text: '\u2715' }, [], d);
    close.addEventListener('click', onClose);
    return el('div', { class: 'fui-DialogTitle' }, [el('h2', { text }, [], d), el('div', { class: 'fui-DialogTitle__action' }, [close], d)], d);
  }

  function openMenu(compose, chevron) {
    // A second press on the chevron closes its menu (Fluent's menu trigger toggles).
    if (chevron.getAttribute('aria-expanded') === 'true') {
      closePopups(compose);
      return;
    }
    closePopups(compose);
    if (faults['no-menu']) return;
    chevron.setAttribute('aria-expanded', 'true');
    const d = compose.ownerDocument;
    const rect = chevron.getBoundingClientRect();
    // StormHacks mailer 2025-09: `div[role="menuitem"]` with the text "Schedule send".
    const item = el('div', { role: 'menuitem', tabindex: '-1', class: 'fui-MenuItem', text: 'Schedule send' }, [], d);
    item.addEventListener('click', () => {
      closePopups(compose);
      if (!faults['no-dialog']) mountLate(() => openScheduleDialog(compose));
    });
    popup(compose, [item], { role: 'menu', class: 'fui-MenuPopover' }, { position: { left: rect.left, top: rect.bottom + 4 } });
  }

  function tomorrowMorning() {
    const w = wall(Date.now() + 86_400_000);
    return instantOf(w.year, w.month, w.day, 8, 0);
  }

  /** "5/17/2026" and "3:30 PM" (en-US), in the mailbox's zone. */
  function parseCustom(dateText, timeText) {
    const date = /^(?:[A-Za-z]{3} )?(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(dateText.trim());
    const time = /^(\d{1,2}):(\d{2})\s*(AM|PM)$/i.exec(timeText.trim());
    if (!date || !time) return null;
    const hour = (Number(time[1]) % 12) + (time[3].toUpperCase() === 'PM' ? 12 : 0);
    return instantOf(Number(date[3]), Number(date[1]), Number(date[2]), hour, Number(time[2]));
  }

  /** The Schedule send dialog: preset times and "Custom time" (a button, or a menu item in later builds). */
  function openScheduleDialog(compose) {
    const d = compose.ownerDocument;
    const morning = tomorrowMorning();
    const preset = el('button', { type: 'button', 'data-demo': 'preset', text: `Tomorrow morning ${outlookTime(morning).split(' ').slice(2).join(' ')}` }, [], d);
    const custom = records.build === 'button'
      ? el('button', { type: 'button', 'data-demo': 'custom', text: 'Custom time' }, [], d)
      : el('div', { role: 'menuitem', tabindex: '-1', 'data-demo': 'custom', text: 'Custom time' }, [], d);
    preset.addEventListener('click', () => send(compose, morning));
    custom.addEventListener('click', () => {
      closePopups(compose);
      mountLate(() => openCustomTimeDialog(compose));
    });
    popup(compose, [titleBar('Schedule send', d, () => closePopups(compose)), preset, custom], { role: 'dialog', 'aria-label': 'Schedule send', 'aria-modal': 'true', class: 'fui-DialogSurface' }, { modal: true });
  }

  /** "Set custom date and time": two comboboxes, "Select a date" (M/D/YYYY) and "Select a time" (h:mm AM). */
  function openCustomTimeDialog(compose) {
    const d = compose.ownerDocument;
    const now = wall(Date.now());
    const today = `${now.month}/${now.day}/${now.year}`;
    const date = el('input', { type: 'text', role: 'combobox', 'aria-expanded': 'false', 'aria-label': 'Select a date', placeholder: 'Select a date' }, [], d);
    const time = el('input', { type: 'text', role: 'combobox', 'aria-expanded': 'false', 'aria-label': 'Select a time', placeholder: 'Select a time' }, [], d);
    date.value = today;
    date.addEventListener('blur', () => {
      if (faults['reject-typed-date']) date.value = '';
    });
    const error = el('p', { role: 'alert', 'data-demo': 'error' }, [], d);
    const label = { button: 'Send', menuitem: 'Schedule', 'schedule-send': 'Schedule send' }[records.build] || 'Send';
    const confirm = el('button', { type: 'button', class: 'fui-Button', 'data-demo': 'send', text: label }, [], d);
    const cancel = el('button', { type: 'button', class: 'fui-Button', 'data-demo': 'cancel', text: 'Cancel' }, [], d);
    confirm.addEventListener('click', () => {
      const at = parseCustom(date.value, time.value);
      if (at === null) error.textContent = 'Enter a valid date and time.';
      else if (at <= Date.now()) error.textContent = 'The time you selected has already passed.';
      else send(compose, at);
    });
    cancel.addEventListener('click', () => closePopups(compose));
    popup(compose, [titleBar('Set custom date and time', d, () => closePopups(compose)), date, time, error, el('div', { class: 'fui-DialogActions' }, [confirm, cancel], d)], {
      role: 'dialog',
      'aria-label': 'Set custom date and time',
      'aria-modal': 'true',
      class: 'fui-DialogSurface',
    }, { modal: true });
    date.focus();
  }

  /**
   * Escape in a compose or in one of its menus and dialogs, or a click on a dialog's backdrop: the
   * compose's Discard ("Discard (Esc)" in the real write capture). The first asks "Discard
   * message"; another while it asks confirms it, and the draft is gone.
   */
  function escapeIn(compose) {
    const d = compose.ownerDocument;
    const id = compose.getAttribute('data-compose-id');
    if (d.querySelector(`[data-demo-discard-prompt][data-demo-for="${id}"]`)) {
      discardNow(compose);
      return;
    }
    closePopups(compose);
    records.discardPrompts++;
    const confirm = el('button', { type: 'button', class: 'fui-Button', text: 'Discard' }, [], d);
    const cancel = el('button', { type: 'button', class: 'fui-Button', text: 'Cancel' }, [], d);
    confirm.addEventListener('click', () => discardNow(compose));
    cancel.addEventListener('click', () => closePopups(compose));
    popup(compose, [el('h2', { text: 'Discard message' }, [], d), el('p', { text: 'Are you sure you want to discard this message?' }, [], d), confirm, cancel], {
      role: 'alertdialog',
      'aria-label': 'Discard message',
      'aria-modal': 'true',
      'data-demo-discard-prompt': '',
      class: 'fui-DialogSurface',
    }, { modal: true });
  }

  function discardNow(compose) {
    closePopups(compose);
    records.discarded.push(compose.getAttribute('data-compose-id'));
    const d = compose.ownerDocument;
    compose.remove();
    if (d !== doc) d.defaultView.close();
  }

  /** The compose a target belongs to: inside it, or inside one of its menus and dialogs. */
  function composeOf(target) {
    const inside = target.closest('[data-compose-id]');
    if (inside) return inside;
    const popupNode = target.closest('[data-demo-for]');
    return popupNode ? findCompose(popupNode.getAttribute('data-demo-for')) : null;
  }

  // ------------------------------------------------------------------ Outlook's own listeners
  /** Listens in the page, and in each pop-out window's document as this page renders it. */
  function listen(d) {
    const View = d.defaultView;
    // Outlook's Fluent buttons act on click; Enter and Space on a focused button become a click.
    d.addEventListener('click', (event) => {
      const target = event.target instanceof View.Element ? event.target : null;
      const compose = target && target.closest('[data-compose-id]');
      if (!compose) return;
      if (target.closest('[data-demo-send]')) send(compose, null);
      else if (target.closest('[data-demo-options]')) openMenu(compose, target.closest('button'));
      else if (target.closest('[data-demo-discard]')) escapeIn(compose);
      else if (target.closest('[data-demo-popout]')) popOutWindow(compose);
    }, listening);

    d.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
      const target = event.target instanceof View.Element ? event.target : null;
      const compose = target && target.closest('[data-compose-id]');
      if (compose) {
        event.preventDefault();
        send(compose, null);
      }
    }, listening);

    d.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') records.escapes++;
    }, { ...listening, capture: true });
    d.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      const target = event.target instanceof View.Element ? event.target : null;
      const compose = target && composeOf(target);
      if (compose) escapeIn(compose);
      else closePopups();
    }, listening);
  }

  listen(doc);
  doc.getElementById('demo-new-mail').addEventListener('click', () => openPopOut([]).querySelector('[aria-label="To"]').focus());

  // The API both demo mailboxes share (tests/demo/api.ts), over the same records as __outlookDemo.
  win.__demo = {
    site: 'outlook',
    account: me.email,
    threads: conversations,
    openThread: (index) => openConversation(index),
    reply: () => openInlineReply().getAttribute('data-compose-id'),
    newCompose: (addresses) => openPopOut(addresses || []).getAttribute('data-compose-id'),
    outbox: () => ({ sent: records.sent.slice(), scheduled: records.scheduled.slice() }),
    openComposes: records.openComposes,
    draft: (id) => {
      const compose = findCompose(id);
      if (!compose) return null;
      const to = compose.querySelector('[data-demo-to]');
      const typed = Array.from(to.childNodes, (node) => (node.nodeType === 3 ? node.textContent : '')).join('');
      return { to: recipientsOf(compose), typed, subject: compose.querySelector('[data-demo-subject]').value, body: compose.querySelector('[data-demo-body]').textContent };
    },
    openDialogs: () => documents().reduce((n, d) => n + d.querySelectorAll('[data-demo-popup]:not([data-demo-backdrop])').length, 0),
    escapes: () => records.escapes,
    discarded: () => records.discarded.slice(),
    setBuild: (name) => {
      if (!['button', 'menuitem', 'schedule-send'].includes(name)) throw new Error(`No Outlook demo build ${name}`);
      records.build = name;
    },
    setFault: (name, on) => {
      faults[name] = Boolean(on);
    },
    /** Older messages from the same correspondent, an hour apart, until the conversation holds `count`. */
    growThread: (index, count) => {
      const c = conversations[index];
      while (c.messages.length < count) {
        const first = c.messages[0];
        c.messages.unshift({ ...first, at: first.at - HOUR });
      }
      if (openIndex === index) renderPane();
    },
  };

  // The page opens on Bob's latest message with a reply already started.
  renderList();
  renderPane();
  openInlineReply().querySelector('[aria-label^="Message body"]').textContent = 'Thanks Bob, confirmed.';
  showCounts();
})(window, document);
