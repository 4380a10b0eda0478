/**
 * The popup keeps its last view in storage.local to paint it at once on the next opening
 * (src/ui/pages/popup/lastView.ts). The background forgets it whenever the settings change or all
 * data is erased, so that the popup never paints a client as it was before.
 */
import { browser } from 'wxt/browser';
import { POPUP_LAST_VIEW_KEY } from '../messaging/constants.ts';

export async function forgetPopupView(): Promise<void> {
  await browser.storage.local.remove(POPUP_LAST_VIEW_KEY);
}
