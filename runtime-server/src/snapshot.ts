/**
 * Development: a structural snapshot of an assign's value, so that a change made in place
 * without an assign is found before the next render (see `ViewSocket.checkInPlace`).
 *
 * Covered: primitives, plain objects (prototype `Object.prototype` or null: own enumerable
 * string keys), arrays, `Map` (keys and values, in order), `Set`, `Date` (`getTime()`), `RegExp`,
 * `ArrayBuffer`, typed arrays and `DataView` (their bytes), shared and cyclic references (by
 * first-visit index). Compared by identity only: instances of other classes (they may keep
 * caches or lazy state that change without meaning a change), functions, symbols and the
 * runtime's own values (rendered JSX, streams). Not covered: non-enumerable and symbol keys.
 *
 * Bound: a value of more than {@link SNAPSHOT_VALUES} values or {@link SNAPSHOT_BYTES} bytes
 * of binary data (or nested deeper than the stack allows) has no snapshot: it is not checked,
 * and never reported.
 */
import { KIND } from "./template.js";

/** The most values (objects and primitives, counted once per visit) a snapshot walks. */
export const SNAPSHOT_VALUES = 10_000;
/** The most bytes of `ArrayBuffer`s, typed arrays and `DataView`s a snapshot copies. */
export const SNAPSHOT_BYTES = 1 << 20;

/** Identities of values compared by reference, for the life of the process. */
const identities = new WeakMap<object, number>();
let nextIdentity = 0;

function identity(value: object): number {
  let id = identities.get(value);
  if (id === undefined) identities.set(value, (id = nextIdentity++));
  return id;
}

class Beyond extends Error {}

/** The snapshot of `value` as a string; `null` when it is beyond the bound (not checked). */
export function snapshot(value: unknown): string | null {
  const parts: string[] = [];
  const seen = new Map<object, number>();
  let values = SNAPSHOT_VALUES;
  let bytes = SNAPSHOT_BYTES;

  const binary = (tag: string, view: Uint8Array) => {
    bytes -= view.byteLength;
    if (bytes < 0) throw new Beyond();
    parts.push(tag, String(view.byteLength), ":", Buffer.from(view.buffer, view.byteOffset, view.byteLength).toString("base64"));
  };

  const walk = (v: unknown): void => {
    if (--values < 0) throw new Beyond();
    switch (typeof v) {
      case "string":
        parts.push(JSON.stringify(v));
        return;
      case "number":
        parts.push(Object.is(v, -0) ? "-0" : String(v));
        return;
      case "bigint":
        parts.push(`${v}n`);
        return;
      case "boolean":
        parts.push(v ? "T" : "F");
        return;
      case "undefined":
        parts.push("U");
        return;
      case "symbol":
      case "function":
        parts.push(`&${typeof v === "symbol" ? String(v) : identity(v)}`);
        return;
    }
    if (v === null) {
      parts.push("N");
      return;
    }
    const object = v as object;
    const at = seen.get(object);
    if (at !== undefined) {
      parts.push(`#${at}`);
      return;
    }
    seen.set(object, seen.size);
    if ((object as Record<symbol, unknown>)[KIND] !== undefined) {
      // Rendered JSX, a stream, a component call: the runtime's, immutable.
      parts.push(`&${identity(object)}`);
    } else if (Array.isArray(object)) {
      parts.push("[");
      for (let i = 0; i < object.length; i++) walk(object[i]);
      parts.push("]");
    } else if (object instanceof Date) {
      parts.push(`D${object.getTime()}`);
    } else if (object instanceof Map) {
      parts.push("M{");
      for (const [k, item] of object) {
        walk(k);
        walk(item);
      }
      parts.push("}");
    } else if (object instanceof Set) {
      parts.push("S{");
      for (const item of object) walk(item);
      parts.push("}");
    } else if (ArrayBuffer.isView(object)) {
      binary(`B${object.constructor.name}`, new Uint8Array(object.buffer, object.byteOffset, object.byteLength));
    } else if (object instanceof ArrayBuffer || (typeof SharedArrayBuffer === "function" && object instanceof SharedArrayBuffer)) {
      binary("A", new Uint8Array(object));
    } else if (object instanceof RegExp) {
      parts.push(`R${String(object)}${object.lastIndex}`);
    } else if (!isPlain(object)) {
      parts.push(`&${identity(object)}`);
    } else {
      parts.push("{");
      for (const key of Object.keys(object)) {
        parts.push(JSON.stringify(key), ":");
        walk((object as Record<string, unknown>)[key]);
      }
      parts.push("}");
    }
  };

  try {
    walk(value);
  } catch {
    // Too big, too deep (a RangeError), or a getter that throws: no snapshot, no report.
    return null;
  }
  return parts.join("");
}

function isPlain(object: object): boolean {
  const proto = Object.getPrototypeOf(object);
  return proto === Object.prototype || proto === null;
}
