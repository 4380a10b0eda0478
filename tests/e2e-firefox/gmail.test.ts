// ReplyPace in Gmail, end to end in Firefox ESR: every mail flow (tests/kit/flows.ts) on the Gmail demo.
import { mailFlows } from '../kit/flows.ts';
import { firefox } from '../kit/firefox.ts';
import { gmailDemo } from '../demo/gmail/site.ts';

mailFlows(gmailDemo, firefox);
