import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const here = join(process.cwd(), 'tests/demo/outlook');

/** The Outlook demo as one HTML document (its script inlined), ready for `route.fulfill`. */
export function outlookDemoHtml(): string {
  const html = readFileSync(join(here, 'index.html'), 'utf8');
  const script = readFileSync(join(here, 'demo.js'), 'utf8');
  return html.replace('<script src="demo.js"></script>', () => `<script>\n${script}\n</script>`);
}
