import type { MailSite } from '../contract.ts';
import { composeContaining, findComposes, isComposeOpen, sendButton, sendButtonCompose, triggerSend } from './compose.ts';
import { readOutlookCompose, readOutlookPage } from './reader.ts';
import { scheduleWithOutlook } from './scheduler.ts';

export const outlookSite: MailSite = {
  id: 'outlook',
  name: 'Outlook',
  read: (doc) => readOutlookPage(doc),
  findComposes,
  readCompose: (compose) => readOutlookCompose(compose),
  sendButtonCompose,
  sendButton,
  composeContaining,
  isComposeOpen,
  triggerSend,
  scheduleSend: scheduleWithOutlook,
};
