/**
 * A map from 64-bit keys (two 32-bit halves) to small integers, in flat typed arrays: 8 to 24
 * bytes a key (12 a slot with values, 8 without; at most three quarters of the slots in use), where
 * a Map of strings costs several times that. The import keeps one entry per message (Gmail ids,
 * Message-ID hashes) and per thread, and must stay small for any mailbox. The key (0, 0) is
 * reserved: no id or hash is zero.
 */
export class Map64 {
  private hi: Uint32Array;
  private lo: Uint32Array;
  /** Absent for a set (every value then reads as 1). */
  private values: Int32Array | null;
  private mask: number;
  size = 0;

  constructor(options: { values?: boolean } = {}) {
    const size = 1024;
    this.hi = new Uint32Array(size);
    this.lo = new Uint32Array(size);
    this.values = options.values === false ? null : new Int32Array(size);
    this.mask = size - 1;
  }

  private slot(hi: number, lo: number): number {
    let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 15;
    let i = h & this.mask;
    while ((this.hi[i] !== 0 || this.lo[i] !== 0) && (this.hi[i] !== hi || this.lo[i] !== lo)) i = (i + 1) & this.mask;
    return i;
  }

  /** The value stored for the key, or -1. */
  get(hi: number, lo: number): number {
    const i = this.slot(hi >>> 0, lo >>> 0);
    if (this.hi[i] === 0 && this.lo[i] === 0) return -1;
    return this.values ? this.values[i]! : 1;
  }

  has(hi: number, lo: number): boolean {
    return this.get(hi, lo) !== -1;
  }

  set(hi: number, lo: number, value: number): void {
    if ((this.size + 1) * 4 > this.hi.length * 3) this.grow();
    const i = this.slot(hi >>> 0, lo >>> 0);
    if (this.hi[i] === 0 && this.lo[i] === 0) this.size++;
    this.hi[i] = hi >>> 0;
    this.lo[i] = lo >>> 0;
    if (this.values) this.values[i] = value;
  }

  private grow(): void {
    const { hi, lo, values } = this;
    this.hi = new Uint32Array(hi.length * 2);
    this.lo = new Uint32Array(hi.length * 2);
    this.values = values ? new Int32Array(hi.length * 2) : null;
    this.mask = this.hi.length - 1;
    for (let i = 0; i < hi.length; i++) {
      if (hi[i] === 0 && lo[i] === 0) continue;
      const at = this.slot(hi[i]!, lo[i]!);
      this.hi[at] = hi[i]!;
      this.lo[at] = lo[i]!;
      if (values && this.values) this.values[at] = values[i]!;
    }
  }
}

/** The two 32-bit halves of a 53-bit hash. */
export function hashHalves(hash: number): [number, number] {
  return [Math.floor(hash / 4294967296), hash >>> 0];
}
