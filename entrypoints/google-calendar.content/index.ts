import { defineContentScript } from 'wxt/utils/define-content-script';
import { googleCalendarSite } from '../../src/sites/google-calendar/site.ts';
import { startCalendar } from '../../src/sites/calendar/run-calendar.ts';
import { send } from '../../src/messaging/client.ts';
import { GOOGLE_CALENDAR_MATCHES } from '../../src/sites/hosts.ts';

export default defineContentScript({
  matches: GOOGLE_CALENDAR_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    // ctx.signal aborts when the extension is updated or removed: the observer and the note go with it.
    startCalendar({ site: googleCalendarSite, doc: document, signal: ctx.signal, send });
  },
});
