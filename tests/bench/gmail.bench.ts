// Gmail figures (tests/kit/site-bench.ts) on the Gmail demo in Chromium.
import { siteBench } from '../kit/site-bench.ts';
import { gmailDemo } from '../demo/gmail/site.ts';

export default () => siteBench(gmailDemo);
