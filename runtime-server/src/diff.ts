/**
 * Change-tracked diffs: evaluates only the slots whose deps changed, compares each value with
 * the one last sent, and encodes what differs in the Phoenix LiveView 1.2 rendered format.
 *
 * The state kept per view mirrors what the client holds: for each rendered, its template and
 * the last value sent for each slot; for each list, its entries by key.
 */
import { renderToString } from "./html.js";
import { escapeHTML, Safe } from "./escape.js";
import {
  bindScope,
  unbindScope,
  ComponentCall,
  Comprehension,
  evaluateSlot,
  Rendered,
  type Dep,
  type Scope,
  type SlotDeps,
  type Template,
} from "./template.js";
import { COMPONENTS, KEYED, KEYED_COUNT, KEYED_MOVED, ROOT, STATIC, STREAM, TEMPLATES } from "./wire.js";
import { LiveComponentCall } from "./component.js";
import type { ViewSocket } from "./socket.js";
import type { LiveStream } from "./stream.js";
import { ComponentRegistry } from "./component-registry.js";

/** A diff in the wire format: slot indexes and the reserved keys of the rendered format. */
export type Diff = Record<string, unknown>;

/** @internal */
export interface RenderedState {
  template: Template;
  slots: SlotState[];
  /** The engine's render count when its slots were last visited (the verifier reads it). */
  visited: number;
  /**
   * The object whose scope the slots were last evaluated against (an assigns or props object,
   * an entry's arguments). A render tracked against another object's history (one template
   * rendered from two scopes, `{a ? Who(a) : Who(a.other)}`) cannot trust its deps.
   */
  source: object | null;
}

/** @internal */
export interface ListState {
  kind: "list";
  template: Template;
  entries: Map<unknown, EntryState>;
  /** The entries in list order. */
  order: EntryState[];
  count: number;
  /** The items the entries were last rendered from. */
  items: readonly unknown[];
  /**
   * The entries by the value of each selector's item path (see `Template.selects`): made the
   * first time only selectors change, and kept while the list renders the same `items` (or the
   * same items in another array; a same-length change moves the entries it changed).
   */
  selection: SelectionIndex | null;
}

/** Entries by item path (`@row.id`), then by the value it holds. */
/** @internal */
export type SelectionIndex = Map<Dep, Map<unknown, EntryState[]>>;

/** @internal */
export interface EntryState {
  args: unknown[];
  index: number;
  state: RenderedState;
  /** The list diff that last visited the entry. */
  stamp: number;
}

/** @internal */
export interface ComponentState {
  kind: "component";
  fn: ComponentCall["fn"];
  props: Record<string, unknown>;
  /** What the component rendered: a template's state, or a plain value's (a string, a cid). */
  state: RenderedState | Exclude<SlotState, ComponentState>;
}

/** A slot holding a live component holds its id. */
/** @internal */
export type SlotState = string | number | RenderedState | ListState | ComponentState | undefined;

/** Work done by renders, for tests and benchmarks. */
export interface DiffStats {
  /** Slot closures evaluated. */
  slotsEvaluated: number;
  /** List entries whose entry function ran (new or changed entries). */
  entriesRendered: number;
}

/**
 * The statics sent in one diff, each once, referenced by index (`p`). A live component's diff
 * has a table of its own; the components (`c`) and their events go to the root's.
 */
/** @internal */
export class SharedStatics {
  readonly table: Record<string, readonly string[]> = {};
  private readonly indexes = new Map<string, number>();
  readonly components: Record<number, Diff>;
  readonly events: [string, Record<string, unknown>][];
  /** Component templates whose statics this diff carries, by fingerprint → cid. */
  readonly componentStatics: Map<string, number>;

  constructor(root?: SharedStatics) {
    this.components = root ? root.components : {};
    this.events = root ? root.events : [];
    this.componentStatics = root ? root.componentStatics : new Map();
  }

  ref(template: Template): number {
    let index = this.indexes.get(template.fingerprint);
    if (index === undefined) {
      index = this.indexes.size;
      this.indexes.set(template.fingerprint, index);
      this.table[index] = template.statics;
    }
    return index;
  }

  get empty(): boolean {
    return this.indexes.size === 0;
  }
}

/** A parsed dep: `@name.a.b` reads binding `name`; `user.name` reads assign `user`. */
interface ParsedDep {
  loop: boolean;
  head: string;
  rest: string[];
  raw: Dep;
}

const parsedDeps = new WeakMap<Template, (ParsedDep[] | null)[]>();
const unionDeps = new WeakMap<Template, ParsedDep[] | null>();

function parse(dep: Dep): ParsedDep {
  const loop = dep.startsWith("@");
  const parts = (loop ? dep.slice(1) : dep).split(".");
  return { loop, head: parts[0]!, rest: parts.slice(1), raw: dep };
}

function depsOf(template: Template): (ParsedDep[] | null)[] {
  let parsed = parsedDeps.get(template);
  if (!parsed) {
    parsed = template.deps.map((d: SlotDeps) => (d === null ? null : d.map(parse)));
    parsedDeps.set(template, parsed);
  }
  return parsed;
}

/** All deps of a template's slots; null when one slot is always evaluated. */
function allDepsOf(template: Template): ParsedDep[] | null {
  let all = unionDeps.get(template);
  if (all === undefined) {
    const lists = depsOf(template);
    all = lists.includes(null) ? null : lists.flatMap((l) => l!);
    unionDeps.set(template, all);
  }
  return all;
}

function readPath(value: unknown, path: readonly (string | number)[], from = 0): unknown {
  let cur = value;
  for (let i = from; i < path.length; i++) {
    if (cur === null || cur === undefined) return undefined;
    cur = (cur as Record<string | number, unknown>)[path[i]!];
  }
  return cur;
}

/** Whether the value a dep reads differs between two assigns (or props) objects. */
function valueChanged(previous: Readonly<Record<string, unknown>>, next: Readonly<Record<string, unknown>>, dep: ParsedDep): boolean {
  const before = previous[dep.head];
  const after = next[dep.head];
  if (dep.rest.length === 0) return !Object.is(before, after);
  return !Object.is(readPath(before, dep.rest), readPath(after, dep.rest));
}

/** A scope that answers `changed` for parsed deps. */
interface TrackingScope extends Scope {
  changedParsed(dep: ParsedDep): boolean;
  readonly forced: boolean;
  /** The object this render reads. */
  readonly source: object;
  /** The object the last render read, which `changed` compares against; null on a first render. */
  readonly previousSource: object | null;
  /**
   * The value at `dep` in the last render and in this one, or null when they cannot both be
   * read (a first render, an object changed in place).
   */
  valuesOf(dep: ParsedDep): readonly [before: unknown, after: unknown] | null;
}

function sourceOf(scope: Scope | undefined): object | null {
  return isTracking(scope) ? scope.source : null;
}

function isTracking(scope: Scope | undefined): scope is TrackingScope {
  return scope !== undefined && "changedParsed" in scope;
}

function anyChanged(deps: ParsedDep[] | null, scope: Scope | undefined): boolean {
  if (deps === null || !isTracking(scope)) return true;
  for (const dep of deps) if (scope.changedParsed(dep)) return true;
  return false;
}

/**
 * The scope of a view's render: a dep changed when its top-level assign was assigned a new
 * value and the value at its path differs, or when its assign was assigned again with the same
 * object (`touched`: changed in place, so its paths cannot be compared with the last render's).
 */
export class AssignsScope implements TrackingScope {
  /** A key in `touched` forces the render: no by-reference shortcut below any slot. */
  readonly forced: boolean;

  constructor(
    private previous: Readonly<Record<string, unknown>> | null,
    private readonly next: Readonly<Record<string, unknown>>,
    private changedKeys: ReadonlySet<string> | null,
    private touched: ReadonlySet<string> | null = null,
  ) {
    this.forced = touched !== null && touched.size > 0 && changedKeys !== null;
  }

  /**
   * Called when the render is over: the assigns object is unbound (compiled code called on it
   * later finds no scope and evaluates every slot), and the scope keeps no previous assigns
   * alive (whose own scope would keep the one before it, and so on). A retired scope answers
   * "changed" to everything.
   */
  retire(): void {
    unbindScope(this.next);
    this.previous = null;
    this.changedKeys = null;
    this.touched = null;
  }

  get source(): object {
    return this.next;
  }

  get previousSource(): object | null {
    return this.previous;
  }

  changed(dep: Dep): boolean {
    return this.changedParsed(parse(dep));
  }

  changedParsed(dep: ParsedDep): boolean {
    if (dep.loop || this.previous === null || this.changedKeys === null) return true;
    if (!this.changedKeys.has(dep.head)) return false;
    // The same object as last time, changed in place: before and after are one object.
    if (this.forced && this.touched!.has(dep.head)) return true;
    return valueChanged(this.previous, this.next, dep);
  }

  valuesOf(dep: ParsedDep): readonly [unknown, unknown] | null {
    if (dep.loop || this.previous === null || this.changedKeys === null) return null;
    if (this.forced && this.touched!.has(dep.head)) return null;
    return [readPath(this.previous[dep.head], dep.rest), readPath(this.next[dep.head], dep.rest)];
  }
}

/** A function component's props against the props of the last render. */
class PropsScope implements TrackingScope {
  constructor(
    private previous: Readonly<Record<string, unknown>> | null,
    private readonly next: Readonly<Record<string, unknown>>,
    /** Made during a forced render: a prop may be the same object, changed in place. */
    readonly forced: boolean,
  ) {}

  get source(): object {
    return this.next;
  }

  get previousSource(): object | null {
    return this.previous;
  }

  changed(dep: Dep): boolean {
    return this.changedParsed(parse(dep));
  }

  changedParsed(dep: ParsedDep): boolean {
    if (dep.loop || this.previous === null || this.forced) return true;
    return valueChanged(this.previous, this.next, dep);
  }

  valuesOf(dep: ParsedDep): readonly [unknown, unknown] | null {
    if (dep.loop || this.previous === null || this.forced) return null;
    return [readPath(this.previous[dep.head], dep.rest), readPath(this.next[dep.head], dep.rest)];
  }

  /** The component has rendered: its props are unbound and keep no earlier props alive (see AssignsScope). */
  retire(): void {
    unbindScope(this.next);
    this.previous = null;
  }
}

/** A list entry: its bindings read the callback's arguments, other deps go to the list's scope. */
class EntryScope implements TrackingScope {
  constructor(
    private readonly parent: Scope | undefined,
    private readonly bindings: Template["bindings"],
    public previous: readonly unknown[] | null,
    public next: readonly unknown[],
    /** Made during a forced render: the item may be the same object, changed in place. */
    readonly forced: boolean,
  ) {}

  get source(): object {
    return this.next;
  }

  get previousSource(): object | null {
    return this.previous;
  }

  changed(dep: Dep): boolean {
    return this.changedParsed(parse(dep));
  }

  changedParsed(dep: ParsedDep): boolean {
    const binding = dep.loop ? this.bindings?.[dep.head] : undefined;
    if (binding === undefined) {
      if (!this.parent) return true;
      return isTracking(this.parent) ? this.parent.changedParsed(dep) : this.parent.changed(dep.raw);
    }
    if (this.previous === null || this.forced) return true;
    const before = readPath(readPath(this.previous, binding), dep.rest);
    const after = readPath(readPath(this.next, binding), dep.rest);
    return !Object.is(before, after);
  }

  valuesOf(dep: ParsedDep): readonly [unknown, unknown] | null {
    const binding = dep.loop ? this.bindings?.[dep.head] : undefined;
    if (binding === undefined) return isTracking(this.parent) ? this.parent.valuesOf(dep) : null;
    if (this.previous === null || this.forced) return null;
    return [readPath(readPath(this.previous, binding), dep.rest), readPath(readPath(this.next, binding), dep.rest)];
  }
}

/**
 * Renders and diffs one view's tree. `render` returns the full rendered tree the first time
 * (statics included) and afterwards only what changed, or `null` when nothing did.
 */
export class DiffEngine {
  private root: RenderedState | null = null;
  /** @internal See {@link DiffStats}; counted in fields, as an object of its own would cost every view. */
  slotsEvaluated = 0;
  /** @internal See {@link DiffStats}. */
  entriesRendered = 0;

  private statsView: Readonly<DiffStats> | null = null;

  /** How much work the renders so far did: counts that go on counting (made when first asked for). */
  get stats(): Readonly<DiffStats> {
    return (this.statsView ??= Object.defineProperties({} as DiffStats, {
      slotsEvaluated: { enumerable: true, get: () => this.slotsEvaluated },
      entriesRendered: { enumerable: true, get: () => this.entriesRendered },
    }));
  }
  /**
   * @internal True while a render follows an assign of an object that kept its reference: every
   * list entry reached is rendered and every function component's props count as changed (slot
   * values are still compared with what was sent). A live component's render sets its own.
   */
  forced = false;
  /** @internal Bumped by each render; a rendered state records the render that visited it. */
  epoch = 0;
  /** @internal Live components' renders are verified too (the view instance sets it in development). */
  verifying = false;

  /** Forgets what the client has: the next render is a full one (a rejoin, a new template). */
  reset(): void {
    this.root = null;
  }

  /** Forgets what the client has of every live component: each one met is rendered whole. */
  resetComponents(): void {
    this.registry?.reset();
  }

  /** @internal What the client holds, per slot: the last value sent. */
  get state(): RenderedState | null {
    return this.root;
  }

  /**
   * `forced` (by default the tree's scope's): nothing below a slot is skipped because a
   * reference is the same.
   */
  render(tree: Rendered, forced = tree.scope?.forced === true): Diff | null {
    const statics = new SharedStatics();
    // A render's events replace those not taken (they were its previous render's).
    this.componentEvents = null;
    this.epoch++;
    this.forced = forced;
    let diff: Diff | null;
    try {
      if (this.root === null || this.root.template !== tree.template) {
        const full = this.full(tree, statics, true);
        this.root = full.state;
        diff = full.diff;
      } else {
        diff = this.partial(tree, this.root, statics);
      }
    } finally {
      this.forced = false;
      if (statics.events.length > 0) this.componentEvents = statics.events;
    }
    if (diff && !statics.empty) diff[TEMPLATES] = statics.table;
    return this.withComponents(diff, statics);
  }

  /** Adds the components rendered during a diff under `c`. */
  private withComponents(diff: Diff | null, statics: SharedStatics): Diff | null {
    if (Object.keys(statics.components).length === 0) return diff;
    return { ...(diff ?? {}), [COMPONENTS]: statics.components };
  }

  /** Events live components pushed while rendering, taken once. */
  takeComponentEvents(): [string, Record<string, unknown>][] {
    const events = this.componentEvents ?? [];
    this.componentEvents = null;
    return events;
  }

  /** Events not taken yet; null when there are none, as an idle view keeps no empty list. */
  private componentEvents: [string, Record<string, unknown>][] | null = null;

  private registry: ComponentRegistry | null = null;
  /** Makes live components' sockets; the view instance sets itself, to share its host. */
  sockets: { componentSocket(cid: number): ViewSocket<Record<string, unknown>> } | null = null;

  /** Live components of this view (made on first use: most views have none). */
  get components(): ComponentRegistry {
    return (this.registry ??= new ComponentRegistry(this));
  }

  /** Renders one component after its event or a `sendUpdate`; null when nothing changed. */
  renderComponent(cid: number): Diff | null {
    const statics = new SharedStatics();
    this.epoch++;
    this.components.render(cid, statics);
    if (statics.events.length > 0) (this.componentEvents ??= []).push(...statics.events);
    return this.withComponents(null, statics);
  }

  /** Every slot evaluated; statics sent (as a `p` reference) unless `withStatics` is false. */
  /** @internal */
  full(tree: Rendered, statics: SharedStatics, withStatics: boolean): { diff: Diff; state: RenderedState } {
    const { template } = tree;
    const diff: Diff = {};
    const state: RenderedState = { template, slots: new Array(template.deps.length), visited: this.epoch, source: sourceOf(tree.scope) };
    for (let i = 0; i < template.deps.length; i++) {
      this.slotsEvaluated++;
      const { wire, state: slot } = this.value(evaluateSlot(tree, i), undefined, statics);
      diff[i] = wire;
      state.slots[i] = slot;
    }
    if (withStatics) {
      diff[STATIC] = statics.ref(template);
      if (template.root) diff[ROOT] = 1;
    }
    return { diff, state };
  }

  /** Only the slots whose deps changed; `null` when no value differs from the last one sent. */
  /** @internal */
  partial(tree: Rendered, state: RenderedState, statics: SharedStatics, trusted = false): Diff | null {
    const deps = depsOf(tree.template);
    let diff: Diff | null = null;
    state.visited = this.epoch;
    const scope = tree.scope;
    // Deps say what changed since the render the state came from; from another object's render
    // (or an untracked one) they say nothing, and every slot is evaluated.
    const tracking = isTracking(scope);
    const lineage = trusted || (tracking && (scope.previousSource === null || scope.previousSource === state.source));
    if (!trusted) state.source = tracking ? scope.source : null;
    for (let i = 0; i < deps.length; i++) {
      if (lineage && !anyChanged(deps[i]!, scope)) continue;
      this.slotsEvaluated++;
      const { wire, state: slot } = this.value(evaluateSlot(tree, i), state.slots[i], statics);
      state.slots[i] = slot;
      if (wire !== undefined) (diff ??= {})[i] = wire;
    }
    return diff;
  }

  /**
   * A slot's value on the wire, against what the client has: `undefined` when unchanged.
   * Nested renders of the same template send only their changes; anything else is sent whole.
   */
  private value(value: unknown, previous: SlotState, statics: SharedStatics): { wire: unknown; state: SlotState } {
    if (value instanceof Rendered) {
      if (isRendered(previous) && previous.template === value.template) {
        return { wire: this.partial(value, previous, statics) ?? undefined, state: previous };
      }
      const full = this.full(value, statics, true);
      return { wire: full.diff, state: full.state };
    }
    if (value instanceof LiveComponentCall) {
      const cid = this.components.visit(value, statics);
      return { wire: previous === cid ? undefined : cid, state: cid };
    }
    if (value instanceof Comprehension) {
      if (value.stream) return this.streamList(value, isList(previous) ? previous : undefined, statics);
      return this.list(value, isList(previous) ? previous : undefined, statics);
    }
    if (value instanceof ComponentCall) return this.component(value, isComponent(previous) ? previous : undefined, statics);
    const html = toHTML(value);
    return { wire: html === previous ? undefined : html, state: html };
  }

  private component(call: ComponentCall, previous: ComponentState | undefined, statics: SharedStatics): { wire: unknown; state: SlotState } {
    const same = previous !== undefined && previous.fn === call.fn;
    const scope = new PropsScope(same ? previous.props : null, call.props, this.forced);
    bindScope(call.props, scope);
    try {
      return this.componentOutput(call, same ? previous : undefined, statics);
    } finally {
      scope.retire();
    }
  }

  private componentOutput(call: ComponentCall, previous: ComponentState | undefined, statics: SharedStatics): { wire: unknown; state: SlotState } {
    const output = call.fn(call.props);
    if (!(output instanceof Rendered)) {
      // A component that returns a plain value (a string, a live component) is compared with
      // what it returned last time, like any slot value.
      const inner = this.value(output, previous && !isRendered(previous.state) ? previous.state : undefined, statics);
      return { wire: inner.wire, state: { kind: "component", fn: call.fn, props: call.props, state: inner.state as ComponentState["state"] } };
    }
    if (previous && isRendered(previous.state) && previous.state.template === output.template) {
      const wire = this.partial(output, previous.state, statics) ?? undefined;
      return { wire, state: { kind: "component", fn: call.fn, props: call.props, state: previous.state } };
    }
    const full = this.full(output, statics, true);
    return { wire: full.diff, state: { kind: "component", fn: call.fn, props: call.props, state: full.state } };
  }

  /**
   * A keyed comprehension: entries are matched by key; an entry whose deps did not change is
   * not rendered at all; moved entries are sent as their old index (with their changes).
   */
  private streamList(list: Comprehension, previous: ListState | undefined, statics: SharedStatics): { wire: unknown; state: SlotState } {
    return streamList(this, list, previous, statics);
  }

  /** Bumped by each list diff, to mark the entries it visited. */
  private stamp = 0;

  private list(list: Comprehension, previous: ListState | undefined, statics: SharedStatics): { wire: unknown; state: SlotState } {
    const { template, items } = list;
    const fresh = previous === undefined || previous.template !== template;
    // The previous entries are updated in place: a render that changes one row of a long list
    // allocates for that row only.
    const entries = fresh ? new Map<unknown, EntryState>() : previous.entries;
    const stamp = ++this.stamp;
    const keyed: Diff = {};
    let moved = false;
    let changed = fresh || previous.count !== items.length;
    let kept = 0;
    const entryDeps = allDepsOf(template);
    const reads = entryReads(template);
    // After an in-place change nothing is known from references: every entry is rendered.
    const forced = this.forced || list.scope?.forced === true;
    // Deps from outside the entry (an assign like `selected`) are checked once for the list.
    let outerChanged = anyChanged(reads.others, list.scope);
    // Selector deps that changed, with their values before and after.
    let moves: Move[] | null = null;
    if (!outerChanged && !forced) {
      for (const { dep, probe } of reads.selects) {
        if (isTracking(list.scope) && !list.scope.changedParsed(dep)) continue;
        const values = isTracking(list.scope) ? list.scope.valuesOf(dep) : null;
        if (values === null) {
          outerChanged = true;
          moves = null;
          break;
        }
        (moves ??= []).push({ probe, before: values[0], after: values[1] });
      }
    }
    // (Moves are only taken when nothing else outside the entries changed and nothing is forced.)
    if (!fresh && moves !== null && items === previous.items) return this.reselect(list, previous, moves, statics);
    if (!fresh && moves === null && !outerChanged && !forced && !reads.array && items.length === previous.items.length) {
      const done = this.samePlaces(list, previous, statics);
      if (done !== null) return done;
    }
    const probe = new EntryScope(list.scope, template.bindings, null, [], false);
    const before = fresh ? null : previous.order;
    const order: EntryState[] = new Array(items.length);
    for (let j = 0; j < items.length; j++) {
      const item = items[j];
      // The same item at the same place is the same entry: no key to compute or look up.
      let old = before?.[j];
      if (old === undefined || old.stamp === stamp || !Object.is(old.args[0], item)) {
        const key = list.key ? list.key(item, j, items) : j;
        old = entries.get(key);
        if (old !== undefined && old.stamp === stamp) {
          throw new Error(`Two entries of a list have the key ${String(key)}: keys must be unique within a list.`);
        }
        if (old === undefined) {
          const args = [item, j, items];
          const scope = new EntryScope(list.scope, template.bindings, null, args, forced);
          this.entriesRendered++;
          const full = this.full(list.entry(scope, ...args), statics, false);
          entries.set(key, (order[j] = { args, index: j, state: full.state, stamp }));
          keyed[j] = full.diff;
          changed = true;
          continue;
        }
      }
      order[j] = old;
      kept++;
      old.stamp = stamp;
      let diff: Diff | null = null;
      // Assigns are immutable: the same item at the same place, with nothing outside changed,
      // renders the same entry. Only reads of the index or the whole array need a closer look.
      let same = !forced && !outerChanged && Object.is(old.args[0], item) && (old.index === j || !reads.index) && !reads.array;
      // A changed selector: only entries whose item path holds its old or new value can differ.
      if (same && moves !== null && selectedBy(old.args, moves, template.bindings!)) same = false;
      if (!same) {
        const args = [item, j, items];
        probe.previous = old.args;
        probe.next = args;
        if (forced || anyChanged(entryDeps, probe)) {
          this.entriesRendered++;
          const scope = new EntryScope(list.scope, template.bindings, old.args, args, forced);
          // An entry's scope compares with its own last arguments: its lineage holds by construction.
          diff = this.partial(list.entry(scope, ...args), old.state, statics, true);
        }
        old.args = args;
      }
      if (old.index !== j) {
        moved = true;
        keyed[j] = diff ? [old.index, diff] : old.index;
        changed = true;
        old.index = j;
      } else if (diff) {
        keyed[j] = diff;
        changed = true;
      }
    }
    // Entries no longer in the list are forgotten.
    if (!fresh && kept < entries.size) {
      for (const [key, entry] of entries) if (entry.stamp !== stamp) entries.delete(key);
    }
    // The index stays right while the items do: same items, same entries, same item paths.
    const selection = !fresh && !forced && previous.items === items ? previous.selection : null;
    const state: ListState = { kind: "list", template, entries, order, count: items.length, items, selection };
    if (!changed) return { wire: undefined, state };
    keyed[KEYED_COUNT] = items.length;
    if (moved) keyed[KEYED_MOVED] = true;
    const wire: Diff = { [KEYED]: keyed };
    if (fresh) wire[STATIC] = statics.ref(template);
    return { wire, state };
  }

  /**
   * As many items as last time, and every item that is not the same object at the same place
   * has the key of the entry that was there (a row replaced by its renamed copy): only those
   * places are rendered, without a walk over the entries. Null (nothing done) otherwise.
   */
  private samePlaces(list: Comprehension, state: ListState, statics: SharedStatics): { wire: unknown; state: SlotState } | null {
    const { template, items } = list;
    const before = state.items;
    const places = changedPlaces(items, before);
    if (places === null) {
      // Another array of the same items: the index of item paths still holds.
      return { wire: undefined, state: items === before ? state : { ...state, items } };
    }
    for (const j of places) {
      if (state.entries.get(list.key ? list.key(items[j], j, items) : j) !== state.order[j]) return null;
    }
    const entryDeps = allDepsOf(template);
    const probe = new EntryScope(list.scope, template.bindings, null, [], false);
    const keyed: Diff = {};
    let changed = false;
    const selection = state.selection;
    const selects = selection ? entryReads(template).selects : [];
    for (const j of places) {
      const entry = state.order[j]!;
      const args = [items[j], j, items];
      // The index follows the entries whose item path holds a new value.
      for (const { probe: path } of selects) {
        const byValue = selection!.get(path.raw);
        if (byValue !== undefined) moveEntry(byValue, entry, probeValue(entry.args, path, template.bindings!), probeValue(args, path, template.bindings!));
      }
      probe.previous = entry.args;
      probe.next = args;
      if (anyChanged(entryDeps, probe)) {
        this.entriesRendered++;
        const scope = new EntryScope(list.scope, template.bindings, entry.args, args, false);
        const diff = this.partial(list.entry(scope, ...args), entry.state, statics, true);
        if (diff) {
          keyed[j] = diff;
          changed = true;
        }
      }
      entry.args = args;
    }
    const next: ListState = { ...state, items };
    if (!changed) return { wire: undefined, state: next };
    keyed[KEYED_COUNT] = items.length;
    return { wire: { [KEYED]: keyed }, state: next };
  }

  /**
   * Only selector deps changed and the items are the same: the entries whose item path holds a
   * selector's old or new value are rendered, found through the list's index; no other entry
   * can render differently (the compiler proved the entry reads the dep only in `===`/`!==`
   * with that path, which gives false before and after for every other value).
   */
  private reselect(list: Comprehension, state: ListState, moves: readonly Move[], statics: SharedStatics): { wire: unknown; state: SlotState } {
    const { template } = list;
    const index = (state.selection ??= new Map());
    const keyed: Diff = {};
    let changed = false;
    const seen = new Set<EntryState>();
    for (const move of moves) {
      let byValue = index.get(move.probe.raw);
      if (byValue === undefined) {
        byValue = new Map();
        for (const entry of state.order) {
          const value = probeValue(entry.args, move.probe, template.bindings!);
          const bucket = byValue.get(value);
          if (bucket) bucket.push(entry);
          else byValue.set(value, [entry]);
        }
        index.set(move.probe.raw, byValue);
      }
      for (const value of [move.before, move.after]) {
        for (const entry of byValue.get(value) ?? []) {
          if (seen.has(entry)) continue;
          seen.add(entry);
          this.entriesRendered++;
          const scope = new EntryScope(list.scope, template.bindings, entry.args, entry.args, false);
          const diff = this.partial(list.entry(scope, ...entry.args), entry.state, statics, true);
          if (diff) {
            keyed[entry.index] = diff;
            changed = true;
          }
        }
      }
    }
    if (!changed) return { wire: undefined, state };
    keyed[KEYED_COUNT] = state.count;
    return { wire: { [KEYED]: keyed }, state };
  }
}

/** A selector dep that changed: its item path, and its value in the last render and in this one. */
interface Move {
  probe: ParsedDep;
  before: unknown;
  after: unknown;
}

/** Moves an entry of an index from the bucket of its old value to its new one's. */
function moveEntry(byValue: Map<unknown, EntryState[]>, entry: EntryState, before: unknown, after: unknown): void {
  if (sameValueZero(before, after)) return;
  const from = byValue.get(before);
  const at = from ? from.indexOf(entry) : -1;
  if (at >= 0) {
    from!.splice(at, 1);
    if (from!.length === 0) byValue.delete(before);
  }
  const to = byValue.get(after);
  if (to) to.push(entry);
  else byValue.set(after, [entry]);
}

/** The value of an item path (`@row.id`) in an entry's arguments. */
function probeValue(args: readonly unknown[], probe: ParsedDep, bindings: NonNullable<Template["bindings"]>): unknown {
  return readPath(readPath(args, bindings[probe.head]!), probe.rest);
}

/** Whether an entry's item path holds the old or the new value of a changed selector (SameValueZero, as `===` and Map keys). */
function selectedBy(args: readonly unknown[], moves: readonly Move[], bindings: NonNullable<Template["bindings"]>): boolean {
  for (const move of moves) {
    const value = probeValue(args, move.probe, bindings);
    if (sameValueZero(value, move.before) || sameValueZero(value, move.after)) return true;
  }
  return false;
}

function sameValueZero(a: unknown, b: unknown): boolean {
  return a === b || (a !== a && b !== b);
}

/** What a list entry template reads besides its item: outer deps, the index, the array. */
interface EntryReads {
  outer: ParsedDep[] | null;
  /** Outer deps that are not selectors. */
  others: ParsedDep[] | null;
  /** Selector deps (see `Template.selects`) with their item paths. */
  selects: { dep: ParsedDep; probe: ParsedDep }[];
  index: boolean;
  array: boolean;
}

const entryReadsCache = new WeakMap<Template, EntryReads>();

function entryReads(template: Template): EntryReads {
  let reads = entryReadsCache.get(template);
  if (!reads) {
    const all = allDepsOf(template);
    const bindings = template.bindings ?? {};
    const own = (dep: ParsedDep) => dep.loop && bindings[dep.head] !== undefined;
    const argOf = (dep: ParsedDep) => bindings[dep.head]?.[0];
    const outer = all === null ? null : all.filter((d) => !own(d));
    const selects: EntryReads["selects"] = [];
    for (const [dep, path] of Object.entries(template.selects ?? {})) {
      const probe = parse(path);
      if (outer === null || !probe.loop || bindings[probe.head] === undefined || !outer.some((d) => d.raw === dep)) continue;
      selects.push({ dep: parse(dep), probe });
    }
    reads = {
      outer,
      others: outer === null ? null : outer.filter((d) => !selects.some((s) => s.dep.raw === d.raw)),
      selects,
      index: all === null || all.some((d) => own(d) && argOf(d) === 1),
      array: all === null || all.some((d) => own(d) && argOf(d) === 2),
    };
    entryReadsCache.set(template, reads);
  }
  return reads;
}

/**
 * A stream's comprehension: the entries inserted since the last render, sent whole, with the
 * `stream` annotation; nothing is kept, so the next render starts empty.
 * @internal (a method of DiffEngine, kept here to keep the class readable)
 */
function streamList(
  engine: DiffEngine,
  list: Comprehension,
  previous: ListState | undefined,
  statics: SharedStatics,
): { wire: unknown; state: SlotState } {
  const { template, items } = list;
  const stream = list.stream as LiveStream;
  const fresh = previous === undefined || previous.template !== template;
  const state: ListState = { kind: "list", template, entries: new Map(), order: [], count: 0, items, selection: null };
  if (!fresh && !stream.pending) return { wire: undefined, state };
  const keyed: Diff = {};
  for (let j = 0; j < items.length; j++) {
    const args = [items[j], j, items];
    engine.entriesRendered++;
    keyed[j] = engine.full(list.entry(new EntryScope(list.scope, template.bindings, null, args, false), ...args), statics, false).diff;
  }
  keyed[KEYED_COUNT] = items.length;
  const wire: Diff = { [KEYED]: keyed, [STREAM]: stream.annotation() };
  if (fresh) wire[STATIC] = statics.ref(template);
  return { wire, state };
}

/** @internal */
export function isRendered(state: SlotState): state is RenderedState {
  return typeof state === "object" && !("kind" in state);
}

/** @internal */
export function isList(state: SlotState): state is ListState {
  return typeof state === "object" && "kind" in state && state.kind === "list";
}

/** @internal */
export function isComponent(state: SlotState): state is ComponentState {
  return typeof state === "object" && "kind" in state && state.kind === "component";
}

/** @internal A plain slot value as the HTML the client inserts. */
export function toHTML(value: unknown): string {
  if (typeof value === "string") return escapeHTML(value);
  if (value instanceof Safe) return value.html;
  return renderToString(value);
}

/**
 * @internal The places where `items` holds another value than `before` (ascending), or null if none.
 * `!==`: a NaN item counts as changed, which only costs it a look. Four places are compared per
 * step: a rename in a long list is this walk, and the unrolled loop takes about a third less
 * time a row than one comparison per step.
 */
export function changedPlaces(items: readonly unknown[], before: readonly unknown[]): number[] | null {
  let places: number[] | null = null;
  const n = items.length;
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    if (items[j] !== before[j] || items[j + 1] !== before[j + 1] || items[j + 2] !== before[j + 2] || items[j + 3] !== before[j + 3]) {
      for (let k = j; k < j + 4; k++) if (items[k] !== before[k]) (places ??= []).push(k);
    }
  }
  for (; j < n; j++) if (items[j] !== before[j]) (places ??= []).push(j);
  return places;
}
