// ReplyPace in Outlook on the web, end to end in Firefox ESR: every mail flow, then a shorter reliability run than Chromium's (tests/kit/flows.ts).
import { mailFlows } from '../kit/flows.ts';
import { firefox } from '../kit/firefox.ts';
import { outlookDemo } from '../demo/outlook/site.ts';

mailFlows(outlookDemo, firefox, { reliabilityGestures: 30 });
