/**
 * The extension pages' localStorage: shared by the popup, options, report and welcome pages (one
 * origin), read synchronously. Null where there is none, or it is refused.
 */
export function pagesStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
