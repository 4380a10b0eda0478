import { defineContentScript } from 'wxt/utils/define-content-script';
import { outlookSite } from '../../src/sites/outlook/site.ts';
import { runContentScript } from '../../src/sites/shared/content-main.ts';

export default defineContentScript({
  // The four hosts of OUTLOOK_MATCHES in wxt.config.ts (a unit test keeps the two lists equal).
  matches: ['https://outlook.office.com/*', 'https://outlook.office365.com/*', 'https://outlook.live.com/*', 'https://outlook.cloud.microsoft/*'],
  runAt: 'document_idle',
  main(ctx) {
    // ctx.signal aborts when the extension is updated or removed: every listener and observer goes with it.
    runContentScript(outlookSite, ctx.signal);
  },
});
