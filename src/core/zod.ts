/**
 * zod, configured once for every module that parses with it (the settings and the protocol): an
 * import of `z` from here guarantees the configuration ran first. Only the background and the
 * extension pages load it, never the content scripts.
 */
import { z } from 'zod';

// zod 4 would otherwise probe `new Function('')` for its fast path: a CSP violation in extension
// pages, and a lint error for Firefox add-ons (scripts/vite-zod-without-eval.ts also strips the code).
z.config({ jitless: true });

export { z };

/**
 * A value built on its first use and kept, for schemas: every schema built when a module loads is
 * paid by a background woken from sleep before its first answer (issue 16), and most answers need
 * one or two of them. Modules export `once(build)` and call it where they parse.
 */
export function once<T>(build: () => T): () => T {
  let built: { value: T } | null = null;
  return () => (built ??= { value: build() }).value;
}
