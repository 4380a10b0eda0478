/**
 * After the next frame is painted: a requestAnimationFrame callback runs before the frame's paint,
 * a task queued from it runs after (as Preact runs effects). Where no frames are drawn (a hidden
 * page), after 100 ms instead.
 */
export function afterNextPaint(callback: () => void): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    clearTimeout(fallback);
    callback();
  };
  const fallback = setTimeout(run, 100);
  requestAnimationFrame(() => setTimeout(run));
}

/** afterNextPaint as a promise. */
export function nextPaint(): Promise<void> {
  return new Promise((resolve) => afterNextPaint(resolve));
}
