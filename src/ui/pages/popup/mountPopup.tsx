/**
 * The rest of the popup, loaded by its first script (start.ts) once the last view is painted:
 * renders PopupApp into the same element, reusing the painted nodes, with the requests already
 * under way.
 */
import { render } from 'preact';
import { api } from '../api.ts';
import { askSettingsAndNorms, attentionAfterList, PopupApp, settingsAndNormsOf } from './PopupApp.tsx';
import type { EarlyLoad } from './start.ts';

export function mountPopup(root: HTMLElement, early: EarlyLoad): void {
  const norms = early.popupData ? early.popupData.then(settingsAndNormsOf) : askSettingsAndNorms(api);
  const attention = attentionAfterList(norms, api);
  render(<PopupApp initialLoad={{ lastView: early.lastView, norms, attention }} />, root);
  root.removeAttribute('aria-busy');
}
