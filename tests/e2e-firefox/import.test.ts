// History import in Firefox ESR, written once in tests/kit/import-flows.ts.
import { importFlows } from '../kit/import-flows.ts';
import { firefox } from '../kit/firefox.ts';

importFlows(firefox, { seed: 20250602 });
