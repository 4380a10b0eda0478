// The send path after an add-on reload, in Firefox ESR on both demos (tests/kit/send-path-flows.ts).
import { sendPathFlows } from '../kit/send-path-flows.ts';
import { firefox } from '../kit/firefox.ts';
import { gmailDemo } from '../demo/gmail/site.ts';
import { outlookDemo } from '../demo/outlook/site.ts';

sendPathFlows(gmailDemo, firefox);
sendPathFlows(outlookDemo, firefox);
