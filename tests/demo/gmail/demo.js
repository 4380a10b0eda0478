/*
 * The demo mailbox: a local page that behaves like Gmail for ReplyPace's flows, with the same hooks
 * (classes, roles, attributes) as real Gmail (see tests/fixtures/gmail/README.md).
 * - Message ids encode their receive time like Gmail's legacy ids (time << 20).
 * - A send starts on mousedown on Send, on Ctrl/Cmd+Enter in the compose, on Enter (keydown) or
 *   Space (keyup) on a focused Send. Each send is recorded once in "Sent" with a unique id; a
 *   second send of the same compose is recorded too (data-duplicate), so tests can count it.
 * - Menus and dialogs react to a full press (mousedown then mouseup on the same element, with
 *   coordinates), as Gmail's do: a bare element.click() does nothing.
 * - Faults for the reliability run: ?faults=a,b or window.__demoFaults = { name: true }:
 *   no-send-button   Send loses its usual classes (ReplyPace cannot recognise or replay it)
 *   no-schedule-dialog   "Schedule send" in the menu does nothing
 *   picker-rejects   the date/time picker answers every value with "Invalid date"
 */
(function () {
  'use strict';
  var ACCOUNT = { name: 'Sam Seller', email: 'sam@northwind-sales.com' };
  var faults = (window.__demoFaults = window.__demoFaults || {});
  (new URLSearchParams(location.search).get('faults') || '').split(',').forEach(function (f) { if (f) faults[f] = true; });

  var MIN = 60000, HOUR = 60 * MIN;
  var loadedAt = Date.now();
  var counter = 0;
  function legacyId(at) {
    counter = (counter + 1) & 0xfffff;
    return ((BigInt(Math.floor(at)) << 20n) | BigInt(counter)).toString(16);
  }
  function person(name, email) { return { name: name, email: email }; }
  var jana = person('Jana Berger', 'jana.berger@acme-corp.com');
  var tom = person('Tom Reyes', 'tom@initech-labs.com');
  var kim = person('Kim Lee', 'kim@northwind-sales.com');
  var me = person(ACCOUNT.name, ACCOUNT.email);

  function thread(subject, messages) {
    var built = messages.map(function (m) { return { id: legacyId(loadedAt - m.ago), from: m.from, to: m.to, at: loadedAt - m.ago, text: m.text }; });
    return { id: built[0].id, subject: subject, messages: built, unread: true };
  }
  var threads = [
    thread('Renewal terms for 2027', [
      { from: jana, to: [me], ago: 27 * HOUR, text: 'Could you send the renewal terms before our board meeting?' },
      { from: me, to: [jana], ago: 26 * HOUR, text: 'Of course, drafting them now.' },
      { from: jana, to: [me], ago: 2 * MIN, text: 'One more thing: can the renewal start in February?' },
    ]),
    thread('Invoice 2026-114', [
      { from: jana, to: [me], ago: 3 * HOUR, text: 'Our finance team has a question on invoice 2026-114.' },
    ]),
    thread('Quick question on the pilot', [
      { from: tom, to: [me], ago: 2 * MIN, text: 'Does the pilot include the reporting module?' },
    ]),
    thread('Pricing sheet for Q1', [
      { from: kim, to: [me], ago: 2 * MIN, text: 'Can you check the Q1 pricing sheet before I send it out?' },
    ]),
  ];
  function findThread(id) { return threads.filter(function (t) { return t.id === id; })[0] || null; }

  var main = document.getElementById('demo-main');
  var composesBox = document.getElementById('demo-composes');
  var sentList = document.getElementById('demo-sent');
  var scheduledList = document.getElementById('demo-scheduled');
  var composeCount = 0, sendCount = 0;
  var composes = {};

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }
  function fmt(at) {
    return new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit' }).format(at).replace(/\u202f/g, ' ');
  }

  /** Gmail-like activation: a press that starts and ends on the element, with coordinates. */
  function onPress(node, handler) {
    var armed = false;
    node.addEventListener('mousedown', function (e) { armed = e.button === 0 && (e.clientX !== 0 || e.clientY !== 0); });
    node.addEventListener('mouseup', function (e) {
      if (armed && e.button === 0) { armed = false; handler(e); }
    });
  }

  // ------------------------------------------------------------------ views
  function renderInbox() {
    var rows = threads.map(function (t) {
      var last = t.messages[t.messages.length - 1];
      var row = el('tr', { class: 'zA' + (t.unread ? ' zE' : ''), role: 'row', 'data-thread-id': t.id }, [
        el('td', { class: 'yX xY' }, [el('span', { class: 'zF', email: last.from.email, name: last.from.name, text: last.from.name })]),
        el('td', { class: 'xY a4W', text: t.subject }),
        el('td', { class: 'xW xY', text: fmt(last.at) }),
      ]);
      row.addEventListener('click', function () { location.hash = '#inbox/' + t.id; });
      return row;
    });
    main.replaceChildren(el('table', { class: 'F cf zt' }, [el('tbody', {}, rows)]));
    document.title = 'Inbox (' + threads.filter(function (t) { return t.unread; }).length + ') - ' + ACCOUNT.email + ' - Northwind Sales Mail';
  }

  function messageNode(m) {
    return el('div', { role: 'listitem', class: 'h7' }, [
      el('div', { class: 'adn ads', 'data-legacy-message-id': m.id, 'data-message-id': '#msg-f:' + BigInt('0x' + m.id).toString() }, [
        el('div', { class: 'gE iv gt' }, [
          el('span', { class: 'gD', email: m.from.email, name: m.from.name, text: m.from.name }),
          el('span', { class: 'g3', title: fmt(m.at), text: fmt(m.at) }),
          el('div', { class: 'iw ajw' }, [el('span', { class: 'hb', text: 'to ' })].concat(m.to.map(function (p) { return el('span', { class: 'g2', email: p.email, name: p.name, text: p.name + ' ' }); }))),
        ]),
        el('div', { class: 'ii gt' }, [el('div', { class: 'a3s aiL', text: m.text })]),
      ]),
    ]);
  }

  function renderThread(t) {
    t.unread = false;
    var list = el('div', { role: 'list' }, t.messages.map(messageNode));
    var reply = el('span', { class: 'ams bkH', role: 'link', tabindex: '0', text: 'Reply' });
    reply.addEventListener('click', function () { openInlineReply(t); });
    main.replaceChildren(
      el('div', { class: 'ha' }, [el('h2', { class: 'hP', 'data-legacy-thread-id': t.id, 'data-thread-perm-id': 'thread-f:' + BigInt('0x' + t.id).toString(), text: t.subject })]),
      list,
      el('div', { class: 'amn' }, [reply]),
    );
    document.title = t.subject + ' - ' + ACCOUNT.email + ' - Northwind Sales Mail';
  }

  var shown;
  function route() {
    var m = /^#inbox\/([0-9a-f]+)$/.exec(location.hash);
    var t = m && findThread(m[1]);
    // __demo.openThread renders at once: the hashchange that follows finds the view already shown.
    if (shown !== undefined && shown === (t ? t.id : null)) return;
    shown = t ? t.id : null;
    // Gmail removes inline replies of the thread it leaves (the draft is kept on the server).
    Object.keys(composes).forEach(function (id) { if (composes[id].kind === 'inline') closeCompose(id); });
    if (t) renderThread(t); else renderInbox();
  }

  // ------------------------------------------------------------------ composes
  function chip(p) {
    return el('div', { class: 'afV', role: 'option', 'aria-selected': 'false', 'data-hovercard-id': p.email, 'data-name': p.name || p.email }, [el('span', { class: 'akl', text: p.name || p.email })]);
  }

  function buildCompose(kind, recipients, threadId) {
    var id = 'c' + ++composeCount;
    var toInput = el('input', { class: 'agP aFw', 'aria-label': 'To recipients', autocomplete: 'off', 'data-demo-to': '' });
    var chips = el('div', { class: 'aoD hl', role: 'listbox', 'aria-label': 'To recipients' }, recipients.map(chip).concat([toInput]));
    function commitTyped() {
      toInput.value.split(/[,;\s]+/).forEach(function (a) { if (/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(a)) chips.insertBefore(chip({ email: a.toLowerCase() }), toInput); });
      toInput.value = '';
    }
    toInput.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ',') { e.preventDefault(); commitTyped(); } });
    toInput.addEventListener('blur', commitTyped);
    var body = el('div', { class: 'Am Al editable LW-avf', role: 'textbox', 'aria-label': 'Message Body', contenteditable: 'true', 'data-demo-body': '' });
    var sendClass = faults['no-send-button'] ? 'T-I J-J5-Ji demo-send-v2 T-I-atl L3' : 'T-I J-J5-Ji aoO v7 T-I-atl L3';
    var send = el('div', { class: sendClass, role: 'button', tabindex: '1', 'data-tooltip': 'Send \u202a(Ctrl-Enter)\u202c', 'aria-label': 'Send \u202a(Ctrl-Enter)\u202c', 'data-demo-send': '', text: 'Send' });
    var more = el('div', { class: 'T-I J-J5-Ji hG T-I-atl L3', role: 'button', tabindex: '1', 'aria-label': 'More send options', 'aria-haspopup': 'true', 'aria-expanded': 'false', text: '\u25be' });
    var compose = el('div', { class: 'M9', 'data-compose-id': id }, [chips, kind === 'popup' ? el('input', { name: 'subjectbox', class: 'aoT', placeholder: 'Subject', 'aria-label': 'Subject' }) : null, body, el('div', { class: 'btC' }, [send, more])]);
    var record = { id: id, kind: kind, threadId: threadId, node: compose, outer: compose };

    send.addEventListener('mousedown', function (e) { if (e.button === 0) doSend(record); });
    send.addEventListener('keydown', function (e) { if (e.key === 'Enter') doSend(record); });
    send.addEventListener('keyup', function (e) { if (e.key === ' ') doSend(record); });
    compose.addEventListener('keydown', function (e) { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); doSend(record); } });
    onPress(more, function () { openSendOptions(record, more); });
    composes[id] = record;
    return record;
  }

  function openInlineReply(t) {
    var existing = Object.keys(composes).map(function (k) { return composes[k]; }).filter(function (c) { return c.threadId === t.id; })[0];
    if (existing) { existing.node.querySelector('[role=textbox]').focus(); return existing; }
    var lastIncoming = t.messages.filter(function (m) { return m.from.email !== ACCOUNT.email; }).pop() || t.messages[0];
    var record = buildCompose('inline', [lastIncoming.from], t.id);
    record.outer = el('div', { class: 'ip iq' }, [el('div', { class: 'aO7' }, [record.node])]);
    main.appendChild(record.outer);
    record.node.querySelector('[role=textbox]').focus();
    return record;
  }

  function openPopup(recipients) {
    var record = buildCompose('popup', recipients || [], null);
    record.outer = el('div', { class: 'nH Hd', role: 'dialog', 'aria-label': 'New Message' }, [el('div', { class: 'title', text: 'New Message' }), el('div', { class: 'AD' }, [record.node])]);
    composesBox.appendChild(record.outer);
    record.node.querySelector('input').focus();
    return record;
  }

  function recipientsOf(record) {
    return Array.prototype.map.call(record.node.querySelectorAll('[data-hovercard-id]'), function (c) { return c.getAttribute('data-hovercard-id'); });
  }

  function closeCompose(id) {
    var record = composes[id];
    if (!record) return;
    delete composes[id];
    record.outer.remove();
  }

  function doSend(record) {
    var to = recipientsOf(record);
    if (to.length === 0) return;
    var duplicate = record.node.getAttribute('data-state') === 'sending';
    var at = Date.now();
    sendCount++;
    sentList.appendChild(el('li', { 'data-send-id': 's' + sendCount, 'data-compose-id': record.id, 'data-duplicate': String(duplicate), 'data-at': String(at), 'data-to': to.join(','), text: fmt(at) + ' to ' + to.join(', ') + (duplicate ? ' (DUPLICATE)' : '') }));
    if (duplicate) return;
    record.node.setAttribute('data-state', 'sending');
    var t = record.threadId && findThread(record.threadId);
    // Like Gmail, the compose lingers a moment ("Sending…") before it goes.
    setTimeout(function () {
      closeCompose(record.id);
      if (t) {
        var m = { id: legacyId(at), from: me, to: to.map(function (a) { return person(a, a); }), at: at, text: '(sent from the demo)' };
        t.messages.push(m);
        var list = main.querySelector('[role=list]');
        if (list && main.querySelector('h2.hP[data-legacy-thread-id="' + t.id + '"]')) list.appendChild(messageNode(m));
      }
    }, 40);
  }

  // ------------------------------------------------------------------ Schedule send
  function closeMenus() { document.querySelectorAll('.J-M, .Kj-JD').forEach(function (n) { n.remove(); }); }
  function escapeCloses(node) { node.addEventListener('keydown', function (e) { if (e.key === 'Escape') node.remove(); }); }

  function openSendOptions(record, anchor) {
    closeMenus();
    var rect = anchor.getBoundingClientRect();
    var item = el('div', { class: 'J-N yr', role: 'menuitem', selector: 'scheduledSend', text: 'Schedule send' });
    var menu = el('div', { class: 'J-M aX0 aYO', role: 'menu', style: 'left:' + Math.max(0, rect.left - 120) + 'px; top:' + Math.max(0, rect.top - 50) + 'px' }, [el('div', { class: 'SK AX' }, [item])]);
    onPress(item, function () {
      menu.remove();
      if (!faults['no-schedule-dialog']) openScheduleDialog(record);
    });
    escapeCloses(menu);
    document.body.appendChild(menu);
  }

  function nextAt(days, hour) {
    var d = new Date();
    d.setDate(d.getDate() + days);
    d.setHours(hour, 0, 0, 0);
    return d.getTime();
  }

  function openScheduleDialog(record) {
    var presets = [['Tomorrow morning', nextAt(1, 8)], ['Tomorrow afternoon', nextAt(1, 13)]].map(function (p) {
      var row = el('div', { class: 'Az', role: 'menuitem', tabindex: '-1' }, [el('div', { class: 'AT', text: p[0] }), el('div', { class: 'AS', text: fmt(p[1]) })]);
      onPress(row, function () { dialog.remove(); schedule(record, p[1]); });
      return row;
    });
    var pick = el('div', { class: 'Az AM', role: 'menuitem', tabindex: '-1' }, [el('div', { class: 'AT', text: 'Pick date & time' })]);
    var dialog = el('div', { class: 'Kj-JD aYK', role: 'dialog', tabindex: '0' }, [el('div', { class: 'Kj-JD-K7' }, [el('span', { class: 'Kj-JD-K7-K0', role: 'heading', text: 'Schedule send' })]), el('div', { class: 'Kj-JD-Jz' }, presets.concat([pick]))]);
    onPress(pick, function () { dialog.remove(); openPicker(record); });
    escapeCloses(dialog);
    document.body.appendChild(dialog);
  }

  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  function parsePicked(dateText, timeText) {
    var d = /^([A-Z][a-z]{2}) (\d{1,2}), (\d{4})$/.exec(dateText.trim());
    var t = /^(\d{1,2}):(\d{2}) (AM|PM)$/.exec(timeText.trim());
    if (!d || !t || MONTHS.indexOf(d[1]) < 0) return null;
    var hour = Number(t[1]) % 12 + (t[3] === 'PM' ? 12 : 0);
    var at = new Date(Number(d[3]), MONTHS.indexOf(d[1]), Number(d[2]), hour, Number(t[2]));
    return at.getDate() === Number(d[2]) ? at.getTime() : null;
  }

  function openPicker(record) {
    var start = new Date(Date.now() + HOUR);
    var dateInput = el('input', { class: 'aQd', type: 'text', 'aria-label': 'Date' });
    var timeInput = el('input', { class: 'aQd', type: 'text', 'aria-label': 'Time' });
    dateInput.value = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' }).format(start);
    timeInput.value = new Intl.DateTimeFormat('en-US', { timeStyle: 'short' }).format(start).replace(/\u202f/g, ' ');
    var error = el('div', { class: 'demo-error', role: 'alert' });
    var cancel = el('button', { name: 'cancel', class: 'J-at1-atl', text: 'Cancel' });
    var ok = el('button', { name: 'ok', class: 'J-at1-auR J-at1-atl', text: 'Schedule send' });
    var picker = el('div', { class: 'Kj-JD aYL', role: 'dialog', tabindex: '0' }, [
      el('div', { class: 'Kj-JD-K7' }, [el('span', { class: 'Kj-JD-K7-K0', role: 'heading', text: 'Pick date & time' })]),
      el('div', { class: 'aQc' }, [dateInput, timeInput]),
      error,
      el('div', { class: 'Kj-JD-Jl' }, [cancel, ok]),
    ]);
    onPress(cancel, function () { picker.remove(); });
    onPress(ok, function () {
      var at = faults['picker-rejects'] ? null : parsePicked(dateInput.value, timeInput.value);
      if (at === null) { error.textContent = 'Invalid date'; return; }
      if (at <= Date.now()) { error.textContent = 'Scheduled time must be in the future'; return; }
      picker.remove();
      schedule(record, at);
    });
    escapeCloses(picker);
    document.body.appendChild(picker);
  }

  function schedule(record, at) {
    if (!composes[record.id]) return;
    scheduledList.appendChild(el('li', { 'data-compose-id': record.id, 'data-at': String(at), 'data-recorded-at': String(Date.now()), 'data-to': recipientsOf(record).join(','), text: fmt(at) + ' to ' + recipientsOf(record).join(', ') }));
    closeCompose(record.id);
  }

  // ------------------------------------------------------------------ wiring
  document.getElementById('demo-compose-button').addEventListener('click', function () { openPopup([]); });
  window.addEventListener('hashchange', route);
  route();

  function openThreadId() {
    var m = /^#inbox\/([0-9a-f]+)$/.exec(location.hash);
    return m ? m[1] : null;
  }
  function records(list, scheduled) {
    return Array.prototype.map.call(list.children, function (li) {
      return {
        composeId: li.dataset.composeId,
        to: li.dataset.to ? li.dataset.to.split(',') : [],
        at: Number(scheduled ? li.dataset.recordedAt : li.dataset.at),
        scheduledFor: scheduled ? Number(li.dataset.at) : null,
        duplicate: li.dataset.duplicate === 'true',
      };
    });
  }

  /**
   * For tests and the start script (page world). The first group is the API both demo mailboxes
   * share (tests/demo/api.ts); the second, Gmail's older names, kept for the tests that use them.
   */
  window.__demo = {
    site: 'gmail',
    account: ACCOUNT.email,
    threads: threads,
    openThread: function (index) { location.hash = '#inbox/' + threads[index].id; route(); },
    reply: function () {
      var t = findThread(openThreadId());
      if (!t) throw new Error('No thread is open');
      return openInlineReply(t).id;
    },
    newCompose: function (emails) { return openPopup((emails || []).map(function (a) { return person(a, a); })).id; },
    outbox: function () { return { sent: records(sentList, false), scheduled: records(scheduledList, true) }; },
    openComposes: function () { return Object.keys(composes); },
    setFault: function (name, on) { faults[name] = Boolean(on); },
    /** Older messages from the same correspondent, an hour apart, until the thread holds `count`. */
    growThread: function (index, count) {
      var t = threads[index];
      while (t.messages.length < count) {
        var first = t.messages[0];
        var at = first.at - HOUR;
        t.messages.unshift({ id: legacyId(at), from: first.from, to: first.to, at: at, text: first.text });
      }
      if (openThreadId() === t.id) renderThread(t);
    },

    openPopup: function (emails) { return window.__demo.newCompose(emails); },
    sent: function () { return Array.prototype.map.call(sentList.children, function (li) { return { id: li.dataset.sendId, composeId: li.dataset.composeId, duplicate: li.dataset.duplicate === 'true', at: Number(li.dataset.at) }; }); },
    scheduled: function () { return Array.prototype.map.call(scheduledList.children, function (li) { return { composeId: li.dataset.composeId, at: Number(li.dataset.at), to: li.dataset.to }; }); },
  };
})();
