// ReplyPace in Outlook on the web, end to end in Chromium: every mail flow (tests/kit/flows.ts) on the Outlook demo.
import { mailFlows } from '../kit/flows.ts';
import { chromium } from '../kit/chromium.ts';
import { outlookDemo } from '../demo/outlook/site.ts';

mailFlows(outlookDemo, chromium);
