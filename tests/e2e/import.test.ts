// History import in Chromium, written once in tests/kit/import-flows.ts.
import { importFlows } from '../kit/import-flows.ts';
import { chromium } from '../kit/chromium.ts';

importFlows(chromium, { seed: 20250601 });
