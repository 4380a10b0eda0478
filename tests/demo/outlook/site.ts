/** The Outlook demo mailbox as the browser kit drives it (see README.md for its conversations and faults). */
import { demoSite } from '../../kit/demo-site.ts';

export const outlookDemo = demoSite({
  id: 'outlook',
  name: 'Outlook',
  origins: ['https://outlook.office.com', 'https://outlook.live.com'],
  path: '/mail/0/',
  threads: {
    acmeInstant: { index: 0, replyTo: 'Bob Acme' },
    acmeAfterHours: { index: 1, replyTo: 'Bob Acme' },
    initechInstant: { index: 2, replyTo: 'Tom Reyes' },
    colleague: { index: 3, replyTo: 'Carol Colleague' },
  },
  newClientAddress: 'ops@acme.example',
  recipients: { acme: ['bob@acme.example', 'ops@acme.example'], others: ['tom@initech-labs.com', 'carol@mine.example', 'buyer@globex.example'] },
  faults: { sendButtonUnknown: 'no-send-button', scheduleFails: ['no-dialog', 'no-menu'] },
});
