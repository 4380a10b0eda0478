/** How long pages wait for the background: a cold service worker may need to open the database first. */
export const PAGE_TIMEOUT_MS = 8000;
