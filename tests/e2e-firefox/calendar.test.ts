// The calendar half in Firefox ESR, written once in tests/kit/calendar-flows.ts.
import { calendarFlows } from '../kit/calendar-flows.ts';
import { firefox } from '../kit/firefox.ts';

calendarFlows(firefox);
