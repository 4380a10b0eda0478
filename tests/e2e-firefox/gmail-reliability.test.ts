// The reliability run (tests/kit/reliability.ts) on the Gmail demo in Firefox: shorter than Chromium's, for CI time.
import { reliabilityFlow } from '../kit/flows.ts';
import { firefox } from '../kit/firefox.ts';
import { gmailDemo } from '../demo/gmail/site.ts';

reliabilityFlow(gmailDemo, firefox, { gestures: 40 });
