// Outlook figures (tests/kit/site-bench.ts) on the Outlook demo in Chromium.
import { siteBench } from '../kit/site-bench.ts';
import { outlookDemo } from '../demo/outlook/site.ts';

export default () => siteBench(outlookDemo);
