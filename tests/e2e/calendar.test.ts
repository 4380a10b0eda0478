// The calendar half in Chromium, written once in tests/kit/calendar-flows.ts.
import { calendarFlows } from '../kit/calendar-flows.ts';
import { chromium } from '../kit/chromium.ts';

calendarFlows(chromium);
