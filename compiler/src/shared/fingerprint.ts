import { createHash } from "node:crypto";

/**
 * A template's fingerprint: a hash of its statics and of the shape of its slots, stable across
 * builds and machines. Equal fingerprints mean the client already has these statics.
 */
export function fingerprint(statics: readonly string[], shape: string): string {
  const hash = createHash("sha1");
  for (const s of statics) hash.update(s).update("\0");
  hash.update(shape);
  return hash.digest("hex").slice(0, 12);
}
