/**
 * A 53-bit string hash (two 32-bit multiplicative hashes combined), so that ids can be kept as
 * plain numbers: collisions are about one in 2^53 per pair, negligible for a mailbox.
 */
export function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x9e3779b1);
    h2 = Math.imul(h2 ^ c, 0x5f356495);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b) ^ Math.imul(h2 ^ (h2 >>> 13), 0xc2b2ae35);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 0x85ebca6b) ^ Math.imul(h1 ^ (h1 >>> 13), 0xc2b2ae35);
  // Never 0: 0 means "no id" to the collector.
  return 4294967296 * (0x1fffff & h2) + (h1 >>> 0) || 1;
}
