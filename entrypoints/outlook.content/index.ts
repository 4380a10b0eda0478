import { defineContentScript } from 'wxt/utils/define-content-script';
import { outlookSite } from '../../src/sites/outlook/site.ts';
import { runContentScript } from '../../src/sites/shared/content-main.ts';
import { OUTLOOK_MATCHES } from '../../src/sites/hosts.ts';

export default defineContentScript({
  matches: OUTLOOK_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    // ctx.signal aborts when the extension is updated or removed: every listener and observer goes with it.
    runContentScript(outlookSite, ctx.signal);
  },
});
