// ReplyPace in Gmail, end to end in Chromium: every mail flow (tests/kit/flows.ts) on the Gmail demo.
import { mailFlows } from '../kit/flows.ts';
import { chromium } from '../kit/chromium.ts';
import { gmailDemo } from '../demo/gmail/site.ts';

mailFlows(gmailDemo, chromium);
