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
 *
 * For the DOM, the HTML marks every element the client can patch alone with its path in the tree
 * (`data-phx-id`): the single root tag of a template, and of each entry of a comprehension whose
 * entries have one. A diff that changes only what lies inside such elements is applied by
 * re-rendering and morphing just those elements ({@link Rendered.takeUnits}), so a one-row change
 * costs one row, not the page. When the whole view is rendered, a marked element whose node is
 * the very one the page last showed at its path is sent as an empty stub (`data-phx-skip`) that
 * the DOM patch leaves as it is.
 */
import {
  COMPONENTS,
  EVENTS,
  KEYED,
  KEYED_COUNT,
  KEYED_MOVED,
  REPLY,
  ROOT,
  STATIC,
  STREAM,
  TEMPLATES,
  TITLE,
} from "./wire.js";
import { layoutOf, VOID_TAGS, type Element, type Layout } from "./layout.js";

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

/** Marks an element the DOM patch can find and patch alone. */
export const MAGIC_ID = "data-phx-id";
/** Marks a stub: the element with this stub's id stays as the page has it. */
export const SKIP = "data-phx-skip";

/** A part of the view patched alone: the element marked with `id` becomes `html`. */
export interface Unit {
  id: string;
  html: string;
}

/** A stream annotation: `[ref, [[domId, at, limit, updateOnly], …], deleteIds, reset?]`. */
export type StreamOp = [string, [string, number, number | null, boolean][], string[], boolean?];

/** Stream annotations met by the merge in progress. */
let mergedStreams: StreamOp[] | null = null;

/** The cached rendered tree of one view. */
export class Rendered {
  #tree: Node = EMPTY;
  #components: Components = {};
  #streams: StreamOp[] = [];
  /** The units changed by the diff merged since the last render; null: render the whole view. */
  #units: Unit[] | null | undefined;
  /** The tree the page shows, as of the last {@link domHTML} or {@link shown}. */
  #onPage: Node = EMPTY;

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
    mergedStreams = this.#streams;
    try {
      const previous = this.#tree;
      if (hasKeys(body)) this.#tree = merge(previous, body, undefined);
      if (isObject(components)) this.#mergeComponents(components as Record<string, Node>, templates);
      // The units are rendered with the components this diff brought. A second diff before the
      // page caught up with the first: the whole view is rendered.
      const units: Unit[] = [];
      if (this.#units !== undefined || previous === EMPTY) this.#units = null;
      else if (!hasKeys(body)) this.#units = units;
      else this.#units = changed(body, previous, this.#tree, "", units, this.#components) ? units : null;
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
    const streams = this.#streams;
    this.#streams = [];
    return streams;
  }

  /**
   * The parts of the view the diffs merged since the last call changed, each to be patched alone
   * (none: only components changed); null when the whole view must be rendered ({@link domHTML}).
   */
  takeUnits(): Unit[] | null {
    const units = this.#units;
    this.#units = undefined;
    return units ?? null;
  }

  /** A component's HTML for the DOM, its root marked with its cid (for patching it alone). */
  componentHTML(cid: number): string {
    return renderComponent(cid, this.#components, `c${cid}`);
  }

  /** The components the client holds. */
  componentIds(): number[] {
    return Object.keys(this.#components).map(Number);
  }

  /** Forgets components the server destroyed (`cids_destroyed`). */
  pruneComponents(cids: Iterable<number>): void {
    const next = { ...this.#components };
    for (const cid of cids) delete next[cid];
    this.#components = next;
  }

  /** The view's HTML: statics interleaved with dynamics, components rendered in place. */
  toString(): string {
    return this.#tree === EMPTY ? "" : render(this.#tree, this.#components, null);
  }

  /**
   * The view's HTML for the DOM: {@link toString} with the elements patched alone marked, and
   * those the page already shows as they are sent as stubs unless `whole` (the page's DOM is not
   * ours yet after the HTTP render, or a stub went missing).
   */
  domHTML(whole = false): string {
    this.#units = undefined;
    const html = this.#tree === EMPTY ? "" : render(this.#tree, this.#components, "", whole ? undefined : this.#onPage);
    this.#onPage = this.#tree;
    return html;
  }

  /** The page shows the current tree: the units were patched. */
  shown(): void {
    this.#onPage = this.#tree;
  }

  /**
   * A component's `s` may be a cid: n > 0 = the statics of component n as merged by this diff,
   * n < 0 = those of component −n before it. The server then diffed against that component's
   * tree, so the new tree is that tree with the diff merged in. Every new tree is built before
   * any is stored, so −n always reads the previous one.
   */
  #mergeComponents(diffs: Record<string, Node>, rootTemplates: Templates): void {
    const previous = this.#components;
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
        if (!base) throw new Error(`LiveTSX: unknown component ${Math.abs(shared)} (statics of ${cid})`);
        node = apply(base, cdiff, templates, base[STATIC]);
      } else {
        node = merge(previous[cid], cdiff, templates);
      }
      return (built[cid] = node);
    };
    for (const cid in diffs) build(cid);
    this.#components = { ...previous, ...built };
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
  if (!found) throw new Error(`LiveTSX: unknown shared statics ${statics}`);
  return found;
}

/**
 * A rendered's HTML, or a comprehension's: each entry with the comprehension's statics. With an
 * `id` (the node's path; "" for the view's root, whose root tag is not marked), the elements
 * the client can patch alone are marked ({@link interleave}); null renders plain HTML.
 */
function render(node: Node, components: Components, id: string | null, shown?: unknown): string {
  const statics = node[STATIC] as string[];
  const keyed = node[KEYED] as Node | undefined;
  if (!keyed) return interleave(node, statics, components, id, shown, false);
  let html = "";
  const count = keyed[KEYED_COUNT] as number;
  // A stream's entries are not kept by the page's container as they are by the cache.
  const before = shown !== undefined && node[STREAM] === undefined && isObject(shown) ? ((shown as Node)[KEYED] as Node | undefined) : undefined;
  for (let i = 0; i < count; i++) {
    html += interleave((keyed[i] as Node | undefined) ?? EMPTY, statics, components, id === null ? null : `${id}-${i}`, before?.[i], true);
  }
  return html;
}

/**
 * One node's HTML. Marked: its single root tag, with its path, and in a template that is not a
 * comprehension's entry, the innermost element around each slot (`path.n`). `shown` is the node
 * the page shows at the same path (undefined when not known): the same node with a marked root
 * is sent as a stub.
 */
function interleave(node: Node, statics: string[], components: Components, id: string | null, shown: unknown, entry: boolean): string {
  const layout = id === null ? null : layoutOf(statics);
  const root = id ? layout!.root : null;
  if (root && node === shown) return layout!.head + skipped(node, statics, root, components, id!, id!) + layout!.trail;
  const before = isObject(shown) && (shown as Node)[STATIC] === statics ? (shown as Node) : undefined;
  if (layout?.marked && !entry) return piece(node, statics, layout, components, id!, before, root, 0, 0, statics.length - 1, statics[statics.length - 1]!.length);
  let html = root ? `${layout!.head} ${MAGIC_ID}="${id}"${layout!.tail}` : statics[0]!;
  for (let i = 1; i < statics.length; i++) {
    const value = node[i - 1];
    // Only nested renders need their path: plain values are the common case.
    html += (typeof value === "string" ? value : dynamic(value, components, id === null ? null : `${id}-${i - 1}`, before?.[i - 1])) + statics[i];
  }
  return html;
}

/**
 * The node's HTML from offset `from` of static `start` to offset `to` of static `end`, with the
 * marks of the elements that start in it (and of `root`, if given). With `before` (the node the
 * page shows, same statics), a marked element none of whose slots changed goes as a stub.
 */
function piece(
  node: Node,
  statics: string[],
  layout: Layout,
  components: Components,
  id: string,
  before: Node | undefined,
  root: Element | null,
  start: number,
  from: number,
  end: number,
  to: number,
): string {
  let html = "";
  let s = start;
  let at = from;
  for (;;) {
    const text = statics[s]!;
    const stop = s === end ? to : text.length;
    if (root?.start === s && root.at > at && root.at <= stop) {
      html += `${text.slice(at, root.at)} ${MAGIC_ID}="${id}"`;
      at = root.at;
      continue;
    }
    const el = layout.marks[s]?.find((m) => m.at > at && m.at <= stop);
    if (el) {
      html += text.slice(at, el.at);
      at = el.at;
      if (before && unchangedWithin(node, before, el)) {
        html += skipped(node, statics, el, components, id, `${id}.${el.index}`);
        s = el.end;
        at = el.to;
      } else {
        html += ` ${MAGIC_ID}="${id}.${el.index}"`;
      }
      continue;
    }
    html += text.slice(at, stop);
    if (s === end) return html;
    const value = node[s];
    html += typeof value === "string" ? value : dynamic(value, components, `${id}-${s}`, before?.[s]);
    s++;
    at = 0;
  }
}

/** Whether every slot inside the element holds what the page shows. */
function unchangedWithin(node: Node, before: Node, el: Element): boolean {
  for (let s = el.start; s < el.end; s++) if (node[s] !== before[s]) return false;
  return true;
}

/** The rest of an element's opening tag after its name: its attributes and `>`. */
function opening(node: Node, statics: string[], el: Element, components: Components, id: string): string {
  if (el.openStatic === el.start) return statics[el.start]!.slice(el.at, el.openEnd);
  let html = statics[el.start]!.slice(el.at);
  for (let s = el.start; s < el.openStatic; s++) {
    const value = node[s];
    const text = s + 1 === el.openStatic ? statics[s + 1]!.slice(0, el.openEnd) : statics[s + 1]!;
    html += (typeof value === "string" ? value : dynamic(value, components, `${id}-${s}`, undefined)) + text;
  }
  return html;
}

/**
 * A stub for an element the page shows as it is, from the end of its name: its mark, the skip
 * flag and the rest of its opening tag (the `id` that keys it in the DOM patch included), and no
 * content.
 */
function skipped(node: Node, statics: string[], el: Element, components: Components, id: string, mark: string): string {
  return ` ${MAGIC_ID}="${mark}" ${SKIP}${opening(node, statics, el, components, id)}${VOID_TAGS.has(el.name) ? "" : `</${el.name}>`}`;
}

function dynamic(value: unknown, components: Components, id: string | null, shown: unknown): string {
  // A component is rendered whole: its diffs patch it where it is, apart from the view's tree.
  if (typeof value === "number") return renderComponent(value, components, id === null ? null : `c${value}`);
  return isObject(value) ? render(value as Node, components, id, shown) : "";
}

// Leading whitespace and comments, then `<` and the tag name of the component's root tag.
const ROOT_TAG = /^(\s*(?:<!--[\s\S]*?-->\s*)*<[^\s/>]+)/;

/** A component's HTML, its root tag marked with its cid as Phoenix's DOM patch expects. */
function renderComponent(cid: number, components: Components, id: string | null): string {
  const node = components[cid];
  if (!node) throw new Error(`LiveTSX: unknown component ${cid}`);
  const html = render(node, components, id);
  return node[ROOT] ? html.replace(ROOT_TAG, `$1 data-phx-component="${cid}"`) : html;
}

/**
 * Collects into `units` what the DOM needs for `diff`, merged from `old` into `now` at path `id`:
 * the marked elements to re-render. False when something outside every marked element under this
 * node changed (a new template, a stream, a keyed move or a new count, a value of this node
 * that no marked element holds), so the caller's element has to be re-rendered instead.
 */
function changed(diff: Node, old: Node, now: Node, id: string, units: Unit[], components: Components): boolean {
  if (diff[STATIC] !== undefined || diff[STREAM] !== undefined || now[STREAM] !== undefined) return false;
  const statics = now[STATIC] as string[];
  const keyed = diff[KEYED] as Node | undefined;
  if (keyed) {
    const before = old[KEYED] as Node | undefined;
    const after = now[KEYED] as Node;
    if (!before || before[KEYED_COUNT] !== after[KEYED_COUNT] || keyed[KEYED_MOVED] !== undefined) return false;
    for (const key in keyed) {
      if (key === KEYED_COUNT) continue;
      const entry = keyed[key];
      // A number or `[old, diff]` is a move: the elements would have to move too.
      if (!isObject(entry)) return false;
      const entryId = `${id}-${key}`;
      if (!unitOrSlots(entry as Node, before[key] as Node, after[key] as Node, statics, entryId, units, components, true)) return false;
    }
    return true;
  }
  return id !== "" ? unitOrSlots(diff, old, now, statics, id, units, components, false) : slots(diff, old, now, statics, id, units, components, false);
}

/** The slots' units, or else the node's own element when its statics have a single root. */
function unitOrSlots(diff: Node, old: Node | undefined, now: Node, statics: string[], id: string, units: Unit[], components: Components, entry: boolean): boolean {
  const mark = units.length;
  if (old && slots(diff, old, now, statics, id, units, components, entry)) return true;
  units.length = mark;
  if (!layoutOf(statics).root) return false;
  units.push({ id, html: interleave(now, statics, components, id, undefined, entry) });
  return true;
}

/**
 * Each changed slot: a nested node's own units, or a value's innermost marked element when
 * every slot inside that element holds a value (an element around a nested node would render it
 * whole).
 */
function slots(diff: Node, old: Node, now: Node, statics: string[], id: string, units: Unit[], components: Components, entry: boolean): boolean {
  let layout: Layout | null = null;
  let done: Set<number> | null = null;
  for (const key in diff) {
    if (key === TEMPLATES) continue;
    if (!/^\d+$/.test(key)) return false;
    const value = diff[key];
    if (isObject(value) && isObject(old[key])) {
      if (!changed(value as Node, old[key] as Node, now[key] as Node, `${id}-${key}`, units, components)) return false;
      continue;
    }
    if (entry) return false;
    layout ??= layoutOf(statics);
    const el = layout.around[Number(key)];
    if (!el) return false;
    if (done?.has(el.index)) continue;
    for (let s = el.start; s < el.end; s++) if (typeof now[s] !== "string" && now[s] !== undefined) return false;
    (done ??= new Set()).add(el.index);
    units.push({ id: `${id}.${el.index}`, html: piece(now, statics, layout, components, id, undefined, null, el.start, el.from, el.end, el.to) });
  }
  return true;
}

function isObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function hasKeys(value: object): boolean {
  for (const _ in value) return true;
  return false;
}
