/**
 * A template's fingerprint: a hash of its statics and of the shape of its slots, stable across
 * builds and machines. Equal fingerprints mean the client already has these statics.
 * FNV-1a over UTF-16 code units, two 32-bit lanes with different seeds: 64 bits, as 16 hex digits
 * cut to 12.
 */
export function fingerprint(statics: readonly string[], shape: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  const feed = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
    }
    a = Math.imul(a ^ 0xff, 0x01000193);
    b = Math.imul(b ^ 0xff, 0x5bd1e995) ^ (b >>> 15);
  };
  for (const s of statics) feed(s);
  feed(shape);
  return ((a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0")).slice(0, 12);
}
