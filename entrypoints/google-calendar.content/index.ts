import { defineContentScript } from 'wxt/utils/define-content-script';
import { googleCalendarSite } from '../../src/sites/google-calendar/site.ts';
import { startCalendar } from '../../src/sites/calendar/run-calendar.ts';
import { send } from '../../src/messaging/client.ts';

export default defineContentScript({
  // CALENDAR_MATCHES in wxt.config.ts (a unit test keeps the two lists equal).
  matches: ['https://calendar.google.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    // ctx.signal aborts when the extension is updated or removed: the observer and the note go with it.
    startCalendar({ site: googleCalendarSite, doc: document, signal: ctx.signal, send });
  },
});
