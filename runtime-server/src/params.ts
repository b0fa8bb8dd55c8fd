/**
 * Decoding of `application/x-www-form-urlencoded` strings (form events, query strings) into
 * nested params, the way Plug.Conn.Query does for Phoenix: `user[email]=a` becomes
 * `{ user: { email: "a" } }`, `tags[]=a&tags[]=b` becomes `{ tags: ["a", "b"] }`.
 *
 * The input comes straight from the network, so every cost is bounded before it is paid (length,
 * pairs, depth, index size) and no key can reach an object's prototype.
 */

/**
 * Decoded params: strings, lists (`name[]`) and nested objects (`name[key]`).
 *
 * Indexed names (`items[0][name]`) stay objects with string keys (`{ "0": { name: … } }`), as in
 * Phoenix, where `inputs_for` sorts them by their integer value.
 */
export type Params = { [key: string]: string | string[] | Params | Params[] };

/** Limits on hostile or accidental input. Exceeding one throws a {@link ParamsError}. */
export interface DecodeOptions {
  /**
   * Most bracket levels one name may have: `a[b][c]` has 2.
   * @default 32
   */
  maxDepth?: number;
  /**
   * Most `name=value` pairs. The official client adds one `_unused_` marker per untouched field,
   * so a form event may carry up to twice as many pairs as the form has fields.
   * @default 1000
   */
  maxKeys?: number;
  /**
   * Largest all-digit segment (`items[10000]`). Indexed names stay object keys here, but code that
   * turns them into arrays (`inputs_for`) would allocate up to this length; raise it (or pass
   * `Infinity`) for maps keyed by large ids such as `qty[123456]`.
   * @default 10000
   */
  maxArrayIndex?: number;
  /**
   * Longest input, in UTF-8 bytes.
   * @default 1_000_000
   */
  maxLength?: number;
}

/** Which limit of {@link DecodeOptions} an input broke, or `"nestedList"` for `a[][]`. */
export type ParamsErrorReason = keyof DecodeOptions | "nestedList";

/**
 * The input was refused: too long, too many pairs, nested too deep, an index too large, or a
 * shape {@link Params} cannot hold. The caller turns it into an error reply; the message names
 * the limit and its value, so it can be logged as is.
 */
export class ParamsError extends Error {
  override readonly name = "ParamsError";

  constructor(
    /** The broken limit. */
    readonly reason: ParamsErrorReason,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Decodes a URL-encoded string into nested {@link Params}, following Plug.Conn.Query:
 *
 * - `+` is a space; `%XX` escapes are decoded as UTF-8; a malformed escape (`%zz`, a trailing
 *   `%4`) is kept as written, and invalid UTF-8 becomes U+FFFD, as in `URLSearchParams`.
 * - A pair without `=` has the value `""`; empty pairs (`a=1&&b=2`) are skipped.
 * - A name is nested only when it ends with `]` and has a `[` after its first character, so
 *   `a[b]c` and `[a]` are plain keys, as in Plug.
 * - Repeated names: the last one wins. So the checkbox idiom, a hidden `done=false` before the
 *   checkbox `done=true`, decodes to `"true"` when checked and `"false"` when not.
 * - Conflicting shapes: the later pair wins. `a=1&a[b]=2` gives `{ a: { b: "2" } }`,
 *   `a[b]=2&a=1` gives `{ a: "1" }`; the same for lists (`a[]=1&a[b]=2`) and for lists of strings
 *   against lists of objects.
 * - `list[][key]` builds a list of objects; a pair joins the last object unless that object has
 *   the key already, then it starts a new one (Rack's rule; Plug leaves this unspecified):
 *   `u[][n]=a&u[][e]=b&u[][n]=c` gives `[{ n: "a", e: "b" }, { n: "c" }]`.
 * - Names with a `__proto__`, `constructor` or `prototype` segment are dropped, so no input can
 *   reach `Object.prototype`. Results are ordinary objects without such own keys.
 *
 * @throws {ParamsError} when the input breaks a limit of {@link DecodeOptions}, or nests a list
 *   directly in a list (`a[][]`), which {@link Params} cannot represent.
 */
export function decodeParams(query: string, options: DecodeOptions = {}): Params {
  const root: Params = {};
  for (const { path, value } of parsePairs(query, limitsOf(options))) insert(root, path, value);
  return root;
}

/**
 * Answers which fields of a form event the user has interacted with, from the official client's
 * `_unused_` markers.
 */
export interface UsedFields {
  /**
   * Whether the field is used: false when the client marked it unused; for a nested object
   * (`["user"]` when the event has `user[…]` fields), whether any field inside is used, as
   * Phoenix's `used_input?` does for composite inputs. A field the event does not mention counts
   * as used: only the client's marker says "untouched", and fields are also absent for other
   * reasons (file inputs, a `phx-change` on a single input).
   *
   * @param field a path (`["user", "email"]`) or an input name (`"user[email]"`).
   */
  has(field: string | readonly string[]): boolean;
  /** The paths the client marked unused, in the order they came. */
  readonly unused: readonly (readonly string[])[];
}

/** A decoded form event; see {@link formEvent}. */
export interface FormEvent {
  /** The form's fields, without `_unused_` markers and without `_target`. */
  params: Params;
  /** The path of the input that changed (`["user", "email"]`), or null when none is named. */
  target: string[] | null;
  /** Which fields the user has interacted with. */
  used: UsedFields;
}

/**
 * Decodes the `value` of a `form` event (PROTOCOL.md §4) with {@link decodeParams}, then takes
 * the client's bookkeeping out of the params:
 *
 * - `_unused_` markers. The official client (`serializeForm`) sends an empty pair for each field
 *   the user has not focused yet, with the prefix on the name's last segment:
 *   `user[_unused_email]=`, `_unused_title=`, `_unused_tags[]=`. A prefix on the first segment
 *   (`_unused_user[email]=`) is understood too. Markers are reported by `used` and removed.
 * - `_target`, the input that changed: from `meta._target` (clients since LiveView 1.0.6), else
 *   from a `_target` pair in the string (older clients). `"user[email]"` becomes
 *   `["user", "email"]`, `"tags[]"` becomes `["tags"]`; `"undefined"` (what the client sends when
 *   no input changed, e.g. on submit) becomes null. It is removed from the params.
 *
 * @throws {ParamsError} as {@link decodeParams} does; also when `meta._target` breaks a limit.
 */
export function formEvent(
  value: string,
  meta: { _target?: unknown } = {},
  options: DecodeOptions = {},
): FormEvent {
  const limits = limitsOf(options);
  const params: Params = {};
  const unused: string[][] = [];
  let legacyTarget: string | null = null;
  for (const { path, value: text } of parsePairs(value, limits)) {
    if (path.length === 1 && path[0] === TARGET) legacyTarget = text;
    else {
      const marked = unusedPath(path);
      if (marked) unused.push(marked);
      else insert(params, path, text);
    }
  }
  const target = targetPath(meta._target ?? legacyTarget, limits);
  return { params, target, used: usedFieldsOf(params, unused) };
}

const TARGET = "_target";
const UNUSED_PREFIX = "_unused_";
/** Names that would reach or replace a prototype when assigned on a plain object. */
const FORBIDDEN = new Set(["__proto__", "constructor", "prototype"]);

/** A parsed name: the root key, then one segment per bracket, null for `[]`. */
type Path = [string, ...(string | null)[]];

type Limits = Required<DecodeOptions>;

function limitsOf(options: DecodeOptions): Limits {
  return {
    maxDepth: options.maxDepth ?? 32,
    maxKeys: options.maxKeys ?? 1000,
    maxArrayIndex: options.maxArrayIndex ?? 10_000,
    maxLength: options.maxLength ?? 1_000_000,
  };
}

/**
 * Splits and decodes the pairs, enforcing the limits before the work they bound: the length
 * before anything, the pair count before decoding the pair that breaks it.
 */
function parsePairs(query: string, limits: Limits): { path: Path; value: string }[] {
  checkLength(query, limits.maxLength);
  const pairs: { path: Path; value: string }[] = [];
  let count = 0;
  for (let start = 0; start <= query.length; ) {
    let end = query.indexOf("&", start);
    if (end === -1) end = query.length;
    if (end > start) {
      if (++count > limits.maxKeys) {
        throw new ParamsError("maxKeys", `form params have more than ${limits.maxKeys} pairs (maxKeys)`);
      }
      const pair = query.slice(start, end);
      const eq = pair.indexOf("=");
      const name = decodeComponent(eq === -1 ? pair : pair.slice(0, eq));
      const value = eq === -1 ? "" : decodeComponent(pair.slice(eq + 1));
      const path = parseName(name, limits);
      if (path) pairs.push({ path, value });
    }
    start = end + 1;
  }
  return pairs;
}

function checkLength(text: string, maxLength: number): void {
  // UTF-16 length never exceeds the UTF-8 byte length, so a string too long in code units is
  // refused without counting its bytes.
  if (text.length > maxLength || Buffer.byteLength(text, "utf8") > maxLength) {
    throw new ParamsError("maxLength", `form params are longer than ${maxLength} bytes (maxLength)`);
  }
}

/**
 * Splits a decoded name into its path, like Plug's `decode_each`: nested only when it ends with
 * `]` and has a `[` past the first character; the segments are what lies between `[` and the
 * final `]`, split on `][`. Returns null for a name that must not be assigned.
 */
function parseName(name: string, limits: Limits): Path | null {
  const open = name.indexOf("[");
  if (open <= 0 || !name.endsWith("]")) return FORBIDDEN.has(name) ? null : [name];
  const inner = name.slice(open + 1, -1);
  // Counting before splitting keeps a 100,000-level name from allocating 100,000 segments.
  const depth = countOf(inner, "][", limits.maxDepth + 1) + 1;
  if (depth > limits.maxDepth) {
    throw new ParamsError("maxDepth", `a form param name nests deeper than ${limits.maxDepth} levels (maxDepth)`);
  }
  const path: Path = [name.slice(0, open)];
  for (const segment of inner.split("][")) {
    if (/^\d+$/.test(segment) && Number(segment) > limits.maxArrayIndex) {
      throw new ParamsError(
        "maxArrayIndex",
        `a form param index is larger than ${limits.maxArrayIndex} (maxArrayIndex)`,
      );
    }
    path.push(segment === "" ? null : segment);
  }
  return path.some((segment) => segment !== null && FORBIDDEN.has(segment)) ? null : path;
}

/** Occurrences of `needle` in `text`, counting no further than `stop`. */
function countOf(text: string, needle: string, stop: number): number {
  let count = 0;
  for (let at = text.indexOf(needle); at !== -1 && count < stop; at = text.indexOf(needle, at + needle.length)) {
    count++;
  }
  return count;
}

// ignoreBOM keeps a leading U+FEFF, as the URL standard's "UTF-8 decode without BOM" does.
const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * Percent-decodes one name or value as the URL standard does: runs of well-formed `%XX`
 * escapes become bytes decoded as UTF-8 (invalid sequences become U+FFFD); a `%` not followed by
 * two hex digits stays as written.
 */
function decodeComponent(text: string): string {
  const spaced = text.includes("+") ? text.replaceAll("+", " ") : text;
  if (!spaced.includes("%")) return spaced;
  return spaced.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    const bytes = new Uint8Array(run.length / 3);
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(run.slice(i * 3 + 1, i * 3 + 3), 16);
    return utf8.decode(bytes);
  });
}

type Value = Params[string];

function isObject(value: Value | undefined): value is Params {
  return typeof value === "object" && !Array.isArray(value);
}

/** Reads an own key only: `params.toString` must not find `Object.prototype.toString`. */
function own(object: Params, key: string): Value | undefined {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/**
 * Assigns `value` at `path`, creating objects and lists on the way. Whatever stands in the way
 * with another shape is replaced: the later pair wins.
 */
function insert(root: Params, path: Path, value: string): void {
  let object = root;
  let i = 0;
  for (;;) {
    const key = path[i] as string;
    const next = path[i + 1];
    if (next === undefined) {
      object[key] = value;
      return;
    }
    if (next === null) {
      if (i + 2 === path.length) {
        const list = own(object, key);
        if (Array.isArray(list) && list.every((item) => typeof item === "string")) list.push(value);
        else object[key] = [value];
        return;
      }
      object = listElement(object, key, path, i + 2);
      i += 2;
    } else {
      const child = own(object, key);
      if (isObject(child)) object = child;
      else object = object[key] = {};
      i += 1;
    }
  }
}

/**
 * The object of the list `object[key]` that the rest of the path (from `from`) goes into: the
 * last one unless it holds that path already (Rack's rule), else a new one.
 */
function listElement(object: Params, key: string, path: Path, from: number): Params {
  if (path[from] === null) {
    throw new ParamsError("nestedList", `a form param name nests a list in a list ("[][]"), which params cannot hold`);
  }
  const current = own(object, key);
  let list: Params[];
  if (Array.isArray(current) && current.every((item) => typeof item === "object")) list = current as Params[];
  else object[key] = list = [];
  const last = list[list.length - 1];
  if (last !== undefined && !holds(last, path, from)) return last;
  const fresh: Params = {};
  list.push(fresh);
  return fresh;
}

/** Whether `object` has the named segments of `path` from `from`, up to the next `[]`. */
function holds(object: Params, path: Path, from: number): boolean {
  let current: Value | undefined = object;
  for (let i = from; i < path.length; i++) {
    const segment = path[i];
    if (segment === null || segment === undefined) break;
    if (!isObject(current)) return false;
    current = own(current, segment);
    if (current === undefined) return false;
  }
  return true;
}

/**
 * The field a `_unused_` marker names, or null when `path` is not a marker. The official client
 * prefixes the last named segment; a prefixed first segment is accepted as well.
 */
function unusedPath(path: Path): string[] | null {
  const named = path.filter((segment): segment is string => segment !== null);
  const at = named.findLastIndex((segment) => segment.startsWith(UNUSED_PREFIX));
  if (at === -1) return null;
  named[at] = (named[at] as string).slice(UNUSED_PREFIX.length);
  return named;
}

/** `meta._target` or a legacy `_target` value as a path, or null when it names no input. */
function targetPath(target: unknown, limits: Limits): string[] | null {
  let path: (string | null)[] | null;
  if (typeof target === "string") {
    if (target === "" || target === "undefined") return null;
    checkLength(target, limits.maxLength);
    path = parseName(target, limits);
  } else if (Array.isArray(target) && target.length > 0 && target.every((s) => typeof s === "string")) {
    path = target as string[];
  } else return null;
  if (path === null) return null;
  const named = path.filter((segment): segment is string => segment !== null);
  // A caller may walk or assign along the target; keep it as safe as the params themselves.
  if (named.length > limits.maxDepth + 1) {
    throw new ParamsError("maxDepth", `the form target nests deeper than ${limits.maxDepth} levels (maxDepth)`);
  }
  return named.some((segment) => FORBIDDEN.has(segment)) ? null : named;
}

function usedFieldsOf(params: Params, unused: string[][]): UsedFields {
  const marked = new Set(unused.map((path) => JSON.stringify(path)));
  const isUsed = (path: string[], value: Value | undefined): boolean => {
    if (marked.has(JSON.stringify(path))) return false;
    if (!isObject(value)) return true;
    const keys = Object.keys(value);
    // An object is a composite input: used when any part is (Phoenix's `used_param?`).
    return keys.length === 0 || keys.some((key) => isUsed([...path, key], value[key]));
  };
  return {
    unused,
    has(field) {
      const path =
        typeof field === "string"
          ? (parseName(field, limitsOf({ maxDepth: Infinity, maxArrayIndex: Infinity })) ?? [field])
          : field;
      const named = path.filter((segment): segment is string => segment !== null);
      return isUsed(named, valueAt(params, named));
    },
  };
}

function valueAt(params: Params, path: readonly string[]): Value | undefined {
  let current: Value | undefined = params;
  for (const segment of path) {
    if (!isObject(current)) return undefined;
    current = own(current, segment);
  }
  return current;
}

/** Where a form event's payload keeps its `UsedFields` (not enumerable: not a param). */
export const USED: unique symbol = Symbol("livetsx.used");

/**
 * The fields of a form event the user has touched: `usedFields(payload).has(["user", "email"])`.
 * For a payload that is not a form event, every field counts as used.
 */
export function usedFields(payload: object): UsedFields {
  return (payload as { [USED]?: UsedFields })[USED] ?? { has: () => true, unused: [] };
}
