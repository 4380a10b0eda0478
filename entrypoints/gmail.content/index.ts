import { defineContentScript } from 'wxt/utils/define-content-script';
import { gmailSite } from '../../src/sites/gmail/site.ts';
import { runContentScript } from '../../src/sites/shared/content-main.ts';
import { GMAIL_MATCHES } from '../../src/sites/hosts.ts';

export default defineContentScript({
  matches: GMAIL_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    // ctx.signal aborts when the extension is updated or removed: every listener and observer goes with it.
    runContentScript(gmailSite, ctx.signal);
  },
});
