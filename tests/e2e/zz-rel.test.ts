import { mailFlows } from '../kit/flows.ts';
import { chromium } from '../kit/chromium.ts';
import { outlookDemo } from '../demo/outlook/site.ts';
import { gmailDemo } from '../demo/gmail/site.ts';

mailFlows(process.env.SITE === 'gmail' ? gmailDemo : outlookDemo, chromium, { reliabilityGestures: Number(process.env.N ?? 40) });
