import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Window } from 'happy-dom';

export const FIXTURES = resolve(import.meta.dirname, '..', '..', '..', 'fixtures', 'gmail');

/** A saved page parsed by happy-dom, with scripts off, as `npm run inspect` parses it. */
export function loadFixture(name: string, url = 'https://mail.google.com/mail/u/0/#inbox'): Document {
  const window = new Window({ url, settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true } });
  const doc = new window.DOMParser().parseFromString(readFileSync(resolve(FIXTURES, name), 'utf8'), 'text/html');
  return doc as unknown as Document;
}
