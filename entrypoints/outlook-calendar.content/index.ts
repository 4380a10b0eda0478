import { defineContentScript } from 'wxt/utils/define-content-script';
import { outlookCalendarSite } from '../../src/sites/outlook-calendar/site.ts';
import { outlookCalendarSelectors } from '../../src/sites/outlook-calendar/selectors.ts';
import { startCalendar } from '../../src/sites/calendar/run-calendar.ts';
import { send } from '../../src/messaging/client.ts';
import { OUTLOOK_CALENDAR_MATCHES } from '../../src/sites/hosts.ts';

/**
 * Outlook's calendar lives on the mail hosts, but the mail content script has no room left under
 * its size budget: this small script rides on the same hosts and wakes only on /calendar routes
 * (Outlook is a single-page app, so it follows route changes).
 */
export default defineContentScript({
  matches: OUTLOOK_CALENDAR_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    let running: AbortController | null = null;
    const follow = () => {
      const onCalendar = outlookCalendarSelectors.calendarRoute.test(location.pathname);
      if (onCalendar && !running) {
        running = new AbortController();
        startCalendar({ site: outlookCalendarSite, doc: document, signal: AbortSignal.any([ctx.signal, running.signal]), send });
      } else if (!onCalendar && running) {
        running.abort();
        running = null;
      }
    };
    ctx.addEventListener(window, 'wxt:locationchange', follow);
    follow();
  },
});
