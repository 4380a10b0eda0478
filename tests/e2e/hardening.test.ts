// The extension pages' hardening in Chromium, written once in tests/kit/hardening-flows.ts.
import { hardeningFlows } from '../kit/hardening-flows.ts';
import { chromium } from '../kit/chromium.ts';

hardeningFlows(chromium);
