import { defineContentScript } from 'wxt/utils/define-content-script';
import { decide } from '../../src/core/decide.ts';
import { send } from '../../src/messaging/client.ts';
import { gmailSite } from '../../src/sites/gmail/site.ts';
import { startSite } from '../../src/sites/shared/run-site.ts';
import { showNudge } from '../../src/ui/nudge/index.ts';

export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    // ctx.signal aborts when the extension is updated or removed: every listener and observer goes with it.
    startSite({ site: gmailSite, doc: document, signal: ctx.signal, send, decide, showNudge });
  },
});
