import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Window } from 'happy-dom';

export const FIXTURES = resolve(import.meta.dirname, '..', '..', 'fixtures');

/** A page parsed as the popup parses the content script's markup: inert (nothing runs or loads). */
export function parsePage(html: string): Document {
  const window = new Window({
    url: 'about:blank',
    settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true, disableIframePageLoading: true },
  });
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

export function fixtureHtml(path: string): string {
  return readFileSync(resolve(FIXTURES, path), 'utf8');
}
