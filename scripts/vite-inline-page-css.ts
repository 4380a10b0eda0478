/**
 * A build step (Vite plugin, used by wxt.config.ts) that writes a page's stylesheets into the page
 * itself as <style> elements, instead of linking them as files.
 *
 * Why: every file an extension page loads is a round trip through the browser's extension
 * resource loader, and a classic script waits for the stylesheets linked before it. The popup's
 * first script (entrypoints/popup-start.ts) paints the last view as soon as it runs, so its page
 * links nothing it would wait for: its ~6 KB of CSS come with the HTML. The extension pages' CSP
 * allows inline styles (wxt.config.ts: style-src 'self' 'unsafe-inline'), never inline scripts.
 */
import type { Plugin } from 'vite';

/** Linked stylesheets as Vite writes them into a built page. */
const STYLESHEET_LINK = /<link rel="stylesheet"(?: crossorigin)? href="\/([^"]+\.css)">/g;

/** `pages`: the pages' paths from the project root, e.g. 'entrypoints/popup/index.html'. */
export function inlinePageCss(pages: readonly string[]): Plugin {
  return {
    name: 'replypace:inline-page-css',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const bundle = context.bundle;
        if (!bundle || !pages.some((page) => context.path === `/${page}`)) return html;
        let inlined = 0;
        const page = html.replace(STYLESHEET_LINK, (_link, file: string) => {
          const asset = bundle[file];
          if (!asset || asset.type !== 'asset') throw new Error(`inline-page-css: ${context.path} links ${file}, which the build did not write`);
          const css = typeof asset.source === 'string' ? asset.source : new TextDecoder().decode(asset.source);
          if (/<\/style/i.test(css)) throw new Error(`inline-page-css: ${file} contains "</style", which would end the element early`);
          inlined += 1;
          return `<style>${css}</style>`;
        });
        // A page that links no stylesheet any more means Vite writes links differently: fail rather than ship it slow.
        if (inlined === 0) throw new Error(`inline-page-css: found no stylesheet link in ${context.path}`);
        return page;
      },
    },
  };
}
