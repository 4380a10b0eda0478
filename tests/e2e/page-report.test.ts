// Site health and "Save a page report" in Chromium, written once in tests/kit/page-report-flows.ts.
import { pageReportFlows } from '../kit/page-report-flows.ts';
import { chromium } from '../kit/chromium.ts';
import { gmailDemo } from '../demo/gmail/site.ts';
import { outlookDemo } from '../demo/outlook/site.ts';

pageReportFlows(gmailDemo, chromium, { failures: 3 });
pageReportFlows(outlookDemo, chromium, { failures: 2 });
