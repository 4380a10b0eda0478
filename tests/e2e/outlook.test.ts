// ReplyPace in Outlook on the web, end to end in Chromium: every mail flow, then the reliability run (tests/kit/flows.ts).
import { mailFlows } from '../kit/flows.ts';
import { chromium } from '../kit/chromium.ts';
import { outlookDemo } from '../demo/outlook/site.ts';

mailFlows(outlookDemo, chromium, { reliabilityGestures: 200 });
