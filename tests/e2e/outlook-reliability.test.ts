// The reliability run (tests/kit/reliability.ts) on the Outlook demo in Chromium; `npm run bench` runs 2,000 gestures.
import { reliabilityFlow } from '../kit/flows.ts';
import { chromium } from '../kit/chromium.ts';
import { outlookDemo } from '../demo/outlook/site.ts';

reliabilityFlow(outlookDemo, chromium, { gestures: 200 });
