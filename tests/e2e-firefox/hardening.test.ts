// The extension pages' hardening in Firefox ESR, written once in tests/kit/hardening-flows.ts.
import { hardeningFlows } from '../kit/hardening-flows.ts';
import { firefox } from '../kit/firefox.ts';

hardeningFlows(firefox);
