// ReplyPace in Gmail, end to end in Chromium: every mail flow, then the reliability run (tests/kit/flows.ts).
import { mailFlows } from '../kit/flows.ts';
import { chromium } from '../kit/chromium.ts';
import { gmailDemo } from '../demo/gmail/site.ts';

mailFlows(gmailDemo, chromium, { reliabilityGestures: 200 });
