/** The Outlook demo mailbox as the browser kit drives it (see README.md for its conversations and faults). */
import { demoSite } from '../../kit/demo-site.ts';

export const outlookDemo = demoSite({
  id: 'outlook',
  name: 'Outlook',
  origins: ['https://outlook.office.com', 'https://outlook.live.com'],
  path: '/mail/0/',
  hash: '',
  threads: {
    acmeInstant: { index: 0, replyTo: 'Bob Acme' },
    acmeAfterHours: { index: 1, replyTo: 'Bob Acme' },
    initechInstant: { index: 2, replyTo: 'Tom Reyes' },
    colleague: { index: 3, replyTo: 'Carol Colleague' },
  },
  newClientAddress: 'ops@acme.example',
  recipients: { acme: ['bob@acme.example', 'ops@acme.example'], others: ['tom@initech-labs.com', 'carol@mine.example', 'buyer@globex.example'] },
  faults: {
    sendButtonUnknown: 'no-send-button',
    scheduleFails: ['no-dialog', 'no-menu', 'reject-typed-date'],
    dateRejected: 'reject-typed-date',
    awkward: ['late-dialogs', 'slow-send'],
  },
  schedule: {
    builds: ['button', 'menuitem', 'schedule-send'],
    firstDialog: '[role=dialog][aria-label="Schedule send"]',
    fieldsDialog: '[role=dialog][aria-label="Set custom date and time"]',
    lateDialogs: 'late-dialogs',
    notice: null,
  },
  escape: 'discards',
  popOut: true,
  mailboxZone: { query: 'tz', setting: 'outlookTimeZone' },
});
