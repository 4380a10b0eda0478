/** The Gmail demo mailbox as the browser kit drives it (see README.md for its threads and faults). */
import { demoSite } from '../../kit/demo-site.ts';

export const gmailDemo = demoSite({
  id: 'gmail',
  name: 'Gmail',
  origins: ['https://mail.google.com'],
  path: '/mail/u/0/',
  hash: '#inbox',
  threads: {
    acmeInstant: { index: 0, replyTo: 'jana.berger@acme-corp.com' },
    acmeAfterHours: { index: 1, replyTo: 'jana.berger@acme-corp.com' },
    initechInstant: { index: 2, replyTo: 'tom@initech-labs.com' },
    colleague: { index: 3, replyTo: 'kim@northwind-sales.com' },
  },
  newClientAddress: 'ops@acme-corp.com',
  recipients: { acme: ['jana.berger@acme-corp.com', 'ops@acme-corp.com'], others: ['tom@initech-labs.com', 'kim@northwind-sales.com', 'buyer@globex.example'] },
  faults: {
    sendButtonUnknown: 'no-send-button',
    scheduleFails: ['no-schedule-dialog', 'picker-rejects'],
    dateRejected: 'picker-rejects',
    awkward: ['escape-closes-compose'],
  },
  schedule: {
    builds: [],
    firstDialog: '[role=dialog][aria-label="Schedule send"]',
    // The picker: a new dialog holding the date and time fields, always mounted 350 ms late.
    fieldsDialog: '[role=dialog]:has(input[jsname=YPqjbf])',
    lateDialogs: null,
    notice: { selector: '.vh .bAq', text: /^Send scheduled for / },
  },
  escape: { closesComposeWith: 'escape-closes-compose' },
  popOut: false,
  mailboxZone: null,
});
