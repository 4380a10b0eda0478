// The reliability run (tests/kit/reliability.ts) on the Gmail demo in Chromium; `npm run bench` runs 2,000 gestures.
import { reliabilityFlow } from '../kit/flows.ts';
import { chromium } from '../kit/chromium.ts';
import { gmailDemo } from '../demo/gmail/site.ts';

reliabilityFlow(gmailDemo, chromium, { gestures: 200 });
