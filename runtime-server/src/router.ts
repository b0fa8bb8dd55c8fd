/** Route parameters: path parameters merged over query parameters. */
export type RouteParams = Record<string, string | string[]>;

/** A successful {@link Router.match}. */
export interface RouteMatch<V> {
  /** The value the matching pattern was registered with, usually a view definition. */
  view: V;
  /** The pattern that matched, as written in the route table. */
  pattern: string;
  /**
   * Query parameters with the path parameters over them. Repeated query keys and keys ending
   * in `[]` (brackets removed) are arrays; a `*glob` is its segments joined by `/`.
   */
  params: RouteParams;
  /** The URL's path, still percent-encoded, without query string or hash. */
  path: string;
}

/** Finds the route for a URL. */
export interface Router<V> {
  /**
   * The most specific route matching the URL's path, or `null`. Accepts a full URL or a path
   * with a query string; the hash is ignored, and so is a trailing slash.
   */
  match(url: string | URL): RouteMatch<V> | null;
}

type Segment = { kind: "static"; value: string } | { kind: "param"; name: string } | { kind: "glob"; name: string };

interface Route<V> {
  pattern: string;
  view: V;
  segments: Segment[];
}

const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ABSOLUTE_URL = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;
/** Paths are resolved against a fixed origin; only the path and query are read afterwards. */
const BASE_ORIGIN = "http://localhost";

/**
 * Builds a router from `{ pattern: view }`. Patterns are made of static segments, `:name`
 * parameters and an optional trailing `*name` glob (`/files/*path`). A route with a static
 * segment wins over one with a parameter in the same place, whatever the order of the keys.
 * @throws if a pattern is malformed: not starting with `/`, an empty segment, an invalid or
 * repeated parameter name, a glob that is not last, or the same shape as another pattern.
 */
export function createRouter<V>(routes: Record<string, V>): Router<V> {
  const table = Object.entries(routes).map(([pattern, view]): Route<V> => ({ pattern, view, segments: parsePattern(pattern) }));
  rejectDuplicateShapes(table);
  // Array#sort is stable, so routes of equal specificity keep their declaration order.
  table.sort((a, b) => compareSpecificity(a.segments, b.segments));

  return {
    match(input) {
      const url = toUrl(input);
      if (url === null) return null;
      const parts = splitPath(url.pathname);
      for (const route of table) {
        const pathParams = matchSegments(route.segments, parts);
        if (pathParams === null) continue;
        const params = queryParams(url.searchParams);
        for (const [name, value] of pathParams) params.set(name, value);
        return { view: route.view, pattern: route.pattern, params: Object.fromEntries(params), path: url.pathname };
      }
      return null;
    },
  };
}

function parsePattern(pattern: string): Segment[] {
  const fail = (why: string): never => {
    throw new Error(`Invalid route pattern "${pattern}": ${why}.`);
  };
  if (!pattern.startsWith("/")) fail('it must start with "/"');
  if (/[?#]/.test(pattern)) fail('a pattern matches the path only; remove the "?" or "#" part');
  const parts = splitPath(pattern);
  const seen = new Set<string>();
  return parts.map((part, i): Segment => {
    if (part === "") return fail('it has an empty segment ("//")');
    const sigil = part[0];
    if (sigil !== ":" && sigil !== "*") return { kind: "static", value: decodeSegment(part) ?? fail(`"${part}" has a malformed % escape`) };
    const name = part.slice(1);
    if (!PARAM_NAME.test(name)) fail(`"${part}" needs a parameter name made of letters, digits and "_"`);
    if (seen.has(name)) fail(`the parameter "${name}" appears twice`);
    seen.add(name);
    if (sigil === "*" && i !== parts.length - 1) fail(`the glob "${part}" must be the last segment`);
    return { kind: sigil === ":" ? "param" : "glob", name };
  });
}

/**
 * Two patterns with the same shape (`/posts/:id` and `/posts/:slug`) match the same URLs, so
 * the second could never be reached; that is almost always a mistake in the route table.
 */
function rejectDuplicateShapes(table: Route<unknown>[]): void {
  const shapes = new Map<string, string>();
  for (const { pattern, segments } of table) {
    const shape = segments.map((s) => (s.kind === "static" ? `/${s.value}` : s.kind === "param" ? "/:" : "/*")).join("\u0000");
    const earlier = shapes.get(shape);
    if (earlier !== undefined) throw new Error(`Invalid route pattern "${pattern}": it matches the same paths as "${earlier}".`);
    shapes.set(shape, pattern);
  }
}

/**
 * Orders routes so that the first match is the most specific: at the first position where two
 * patterns differ, a static segment beats a parameter, and ending there beats a glob (so
 * `/files` wins over `/files/*path` for the path `/files`).
 */
function compareSpecificity(a: Segment[], b: Segment[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = rank(a[i]) - rank(b[i]);
    if (diff !== 0) return diff;
  }
  return 0;
}

function rank(segment: Segment | undefined): number {
  if (segment === undefined) return 2;
  return segment.kind === "static" ? 0 : segment.kind === "param" ? 1 : 3;
}

function matchSegments(segments: Segment[], parts: string[]): Map<string, string> | null {
  const params = new Map<string, string>();
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment.kind === "glob") {
      const rest: string[] = [];
      for (const part of parts.slice(i)) {
        const value = decodeSegment(part);
        if (value === null) return null;
        rest.push(value);
      }
      params.set(segment.name, rest.join("/"));
      return params;
    }
    const part = parts[i];
    if (part === undefined) return null;
    const value = decodeSegment(part);
    if (value === null) return null;
    if (segment.kind === "static") {
      if (value !== segment.value) return null;
    } else {
      if (value === "") return null;
      params.set(segment.name, value);
    }
  }
  return parts.length === segments.length ? params : null;
}

function queryParams(search: URLSearchParams): Map<string, string | string[]> {
  const grouped = new Map<string, { values: string[]; list: boolean }>();
  for (const [rawKey, value] of search) {
    const list = rawKey.endsWith("[]") && rawKey.length > 2;
    const key = list ? rawKey.slice(0, -2) : rawKey;
    if (key === "") continue;
    const entry = grouped.get(key);
    if (entry === undefined) grouped.set(key, { values: [value], list });
    else {
      entry.values.push(value);
      entry.list ||= list;
    }
  }
  const params = new Map<string, string | string[]>();
  for (const [key, { values, list }] of grouped) params.set(key, list || values.length > 1 ? values : values[0]!);
  return params;
}

/** Splits a path into segments, dropping the leading slash and any trailing ones. */
function splitPath(path: string): string[] {
  const trimmed = path.replace(/\/+$/, "");
  return trimmed === "" ? [] : trimmed.slice(1).split("/");
}

/** `null` for a malformed escape such as `%E0%A4%A`, so that route does not match. */
function decodeSegment(segment: string): string | null {
  if (!segment.includes("%")) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * Parses what the client sent. A path is appended to a fixed origin rather than resolved
 * against it, so `//host/x` stays a path instead of becoming another host.
 */
function toUrl(input: string | URL): URL | null {
  if (input instanceof URL) return input;
  if (typeof input !== "string") return null;
  try {
    if (ABSOLUTE_URL.test(input)) return new URL(input);
    return new URL(BASE_ORIGIN + (input.startsWith("/") ? "" : "/") + input);
  } catch {
    return null;
  }
}
