// ReplyPace in Gmail, end to end in Firefox ESR: every mail flow, then a shorter reliability run than Chromium's (tests/kit/flows.ts).
import { mailFlows } from '../kit/flows.ts';
import { firefox } from '../kit/firefox.ts';
import { gmailDemo } from '../demo/gmail/site.ts';

mailFlows(gmailDemo, firefox, { reliabilityGestures: 30 });
