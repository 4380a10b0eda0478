// ReplyPace in Outlook on the web, end to end in Firefox ESR: every mail flow (tests/kit/flows.ts) on the Outlook demo.
import { mailFlows } from '../kit/flows.ts';
import { firefox } from '../kit/firefox.ts';
import { outlookDemo } from '../demo/outlook/site.ts';

mailFlows(outlookDemo, firefox);
