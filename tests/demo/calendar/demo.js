// The demo Google Calendar event editor (/r/eventedit/<id>), served as https://calendar.google.com.
// It behaves like the public evidence (tests/fixtures/calendar/README.md), awkward parts included:
// - ids xStDaIn/xStTiIn/xEnDaIn/xEnTiIn inside jsname containers; dates carry data-date="YYYYMMDD",
//   times data-initial-value ("7:30am", the en-US style public scripts show: "8:30pm");
// - a typed value is taken on Enter or when the field loses focus, and only if it was typed (an
//   `input` event); a value set by a script without typing is thrown away on blur;
// - moving the start keeps the event's length (the end follows), as Calendar does;
// - the guest list is rendered again from scratch on every change (old nodes are replaced);
// - the user's Calendar zone and address sit in hidden #xTimezone / #xUserEmail.
// Query: ?zone=Europe/Berlin&date=2025-03-04&start=07:30&minutes=30&guests=a@x.com,b@y.com
//        &account=me@example.com&allday=1&variant=bare (an editor without the expected fields).
(function () {
  'use strict';
  const params = new URLSearchParams(location.search);
  const zone = params.get('zone') || 'Europe/Berlin';
  const account = params.get('account') || 'sam@northwind.example';
  const variant = params.get('variant') || 'full';
  const today = new Date().toISOString().slice(0, 10);
  const [sh, sm] = (params.get('start') || '07:30').split(':').map(Number);
  const startMin = sh * 60 + sm;
  const length = Number(params.get('minutes') || 30);
  const state = {
    startDate: params.get('date') || today,
    startMin,
    endDate: params.get('date') || today,
    endMin: startMin + length,
    allDay: params.get('allday') === '1',
    guests: (params.get('guests') || 'jana.novak@acme-corp.com').split(',').filter(Boolean),
  };
  if (state.endMin >= 1440) {
    state.endMin -= 1440;
    state.endDate = addDays(state.endDate, 1);
  }
  const demo = { saved: 0, state, variant };
  window.__demo = demo;

  function addDays(key, days) {
    return new Date(Date.parse(key + 'T00:00:00Z') + days * 86400000).toISOString().slice(0, 10);
  }
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  function dateShown(key) {
    const [y, m, d] = key.split('-').map(Number);
    return MONTHS[m - 1] + ' ' + d + ', ' + y;
  }
  function timeShown(min) {
    const h = Math.floor(min / 60);
    const m = String(min % 60).padStart(2, '0');
    return ((h + 11) % 12) + 1 + ':' + m + (h >= 12 ? 'pm' : 'am');
  }
  function parseDate(text) {
    const t = text.trim().replace(/^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+/i, '');
    let m = /^([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(t);
    let month, day, year;
    if (m) [month, day, year] = [MONTHS.indexOf(m[1][0].toUpperCase() + m[1].slice(1, 3).toLowerCase()) + 1, Number(m[2]), Number(m[3])];
    else if ((m = /^(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?,?\s+(\d{4})$/.exec(t))) [day, month, year] = [Number(m[1]), MONTHS.indexOf(m[2][0].toUpperCase() + m[2].slice(1, 3).toLowerCase()) + 1, Number(m[3])];
    else return null;
    if (month < 1 || day < 1 || day > 31) return null;
    return year + '-' + String(month).padStart(2, '0') + '-' + String(day).padStart(2, '0');
  }
  function parseTime(text) {
    const m = /^(\d{1,2})(?::(\d{2}))?\s*([ap])\.?m\.?$/i.exec(text.trim()) || /^(\d{1,2}):(\d{2})$/.exec(text.trim());
    if (!m) return null;
    let h = Number(m[1]);
    const min = Number(m[2] || 0);
    if (m[3]) {
      if (h < 1 || h > 12) return null;
      h = (h % 12) + (m[3].toLowerCase() === 'p' ? 12 : 0);
    }
    return h < 24 && min < 60 ? h * 60 + min : null;
  }
  function toAbs(key, min) {
    return Date.parse(key + 'T00:00:00Z') / 60000 + min;
  }
  function fromAbs(abs) {
    const day = Math.floor(abs / 1440);
    return { key: new Date(day * 86400000).toISOString().slice(0, 10), min: abs - day * 1440 };
  }

  const app = document.getElementById('app');
  app.innerHTML =
    '<div class="hidden-info"><div id="xUserEmail"></div><div id="xTimezone"></div><div id="xUserLocale">en</div></div>' +
    '<header><div role="button" aria-label="Close" tabindex="0">✕</div>' +
    '<input class="title" id="xTiIn" aria-label="Title" data-initial-value="Quarterly review" value="Quarterly review">' +
    (variant === 'bare' ? '<div role="button" class="save" tabindex="0">Save</div>' : '<div role="button" id="xSaveBu" jsname="x8hlje" tabindex="0">Save</div>') +
    '</header><main><section class="details"><div class="row" id="when"></div>' +
    '<div class="row"><div id="xAlDaCbx"><input type="checkbox" id="allday"><label for="allday">All day</label></div></div>' +
    '<div class="row"><textarea aria-label="Description" rows="4" cols="50"></textarea></div></section>' +
    '<section class="guests" id="xGstTab"><input type="text" aria-label="Guests" placeholder="Add guests">' +
    '<div id="xGstLst"><div role="list" aria-label="Guests invited to this event."></div></div></section></main>';
  app.querySelector('#xUserEmail').textContent = account;
  app.querySelector('#xTimezone').textContent = zone;

  const when = app.querySelector('#when');
  const fields = {};
  const specs =
    variant === 'bare'
      ? [['startDate', 'Start date'], ['startTime', 'Start time'], ['endTime', 'End time'], ['endDate', 'End date']].map(([key, label]) => [key, label, '', ''])
      : [
          ['startDate', 'Start date', 'xStDaIn', 'iKdrbf'],
          ['startTime', 'Start time', 'xStTiIn', 'B4GDSd'],
          ['endTime', 'End time', 'xEnTiIn', 'XCHdmd'],
          ['endDate', 'End date', 'xEnDaIn', 'NNrqNc'],
        ];
  for (const [key, label, id, jsname] of specs) {
    const box = document.createElement('div');
    if (jsname) box.setAttribute('jsname', jsname);
    const input = document.createElement('input');
    input.type = 'text';
    input.setAttribute('aria-label', label);
    if (id) input.id = id;
    if (jsname) input.setAttribute('jsname', 'YPqjbf');
    box.append(input);
    when.append(box);
    if (key === 'startTime') when.append(' – ');
    fields[key] = input;
    let typed = false;
    input.addEventListener('input', () => (typed = true));
    const commit = () => {
      if (typed) apply(key, input.value);
      typed = false;
      render();
    };
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') commit();
    });
    input.addEventListener('blur', commit);
  }

  function apply(key, text) {
    const isDate = key.endsWith('Date');
    const value = isDate ? parseDate(text) : parseTime(text);
    if (value === null) return;
    const length = toAbs(state.endDate, state.endMin) - toAbs(state.startDate, state.startMin);
    if (key === 'startDate' || key === 'startTime') {
      if (isDate) state.startDate = value;
      else state.startMin = value;
      // The end follows the start: the event keeps its length.
      const end = fromAbs(toAbs(state.startDate, state.startMin) + length);
      state.endDate = end.key;
      state.endMin = end.min;
    } else {
      const next = { date: key === 'endDate' ? value : state.endDate, min: key === 'endTime' ? value : state.endMin };
      if (toAbs(next.date, next.min) <= toAbs(state.startDate, state.startMin)) return;
      state.endDate = next.date;
      state.endMin = next.min;
    }
  }

  const allDay = app.querySelector('#allday');
  allDay.addEventListener('change', () => {
    state.allDay = allDay.checked;
    render();
  });

  const list = app.querySelector('#xGstLst [role=list]');
  const guestInput = app.querySelector('input[aria-label=Guests]');
  guestInput.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    const address = guestInput.value.trim().toLowerCase();
    if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address) && !state.guests.includes(address)) state.guests.push(address);
    guestInput.value = '';
    render();
  });

  function renderGuests() {
    // Rendered again from scratch, as the real list is.
    const items = [account, ...state.guests].map((address, i) => {
      const item = document.createElement('div');
      item.setAttribute('role', 'listitem');
      if (variant !== 'bare') {
        item.setAttribute('data-email', address);
        item.setAttribute('data-id', address);
      }
      const name = document.createElement('span');
      if (variant !== 'bare') name.setAttribute('data-hovercard-id', address);
      name.textContent = i === 0 ? address + ' (Organizer)' : address;
      item.append(name);
      if (i > 0) {
        const remove = document.createElement('div');
        remove.setAttribute('role', 'button');
        remove.setAttribute('tabindex', '0');
        remove.setAttribute('aria-label', 'Remove ' + address);
        remove.textContent = '✕';
        remove.addEventListener('click', () => {
          state.guests = state.guests.filter((g) => g !== address);
          render();
        });
        item.append(remove);
      }
      return item;
    });
    list.replaceChildren(...items);
  }

  function setField(input, attrs, shown) {
    for (const [name, value] of Object.entries(attrs)) if (input.getAttribute(name) !== value) input.setAttribute(name, value);
    if (document.activeElement !== input) input.value = shown;
  }

  function render() {
    const withAttrs = variant !== 'bare';
    setField(fields.startDate, withAttrs ? { 'data-date': state.startDate.replace(/-/g, ''), 'data-initial-value': dateShown(state.startDate) } : {}, dateShown(state.startDate));
    setField(fields.endDate, withAttrs ? { 'data-date': state.endDate.replace(/-/g, ''), 'data-initial-value': dateShown(state.endDate) } : {}, dateShown(state.endDate));
    setField(fields.startTime, withAttrs ? { 'data-initial-value': timeShown(state.startMin) } : {}, timeShown(state.startMin));
    setField(fields.endTime, withAttrs ? { 'data-initial-value': timeShown(state.endMin) } : {}, timeShown(state.endMin));
    fields.startTime.hidden = fields.endTime.hidden = state.allDay;
    allDay.checked = state.allDay;
    renderGuests();
  }

  const snackbar = document.querySelector('.snackbar');
  function save() {
    demo.saved += 1;
    snackbar.textContent = 'Event saved';
  }
  const saveButton = app.querySelector('#xSaveBu, .save');
  saveButton.addEventListener('click', save);
  saveButton.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') save();
  });

  render();
  demo.ready = true;
})();
