/**
 * A build step (Vite plugin, used by wxt.config.ts) that removes zod's two uses of the Function
 * constructor from the extension's bundles.
 *
 * Why: the code sets `z.config({ jitless: true })`, so zod never compiles a parser with `new
 * Function` at run time, but the code that could is still bundled. Store reviewers (Firefox's
 * `web-ext lint` reports DANGEROUS_EVAL) and strict extension CSPs judge the bundle, not the
 * configuration. Here the eval probe answers "no eval" and the compiler refuses to run, so the
 * shipped files contain no string-to-code path at all.
 *
 * If a zod update changes either spot, the build fails here instead of silently shipping eval again.
 */
import type { Plugin } from 'vite';

interface Rewrite {
  /** The end of the module id, e.g. '/zod/v4/core/util.js'. */
  file: string;
  find: RegExp;
  replace: string;
}

const REWRITES: Rewrite[] = [
  {
    // allowsEval(): the probe `new Function("")` becomes a plain "not allowed".
    file: '/zod/v4/core/util.js',
    find: /const F = Function;\s*new F\(""\);\s*return true;/,
    replace: 'return false;',
  },
  {
    // Doc.compile(): the JIT compiler, unreachable under jitless, cannot build code from strings.
    file: '/zod/v4/core/doc.js',
    find: /const F = Function;[\s\S]*?return factory\(\.\.\.Object\.values\(this\.closed\)\);/,
    replace: 'throw new Error("zod: code generation is disabled in this build (jitless)");',
  },
];

export function zodWithoutEval(): Plugin {
  return {
    name: 'replypace:zod-without-eval',
    enforce: 'pre',
    transform(code, id) {
      const path = id.split('?')[0]!.replaceAll('\\', '/');
      const rewrite = REWRITES.find((r) => path.endsWith(r.file));
      if (!rewrite) return null;
      if (!rewrite.find.test(code)) {
        this.error(`zod changed: ${rewrite.file} no longer has the code this plugin removes; update scripts/vite-zod-without-eval.ts`);
      }
      return { code: code.replace(rewrite.find, rewrite.replace), map: null };
    },
  };
}
