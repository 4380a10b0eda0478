/*
 * The demo mailbox: a local page that behaves like Gmail for ReplyPace's flows, with the same hooks
 * (classes, roles, attributes) as real Gmail (see tests/fixtures/gmail/README.md).
 * - Message ids encode their receive time like Gmail's legacy ids (the time shifted left by 20 bits).
 * - A send starts on mousedown on Send, on Ctrl/Cmd+Enter in the compose, on Enter (keydown) or
 *   Space (keyup) on a focused Send. Each send is recorded once in "Sent" with a unique id; a
 *   second send of the same compose is recorded too (data-duplicate), so tests can count it.
 * - Menus and dialogs react to a full press (mousedown then mouseup on the same element, with
 *   coordinates), as Gmail's do: a bare element.click() does nothing.
 * - Schedule send as public probes of live Gmail show it (tests/fixtures/gmail/README.md): each
 *   compose has its OWN send-options menu, inside the compose and hidden until its chevron is
 *   pressed; "Schedule send" opens [role=dialog][aria-label="Schedule send"] whose rows mount a tick
 *   later; "Pick date & time" tears that dialog down and mounts the picker as a NEW dialog a few
 *   hundred ms later (two inputs, date then time, dynamic ids); a text it cannot read gives "Invalid
 *   date" and its confirm then does nothing; its confirm is a button element labelled by
 *   span[jsname=V67aGc] beside Cancel; scheduling closes the compose and shows the snackbar "Send
 *   scheduled for ..." with Undo / View message.
 * - Faults for the reliability run: ?faults=a,b or window.__demoFaults = { name: true }:
 *   no-send-button   Send loses its usual classes (ReplyPace cannot recognise or replay it)
 *   no-schedule-dialog   "Schedule send" in the menu does nothing
 *   picker-rejects   the date/time picker answers every value with "Invalid date"
 *   escape-closes-compose   Escape inside a compose closes it (Gmail can; a draft left as it was
 *                    must never meet an Escape from ReplyPace)
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
    return ((BigInt(Math.floor(at)) * 1048576n) | BigInt(counter)).toString(16);
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
  /** Composes closed by an Escape (fault escape-closes-compose), and every Escape that reached the page. */
  var discarded = [], escapes = 0;
  window.addEventListener('keydown', function (e) { if (e.key === 'Escape') escapes++; }, true);

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
    var toInput = el('input', { class: 'agP aFw', type: 'text', role: 'combobox', 'aria-label': 'To recipients', autocomplete: 'off', 'data-demo-to': '' });
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
    // The compose's own send-options menu lives inside it, hidden until its chevron is pressed.
    var item = el('div', { class: 'J-N yr', role: 'menuitem', selector: 'scheduledSend', id: ':' + (composeCount * 7).toString(36), style: 'user-select: none;' }, [el('div', { class: 'J-N-Jz' }, [el('img', { class: 'v5 J-N-JX', src: 'data:,', alt: '' }), document.createTextNode('Schedule send')])]);
    var menu = el('div', { class: 'J-M aX0 aYO jQjAxd', role: 'menu', 'aria-haspopup': 'true', style: 'display: none;' }, [el('div', { class: 'SK AX' }, [item])]);
    var compose = el('div', { class: 'M9', 'data-compose-id': id }, [chips, kind === 'popup' ? el('input', { name: 'subjectbox', class: 'aoT', type: 'text', placeholder: 'Subject', 'aria-label': 'Subject', 'data-demo-subject': '' }) : null, body, el('div', { class: 'btC' }, [send, more]), menu]);
    var record = { id: id, kind: kind, threadId: threadId, node: compose, outer: compose };

    send.addEventListener('mousedown', function (e) { if (e.button === 0) doSend(record); });
    send.addEventListener('keydown', function (e) { if (e.key === 'Enter') doSend(record); });
    send.addEventListener('keyup', function (e) { if (e.key === ' ') doSend(record); });
    compose.addEventListener('keydown', function (e) { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); doSend(record); } });
    onPress(more, function () {
      var open = menu.style.display === 'none';
      menu.style.display = open ? '' : 'none';
      more.setAttribute('aria-expanded', String(open));
    });
    onPress(item, function () {
      menu.style.display = 'none';
      more.setAttribute('aria-expanded', 'false');
      if (!faults['no-schedule-dialog']) setTimeout(function () { openScheduleDialog(record); }, 0);
    });
    // Escape inside a compose closes it (the draft is kept by Gmail, the window goes).
    compose.addEventListener('keydown', function (e) {
      if (e.key === 'Escape' && !e.defaultPrevented && faults['escape-closes-compose']) { discarded.push(id); closeCompose(id); }
    });
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
  var PICKER_DELAY_MS = 350;
  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  var lastScheduledAt = null;
  var pickerCount = 0;

  function dayAt(date, hour) { var d = new Date(date); d.setHours(hour, 0, 0, 0); return d.getTime(); }
  function tomorrowAt(hour) { var d = new Date(); d.setDate(d.getDate() + 1); return dayAt(d, hour); }
  function mondayAt(hour) { var d = new Date(); d.setDate(d.getDate() + ((8 - d.getDay()) % 7 || 7)); return dayAt(d, hour); }
  function rowTime(at) { return new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(at).replace(/\u202f/g, ' '); }
  function pickerDate(at) { return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' }).format(at); }
  function pickerTime(at) { return new Intl.DateTimeFormat('en-US', { timeStyle: 'short' }).format(at).replace(/\u202f/g, ' '); }

  /** A modal dialog: a scrim behind it (a press on it closes the dialog), Escape inside it closes it. */
  function mountModal(dialog) {
    var scrim = el('div', { class: 'Kj-JD-Jh', 'aria-hidden': 'true' });
    function close() { scrim.remove(); dialog.remove(); }
    onPress(scrim, close);
    dialog.addEventListener('keydown', function (e) { if (e.key === 'Escape') { e.stopPropagation(); close(); } });
    document.body.append(scrim, dialog);
    return close;
  }

  function openScheduleDialog(record) {
    if (!composes[record.id]) return;
    var presets = [['Tomorrow morning', tomorrowAt(8)], ['Tomorrow afternoon', tomorrowAt(13)], ['Monday morning', mondayAt(8)]];
    // After a custom time, Gmail adds a "Last scheduled time" row on top: positions shift.
    if (lastScheduledAt !== null && lastScheduledAt > Date.now()) presets.unshift(['Last scheduled time', lastScheduledAt]);
    var menu = el('div', { class: 'ZkmAeb', role: 'menu' });
    var dialog = el('div', { class: 'Kj-JD aYK', role: 'dialog', 'aria-label': 'Schedule send', tabindex: '0' }, [el('div', { class: 'Kj-JD-K7' }, [el('span', { class: 'Kj-JD-K7-K0', role: 'heading', text: 'Schedule send' })]), el('div', { class: 'Kj-JD-Jz' }, [menu])]);
    var close = mountModal(dialog);
    dialog.focus();
    // The rows render a moment after the dialog node appears.
    setTimeout(function () {
      presets.forEach(function (p) {
        var row = el('div', { class: 'Az', role: 'menuitem', tabindex: '-1' }, [el('div', { class: 'Aj', text: p[0] }), el('div', { class: 'Ay', text: rowTime(p[1]) })]);
        onPress(row, function () { close(); schedule(record, p[1]); });
        menu.appendChild(row);
      });
      var pick = el('div', { class: 'Az AM', role: 'menuitem', tabindex: '-1' }, [el('div', { class: 'Aj', text: 'Pick date & time' })]);
      // "Pick date & time" tears this dialog down; the picker is a new dialog, mounted later.
      onPress(pick, function () { close(); setTimeout(function () { openPicker(record); }, PICKER_DELAY_MS); });
      menu.appendChild(pick);
    }, 30);
  }

  /** English Gmail reads "May 16, 2026" or "05/16/2026", and "1:33 PM"; an ISO date is "Invalid date". */
  function parsePicked(dateText, timeText) {
    var d = /^([A-Z][a-z]{2}) (\d{1,2}), (\d{4})$/.exec(dateText.trim());
    var n = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(dateText.trim());
    var t = /^(\d{1,2}):(\d{2}) (AM|PM)$/.exec(timeText.trim());
    if (!t || !(d || n) || (d && MONTHS.indexOf(d[1]) < 0) || Number(t[1]) > 12 || Number(t[2]) > 59) return null;
    var month = d ? MONTHS.indexOf(d[1]) : Number(n[1]) - 1;
    var day = Number(d ? d[2] : n[2]);
    var at = new Date(Number(d ? d[3] : n[3]), month, day, Number(t[1]) % 12 + (t[3] === 'PM' ? 12 : 0), Number(t[2]));
    return at.getDate() === day && at.getMonth() === month ? at.getTime() : null;
  }

  function materialButton(label, kind) {
    return el('button', { class: 'mUIrbf-I mUIrbf-I-ql-Uw ' + kind }, [el('span', { class: 'mUIrbf-anl', jsname: 'V67aGc', text: label })]);
  }

  function openPicker(record) {
    if (!composes[record.id]) return;
    pickerCount++;
    var start = new Date(Date.now() + 60000);
    var dateInput = el('input', { class: 'aQd', jsname: 'YPqjbf', id: 'c' + (pickerCount * 4 - 1), type: 'text', 'aria-label': 'Date' });
    var timeInput = el('input', { class: 'aQd', jsname: 'YPqjbf', id: 'c' + pickerCount * 4, type: 'text', 'aria-label': 'Time' });
    dateInput.value = pickerDate(start);
    timeInput.value = pickerTime(start);
    var error = el('div', { class: 'aQe demo-error' });
    function picked() { return faults['picker-rejects'] ? null : parsePicked(dateInput.value, timeInput.value); }
    function check() { error.textContent = picked() === null ? 'Invalid date' : ''; }
    [dateInput, timeInput].forEach(function (f) { ['input', 'change', 'blur'].forEach(function (type) { f.addEventListener(type, check); }); });
    // A small month grid, its navigation and Today / None: more buttons than the two that matter.
    var grid = el('table', { class: 'aQg', role: 'grid' }, [el('tbody', {}, [0, 1].map(function (week) {
      return el('tr', {}, [0, 1, 2, 3, 4, 5, 6].map(function (i) {
        var d = new Date(start); d.setDate(d.getDate() + week * 7 + i);
        var cell = el('td', { class: 'aQf', text: String(d.getDate()) });
        onPress(cell, function () { dateInput.value = pickerDate(d); check(); });
        return cell;
      }));
    }))]);
    var today = el('button', { class: 'aQj', type: 'button', text: 'Today' });
    onPress(today, function () { dateInput.value = pickerDate(Date.now()); check(); });
    var cancel = materialButton('Cancel', 'Rb6pkf');
    var ok = materialButton('Schedule send', 'eV8l8d');
    var picker = el('div', { class: 'Kj-JD aYL', role: 'dialog', tabindex: '0' }, [
      el('div', { class: 'Kj-JD-K7' }, [el('span', { class: 'Kj-JD-K7-K0', role: 'heading', text: 'Pick date & time' })]),
      el('div', { class: 'Kj-JD-Jz' }, [
        el('div', { class: 'aQk' }, [el('button', { class: 'aQh', type: 'button', text: '\u00ab' }), el('span', { text: MONTHS[start.getMonth()] + ' ' + start.getFullYear() }), el('button', { class: 'aQh', type: 'button', text: '\u00bb' })]),
        grid,
        el('div', { class: 'aQi' }, [today, el('button', { class: 'aQj', type: 'button', text: 'None' })]),
        el('div', { class: 'aQc' }, [dateInput, timeInput]),
        error,
      ]),
      el('div', { class: 'Kj-JD-Jl' }, [cancel, ok]),
    ]);
    var close = mountModal(picker);
    onPress(cancel, close);
    onPress(ok, function () {
      var at = picked();
      // Gmail's confirm does nothing while the date is invalid.
      if (at === null) { error.textContent = 'Invalid date'; return; }
      if (at <= Date.now()) { error.textContent = 'Scheduled time must be in the future'; return; }
      close();
      lastScheduledAt = at;
      schedule(record, at);
    });
    dateInput.focus();
  }

  function snackbarTime(at) {
    return new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(at).replace(/\u202f/g, ' ');
  }

  function showSnackbar(record, li, at) {
    document.querySelectorAll('.b8').forEach(function (n) { n.remove(); });
    var undo = el('span', { class: 'ag a8k', id: 'link_undo', role: 'link', tabindex: '0', text: 'Undo' });
    var view = el('span', { class: 'ag a8k', id: 'link_vsm', role: 'link', tabindex: '0', text: 'View message' });
    var bar = el('div', { class: 'b8 UC', role: 'alert', 'aria-live': 'assertive' }, [el('div', { class: 'J-J5-Ji' }, [el('div', { class: 'vh' }, [el('span', { class: 'aT' }, [
      el('span', { class: 'bAq', text: 'Send scheduled for ' + snackbarTime(at) }), el('span', { class: 'bAo', text: '\u00a0\u00a0' }), undo, el('span', { class: 'bAo', text: '\u00a0\u00a0' }), view,
    ])])])]);
    // Undo takes the scheduled message back into its compose, as it was.
    undo.addEventListener('click', function () {
      bar.remove();
      if (!li.isConnected) return;
      li.remove();
      composes[record.id] = record;
      (record.kind === 'inline' ? main : composesBox).appendChild(record.outer);
    });
    view.addEventListener('click', function () { bar.remove(); });
    document.body.appendChild(bar);
    setTimeout(function () { bar.remove(); }, 10000);
  }

  function schedule(record, at) {
    if (!composes[record.id]) return;
    var li = el('li', { 'data-compose-id': record.id, 'data-at': String(at), 'data-recorded-at': String(Date.now()), 'data-to': recipientsOf(record).join(','), text: fmt(at) + ' to ' + recipientsOf(record).join(', ') });
    scheduledList.appendChild(li);
    closeCompose(record.id);
    showSnackbar(record, li, at);
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

  /** For tests and the start script (page world): the API both demo mailboxes share (tests/demo/api.ts). */
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
    draft: function (id) {
      var record = composes[id];
      if (!record) return null;
      var subject = record.node.querySelector('[data-demo-subject]');
      return { to: recipientsOf(record), typed: record.node.querySelector('[data-demo-to]').value, subject: subject ? subject.value : null, body: record.node.querySelector('[data-demo-body]').textContent };
    },
    openDialogs: function () {
      var dialogs = Array.prototype.filter.call(document.querySelectorAll('[role=dialog]'), function (d) { return !d.querySelector('.M9'); });
      var menus = Array.prototype.filter.call(document.querySelectorAll('.M9 [role=menu]'), function (m) { return m.style.display !== 'none'; });
      return dialogs.length + menus.length;
    },
    escapes: function () { return escapes; },
    discarded: function () { return discarded.slice(); },
    setBuild: function (name) { throw new Error('The Gmail demo has one build, not ' + name); },
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

  };
})();
