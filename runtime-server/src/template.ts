/**
 * The compiled shape: what the compiler emits and the runtime evaluates.
 *
 * A `Template` is hoisted once per JSX tree: its statics, a fingerprint, and the deps of every
 * slot. Each render builds a `Rendered` from the template plus one dynamic per slot (a closure,
 * evaluated only when the slot's deps changed, or an already computed value).
 */

/**
 * An assign path a slot reads: `"count"`, `"user.name"`, or `"@person.type"` for a path read
 * through a list entry's binding (`person` is bound by the list's callback).
 */
export type Dep = string;

/** The deps of one slot; `null` when they cannot be proven and the slot is always evaluated. */
export type SlotDeps = readonly Dep[] | null;

/** Where a list callback's parameter names point inside the callback's arguments. */
export type Bindings = Readonly<Record<string, readonly (string | number)[]>>;

export interface TemplateOptions {
  /** The template renders a single element at its root (Phoenix's `r: 1`). @default false */
  root?: boolean;
  /** For a list entry template: the names its callback binds, as paths into its arguments. */
  bindings?: Bindings;
  /**
   * For a list entry template: outer deps the entry reads only in strict comparisons with a
   * path of its item (`{ selected: "@row.id" }` for `row.id === selected`), as the compiler
   * proved. When only they change, the entries to render are those whose path holds the old
   * or the new value.
   */
  selects?: Readonly<Record<Dep, Dep>>;
  /** Where the slots come from, for development messages (the verifier's); emitted in dev. */
  source?: TemplateSource;
}

/**
 * The source of a template's slots: the file, and per slot its 1-based line, 1-based column and
 * code (`user.name`). Development only; messages fall back to the fingerprint and slot index.
 */
export interface TemplateSource {
  readonly file: string;
  readonly slots: readonly (readonly [line: number, column: number, code: string])[];
}

export interface Template {
  /** N + 1 strings around N slots. */
  readonly statics: readonly string[];
  /** Stable hash of the statics and structure; equal fingerprints mean equal statics. */
  readonly fingerprint: string;
  /** One entry per slot. */
  readonly deps: readonly SlotDeps[];
  readonly root: boolean;
  readonly bindings: Bindings | undefined;
  readonly selects: Readonly<Record<Dep, Dep>> | undefined;
  readonly source: TemplateSource | undefined;
}

/** @internal Called by compiled code at module level. */
export function template(
  statics: readonly string[],
  fingerprint: string,
  deps: readonly SlotDeps[],
  options?: TemplateOptions,
): Template {
  if (deps.length !== statics.length - 1) {
    throw new Error(`template ${fingerprint}: ${statics.length} statics cannot surround ${deps.length} slots`);
  }
  return {
    statics,
    fingerprint,
    deps,
    root: options?.root ?? false,
    bindings: options?.bindings,
    selects: options?.selects,
    source: options?.source,
  };
}

/**
 * What the change tracker knows while a render runs. A view's assigns object, a component's
 * props object and each list entry get one; compiled code finds it with `track()`.
 */
export interface Scope {
  /** Whether the value at `dep` may differ from the one the last render saw. */
  changed(dep: Dep): boolean;
  /**
   * Whether this render follows an assign of an object that kept its reference (changed in
   * place, then assigned again): then nothing below it may be skipped because a reference is the
   * same. A scope without it is never forced.
   */
  readonly forced?: boolean;
}

/**
 * Shared through the global registry: a view module and the server may load two copies of this
 * runtime (a dev server's module runner, a bundled server), and both must see one registry.
 */
const scopes: WeakMap<object, Scope> = ((globalThis as Record<symbol, unknown>)[Symbol.for("livetsx.scopes")] ??=
  new WeakMap<object, Scope>()) as WeakMap<object, Scope>;

/** Marks the runtime's value classes so that `instanceof` holds across copies of the runtime. */
export const KIND = Symbol.for("livetsx.kind");

export function brand(cls: { prototype: object }, kind: string): void {
  Object.defineProperty(cls.prototype, KIND, { value: kind });
  Object.defineProperty(cls, Symbol.hasInstance, {
    value: (value: unknown) => typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[KIND] === kind,
  });
}

/** @internal Associates an assigns or props object with the scope that tracks it. */
export function bindScope(source: object, scope: Scope): void {
  scopes.set(source, scope);
}

/**
 * @internal Ends the association made by {@link bindScope} once the render is over: a scope
 * lives only as long as the render it tracks, and the registry stays as small as the renders
 * under way (a weak map's table keeps its size after its keys die, until entries are deleted).
 */
export function unbindScope(source: object): void {
  scopes.delete(source);
}

/**
 * @internal Compiled functions call this on their first parameter. An object the runtime did
 * not hand out (a helper called by hand) has no scope: its slots are always evaluated.
 */
export function track(source: unknown): Scope | undefined {
  return typeof source === "object" && source !== null ? scopes.get(source) : undefined;
}

/** A slot's dynamic: a closure evaluated on demand, or a value computed at render time. */
export type Dynamic = unknown;

/** A template with this render's dynamics. */
export class Rendered {
  constructor(
    readonly template: Template,
    readonly dynamics: readonly Dynamic[],
    readonly scope: Scope | undefined,
  ) {}
}

brand(Rendered, "rendered");

/** @internal */
export function rendered(template: Template, dynamics: readonly Dynamic[], scope: Scope | undefined): Rendered {
  return new Rendered(template, dynamics, scope);
}

/** Evaluates slot `index` of a rendered: calls its closure, or returns its precomputed value. */
export function evaluateSlot(value: Rendered, index: number): unknown {
  const dynamic = value.dynamics[index];
  return typeof dynamic === "function" ? (dynamic as () => unknown)() : dynamic;
}

export type KeyFunction = (...args: unknown[]) => unknown;
export type EntryFunction = (scope: Scope | undefined, ...args: unknown[]) => Rendered;
/**
 * An entry's HTML without its `Rendered`: the compiler emits it beside the entry function, with
 * the same parameters and the same slot expressions, as the entry template's statics joined with
 * each slot's `renderToString`, in slot order. The HTTP render calls it with the arguments it
 * would give the entry function, so it evaluates what walking the entry would, in the same order.
 */
export type EntryHTMLFunction = (scope: undefined, ...args: unknown[]) => string;

/**
 * A list: `items.map((item) => <li key={item.id}>…</li>)`. Entries share the template's
 * statics; each entry is built lazily so that unchanged entries are never rendered again.
 */
export class Comprehension {
  constructor(
    readonly template: Template,
    readonly items: readonly unknown[],
    readonly key: KeyFunction | null,
    readonly entry: EntryFunction,
    readonly scope: Scope | undefined,
    /** The stream the items came from (`streams.todos.map(…)`), whose annotation travels with them. */
    readonly stream: { annotation(): unknown[] } | null = null,
    /** The entries' HTML without a tree, when the compiler could emit it (see {@link EntryHTMLFunction}). */
    readonly html: EntryHTMLFunction | null = null,
  ) {}
}

brand(Comprehension, "comprehension");

/** @internal */
export function comprehension(
  template: Template,
  items: Iterable<unknown>,
  key: KeyFunction | null,
  entry: EntryFunction,
  scope: Scope | undefined,
  html?: EntryHTMLFunction,
): Comprehension {
  const stream = (items as unknown as Record<symbol, unknown>)[KIND] === "stream" ? (items as unknown as { annotation(): unknown[] }) : null;
  return new Comprehension(template, Array.isArray(items) ? items : Array.from(items), key, entry, scope, stream, html ?? null);
}

/** A function component (`<Badge status={s} />`) with the props of this render. */
export class ComponentCall {
  constructor(
    readonly fn: (props: Record<string, unknown>) => unknown,
    readonly props: Record<string, unknown>,
  ) {}
}

brand(ComponentCall, "component");

/** @internal */
export function component(fn: (props: Record<string, unknown>) => unknown, props: Record<string, unknown>): ComponentCall {
  if (typeof fn !== "function") {
    throw new TypeError(`A JSX component must be a function, got ${fn === null ? "null" : typeof fn}.`);
  }
  return new ComponentCall(fn, props);
}

const PURE = Symbol.for("livetsx.pure");

/**
 * @internal Marks a function the compiler proved pure: its result depends on its arguments
 * alone, given that each function `requires` returns is pure too. Compiled modules mark their
 * exported helpers and components, so that other modules can trust them.
 */
export function pure(fn: unknown, requires: readonly (() => unknown)[] = []): void {
  if (typeof fn === "function" && !Object.hasOwn(fn, PURE)) Object.defineProperty(fn, PURE, { value: requires });
}

function isPure(fn: unknown, seen: Set<unknown>): boolean {
  if (typeof fn !== "function") return false;
  const requires = (fn as unknown as Record<symbol, readonly (() => unknown)[] | undefined>)[PURE];
  if (requires === undefined) return false;
  if (seen.has(fn)) return true;
  seen.add(fn);
  return requires.every((get) => {
    try {
      return isPure(get(), seen);
    } catch {
      return false;
    }
  });
}

/**
 * @internal A slot's deps that hold only if the imported functions it calls are marked pure
 * (see {@link pure}); otherwise null, and the slot is evaluated on every render. Read when the
 * template is made, after the imports ran; an import not yet initialised (a cycle) is not pure.
 */
export function pureDeps(functions: readonly (() => unknown)[], deps: readonly Dep[]): SlotDeps {
  const seen = new Set<unknown>();
  for (const get of functions) {
    try {
      if (!isPure(get(), seen)) return null;
    } catch {
      return null;
    }
  }
  return deps;
}
