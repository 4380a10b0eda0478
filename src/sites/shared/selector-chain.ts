/**
 * The controls a driver cannot do without are found through a chain of alternatives, most trusted
 * first (language-free hooks before localized labels). Each alternative in a site's selectors.ts
 * carries a comment naming its source (a fixture, or a public project's file and date) and whether
 * it depends on the page's language. The driver records which alternative matched, so that a site
 * change shows up as a later alternative taking over (site health, page reports) before the chain
 * runs out.
 */

/** CSS selectors, most trusted first. */
export type SelectorChain = readonly string[];

export interface ChainMatch<E extends Element = Element> {
  element: E;
  /** Index in the chain of the alternative that found `element`. */
  alternative: number;
}

/**
 * The first element that `accept` takes, from the earliest alternative of `chain` that finds one
 * under `root`. A malformed alternative (a selector this browser cannot parse) is skipped, not fatal.
 */
export function matchChain<E extends Element = Element>(
  root: ParentNode,
  chain: SelectorChain,
  accept: (element: E) => boolean = () => true,
): ChainMatch<E> | null {
  for (let alternative = 0; alternative < chain.length; alternative++) {
    let found: NodeListOf<E>;
    try {
      found = root.querySelectorAll<E>(chain[alternative]!);
    } catch {
      continue;
    }
    for (const element of found) if (accept(element)) return { element, alternative };
  }
  return null;
}
