/**
 * Censors a mail page into something a user can attach to a public bug report: the page's
 * structure and the hooks ReplyPace relies on, and nothing anyone wrote.
 *
 * - Every text node is blanked. Exceptions: an address becomes its placeholder; a site label that
 *   ReplyPace looks for ("Schedule send") stays; a received time stays (see hooks.ts TIME_HOOKS).
 * - Scripts, styles, comments, templates, embedded documents and the content of message bodies and
 *   compose editors are dropped whole.
 * - Only whitelisted attributes are kept (hooks.ts): ids and classes, roles, the sites' data hooks,
 *   and ARIA attributes whose values are tokens. Sentences (aria-label, title, tooltips) keep only a
 *   site label they start with and the placeholders of their addresses. Links keep their origin.
 *   Input values, sources, styles and every other attribute go.
 * - Every address becomes a placeholder (a1@example.invalid, a2@…), the same one wherever it
 *   appears, so that "who wrote to whom" keeps its shape. Opaque ids that can identify the account
 *   (Outlook's conversation ids, ids with long numbers) become consistent pseudonyms.
 * - The document title keeps its addresses' placeholders and the site's name, nothing else.
 *
 * It works on any Document (the popup's DOMParser, happy-dom in inspect and tests) and changes it
 * in place. It runs in the popup, never in the content script, and its result is only ever written
 * to a file the user saves.
 */
import {
  ADDRESS_ATTRIBUTES,
  BODY_CONTAINERS,
  DROPPED_ELEMENTS,
  FREE_TEXT_ATTRIBUTES,
  ID_REFERENCES,
  ID_SHAPES,
  KEPT_ATTRIBUTES,
  KEPT_META,
  NAMED_CONTROLS,
  PSEUDONYMIZED,
  readsAsTime,
  SITE_LABELS,
  TIME_HOOKS,
} from './hooks.ts';

const ELEMENT = 1;
const TEXT = 3;
/** Broad on purpose (what Gmail's reader would take for one): anything address-like is replaced. */
const ADDRESS = /[^\s<>()[\]"',;:@\\]+@[^\s<>()[\]"',;:@\\]+\.[a-z]{2,}/gi;
/** Ids that are hooks look like `ReadingPaneContainerId`, `docking_InitVisiblePart_0`, `:2x`; these look like data. */
const OPAQUE_ID = /[\s=+/@%]|\d{6,}|^.{65,}$/;
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

export interface CensorStats {
  /** Distinct addresses replaced by placeholders. */
  addresses: number;
  /** Lower-cased address → its placeholder; and `kind\0value` → pseudonym (tests map readings with them; never written). */
  placeholders: ReadonlyMap<string, string>;
  pseudonyms: ReadonlyMap<string, string>;
}

export function censorDocument(doc: Document): CensorStats {
  const placeholders = new Map<string, string>();
  const pseudonyms = new Map<string, string>();

  const placeholder = (address: string): string => {
    const key = address.toLowerCase();
    let found = placeholders.get(key);
    if (!found) placeholders.set(key, (found = `a${placeholders.size + 1}@example.invalid`));
    return found;
  };
  const placeholdersIn = (text: string): string[] => [...text.matchAll(ADDRESS)].map((m) => placeholder(m[0]));
  const pseudonym = (kind: string, value: string): string => {
    const key = `${kind}\u0000${value}`;
    let found = pseudonyms.get(key);
    if (!found) pseudonyms.set(key, (found = `${kind}-${pseudonyms.size + 1}`));
    return found;
  };
  const censorId = (value: string) => (OPAQUE_ID.test(value) ? pseudonym('id', value) : value);

  /** A site label the text starts with (followed by nothing or a non-word character), or null. */
  const labelAtStart = (text: string): string | null => {
    for (const label of SITE_LABELS) {
      // "Send" does not start "Sender"; "From: " ends with its own boundary.
      const bounded = !/[\p{L}\p{N}]$/u.test(label) || !/^[\p{L}\p{N}]/u.test(text.slice(label.length));
      if (text.startsWith(label) && bounded) return label;
    }
    return null;
  };
  const censorSentence = (value: string): string | null => {
    const text = value.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
    const label = labelAtStart(text);
    const addresses = placeholdersIn(text);
    if (label === null && addresses.length === 0) return null;
    const rest = addresses.join(', ');
    return label === null ? rest : rest ? `${label}${label.endsWith(' ') ? '' : ' '}${rest}` : label;
  };
  /** An attribute value kept as a hook, unless an address hides in it. */
  const censorHook = (value: string): string | null => {
    const replaced = value.replace(ADDRESS, (a) => placeholder(a));
    return /@|%40/i.test(replaced.replace(/a\d+@example\.invalid/g, '')) ? null : replaced;
  };

  const censorAttributes = (element: Element, tag: string, isTime: boolean) => {
    for (const { name, value } of [...element.attributes]) {
      let kept: string | null = null;
      if (name === 'id') kept = censorHook(censorId(value));
      else if (ID_REFERENCES.has(name)) kept = censorHook(value.split(/\s+/).filter(Boolean).map(censorId).join(' '));
      else if (PSEUDONYMIZED.has(name)) kept = pseudonym(PSEUDONYMIZED.get(name)!, value);
      else if (ID_SHAPES.has(name)) kept = ID_SHAPES.get(name)!.test(value) ? value : null;
      else if (KEPT_ATTRIBUTES.has(name) || (name === 'name' && NAMED_CONTROLS.has(tag))) kept = censorHook(value);
      else if (ADDRESS_ATTRIBUTES.has(name)) kept = placeholdersIn(value).join(', ') || null;
      else if (name === 'title' && isTime && readsAsTime(value.trim())) kept = value;
      else if (FREE_TEXT_ATTRIBUTES.has(name)) kept = censorSentence(value);
      else if (name === 'href') kept = originOf(value);
      else if (tag === 'meta' && (name === 'name' || name === 'property' || name === 'charset')) kept = value;
      else if (tag === 'meta' && name === 'content' && KEPT_META.test(value)) kept = value;
      if (kept === null) element.removeAttribute(name);
      else if (kept !== value) element.setAttribute(name, kept);
    }
  };

  const censorText = (node: Node, isTime: boolean) => {
    const raw = node.nodeValue ?? '';
    const text = raw.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
    let kept = '';
    if (text && isTime && readsAsTime(text)) kept = text;
    else if (text && SITE_LABELS.includes(text)) kept = text;
    else if (text) kept = placeholdersIn(text).join(', ');
    if (kept) node.nodeValue = kept;
    else node.parentNode?.removeChild(node);
  };

  const title = doc.title;
  const root = doc.documentElement;
  if (!root) return { addresses: 0, placeholders, pseudonyms };
  const stack: { node: Node; isTime: boolean }[] = [{ node: root, isTime: false }];
  while (stack.length > 0) {
    const { node, isTime: inTime } = stack.pop()!;
    if (node.nodeType === TEXT) {
      censorText(node, inTime);
      continue;
    }
    if (node.nodeType !== ELEMENT) {
      node.parentNode?.removeChild(node);
      continue;
    }
    const element = node as Element;
    const tag = element.localName.toLowerCase();
    if (DROPPED_ELEMENTS.has(tag) || (tag === 'meta' && !keepMeta(element))) {
      element.remove();
      continue;
    }
    if (tag === 'title') {
      element.textContent = '';
      continue;
    }
    const isTime = inTime || element.matches(TIME_HOOKS);
    if (element.matches(BODY_CONTAINERS)) element.replaceChildren();
    censorAttributes(element, tag, isTime);
    for (const child of [...element.childNodes]) stack.push({ node: child, isTime });
  }
  doc.title = censoredTitle(title, placeholdersIn);
  return { addresses: placeholders.size, placeholders, pseudonyms };
}

function keepMeta(meta: Element): boolean {
  if (meta.hasAttribute('charset')) return true;
  const content = meta.getAttribute('content') ?? '';
  return (meta.getAttribute('name') === 'application-name' || meta.getAttribute('property') === 'og:site_name') && KEPT_META.test(content);
}

/**
 * "Fwd: invoice from b@x.com - sam@y.com - Gmail" → "… - a2@example.invalid - Gmail". A part of the
 * title that is an address keeps its place, because the Gmail reader takes the account from the
 * part before the site's name; every other part (subjects, names, a Workspace organisation's name)
 * is blanked, so an address written in a subject never reads as the account in a report.
 */
function censoredTitle(title: string, placeholdersIn: (text: string) => string[]): string {
  const parts = title.split(' - ');
  return parts
    .map((part, index) => {
      const text = part.trim();
      if (index === parts.length - 1 && /^(Gmail|Outlook)$/.test(text)) return text;
      const found = placeholdersIn(text);
      return found.length === 1 && WHOLE_ADDRESS.test(text) ? found[0]! : '…';
    })
    .join(' - ');
}

const WHOLE_ADDRESS = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/** A link's origin only ("https://accounts.google.com"): paths, queries and fragments carry tokens. */
function originOf(href: string): string | null {
  try {
    const url = new URL(href);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : null;
  } catch {
    return null;
  }
}
