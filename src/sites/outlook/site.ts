import type { MailSite } from '../contract.ts';
import { composeContaining, findComposes, isComposeOpen, readCompose, sendButton, sendButtonCompose, triggerSend } from './compose.ts';
import { readOutlookPage } from './reader.ts';
import { scheduleWithOutlook } from './scheduler.ts';

export const outlookSite: MailSite = {
  id: 'outlook',
  name: 'Outlook',
  read: (doc) => readOutlookPage(doc),
  findComposes,
  readCompose,
  sendButtonCompose,
  sendButton,
  composeContaining,
  isComposeOpen,
  triggerSend,
  scheduleSend: scheduleWithOutlook,
};
