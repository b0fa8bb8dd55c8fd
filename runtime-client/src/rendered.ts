/**
 * The cached rendered tree of one view: merges the server's diffs into it and turns it into
 * HTML for the DOM patch.
 *
 * The cache keeps the wire shape (slot keys, `s`, `k`, `r`, `stream`) with two differences:
 * statics are always arrays (integer references into a diff's `p` table are resolved while
 * merging, since the table is only valid for that diff), and components live beside the view's
 * tree rather than under `c`.
 *
 * Merging is copy-on-write: a cached node is never changed once built, a diff builds new nodes
 * along the paths it touches and shares the rest. That is what makes keyed moves and component
 * statics sharing simple: the previous tree stays intact as the snapshot they read from.
 */
import {
  COMPONENTS,
  EVENTS,
  KEYED,
  KEYED_COUNT,
  REPLY,
  ROOT,
  STATIC,
  STREAM,
  TEMPLATES,
  TITLE,
} from "./wire.js";

/** A rendered tree or a diff in the wire format: slot indexes and the reserved keys. */
export type Diff = Record<string, unknown>;

/** What a diff carries besides the tree itself. */
export interface MergeResult {
  /** The new page title, when the diff set one. */
  title?: string;
  /** Events pushed by the server, `[name, payload]`, in order. */
  events: [string, unknown][];
  /** The components this diff changed. */
  components: number[];
  /**
   * A hook's reply payload: the top-level `r` of an event reply's diff. In a join the same key
   * is the view's root flag, which the caller ignores.
   */
  reply?: unknown;
}

type Node = Record<string, unknown>;
type Templates = Record<string, unknown> | undefined;
type Components = Record<string, Node>;

const EMPTY: Node = {};

/** The cached rendered tree of one view. */
/** A stream annotation: `[ref, [[domId, at, limit, updateOnly], …], deleteIds, reset?]`. */
export type StreamOp = [string, [string, number, number | null, boolean][], string[], boolean?];

/** Stream annotations met by the merge in progress. */
let mergedStreams: StreamOp[] | null = null;

export class Rendered {
  private tree: Node = EMPTY;
  private components: Components = {};
  private streams: StreamOp[] = [];

  /**
   * @param initial The join's `rendered`. Its title and events are dropped: to get them,
   * construct without it and pass the join's `rendered` to {@link Rendered.merge}.
   */
  constructor(initial?: Diff) {
    if (initial) this.merge(initial);
  }

  /**
   * Merges a diff (or the join's `rendered`) into the cache. The diff is not modified, and the
   * cache keeps no reference to anything of it but strings and arrays.
   * @returns The title, pushed events and hook reply the diff carried; none of them is rendered.
   */
  merge(diff: Diff): MergeResult {
    // The top-level `r` comes out whatever it means: a hook reply in an event's diff, the root
    // flag in a join, which changes nothing in a view's HTML (only components' roots are marked).
    const {
      [TITLE]: title,
      [EVENTS]: events,
      [REPLY]: reply,
      [COMPONENTS]: components,
      ...body
    } = diff;
    const templates = body[TEMPLATES] as Templates;
    mergedStreams = this.streams;
    try {
      if (hasKeys(body)) this.tree = merge(this.tree, body, undefined);
      if (isObject(components)) this.mergeComponents(components as Record<string, Node>, templates);
    } finally {
      mergedStreams = null;
    }
    const result: MergeResult = {
      events: (events as [string, unknown][] | undefined) ?? [],
      components: isObject(components) ? Object.keys(components as object).map(Number) : [],
    };
    if (typeof title === "string") result.title = title;
    if (reply !== undefined) result.reply = reply;
    return result;
  }

  /**
   * The stream operations the diffs merged since the last call carried; the DOM patch applies
   * them to the `phx-update="stream"` containers.
   */
  takeStreams(): StreamOp[] {
    const streams = this.streams;
    this.streams = [];
    return streams;
  }

  /** A component's HTML, its root marked with its cid (for patching the component alone). */
  componentHTML(cid: number): string {
    return renderComponent(cid, this.components);
  }

  /** The components the client holds. */
  componentIds(): number[] {
    return Object.keys(this.components).map(Number);
  }

  /** Forgets components the server destroyed (`cids_destroyed`). */
  pruneComponents(cids: Iterable<number>): void {
    const next = { ...this.components };
    for (const cid of cids) delete next[cid];
    this.components = next;
  }

  /** The view's HTML: statics interleaved with dynamics, components rendered in place. */
  toString(): string {
    return this.tree === EMPTY ? "" : render(this.tree, this.components);
  }

  /**
   * A component's `s` may be a cid: n > 0 = the statics of component n as merged by this diff,
   * n < 0 = those of component −n before it. The server then diffed against that component's
   * tree, so the new tree is that tree with the diff merged in. Every new tree is built before
   * any is stored, so −n always reads the previous one.
   */
  private mergeComponents(diffs: Record<string, Node>, rootTemplates: Templates): void {
    const previous = this.components;
    const built: Components = {};
    const build = (cid: string): Node => {
      const done = built[cid];
      if (done) return done;
      const cdiff = diffs[cid]!;
      // A component carries its own `p` when it has one; the diff's root table otherwise.
      const templates = (cdiff[TEMPLATES] as Templates) ?? rootTemplates;
      const shared = cdiff[STATIC];
      let node: Node;
      if (typeof shared === "number") {
        const base = shared > 0 ? diffs[shared] && build(String(shared)) : previous[-shared];
        if (!base) throw new Error(`LiveTSX: component ${cid} shares the statics of component ${Math.abs(shared)}, which the client does not have.`);
        node = apply(base, cdiff, templates, base[STATIC]);
      } else {
        node = merge(previous[cid], cdiff, templates);
      }
      return (built[cid] = node);
    };
    for (const cid in diffs) build(cid);
    this.components = { ...previous, ...built };
  }
}

/** The new cached node for `diff` on top of `cached`: replaced when the diff has statics. */
function merge(cached: unknown, diff: Node, templates: Templates): Node {
  // A node's own table (the root of a diff, or a component) applies to it and below.
  if (diff[TEMPLATES] !== undefined) templates = diff[TEMPLATES] as Templates;
  const statics = diff[STATIC];
  if (statics !== undefined) return apply(EMPTY, diff, templates, resolve(statics, templates));
  return apply(isObject(cached) ? (cached as Node) : EMPTY, diff, templates, undefined);
}

/** A copy of `base` with every key of `diff` merged in, and `statics` if given. */
function apply(base: Node, diff: Node, templates: Templates, statics: unknown): Node {
  const out: Node = { ...base };
  for (const key in diff) {
    if (key === STATIC || key === TEMPLATES) continue;
    const value = diff[key];
    if (key === STREAM) mergedStreams?.push(value as StreamOp);
    if (key === KEYED) out[key] = mergeKeyed(base[key] as Node | undefined, value as Node, templates);
    else out[key] = isObject(value) ? merge(base[key], value as Node, templates) : value;
  }
  if (statics !== undefined) out[STATIC] = statics;
  return out;
}

/**
 * Keyed entries: an object is a diff for the entry at that index, an integer j the entry that
 * was at index j, `[j, diff]` that entry changed. Old entries are read from `previous`, which
 * merging never changes, so moves need no snapshot; indexes at or past the new count vanish
 * because only indexes below it are copied.
 */
function mergeKeyed(previous: Node | undefined, diff: Node, templates: Templates): Node {
  const old = previous ?? EMPTY;
  const count = (diff[KEYED_COUNT] ?? old[KEYED_COUNT] ?? 0) as number;
  const out: Node = { [KEYED_COUNT]: count };
  for (let i = 0; i < count; i++) {
    const entry = diff[i];
    if (entry === undefined) out[i] = old[i];
    else if (typeof entry === "number") out[i] = old[entry];
    else if (Array.isArray(entry)) out[i] = merge(old[entry[0] as number], entry[1] as Node, templates);
    else out[i] = merge(old[i], entry as Node, templates);
  }
  return out;
}

function resolve(statics: unknown, templates: Templates): unknown {
  if (typeof statics !== "number") return statics;
  const found = templates?.[statics];
  if (!found) throw new Error(`LiveTSX: the diff references shared statics ${statics}, which its "p" table does not have.`);
  return found;
}

/** A rendered's HTML, or a comprehension's: each entry with the comprehension's statics. */
function render(node: Node, components: Components): string {
  const statics = node[STATIC] as string[];
  const keyed = node[KEYED] as Node | undefined;
  if (!keyed) return interleave(node, statics, components);
  let html = "";
  const count = keyed[KEYED_COUNT] as number;
  for (let i = 0; i < count; i++) html += interleave((keyed[i] as Node | undefined) ?? EMPTY, statics, components);
  return html;
}

function interleave(node: Node, statics: string[], components: Components): string {
  let html = statics[0]!;
  for (let i = 1; i < statics.length; i++) html += dynamic(node[i - 1], components) + statics[i];
  return html;
}

function dynamic(value: unknown, components: Components): string {
  if (typeof value === "string") return value;
  if (typeof value === "number") return renderComponent(value, components);
  return isObject(value) ? render(value as Node, components) : "";
}

// Leading whitespace and comments, then `<` and the tag name of the component's root tag.
const ROOT_TAG = /^(\s*(?:<!--[\s\S]*?-->\s*)*<[^\s/>]+)/;

/** A component's HTML, its root tag marked with its cid as Phoenix's DOM patch expects. */
function renderComponent(cid: number, components: Components): string {
  const node = components[cid];
  if (!node) throw new Error(`LiveTSX: the rendered tree refers to component ${cid}, which the client does not have.`);
  const html = render(node, components);
  return node[ROOT] ? html.replace(ROOT_TAG, `$1 data-phx-component="${cid}"`) : html;
}

function isObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function hasKeys(value: object): boolean {
  for (const _ in value) return true;
  return false;
}
