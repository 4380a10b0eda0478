// The send path after an extension reload, in Chromium on both demos (tests/kit/send-path-flows.ts).
import { sendPathFlows } from '../kit/send-path-flows.ts';
import { chromium } from '../kit/chromium.ts';
import { gmailDemo } from '../demo/gmail/site.ts';
import { outlookDemo } from '../demo/outlook/site.ts';

sendPathFlows(gmailDemo, chromium);
sendPathFlows(outlookDemo, chromium);
