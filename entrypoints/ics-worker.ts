import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { serveIcsRequests } from '../src/ui/pages/ics-worker.ts';

// Packaged as /ics-worker.js: the options page reads .ics files in it (src/ui/pages/icsReader.ts).
export default defineUnlistedScript(() => serveIcsRequests(self as unknown as Parameters<typeof serveIcsRequests>[0]));
