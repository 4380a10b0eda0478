/**
 * Performance marks the popup benchmark reads: requests sent; fresh data received; the first rows
 * painted (from the last view, or fresh when there is none); fresh rows painted; and settled (the
 * attention findings in too, so the background has finished the opening's work).
 */
export const POPUP_ASK_MARK = 'replypace:popup-ask';
export const POPUP_DATA_MARK = 'replypace:popup-data';
export const POPUP_READY_MARK = 'replypace:popup-ready';
export const POPUP_LIVE_MARK = 'replypace:popup-live';
export const POPUP_SETTLED_MARK = 'replypace:popup-settled';
