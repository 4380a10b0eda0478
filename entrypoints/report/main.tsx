import { render } from 'preact';
import { browser } from 'wxt/browser';
import { parseReportParams, reportSearch, type ReportParams } from '../../src/ui/report/links.ts';
import { ReportPage } from '../../src/ui/report/ReportPage.tsx';
import { WeeklyReviewPage } from '../../src/ui/report/WeeklyReviewPage.tsx';
import '../../src/ui/pages/theme.css';
import '../../src/ui/report/report.css';

const root = document.getElementById('app')!;

function show(params: ReportParams): void {
  if (params.clientKey) {
    document.title = 'ReplyPace review';
    render(<ReportPage params={{ ...params, clientKey: params.clientKey }} navigate={go} />, root);
  } else {
    document.title = 'ReplyPace weekly review';
    render(<WeeklyReviewPage requestNotifications={() => browser.permissions.request({ permissions: ['notifications'] })} />, root);
  }
}

function go(params: ReportParams): void {
  history.pushState(null, '', reportSearch(params));
  show(params);
}

window.addEventListener('popstate', () => show(parseReportParams(location.search)));
show(parseReportParams(location.search));
