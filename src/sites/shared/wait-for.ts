/**
 * Resolves with what `find` returns once it is not null, watching `root` for changes (no polling),
 * or with null after `timeoutMs` or when `signal` aborts.
 */
export function waitFor<T>(find: () => T | null, root: Node, timeoutMs: number, signal?: AbortSignal): Promise<T | null> {
  const now = find();
  if (now !== null) return Promise.resolve(now);
  return new Promise((resolve) => {
    const View = root.ownerDocument?.defaultView ?? (root as Document).defaultView;
    const Observer = View?.MutationObserver ?? MutationObserver;
    const finish = (value: T | null) => {
      observer.disconnect();
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(value);
    };
    const onAbort = () => finish(null);
    const observer = new Observer(() => {
      const found = find();
      if (found !== null) finish(found);
    });
    observer.observe(root, { childList: true, subtree: true, attributes: true });
    const timer = setTimeout(() => finish(find()), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
