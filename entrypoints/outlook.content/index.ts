import { defineContentScript } from 'wxt/utils/define-content-script';
import { send } from '../../src/messaging/client.ts';
import { outlookSite } from '../../src/sites/outlook/site.ts';
import { setMailboxTimeZone } from '../../src/sites/outlook/time.ts';
import { runContentScript } from '../../src/sites/shared/content-main.ts';
import { OUTLOOK_MATCHES } from '../../src/sites/hosts.ts';

export default defineContentScript({
  matches: OUTLOOK_MATCHES,
  runAt: 'document_idle',
  // A popped-out compose is an about:blank window of the Outlook tab (CH3COOOH/OutlookSendingSafety,
  // 2025-02): the script runs there too, so that its Send is guarded. It asks no permission: the
  // browser matches such a window by the Outlook page that opened it (top-level windows only).
  matchAboutBlank: true,
  async main(ctx) {
    // Outlook shows and takes times in the mailbox's zone: known before the page is read, so that
    // no time is ever read in another one. Unanswered: the browser's zone.
    const answer = await send({ type: 'mailboxTimeZone', site: 'outlook' });
    setMailboxTimeZone(answer.ok ? answer.value.timeZone : null);
    // ctx.signal aborts when the extension is updated or removed: every listener and observer goes with it.
    if (!ctx.signal.aborted) runContentScript(outlookSite, ctx.signal);
  },
});
