// Site health and "Save a page report" in Firefox ESR, written once in tests/kit/page-report-flows.ts.
import { pageReportFlows } from '../kit/page-report-flows.ts';
import { firefox } from '../kit/firefox.ts';
import { gmailDemo } from '../demo/gmail/site.ts';
import { outlookDemo } from '../demo/outlook/site.ts';

pageReportFlows(gmailDemo, firefox, { failures: 2 });
pageReportFlows(outlookDemo, firefox, { failures: 3 });
