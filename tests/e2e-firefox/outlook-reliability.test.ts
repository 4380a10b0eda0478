// The reliability run (tests/kit/reliability.ts) on the Outlook demo in Firefox: shorter than Chromium's, for CI time.
import { reliabilityFlow } from '../kit/flows.ts';
import { firefox } from '../kit/firefox.ts';
import { outlookDemo } from '../demo/outlook/site.ts';

reliabilityFlow(outlookDemo, firefox, { gestures: 40 });
