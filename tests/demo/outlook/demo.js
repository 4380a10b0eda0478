// Behaviour of the Outlook demo page (index.html): Send, Ctrl+Enter, "More send options" →
// "Schedule send" → custom time → Send, with a record of what was sent and scheduled in
// window.__outlookDemo. Plain script: served inline into the page, or imported by unit tests.
(function installOutlookDemo(win, doc) {
  const params = new URLSearchParams(win.location.search);
  const faults = new Set((params.get('faults') || '').split(',').filter(Boolean));
  const records = (win.__outlookDemo = { sent: [], scheduled: [] });

  const pad = (n) => String(n).padStart(2, '0');
  const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  /** Outlook's en-US reading-pane format, "Wed 4/30/2025 3:03 PM", in the browser's zone. */
  function outlookTime(at) {
    const d = new Date(at);
    const hour12 = d.getHours() % 12 === 0 ? 12 : d.getHours() % 12;
    return `${weekdays[d.getDay()]} ${d.getMonth() + 1}/${d.getDate()}/${d.getFullYear()} ${hour12}:${pad(d.getMinutes())} ${d.getHours() < 12 ? 'AM' : 'PM'}`;
  }

  const received = Number(params.get('received')) || Date.now() - 2 * 60_000;
  for (const time of doc.querySelectorAll('[data-testid="SentReceivedSavedTime"]')) time.textContent = outlookTime(received);

  function showCounts() {
    doc.getElementById('sent-count').textContent = String(records.sent.length);
    doc.getElementById('scheduled-count').textContent = String(records.scheduled.length);
  }

  function recipientsOf(compose) {
    const to = compose.querySelector('[role="textbox"][aria-label="To"]');
    return to ? Array.from(to.querySelectorAll('[aria-label]'), (chip) => chip.getAttribute('aria-label')) : [];
  }

  function closeCompose(compose) {
    compose.remove();
    closePopups();
  }

  function send(compose, scheduledFor) {
    const record = { at: Date.now(), to: recipientsOf(compose), scheduledFor };
    (scheduledFor === null ? records.sent : records.scheduled).push(record);
    closeCompose(compose);
    showCounts();
  }

  function closePopups() {
    for (const popup of doc.querySelectorAll('[data-demo-popup]')) popup.remove();
    const chevron = doc.querySelector('[aria-label="More send options"]');
    if (chevron) chevron.setAttribute('aria-expanded', 'false');
  }

  function popup(html, attributes) {
    const element = doc.createElement('div');
    element.setAttribute('data-demo-popup', '');
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    element.innerHTML = html;
    doc.body.append(element);
    return element;
  }

  function openMenu(compose, chevron) {
    closePopups();
    if (faults.has('no-menu')) return;
    chevron.setAttribute('aria-expanded', 'true');
    const menu = popup('<button type="button" role="menuitem" data-demo="schedule">Schedule send</button>', { role: 'menu' });
    menu.querySelector('[data-demo="schedule"]').addEventListener('click', () => openScheduleDialog(compose));
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
    closePopups();
    if (faults.has('no-dialog')) return;
    const dialog = popup(
      `<h2>Schedule send</h2>
       <button type="button" role="menuitem" data-demo="preset">Tomorrow morning ${outlookTime(tomorrowMorning()).split(' ').slice(2).join(' ')}</button>
       <button type="button" role="menuitem" data-demo="custom">Custom time</button>
       <div data-demo="custom-fields" hidden>
         <input type="text" aria-label="Date" placeholder="Select a date">
         <input type="text" role="combobox" aria-label="Time" placeholder="Select a time">
         <p role="alert" data-demo="error"></p>
         <button type="button" data-demo="send">Send</button>
         <button type="button" data-demo="cancel">Cancel</button>
       </div>`,
      { role: 'dialog', 'aria-label': 'Schedule send', 'aria-modal': 'true' },
    );
    const fields = dialog.querySelector('[data-demo="custom-fields"]');
    dialog.querySelector('[data-demo="preset"]').addEventListener('click', () => send(compose, tomorrowMorning()));
    dialog.querySelector('[data-demo="custom"]').addEventListener('click', () => {
      fields.hidden = false;
      dialog.querySelector('[aria-label="Date"]').focus();
    });
    dialog.querySelector('[data-demo="cancel"]').addEventListener('click', closePopups);
    dialog.querySelector('[data-demo="send"]').addEventListener('click', () => {
      const at = parseCustom(dialog.querySelector('[aria-label="Date"]').value, dialog.querySelector('[aria-label="Time"]').value);
      const error = dialog.querySelector('[data-demo="error"]');
      if (at === null) error.textContent = 'Enter a valid date and time.';
      else if (at <= Date.now()) error.textContent = 'The time you selected has already passed.';
      else send(compose, at);
    });
  }

  doc.addEventListener('click', (event) => {
    const target = event.target instanceof win.Element ? event.target : null;
    const compose = target && target.closest('[id^="docking_InitVisiblePart_"]');
    if (!compose) return;
    if (target.closest('[data-testid="ComposeSendButton"] button[aria-label="Send"]')) send(compose, null);
    else if (target.closest('[aria-label="More send options"]')) openMenu(compose, target.closest('button'));
    else if (target.closest('#discardCompose')) closeCompose(compose);
  });

  doc.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
    const target = event.target instanceof win.Element ? event.target : null;
    const compose = target && target.closest('[id^="docking_InitVisiblePart_"]');
    if (compose) {
      event.preventDefault();
      send(compose, null);
    }
  });

  doc.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') closePopups();
  });

  for (const row of doc.querySelectorAll('#MailList [data-convid]')) {
    row.addEventListener('click', () => {
      for (const other of doc.querySelectorAll('#MailList [data-convid]')) other.setAttribute('aria-selected', String(other === row));
    });
  }

  showCounts();
})(window, document);
