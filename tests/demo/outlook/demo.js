// Behaviour of the Outlook demo page (index.html): a message list, a reading pane, inline replies
// and pop-out composes, Send / Enter / Space / Ctrl+Enter, and "More send options" → "Schedule
// send" → "Custom time" → Send, with a record of what was sent and scheduled in
// window.__outlookDemo. Plain script: served inline into the page, or imported by unit tests.
//
// Faults (reliability runs): ?faults=a,b or window.__outlookDemoFaults[name] = true at any time.
//   no-menu         the send-options chevron opens nothing
//   no-dialog       "Schedule send" in the menu opens no dialog
//   no-send-button  new composes get a Send button without Outlook's hooks (the page still sends)
(function installOutlookDemo(win, doc) {
  // Installing again (unit tests reuse one document) replaces the previous instance's listeners.
  if (win.__outlookDemoInstall) win.__outlookDemoInstall.abort();
  const installed = (win.__outlookDemoInstall = new AbortController());
  const listening = { signal: installed.signal };
  const params = new URLSearchParams(win.location.search);
  const faults = (win.__outlookDemoFaults = win.__outlookDemoFaults || {});
  for (const name of (params.get('faults') || '').split(',')) if (name) faults[name] = true;

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

  const records = (win.__outlookDemo = {
    sent: [],
    scheduled: [],
    conversations,
    /** Ids (data-compose-id) of the composes open now. */
    openComposes: () => Array.from(doc.querySelectorAll('[data-compose-id]'), (c) => c.getAttribute('data-compose-id')),
    openConversation: (index) => openConversation(index),
    reply: () => openInlineReply(),
    openPopOut: (addresses) => openPopOut(addresses || []).getAttribute('data-compose-id'),
  });

  const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const pad = (n) => String(n).padStart(2, '0');
  /** Outlook's en-US reading-pane format, "Wed 4/30/2025 3:03 PM", in the browser's zone. */
  function outlookTime(at) {
    const d = new Date(at);
    const hour12 = d.getHours() % 12 === 0 ? 12 : d.getHours() % 12;
    return `${weekdays[d.getDay()]} ${d.getMonth() + 1}/${d.getDate()}/${d.getFullYear()} ${hour12}:${pad(d.getMinutes())} ${d.getHours() < 12 ? 'AM' : 'PM'}`;
  }

  function el(tag, attributes, children) {
    const node = doc.createElement(tag);
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
  function chip(p) {
    return el('span', { class: '_Entity _EType_RECIPIENT_ENTITY', contenteditable: 'false' }, [persona({ 'aria-label': p.name || p.email }, [el('span', { text: p.name || p.email })])]);
  }

  function buildCompose(attributes, recipients, draft) {
    const id = `c${++composeCount}`;
    const sendButton = faults['no-send-button']
      ? el('div', { class: 'demo-send-v2' }, [el('button', { type: 'button', 'data-demo-send': '', 'aria-label': 'Dispatch', title: 'Dispatch', text: 'Send' })])
      : el('div', { 'data-testid': 'ComposeSendButton', class: 'fui-SplitButton' }, [
          el('button', { type: 'button', 'data-demo-send': '', id: `splitButton-r${id}__primaryActionButton`, class: 'fui-Button fui-SplitButton__primaryActionButton', 'aria-label': 'Send', title: 'Send (Ctrl+Enter)', text: 'Send' }),
        ]);
    const chevron = el('button', { type: 'button', 'aria-haspopup': 'menu', 'aria-expanded': 'false', 'aria-label': 'More send options', title: 'More send options', 'data-demo-options': '', text: '\u2304' });
    sendButton.append(chevron);
    const to = el('div', { role: 'textbox', 'aria-multiline': 'true', 'aria-label': 'To', tabindex: '0', contenteditable: 'true', spellcheck: 'false', 'data-demo-to': '' }, recipients.map(chip));
    const body = el('div', { role: 'textbox', 'aria-multiline': 'true', 'aria-label': 'Message body, press Alt+F10 to exit', contenteditable: 'true', tabindex: '0', 'data-demo-body': '', text: draft || '' });
    const discard = el('button', { type: 'button', 'aria-label': 'Discard', title: 'Discard (Esc)', 'data-demo-discard': '', text: 'Discard' });
    const compose = el('div', { 'data-compose-id': id, ...attributes }, [
      sendButton,
      discard,
      el('div', {}, [el('button', { type: 'button', text: 'To' }), to]),
      el('input', { type: 'text', 'aria-label': 'Subject', placeholder: 'Add a subject' }),
      el('div', { id: `editorParent_${composeCount}` }, [body]),
    ]);
    // Typed addresses become chips on Enter, as Outlook resolves them.
    to.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' || event.ctrlKey || event.metaKey) return;
      event.preventDefault();
      const typed = Array.from(to.childNodes).filter((n) => n.nodeType === 3);
      for (const text of typed) {
        for (const address of text.textContent.split(/[\s,;]+/)) if (/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(address)) to.append(chip({ email: address.toLowerCase() }));
        text.remove();
      }
    });
    return compose;
  }

  function openInlineReply() {
    const existing = pane.querySelector('[id^="docking_InitVisiblePart_"]');
    if (existing) return existing;
    const c = conversations[openIndex];
    const last = c.messages.filter((m) => m.from !== me).pop() || c.messages[0];
    const compose = buildCompose({ id: 'docking_InitVisiblePart_0', 'data-demo-conversation': String(openIndex) }, [last.from], '');
    compose.querySelector('input[aria-label=Subject]').value = `RE: ${c.subject}`;
    pane.append(compose);
    return compose;
  }

  function openPopOut(addresses) {
    const compose = buildCompose({ 'data-app-section': 'Form_Content', class: 'demo-popout', 'aria-label': 'New message' }, addresses.map((email) => ({ email })), '');
    doc.getElementById('demo-popouts').append(compose);
    return compose;
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
   * it goes; a second send of it meanwhile is recorded too, marked as a duplicate.
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
    closePopups();
    const conversationIndex = compose.getAttribute('data-demo-conversation');
    setTimeout(() => {
      compose.remove();
      if (conversationIndex !== null && scheduledFor === null) {
        const c = conversations[Number(conversationIndex)];
        c.messages.push({ from: me, to: c.messages.filter((m) => m.from !== me).slice(-1).map((m) => m.from), at: record.at, text: '(sent from the demo)' });
        if (openIndex === Number(conversationIndex)) {
          const container = pane.querySelector('[data-app-section="ItemContainer"]');
          if (container) container.append(messageNode(c.messages[c.messages.length - 1]));
        }
      }
    }, 40);
  }

  // ------------------------------------------------------------------ Schedule send
  function closePopups() {
    for (const popup of doc.querySelectorAll('[data-demo-popup]')) popup.remove();
    for (const chevron of doc.querySelectorAll('[data-demo-options]')) chevron.setAttribute('aria-expanded', 'false');
  }

  function popup(children, attributes, position) {
    const element = el('div', { 'data-demo-popup': '', ...attributes }, children);
    if (position) element.style.cssText = `left:${Math.max(0, position.left)}px; top:${Math.max(0, position.top)}px`;
    doc.body.append(element);
    return element;
  }

  function openMenu(compose, chevron) {
    closePopups();
    if (faults['no-menu']) return;
    chevron.setAttribute('aria-expanded', 'true');
    const rect = chevron.getBoundingClientRect();
    const item = el('button', { type: 'button', role: 'menuitem', class: 'fui-MenuItem', text: 'Schedule send' });
    item.addEventListener('click', () => {
      closePopups();
      if (!faults['no-dialog']) openScheduleDialog(compose);
    });
    popup([item], { role: 'menu', class: 'fui-MenuPopover' }, { left: rect.left, top: rect.bottom + 4 });
  }

  function tomorrowMorning() {
    const d = new Date();
    d.setDate(d.getDate() + 1);
    d.setHours(8, 0, 0, 0);
    return d.getTime();
  }

  /** "5/17/2026" and "3:30 PM" (en-US), the way the reconstructed custom-time fields expect them. */
  function parseCustom(dateText, timeText) {
    const date = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(dateText.trim());
    const time = /^(\d{1,2}):(\d{2})\s*(AM|PM)$/i.exec(timeText.trim());
    if (!date || !time) return null;
    const hour = (Number(time[1]) % 12) + (time[3].toUpperCase() === 'PM' ? 12 : 0);
    return new Date(Number(date[3]), Number(date[1]) - 1, Number(date[2]), hour, Number(time[2])).getTime();
  }

  function openScheduleDialog(compose) {
    const preset = el('button', { type: 'button', role: 'menuitem', 'data-demo': 'preset', text: `Tomorrow morning ${outlookTime(tomorrowMorning()).split(' ').slice(2).join(' ')}` });
    const custom = el('button', { type: 'button', role: 'menuitem', 'data-demo': 'custom', text: 'Custom time' });
    preset.addEventListener('click', () => send(compose, tomorrowMorning()));
    custom.addEventListener('click', () => {
      closePopups();
      openCustomTimeDialog(compose);
    });
    popup([el('h2', { text: 'Schedule send' }), preset, custom], { role: 'dialog', 'aria-label': 'Schedule send', 'aria-modal': 'true', class: 'fui-DialogSurface' });
  }

  function openCustomTimeDialog(compose) {
    const date = el('input', { type: 'text', 'aria-label': 'Date', placeholder: 'Select a date' });
    const time = el('input', { type: 'text', role: 'combobox', 'aria-label': 'Time', placeholder: 'Select a time' });
    const error = el('p', { role: 'alert', 'data-demo': 'error' });
    const confirm = el('button', { type: 'button', class: 'fui-Button', 'data-demo': 'send', text: 'Send' });
    const cancel = el('button', { type: 'button', class: 'fui-Button', 'data-demo': 'cancel', text: 'Cancel' });
    confirm.addEventListener('click', () => {
      const at = parseCustom(date.value, time.value);
      if (at === null) error.textContent = 'Enter a valid date and time.';
      else if (at <= Date.now()) error.textContent = 'The time you selected has already passed.';
      else send(compose, at);
    });
    cancel.addEventListener('click', closePopups);
    popup([el('h2', { text: 'Set custom date and time' }), date, time, error, el('div', { class: 'fui-DialogActions' }, [confirm, cancel])], {
      role: 'dialog',
      'aria-label': 'Set custom date and time',
      'aria-modal': 'true',
      class: 'fui-DialogSurface',
    });
    date.focus();
  }

  // ------------------------------------------------------------------ Outlook's own listeners
  // Outlook's Fluent buttons act on click; Enter and Space on a focused button become a click.
  doc.addEventListener('click', (event) => {
    const target = event.target instanceof win.Element ? event.target : null;
    const compose = target && target.closest('[data-compose-id]');
    if (!compose) return;
    if (target.closest('[data-demo-send]')) send(compose, null);
    else if (target.closest('[data-demo-options]')) openMenu(compose, target.closest('button'));
    else if (target.closest('[data-demo-discard]')) compose.remove();
  }, listening);

  doc.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
    const target = event.target instanceof win.Element ? event.target : null;
    const compose = target && target.closest('[data-compose-id]');
    if (compose) {
      event.preventDefault();
      send(compose, null);
    }
  }, listening);

  doc.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') closePopups();
  }, listening);
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
