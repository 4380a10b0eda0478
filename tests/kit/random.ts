/** Seeded randomness for the reliability runs, so that a failing run can be replayed by its seed. */

/** A small seeded generator (mulberry32). */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return {
    next,
    pick,
    chance: (p: number) => next() < p,
    /** A whole number in [min, max]. */
    between: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    /**
     * Draws from a bag holding `items` (repeats allowed, for weight), refilled and shuffled when
     * empty: random order, yet every item comes up once per round, so even a short run has them all.
     */
    bag<T>(items: readonly T[]): () => T {
      let left: T[] = [];
      return () => {
        if (left.length === 0) {
          left = [...items];
          for (let i = left.length - 1; i > 0; i--) {
            const j = Math.floor(next() * (i + 1));
            [left[i], left[j]] = [left[j]!, left[i]!];
          }
        }
        return left.pop()!;
      };
    },
  };
}

export type Random = ReturnType<typeof seededRandom>;

/** The seed of a run: REPLYPACE_SEED when set (a replay), else a fresh one. */
export function runSeed(): number {
  const fromEnv = process.env.REPLYPACE_SEED;
  if (fromEnv !== undefined && fromEnv !== '') {
    const seed = Number(fromEnv);
    if (!Number.isInteger(seed)) throw new Error(`REPLYPACE_SEED must be a whole number, not ${JSON.stringify(fromEnv)}`);
    return seed;
  }
  return Math.floor(Math.random() * 2 ** 31);
}
