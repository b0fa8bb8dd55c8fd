/**
 * Dependency analysis: which assign paths an expression reads.
 *
 * A dep is an assign path (`user.name`), or `@name…` for a path read through a list callback's
 * binding. The analysis is an allowlist: an expression gets precise deps only when every read in
 * it is proven (an assign path, a local whose every write is understood, a helper whose body is
 * analysed, an immutable module constant, a known-pure built-in). Anything else makes the result
 * dirty, with the reason: the slot is then evaluated on every render, and the value comparison
 * still keeps the wire minimal. Never wrong; conservative where it cannot prove.
 */
import type { NodePath, types as t } from "@babel/core";
import { isJSImport, isJSMethod } from "./js-commands.js";
import { isConstantGlobal, isPureGlobalCall, isPureGlobalConstructor, isPureGlobalMember, isPureMethod, MUTATING_METHOD_COPIES } from "./purity.js";
import { isPathSegment, patternAccess, type PatternAccess } from "./patterns.js";
import type { ModuleFacts } from "./module-facts.js";

export { patternIdentifiers } from "./patterns.js";

type Binding = NonNullable<ReturnType<NodePath["scope"]["getBinding"]>>;

/** The deps of an expression, accumulated. */
export class Deps {
  readonly paths = new Set<string>();
  /** Why the deps cannot be proven; `null` when they can. */
  dirty: string | null = null;
  /** Reads a binding that is reassigned: its value must be taken when the render runs. */
  eager = false;
  /**
   * Imported functions the deps hold for only if they are pure: checked when the module runs,
   * against the mark their own compiled module gives them.
   */
  readonly requires = new Set<string>();

  add(other: Deps): this {
    for (const p of other.paths) this.paths.add(p);
    for (const r of other.requires) this.requires.add(r);
    if (other.dirty !== null && this.dirty === null) this.dirty = other.dirty;
    if (other.eager) this.eager = true;
    return this;
  }

  addPath(path: string): this {
    // The whole assigns (or props) object is no path the runtime can compare.
    if (path === "") return this.markDirty("reads the whole assigns object");
    this.paths.add(path);
    return this;
  }

  markDirty(reason: string): this {
    if (this.dirty === null) this.dirty = reason;
    return this;
  }

  /** Sorted deps for output, without paths their prefix already covers; `null` when dirty. */
  list(): string[] | null {
    if (this.dirty !== null) return null;
    const sorted = [...this.paths].sort();
    return sorted.filter((p) => !sorted.some((q) => q !== p && (p.startsWith(`${q}.`) || (q === "" && p !== ""))));
  }
}

/** What an identifier stands for, from the point of view of the template being built. */
type Ref =
  // A tracked value: `path` in the assigns (or `@name` in a list entry). `whole` is why using it
  // whole is dirty; `exact` is false when reads through it cannot extend the path; `inputs` are
  // defaults and computed keys of its pattern.
  | { kind: "path"; path: string; whole: string | null; exact: boolean; inputs: Deps | null }
  | { kind: "deps"; deps: Deps }
  // A function whose body was analysed: calling it reads its arguments and `deps`.
  | { kind: "function"; deps: Deps }
  | { kind: "static" };

const STATIC: Ref = { kind: "static" };

const dirtyRef = (reason: string): Ref => ({ kind: "deps", deps: new Deps().markDirty(reason) });

/** The names the compiler generates; user bindings with these names are renamed first. */
export function isGeneratedName(name: string): boolean {
  return name === "_scope$" || name === "_entry$" || name === "_props$" || /^_tmpl\$\d+$/.test(name) || /^_\$[A-Za-z]+$/.test(name);
}

/** Where a tracked function's parameters and a list callback's bindings point. */
export interface Tracking {
  /** Bindings of a region's tracked first parameter (`""` is the whole assigns object). */
  readonly params: Map<Binding, { access: PatternAccess; base: string; region: t.Function }>;
  /** Bindings made by list callbacks (`@name`), with the region the list is in. */
  readonly loops: Map<Binding, { access: PatternAccess; path: string; region: t.Function | null; rest: boolean }>;
  /** Whether a function's JSX is compiled into templates tracked by its first parameter. */
  readonly isRegion: (fn: t.Function) => boolean;
  /** Reports a render that changes an assign in place. */
  readonly reportMutation: (node: t.Node, what: string, copy: string | null) => void;
}

/** A builder of member chains: `a.b[c].d` as its base and segments. */
function memberChain(path: NodePath): { base: NodePath; segments: (string | NodePath)[] } {
  const segments: (string | NodePath)[] = [];
  let cur: NodePath = path;
  while (cur.isMemberExpression() || cur.isOptionalMemberExpression()) {
    const prop = cur.get("property") as NodePath;
    const n = cur.node as t.MemberExpression;
    if (!n.computed && prop.isIdentifier()) segments.unshift(prop.node.name);
    else if (prop.isStringLiteral()) segments.unshift(prop.node.value);
    else if (prop.isNumericLiteral()) segments.unshift(String(prop.node.value));
    else segments.unshift(prop);
    cur = cur.get("object") as NodePath;
  }
  return { base: unwrap(cur), segments };
}

/** An expression without the wrappers that do not change its value. */
function unwrap(path: NodePath): NodePath {
  let cur = path;
  while (cur.isTSAsExpression() || cur.isTSSatisfiesExpression() || cur.isTSNonNullExpression() || cur.isParenthesizedExpression() || cur.isTSTypeAssertion()) {
    cur = cur.get("expression") as NodePath;
  }
  return cur;
}

/**
 * Resolves identifiers and collects the deps of expressions inside one region (a function whose
 * JSX becomes templates). Local bindings are analysed once and cached.
 */
export class DepsAnalyzer {
  private readonly locals = new Map<Binding, Deps>();
  private readonly inProgress = new Set<Binding>();
  /** The locals whose deps are being collected, outermost first. */
  private readonly stack: Binding[] = [];
  /** Locals whose answer left out a local reached again: not cached. */
  private readonly partialAnswers = new Set<Binding>();
  /**
   * Functions whose bodies are being summarised: their own bindings stand for values computed
   * from their arguments and free reads, which the summary accounts for.
   */
  private readonly opaque: NodePath[] = [];

  /** Runs `fn` with the bindings inside `boundary` read as values of the boundary's own. */
  withOpaque<T>(boundary: NodePath, fn: () => T): T {
    this.opaque.push(boundary);
    try {
      return fn();
    } finally {
      this.opaque.pop();
    }
  }

  constructor(
    readonly region: NodePath<t.Function> | null,
    private readonly tracking: Tracking,
    private readonly analyzerFor: (fn: NodePath<t.Function>) => DepsAnalyzer,
    /** Builds nested templates for JSX met inside an expression and returns their deps. */
    private readonly onJSX: (path: NodePath<t.JSXElement | t.JSXFragment>, acc: Deps) => void,
    private readonly facts: ModuleFacts,
    /** Builds the comprehension a list local's initializer is (see `isListLocal`), or returns false. */
    private readonly onListLocal: (call: NodePath, acc: Deps) => boolean = () => false,
  ) {}

  /** Collects the deps of an expression into `acc`. */
  collect(path: NodePath, acc: Deps): void {
    const node = path.node;
    switch (node.type) {
      case "Identifier":
        if (isGeneratedName(node.name)) return;
        this.useWhole(this.resolve(path as NodePath<t.Identifier>), node.name, acc);
        return;
      case "MemberExpression":
      case "OptionalMemberExpression":
        this.collectMember(path, acc, false);
        return;
      case "CallExpression":
      case "OptionalCallExpression":
      case "NewExpression":
        this.collectCall(path as NodePath<t.CallExpression | t.NewExpression>, acc);
        return;
      case "JSXElement":
      case "JSXFragment":
        this.onJSX(path as NodePath<t.JSXElement | t.JSXFragment>, acc);
        return;
      case "ArrowFunctionExpression":
      case "FunctionExpression":
        acc.add(this.facts.functionDeps(path as NodePath<t.Function>, this));
        return;
      case "StringLiteral":
      case "NumericLiteral":
      case "BooleanLiteral":
      case "NullLiteral":
      case "BigIntLiteral":
      case "RegExpLiteral":
        return;
      case "ThisExpression":
        acc.markDirty("reads `this`");
        return;
      case "AssignmentExpression":
      case "UpdateExpression":
        acc.markDirty("assigns a variable while rendering");
        acc.eager = true;
        return;
      case "AwaitExpression":
      case "YieldExpression":
        acc.markDirty("awaits while rendering");
        return;
      case "UnaryExpression":
        if (node.operator === "delete") {
          acc.markDirty("deletes a property while rendering");
          return;
        }
        this.collect(path.get("argument") as NodePath, acc);
        return;
      case "ObjectExpression":
        for (const prop of (path as NodePath<t.ObjectExpression>).get("properties")) {
          if (prop.isObjectProperty()) {
            if (prop.node.computed) this.collect(prop.get("key"), acc);
            this.collect(prop.get("value"), acc);
          } else if (prop.isSpreadElement()) {
            this.collect(prop.get("argument"), acc);
          } else {
            acc.add(this.facts.functionDeps(prop as NodePath<t.ObjectMethod>, this));
          }
        }
        return;
      case "ArrayExpression":
        for (const el of (path as NodePath<t.ArrayExpression>).get("elements")) if (el.node) this.collect(el as NodePath, acc);
        return;
      case "SpreadElement":
        this.collect(path.get("argument") as NodePath, acc);
        return;
      case "TSAsExpression":
      case "TSSatisfiesExpression":
      case "TSNonNullExpression":
      case "TSTypeAssertion":
      case "TSInstantiationExpression":
      case "TypeCastExpression":
      case "ParenthesizedExpression":
        this.collect(path.get("expression") as NodePath, acc);
        return;
      case "TemplateLiteral":
      case "SequenceExpression":
        for (const e of path.get("expressions") as NodePath[]) this.collect(e, acc);
        return;
      case "TaggedTemplateExpression":
        this.collectCallee(path.get("tag") as NodePath, 1, false, acc);
        this.collect(path.get("quasi") as NodePath, acc);
        return;
      case "BinaryExpression":
      case "LogicalExpression":
        this.collect(path.get("left") as NodePath, acc);
        this.collect(path.get("right") as NodePath, acc);
        return;
      case "ConditionalExpression":
        this.collect(path.get("test") as NodePath, acc);
        this.collect(path.get("consequent") as NodePath, acc);
        this.collect(path.get("alternate") as NodePath, acc);
        return;
      default:
        acc.markDirty(`uses ${node.type.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase()}, which the compiler does not follow`);
    }
  }

  /**
   * `a.b[i].c`: the longest static path from a tracked root (`a.b`), plus the deps of computed
   * keys. A method call's receiver (`user.name.toUpperCase()` → `user.name`) is read with
   * `dropLast`: the method name is not part of the path, but a computed one is still read.
   */
  collectMember(path: NodePath, acc: Deps, dropLast: boolean): void {
    const { base, segments } = memberChain(path);
    if (dropLast) {
      const last = segments.pop();
      if (last !== undefined && typeof last !== "string") this.collect(last, acc);
    }
    let i = 0;
    if (base.isIdentifier() && !isGeneratedName(base.node.name) && !base.scope.getBinding(base.node.name)) {
      // A global namespace: only its pure members.
      const first = segments[0];
      const name = base.node.name;
      if (typeof first === "string" && isPureGlobalMember(name, first)) i = 1;
      else if (segments.length === 0 && isConstantGlobal(name)) i = 0;
      else acc.markDirty(`reads ${name}${typeof first === "string" ? `.${first}` : "[…]"}, which is not a function of the assigns`);
    } else {
      const ref: Ref = base.isIdentifier() ? (isGeneratedName(base.node.name) ? STATIC : this.resolve(base)) : this.valueRef(base, acc);
      if (ref.kind === "path") {
        let p = ref.path;
        if (ref.exact) {
          for (; i < segments.length && typeof segments[i] === "string" && isPathSegment(segments[i] as string); i++) {
            p = p ? `${p}.${segments[i]}` : (segments[i] as string);
          }
        }
        if (p === ref.path) this.useWhole(ref, base.isIdentifier() ? base.node.name : "", acc);
        else {
          acc.addPath(p);
          if (ref.inputs) acc.add(ref.inputs);
        }
      } else {
        this.useWhole(ref, base.isIdentifier() ? base.node.name : "", acc);
      }
    }
    for (; i < segments.length; i++) {
      const s = segments[i]!;
      if (typeof s !== "string") this.collect(s, acc);
    }
  }

  /** A non-identifier base of a member chain: its deps, as a ref. */
  private valueRef(base: NodePath, acc: Deps): Ref {
    const deps = new Deps();
    this.collect(base, deps);
    acc.add(deps);
    return STATIC;
  }

  private collectCall(path: NodePath<t.CallExpression | t.NewExpression | t.OptionalCallExpression>, acc: Deps): void {
    const callee = unwrap(path.get("callee") as NodePath);
    const args = path.get("arguments") as NodePath[];
    this.collectCallee(callee, args.length, path.isNewExpression(), acc);
    for (const arg of args) this.collect(arg, acc);
  }

  /**
   * A called function must be proven pure: a known built-in, a pure method of its receiver, or
   * a function whose body the compiler analysed. Its receiver (for a method) is read whole.
   */
  /** The callee of a call alone (its arguments are collected by the caller). */
  collectCalleeOf(call: NodePath<t.CallExpression | t.NewExpression | t.OptionalCallExpression>, acc: Deps): void {
    this.collectCallee(unwrap(call.get("callee") as NodePath), call.node.arguments.length, call.isNewExpression(), acc);
  }

  /** A component's tag: `<Badge>` must be a function the compiler analysed. */
  collectComponentName(name: NodePath, acc: Deps): void {
    let root = name;
    while (root.isJSXMemberExpression()) root = root.get("object") as NodePath;
    if (!root.isJSXIdentifier()) {
      acc.markDirty("uses a component tag the compiler cannot follow");
      return;
    }
    const id = root.node.name;
    const binding = root.scope.getBinding(id);
    if (!binding) {
      acc.markDirty(`uses <${id}>, which is not defined`);
      return;
    }
    const ref = this.resolveBinding(binding, id);
    if (ref.kind === "function" || ref.kind === "static") {
      if (ref.kind === "function") acc.add(ref.deps);
      return;
    }
    if (ref.kind === "deps" && ref.deps.dirty !== null) {
      acc.add(ref.deps);
      return;
    }
    acc.markDirty(`renders <${this.facts.code(name.node)}>, which is not a function the compiler can see`);
  }

  private collectCallee(callee: NodePath, argCount: number, isNew: boolean, acc: Deps): void {
    if (callee.isMemberExpression() || callee.isOptionalMemberExpression()) {
      const { base, segments } = memberChain(callee);
      const method = segments.at(-1);
      if (base.isIdentifier() && !isGeneratedName(base.node.name) && !base.scope.getBinding(base.node.name)) {
        // `Math.max(…)`, `new Intl.NumberFormat(…)`, `JSON.stringify(…)`.
        const name = base.node.name;
        const member = segments[0];
        if (segments.length === 1 && typeof member === "string" && isPureGlobalMember(name, member)) return;
        if (segments.length > 1) {
          this.collectMember(callee, acc, true);
          if (typeof method === "string" && isPureMethod(method, argCount)) return;
        }
        acc.markDirty(`calls ${this.facts.code(callee.node)}, which is not a function of the assigns`);
        return;
      }
      if (isJSMethod(callee)) {
        // A JS command list's method is pure in its receiver (a chain of the same) and arguments.
        const object = callee.get("object") as NodePath;
        if (!isJSImport(object)) this.collect(object, acc);
        return;
      }
      const receiver = this.receiverRef(callee);
      this.collectMember(callee, acc, true);
      if (receiver.kind === "static" && receiver !== STATIC_UNKNOWN) return; // a method of an immutable module constant
      if (typeof method === "string" && !isNew && isPureMethod(method, argCount)) return;
      if (typeof method === "string" && Object.hasOwn(MUTATING_METHOD_COPIES, method) && receiver.kind === "path") {
        this.tracking.reportMutation(callee.node, this.facts.code(callee.node), MUTATING_METHOD_COPIES[method] ?? null);
      }
      acc.markDirty(`calls ${this.facts.code(callee.node)}(), which the compiler cannot prove pure`);
      acc.eager = true;
      return;
    }
    if (callee.isIdentifier()) {
      const name = callee.node.name;
      if (isGeneratedName(name)) return;
      const binding = callee.scope.getBinding(name);
      if (!binding) {
        if (isNew ? isPureGlobalConstructor(name, argCount) : isPureGlobalCall(name)) return;
        acc.markDirty(`calls ${isNew ? "new " : ""}${name}(${argCount ? "…" : ""}), which is not a function of the assigns`);
        return;
      }
      const ref = this.resolve(callee);
      if (ref.kind === "function" && !isNew) {
        acc.add(ref.deps);
        return;
      }
      if (ref.kind === "deps" && ref.deps.dirty !== null) {
        acc.add(ref.deps);
        return;
      }
      acc.markDirty(`calls \`${name}\`, which is not a function the compiler can see`);
      return;
    }
    if (callee.isArrowFunctionExpression() || callee.isFunctionExpression()) {
      acc.add(this.facts.functionDeps(callee, this));
      return;
    }
    acc.markDirty(`calls ${this.facts.code(callee.node)}, which is not a function the compiler can see`);
  }

  /** What a method call's receiver root is. */
  private receiverRef(callee: NodePath): Ref {
    const { base } = memberChain(callee);
    if (!base.isIdentifier() || isGeneratedName(base.node.name)) return STATIC_UNKNOWN;
    return this.resolve(base);
  }

  useWhole(ref: Ref, name: string, acc: Deps): void {
    if (ref.kind === "static") return;
    if (ref.kind === "deps" || ref.kind === "function") {
      acc.add(ref.deps);
      return;
    }
    if (ref.inputs) acc.add(ref.inputs);
    if (ref.whole !== null) acc.markDirty(ref.whole.replace("{name}", name));
    else acc.addPath(ref.path);
  }

  /**
   * Every binding from outside `boundary` that the code inside it reads, for a statement that
   * changes a local. Calls, members and globals inside follow the same rules as in a slot.
   */
  collectStatement(statement: NodePath, acc: Deps, skip?: Binding): void {
    this.facts.bodyDeps(statement, this, acc, skip ?? null);
  }

  /** What an identifier reference stands for. */
  resolve(path: NodePath<t.Identifier>): Ref {
    const name = path.node.name;
    if (isGeneratedName(name)) return STATIC;
    const binding = path.scope.getBinding(name);
    return binding ? this.resolveBinding(binding, name) : this.resolveGlobal(name);
  }

  /** A global used as a value (not called, not a namespace): only the constant ones. */
  resolveGlobal(name: string): Ref {
    if (isConstantGlobal(name)) return STATIC;
    return dirtyRef(`reads the global \`${name}\``);
  }

  resolveBinding(binding: Binding, name: string): Ref {
    if (this.opaque.some((b) => isWithin(binding.path, b))) return STATIC;
    const param = this.tracking.params.get(binding);
    if (param !== undefined) {
      if (param.region !== this.region?.node) return dirtyRef(`reads \`${name}\` from the enclosing render; pass it as a prop`);
      return this.trackedRef(binding, name, param.base, param.access, "passes the whole assigns object `{name}` on");
    }
    const loop = this.tracking.loops.get(binding);
    if (loop !== undefined) {
      if (loop.region !== (this.region?.node ?? null)) return dirtyRef(`reads \`${name}\` from the enclosing list; pass it as a prop`);
      if (loop.rest) return dirtyRef(`reads the rest parameter \`${name}\` of a list callback`);
      return this.trackedRef(binding, name, loop.path, loop.access, null);
    }
    const fn = binding.scope.getFunctionParent();
    if (!fn) return this.facts.moduleRef(binding, name, this);
    if (this.region && (fn.path === this.region || isWithin(fn.path, this.region))) {
      return this.localRef(binding, name);
    }
    // A binding of an enclosing function: fixed for this function's life, unless it carries the
    // enclosing render's state.
    if (this.tracking.isRegion(fn.path.node as t.Function)) {
      const outer = this.analyzerFor(fn.path as NodePath<t.Function>);
      const deps = new Deps();
      outer.useWhole(outer.resolveBinding(binding, name), name, deps);
      if (deps.dirty !== null || deps.paths.size > 0) return dirtyRef(`reads \`${name}\` from the enclosing render; pass it as a prop`);
      return STATIC;
    }
    return this.facts.moduleRef(binding, name, this);
  }

  /** A parameter or list binding: its path, unless it is reassigned or changed in place. */
  private trackedRef(binding: Binding, name: string, base: string, access: PatternAccess, whole: string | null): Ref {
    const path = [base, ...access.segments.map(String)].filter((s) => s !== "").join(".");
    const inputs = access.inputs.length ? this.inputsDeps(access.inputs) : null;
    const ref: Ref = { kind: "path", path, whole: path === "" ? whole : null, exact: access.exact, inputs };
    if (binding.constantViolations.length === 0) return ref;
    // `a = { ...a, title: a.sub }`: the value is now some function of the original and of what
    // each write reads.
    const cached = this.locals.get(binding);
    if (cached) return { kind: "deps", deps: cached };
    const deps = new Deps();
    this.locals.set(binding, deps);
    this.useWhole({ ...ref, exact: false }, name, deps);
    this.collectWrites(binding, deps);
    deps.eager = true;
    return { kind: "deps", deps };
  }

  private inputsDeps(inputs: NodePath[]): Deps {
    const deps = new Deps();
    for (const input of inputs) this.collect(input, deps);
    return deps;
  }

  /** A binding declared inside the region. */
  private localRef(binding: Binding, name: string): Ref {
    const fnDef = this.facts.functionOf(binding);
    if (fnDef) return { kind: "function", deps: this.facts.functionDeps(fnDef, this) };
    return this.aliasOf(binding) ?? { kind: "deps", deps: this.localDeps(binding, name) };
  }

  /**
   * A local that names a tracked path (`const { items } = assigns`, `const user = assigns.user`)
   * is that path, so reads through it stay precise. Not when it is reassigned or changed.
   */
  private aliasOf(binding: Binding): Ref | null {
    if (binding.constantViolations.length > 0 || (binding.kind !== "const" && binding.kind !== "let")) return null;
    const decl = binding.path;
    if (!decl.isVariableDeclarator()) return null;
    const init = decl.get("init");
    if (!init.node || this.inProgress.has(binding)) return null;
    const access = patternAccess(decl.get("id") as NodePath, binding.identifier);
    if (!access) return null;
    const base = this.pathOf(unwrap(init as NodePath));
    if (base === null || base.kind !== "path") return null;
    if (this.isChanged(binding)) return null;
    const path = [base.path, ...(base.exact ? access.segments.map(String) : [])].filter((s) => s !== "").join(".");
    let inputs = base.inputs;
    if (access.inputs.length) inputs = new Deps().add(inputs ?? new Deps()).add(this.inputsDeps(access.inputs));
    return { kind: "path", path, whole: path === "" ? base.whole : null, exact: base.exact && access.exact, inputs };
  }

  /** Whether anything may change the local's value in place (a mutation, through an alias). */
  private isChanged(binding: Binding): boolean {
    const known = this.unchanged.get(binding);
    if (known && known.treeVersion === this.facts.treeVersion && known.bindings.every((b, i) => b.referencePaths.length === known.references[i])) return false;
    const deps = new Deps();
    const seen = new Set<Binding>();
    const uses = this.mutatingUses;
    this.inProgress.add(binding);
    try {
      this.collectMutations(binding, deps, seen);
    } finally {
      this.inProgress.delete(binding);
    }
    const changed = deps.dirty !== null || deps.paths.size > 0 || this.facts.mutated(binding);
    // With no use that may change it, the answer was read from the tree around the references
    // alone (no statement's deps): it holds until the tree or the references change.
    if (!changed && this.mutatingUses === uses) {
      const bindings = [...seen];
      this.unchanged.set(binding, { treeVersion: this.facts.treeVersion, bindings, references: bindings.map((b) => b.referencePaths.length) });
    }
    return changed;
  }

  /** Locals `isChanged` found unchanged, with what the answer was read from. */
  private readonly unchanged = new Map<Binding, { treeVersion: number; bindings: Binding[]; references: number[] }>();
  /** How many uses that may change a local `collectMutations` has met. */
  private mutatingUses = 0;

  /** The tracked path an identifier or static member chain names, or null. */
  private pathOf(path: NodePath): Extract<Ref, { kind: "path" }> | null {
    const { base, segments } = memberChain(path);
    if (!base.isIdentifier() || segments.some((s) => typeof s !== "string" || !isPathSegment(s))) return null;
    const ref = this.resolve(base);
    if (ref.kind !== "path") return null;
    if (segments.length === 0) return ref;
    if (!ref.exact) return ref;
    const p = [ref.path, ...(segments as string[])].filter((s) => s !== "").join(".");
    return { ...ref, path: p, whole: p === ref.path ? ref.whole : null };
  }

  /** A local `const`/`let`: the deps of its initializer and of every write and change. */
  private localDeps(binding: Binding, name: string): Deps {
    const cached = this.locals.get(binding);
    if (cached) return cached;
    if (this.inProgress.has(binding)) {
      // A local reached again while its deps are being collected (`while (rows.length < n)
      // rows.push(…)`): what it adds is already being collected. The locals collected in
      // between have an answer without it, right for this collection but not to be kept.
      const at = this.stack.indexOf(binding);
      for (let i = at + 1; i < this.stack.length; i++) this.partialAnswers.add(this.stack[i]!);
      return new Deps();
    }
    this.inProgress.add(binding);
    this.stack.push(binding);
    const deps = new Deps();
    try {
      if (binding.kind === "const" || binding.kind === "let" || binding.kind === "var") {
        this.collectDeclarator(binding, deps);
        if (binding.constantViolations.length > 0) {
          this.collectWrites(binding, deps);
          deps.eager = true;
        }
        this.collectMutations(binding, deps);
        if (this.facts.mutated(binding)) deps.markDirty(`\`${name}\` is changed where the compiler cannot follow`);
      } else if (binding.kind === "param") {
        deps.markDirty(`\`${name}\` is a parameter of a function the compiler does not track`);
      } else {
        deps.markDirty(`\`${name}\` is not derived from the assigns in a way the compiler can follow`);
      }
    } finally {
      this.inProgress.delete(binding);
      this.stack.pop();
    }
    if (this.partialAnswers.has(binding)) this.partialAnswers.delete(binding);
    else this.locals.set(binding, deps);
    return deps;
  }

  private collectDeclarator(binding: Binding, acc: Deps): void {
    const decl = binding.path;
    if (!decl.isVariableDeclarator()) {
      acc.markDirty(`\`${binding.identifier.name}\` is declared in a way the compiler cannot follow`);
      return;
    }
    const loop = decl.parentPath.parentPath;
    if (loop && (loop.isForOfStatement() || loop.isForInStatement()) && decl.parentPath.key === "left") {
      this.collect(loop.get("right") as NodePath, acc);
      this.facts.controlDeps(loop, binding.scope.block, this, acc);
      return;
    }
    const access = patternAccess(decl.get("id") as NodePath, binding.identifier);
    if (access) for (const input of access.inputs) this.collect(input, acc);
    const init = decl.get("init");
    if (init.node && this.onListLocal(init as NodePath, acc)) return;
    if (init.node) {
      const inner = new Deps();
      this.collect(init as NodePath, inner);
      // `const { name } = user` reads `user.name`, not all of `user`.
      const [only] = inner.paths;
      const segs = access ? access.segments.map(String) : [];
      if (segs.length > 0 && inner.dirty === null && inner.paths.size === 1 && isPlainRead(unwrap(init as NodePath))) {
        acc.addPath(only ? `${only}.${segs.join(".")}` : segs.join("."));
      } else {
        acc.add(inner);
      }
    }
    // Reached only under the conditions around the declaration (a `let` in a branch).
    this.facts.controlDeps(decl.parentPath, binding.scope.block, this, acc);
  }

  /** Every reassignment of a binding: what it reads and the conditions under which it runs. */
  private collectWrites(binding: Binding, acc: Deps): void {
    const ownFn = binding.scope.getFunctionParent();
    for (const write of binding.constantViolations) {
      if (write.scope.getFunctionParent() !== ownFn) {
        acc.markDirty(`\`${binding.identifier.name}\` is reassigned inside a nested function`);
        continue;
      }
      this.collectStatement(write, acc, binding);
      this.facts.controlDeps(write, binding.scope.block, this, acc);
    }
  }

  /**
   * A local object changed after its declaration (`rows.push(…)` in a loop) takes the deps of
   * each statement that may change it, and of the conditions around it. A change from inside a
   * nested function cannot be followed; a change through an alias (`const p = o; p.v = 1`) is a
   * change of `o`.
   */
  private collectMutations(binding: Binding, acc: Deps, seen = new Set<Binding>()): void {
    if (seen.has(binding)) return;
    seen.add(binding);
    const ownFn = binding.scope.getFunctionParent();
    for (const ref of binding.referencePaths) {
      if (isWithin(ref, binding.path)) continue;
      const alias = aliasTarget(ref);
      if (alias) {
        this.collectMutations(alias, acc, seen);
        continue;
      }
      if (!this.facts.isMutatingUse(ref)) continue;
      this.mutatingUses++;
      if (ref.scope.getFunctionParent() !== ownFn) {
        acc.markDirty(`\`${binding.identifier.name}\` is changed inside a nested function`);
        continue;
      }
      const statement = ref.getStatementParent();
      if (!statement) continue;
      this.collectStatement(statement, acc, binding);
      this.facts.controlDeps(statement, binding.scope.block, this, acc);
    }
  }
}

/** The receiver of a call on a value the compiler cannot name. */
const STATIC_UNKNOWN: Ref = { kind: "static" };

/** An identifier or a static member chain: reading it reads nothing else. */
function isPlainRead(path: NodePath): boolean {
  const { base, segments } = memberChain(path);
  return base.isIdentifier() && segments.every((s) => typeof s === "string");
}

/**
 * `const p = o` or `p = o` (also `o.inner`, `c ? o : q`): the binding that becomes another name
 * for (part of) the object `ref` names.
 */
function aliasTarget(ref: NodePath): Binding | null {
  let p: NodePath = ref;
  for (;;) {
    const parent = p.parentPath;
    if (!parent) return null;
    if ((parent.isMemberExpression() || parent.isOptionalMemberExpression()) && p.key === "object") p = parent;
    else if (parent.isConditionalExpression() && p.key !== "test") p = parent;
    else if (parent.isLogicalExpression()) p = parent;
    else if (parent.isParenthesizedExpression() || parent.isTSAsExpression() || parent.isTSNonNullExpression() || parent.isTSSatisfiesExpression()) p = parent;
    else break;
  }
  const parent = p.parentPath!;
  if (parent.isVariableDeclarator() && p.key === "init" && parent.node.id.type === "Identifier") {
    return parent.scope.getBinding(parent.node.id.name) ?? null;
  }
  if (parent.isAssignmentExpression({ operator: "=" }) && p.key === "right" && parent.node.left.type === "Identifier") {
    return parent.scope.getBinding(parent.node.left.name) ?? null;
  }
  return null;
}

export function isWithin(path: NodePath, ancestor: NodePath): boolean {
  for (let p: NodePath | null = path; p; p = p.parentPath) if (p.node === ancestor.node) return true;
  return false;
}
